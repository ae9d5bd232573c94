import type { Writable } from 'node:stream';
import { BEST_RATING, type RatingScale } from '../../domain/rating-scale.ts';
import type { ClaimExportView } from '../claims/claims.service.ts';
import { ATTRIBUTION_STATUS_INFO, isAttributionStatus } from '../../domain/attribution-status.ts';
import { redactEmailAddresses } from '../../text/redact.ts';

/** Spreadsheet programs read a file as UTF-8 only when it starts with a byte order mark. */
export const UTF8_BOM = '\uFEFF';

/**
 * Verdicts are written as labels, never as machine values: spreadsheets read false, and the label False
 * alike, as the boolean FALSE. Rated verdicts therefore carry their rating ("False (rating 1 of 5)").
 */
export const CSV_COLUMNS = [
  'claim_id',
  'claim_url',
  'claim',
  'language',
  'speaker',
  'attribution_chain',
  'status',
  'status_ar',
  'attribution',
  'attribution_ar',
  'kind',
  'checkworthiness',
  'article',
  'article_id',
  'assignee',
  'status_changed_by',
  'status_changed_at',
] as const;

/**
 * One field, RFC 4180: quoted when it holds a comma, quote or line break. A text that a spreadsheet
 * would run as a formula (= + - @, tab or carriage return first) gets a leading apostrophe.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: ReadonlyArray<string | number | null | undefined>): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

export function csvHeader(): string {
  return UTF8_BOM + csvLine(CSV_COLUMNS);
}

/**
 * One row of the dashboard as the spreadsheet sees it; claimUrl is the absolute link to the claim page.
 * Texts taken from articles leave the desk without e-mail addresses.
 */
export function csvRow(claim: ClaimExportView, claimUrl: string, scale: RatingScale): string {
  const rating = scale.ratingValue(claim.status);
  const statusLabel = rating !== null ? `${scale.name(claim.status, 'en')} (rating ${rating} of ${BEST_RATING})` : scale.name(claim.status, 'en');
  const attribution = isAttributionStatus(claim.attribution_status) ? ATTRIBUTION_STATUS_INFO[claim.attribution_status] : undefined;
  const chain = claim.hops.map((hop) => `${hop.outlet_name} (${hop.role.replace(/_/g, ' ')}${hop.status === 'confirmed' ? ', confirmed' : ''})`).join(' → ');
  return csvLine([
    claim.id,
    claimUrl,
    redactEmailAddresses(claim.text),
    claim.article_language,
    claim.speaker_name === null ? null : redactEmailAddresses(claim.speaker_name),
    redactEmailAddresses(chain),
    statusLabel,
    scale.name(claim.status, 'ar'),
    attribution?.en ?? claim.attribution_status,
    attribution?.ar ?? claim.attribution_status,
    claim.kind,
    Math.round(claim.checkworthiness * 100) / 100,
    redactEmailAddresses(claim.article_title),
    claim.article_id,
    claim.assignee_name,
    claim.status_changed_by,
    claim.status_changed_at,
  ]);
}

/**
 * Writes CSV chunks to the response as they come. The next batch is fetched while the previous one drains,
 * and writing pauses while the socket's buffer is full, so memory holds about one batch however many rows
 * there are. Stops quietly when the client goes away.
 */
export async function pipeCsvChunks(chunks: AsyncIterator<string>, first: IteratorResult<string>, out: Writable): Promise<void> {
  const waitForRoom = roomSignal(out);
  let next = first;
  while (!next.done && !out.destroyed) {
    const upcoming = chunks.next();
    // Awaited below; this only keeps an early failure from being reported as unhandled meanwhile.
    upcoming.catch(() => undefined);
    if (!out.write(next.value)) await waitForRoom();
    next = await upcoming;
  }
  if (out.destroyed) await chunks.return?.();
}

/**
 * A promise per pause that settles when the response drains or closes. One listener of each kind for the
 * whole export: the compression middleware hands 'drain' listeners to its gzip stream and never takes
 * them off again, so a listener per pause would pile up there.
 */
function roomSignal(out: Writable): () => Promise<void> {
  let wake: (() => void) | undefined;
  const settle = () => {
    wake?.();
    wake = undefined;
  };
  out.on('drain', settle);
  out.on('close', settle);
  return () => (out.destroyed ? Promise.resolve() : new Promise<void>((resolve) => (wake = resolve)));
}
