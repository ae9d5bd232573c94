import { OUTLET_ROLES, OUTLET_ROLE_LABELS, type OutletRole } from '../domain/outlet-roles.ts';
import { CLAIM_STATUSES, STATUS_INFO, isClaimStatus } from '../domain/claim-status.ts';
import { ATTRIBUTION_STATUSES, ATTRIBUTION_STATUS_INFO, isAttributionStatus } from '../domain/attribution-status.ts';
import { hasRole } from '../domain/roles.ts';
import { CLAIM_ORIGINS, ORIGIN_LABELS, isClaimOrigin } from '../domain/claim-origin.ts';
import { autoDirectedBlocks, bidiHtml, directionOf, escapeHtml } from '../text/bidi.ts';
import { segmentText } from '../text/segments.ts';
import { overlaySegments } from '../text/overlay-segments.ts';

const CLAIM_KIND_LABELS: Record<string, string> = {
  factual: 'Factual',
  opinion: 'Opinion',
  question: 'Question',
  prediction: 'Prediction',
};

const LANGUAGE_NAMES: Record<string, string> = { ar: 'العربية', en: 'English', fr: 'Français' };

function statusLabel(status: string): { en: string; ar: string } {
  return isClaimStatus(status) ? STATUS_INFO[status] : { en: status, ar: status };
}

function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

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

function attributionLabel(status: string): { en: string; ar: string } {
  return isAttributionStatus(status) ? ATTRIBUTION_STATUS_INFO[status] : { en: status, ar: status };
}

export const viewHelpers = {
  statuses: CLAIM_STATUSES,
  statusLabel,
  /** Whether a status is a verdict ClaimReview can rate (accurate … false). */
  isRatedStatus: (status: string) => isClaimStatus(status) && STATUS_INFO[status].rating !== null,
  attributionStatuses: ATTRIBUTION_STATUSES,
  attributionLabel,
  canEdit: (user: { role: string } | undefined) => Boolean(user && hasRole(user.role, 'editor')),
  canReview: (user: { role: string } | undefined) => Boolean(user && hasRole(user.role, 'reviewer')),
  roleLabel: (role: string) => OUTLET_ROLE_LABELS[role as OutletRole] ?? { en: role.replace(/_/g, ' '), ar: role },
  outletRoles: OUTLET_ROLES,
  kindLabel: (kind: string) => CLAIM_KIND_LABELS[kind] ?? kind,
  claimKinds: Object.keys(CLAIM_KIND_LABELS),
  claimOrigins: CLAIM_ORIGINS,
  originLabel: (origin: string) => (isClaimOrigin(origin) ? ORIGIN_LABELS[origin] : { en: origin, ar: origin }),
  languageName: (language: string) => LANGUAGE_NAMES[language] ?? language,
  dir: directionOf,
  bidi: bidiHtml,
  autoDirectedBlocks,
  escape: escapeHtml,
  segments: segmentText,
  overlay: overlaySegments,
  time: formatTime,
  percent: (value: number) => `${Math.round(value * 100)}%`,
  dashboardUrl,
  csvUrl,
  csrfField,
};

export type ViewHelpers = typeof viewHelpers;
