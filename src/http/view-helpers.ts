import { OUTLET_ROLES } from '../domain/outlet-roles.ts';
import { ATTRIBUTION_STATUSES } from '../domain/attribution-status.ts';
import { hasRole } from '../domain/roles.ts';
import { CLAIM_ORIGINS } from '../domain/claim-origin.ts';
import { autoDirectedBlocks, bidiHtml, directionOf, escapeHtml } from '../text/bidi.ts';
import { segmentText } from '../text/segments.ts';
import { overlaySegments } from '../text/overlay-segments.ts';
import type { ClaimKind } from '../extraction/types.ts';

/** The kinds the claim forms offer, in the order they are offered; their labels are `claimKind.<kind>` in the catalogues. */
const CLAIM_KINDS = ['factual', 'opinion', 'question', 'prediction'] as const satisfies readonly ClaimKind[];

const LANGUAGE_NAMES: Record<string, string> = { ar: 'العربية', en: 'English', fr: 'Français' };

/** A URL for the dashboard with some filters changed; empty values drop the filter. */
function dashboardUrl(filters: Record<string, string | undefined>, changes: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...changes })) if (value) params.set(key, value);
  const query = params.toString();
  return query ? `/?${query}` : '/';
}

/** The CSV export of a dashboard view: every page of it, same filters and order. */
function csvUrl(filters: Record<string, string | undefined>): string {
  return dashboardUrl(filters, { after: undefined }).replace(/^\/\??/, '/claims.csv?').replace(/\?$/, '');
}

/** The hidden field of a plain form's CSRF token: a helper rather than a partial, as each dashboard row has three forms and an include costs more than the field. */
function csrfField(token: string | undefined): string {
  return `<input type="hidden" name="_csrf" value="${escapeHtml(token || '')}">\n`;
}

/** Someone's words (a name, a title) set inside a sentence of the interface: escaped, and isolated so that their direction does not reorder the sentence around them. */
function isolate(text: string): string {
  return `<bdi>${escapeHtml(text)}</bdi>`;
}

export const viewHelpers = {
  attributionStatuses: ATTRIBUTION_STATUSES,
  canEdit: (user: { role: string } | undefined) => Boolean(user && hasRole(user.role, 'editor')),
  canReview: (user: { role: string } | undefined) => Boolean(user && hasRole(user.role, 'reviewer')),
  outletRoles: OUTLET_ROLES,
  claimKinds: CLAIM_KINDS,
  claimOrigins: CLAIM_ORIGINS,
  languageName: (language: string) => LANGUAGE_NAMES[language] ?? language,
  dir: directionOf,
  bidi: bidiHtml,
  autoDirectedBlocks,
  escape: escapeHtml,
  isolate,
  segments: segmentText,
  overlay: overlaySegments,
  dashboardUrl,
  csvUrl,
  csrfField,
};

export type ViewHelpers = typeof viewHelpers;
