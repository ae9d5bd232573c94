import type { Db } from '../../db/connect.ts';
import type { ReviewEventRow } from '../../db/schema.ts';
import { ConflictError, InputRejectedError, NotFoundError, ValidationError, type FieldErrors } from '../../errors.ts';
import { newId, nowIso } from '../../ids.ts';
import { decodePageToken, encodePageToken } from '../../page-token.ts';
import { describeStaleVerdicts, findStaleVerdicts, type SeenVerdicts } from '../review/verdict-changes.ts';
import type { RatingScale } from '../../domain/rating-scale.ts';
import { loadRatingScale } from '../ratings/ratings.service.ts';
import { nameKey } from '../../text/name-key.ts';
import { NamedInBoth, msg } from '../../i18n/translate.ts';
import {
  countClaimsByStatus,
  findClaimById,
  findSpeakerMention,
  insertReviewEvent,
  listClaims,
  listClaimsForExport,
  listExportHopsForClaims,
  listHopsForClaims,
  listReviewEvents,
  updateClaimStatus,
  type ClaimCursor,
  type ClaimExportRow,
  type ClaimFilters,
  type ClaimListRow,
  type ClaimSort,
  type ClaimStatusFields,
  type ExportHopRow,
  type HopListRow,
} from './claims.repository.ts';

export const MAX_REVIEW_NOTE_LENGTH = 2000;

export interface ClaimView extends ClaimListRow {
  hops: HopListRow[];
}

export interface StatusCount {
  status: string;
  count: number;
}

export interface ClaimPage {
  claims: ClaimView[];
  nextCursor: string | null;
  counts: StatusCount[];
  total: number;
  /** False when a combination of filters matched more claims than are counted: the counts are lower bounds. */
  countsComplete: boolean;
}

export async function listClaimPage(
  db: Db,
  filters: ClaimFilters,
  cursorToken: string | undefined,
  pageSize: number,
  sort: ClaimSort = 'newest',
): Promise<ClaimPage> {
  const { status, ...otherFilters } = filters;
  const after = decodeCursor(cursorToken);
  // A cursor from another ordering would skip rows: start that ordering from its first page instead.
  const scale = await loadRatingScale(db);
  refuseUnknownStatusFilter(scale, status);
  const scoped = withOpenStatuses(filters, scale);
  const [rows, statusCounts] = await Promise.all([
    listClaims(db, scoped, after?.sort === sort ? after : undefined, pageSize, sort),
    countClaimsByStatus(db, withOpenStatuses(otherFilters, scale)),
  ]);
  const pageRows = rows.slice(0, pageSize);
  const last = pageRows.at(-1);
  const counts = countsInScale(scale, statusCounts.byStatus);
  return {
    claims: await withHops(db, pageRows),
    nextCursor: rows.length > pageSize && last ? encodeCursor(cursorOf(last, sort)) : null,
    counts,
    total: status ? (statusCounts.byStatus.get(status) ?? 0) : counts.reduce((sum, c) => sum + c.count, 0),
    countsComplete: statusCounts.complete,
  };
}

/** The counts per status under the other filters, without the page of claims: what a summary refresh needs. */
export async function getStatusCounts(db: Db, filters: ClaimFilters): Promise<Pick<ClaimPage, 'counts' | 'countsComplete'>> {
  const { status: _status, ...otherFilters } = filters;
  const scale = await loadRatingScale(db);
  const statusCounts = await countClaimsByStatus(db, withOpenStatuses(otherFilters, scale));
  return { counts: countsInScale(scale, statusCounts.byStatus), countsComplete: statusCounts.complete };
}

/** A filter on a label the desk's scale has never had is refused (400) in words; a retired label still finds its claims. */
export function refuseUnknownStatusFilter(scale: RatingScale, status: string | undefined): void {
  if (status !== undefined && !scale.has(status)) throw new InputRejectedError(400, msg('claims.filter.invalid', { field: msg('claims.filter.status') }));
}

/** "Open" is what the desk's scale says it is: every label that does not close the review. */
export function withOpenStatuses<Filters extends Pick<ClaimFilters, 'openOnly'>>(filters: Filters, scale: RatingScale): Filters {
  return filters.openOnly ? { ...filters, openOnly: scale.openCodes } : filters;
}

/** A count for every label offered, in the scale's order, and for a retired one while claims still carry it. */
export function countsInScale(scale: RatingScale, byStatus: ReadonlyMap<string, number>): StatusCount[] {
  const counts = scale.labels.map((label) => ({ status: label.code, count: byStatus.get(label.code) ?? 0, retired: label.retiredAt !== null }));
  return counts.filter((count) => !count.retired || count.count > 0).map(({ status, count }) => ({ status, count }));
}

/**
 * Every claim that matches the filters, in the dashboard's order, one batch at a time: the same keyset
 * pagination as the dashboard's pages, so an export of any size never holds more than a batch.
 */
export async function* eachClaimBatch(db: Db, filters: ClaimFilters, sort: ClaimSort = 'newest', batchSize = 500): AsyncGenerator<ClaimView[]> {
  for await (const rows of keysetBatches((after) => listClaims(db, filters, after, batchSize, sort), sort, batchSize)) {
    yield await withHops(db, rows);
  }
}

export interface ClaimExportView extends ClaimExportRow {
  hops: ExportHopRow[];
}

/** eachClaimBatch with what a CSV export writes and nothing more. */
export async function* eachClaimExportBatch(db: Db, filters: ClaimFilters, sort: ClaimSort = 'newest', batchSize = 500): AsyncGenerator<ClaimExportView[]> {
  for await (const rows of keysetBatches((after) => listClaimsForExport(db, filters, after, batchSize, sort), sort, batchSize)) {
    yield attachHops(rows, await listExportHopsForClaims(db, rows.map((row) => row.id)));
  }
}

type CursorRow = Pick<ClaimListRow, 'id' | 'checkworthiness' | 'article_ingested_at' | 'article_id' | 'start_offset'>;

async function* keysetBatches<Row extends CursorRow>(page: (after: ClaimCursor | undefined) => Promise<Row[]>, sort: ClaimSort, batchSize: number): AsyncGenerator<Row[]> {
  let after: ClaimCursor | undefined;
  for (;;) {
    const rows = await page(after);
    const batch = rows.slice(0, batchSize);
    if (batch.length > 0) yield batch;
    const last = batch.at(-1);
    if (rows.length <= batchSize || !last) return;
    after = cursorOf(last, sort);
  }
}

export async function getClaim(db: Db, id: string): Promise<ClaimView> {
  const row = await findClaimById(db, id);
  if (!row) throw new NotFoundError('Claim', id);
  const [view] = await withHops(db, [row]);
  return view!;
}

/** The words of the article the claim's speaker was resolved from. */
export interface SpeakerMention {
  start: number;
  end: number;
  text: string;
  /** Whether the words say something the speaker's name does not ("the French expert", "he"). */
  differsFromSpeaker: boolean;
}

/**
 * The stored speaker mention of a claim, or null when there is none (claims ingested before
 * mentions were kept) or its offsets no longer point at its words in the article body.
 */
export async function getSpeakerMention(db: Db, claim: ClaimListRow, body: string): Promise<SpeakerMention | null> {
  const row = await findSpeakerMention(db, claim.id);
  const start = row?.speaker_mention_start;
  const end = row?.speaker_mention_end;
  const text = row?.speaker_mention_text;
  if (start == null || end == null || text == null) return null;
  if (start < 0 || end <= start || end > body.length || body.slice(start, end) !== text) return null;
  return { start, end, text, differsFromSpeaker: nameKey(text) !== nameKey(claim.speaker_name ?? '') };
}

export async function getClaimHistory(db: Db, id: string): Promise<ReviewEventRow[]> {
  return listReviewEvents(db, id);
}

export interface StatusChange {
  claimId: string;
  status: string;
  expectedVersion: number;
  /** The verdicts the reviewer's form showed, to tell what changed when the version is stale. */
  seen?: SeenVerdicts | undefined;
  actor: string;
  /** The actor's user id, recorded in the audit row when known. */
  actorId?: string | null | undefined;
  /** The desk's scale as the request already read it; read afresh when not given. */
  scale?: RatingScale | undefined;
  note?: string | undefined;
  /**
   * Runs in the change's transaction once the status is written (checks that must hold when it commits,
   * and audit rows of its own, e.g. a verdict reused from another appearance); throwing undoes the change.
   */
  alsoInTransaction?: ((trx: Db, before: ClaimListRow) => Promise<void>) | undefined;
  /** Runs first in the change's transaction, before the claim is read (e.g. to lock rows it depends on, in a set order). */
  beforeInTransaction?: ((trx: Db) => Promise<void>) | undefined;
}

/** The rules a status change obeys before it reaches the database. */
export function validateStatusChange(change: Pick<StatusChange, 'status' | 'note'>, scale: RatingScale): asserts change is { status: string; note?: string } {
  const errors: FieldErrors = {};
  const choices = scale.offered.map((label) => new NamedInBoth(label.name));
  if (!scale.has(change.status)) errors.status = msg('review.error.unknownStatus', { value: change.status, choices });
  else if (!scale.isOffered(change.status)) errors.status = msg('ratings.invalid.retired', { code: change.status, choices });
  if (change.note && change.note.length > MAX_REVIEW_NOTE_LENGTH) errors.note = msg('review.error.noteTooLong', { max: MAX_REVIEW_NOTE_LENGTH });
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}

export interface StatusConflict {
  claim: ClaimView;
  attemptedStatus: string;
}

/** A change written, and whether it went on top of other edits that had left both verdicts as the reviewer saw them. */
export interface ClaimWrite {
  claim: ClaimView;
  editedMeanwhile: boolean;
}

/**
 * Sets a claim's verification status and writes its audit row in one transaction. A stale version
 * is refused with the current state, naming the verdicts that changed, rather than overwriting
 * someone else's verdict; it goes through when neither verdict differs from what the reviewer saw.
 */
export async function changeClaimStatus(db: Db, change: StatusChange): Promise<ClaimWrite> {
  const { status } = change;
  const { current, written } = await db.transaction().execute(async (trx) => {
    await change.beforeInTransaction?.(trx);
    const scale = change.scale ?? (await loadRatingScale(trx));
    validateStatusChange(change, scale);
    const current = await findClaimById(trx, change.claimId);
    if (!current) throw new NotFoundError('Claim', change.claimId);
    const stale = await findStaleVerdicts(trx, current.id, current, change.expectedVersion, change.seen ?? {});
    const written = stale.length > 0 ? undefined : await applyStatus(trx, current, change, status, scale);
    if (written && change.alsoInTransaction) await change.alsoInTransaction(trx, current);
    if (!written) {
      const latest = (await findClaimById(trx, change.claimId)) ?? current;
      const [claim] = await withHops(trx, [latest]);
      const message = describeStaleVerdicts(await findStaleVerdicts(trx, latest.id, latest, change.expectedVersion, change.seen ?? {}));
      throw new ConflictError<StatusConflict>(message, { claim: claim!, attemptedStatus: status });
    }
    return { current, written };
  });
  // The claim as written is the one read in the transaction with its new status fields: a status change
  // touches nothing else. Its hops are read after the commit, outside the write lock.
  const [claim] = await withHops(db, [{ ...current, ...written }]);
  return { claim: claim!, editedMeanwhile: current.version !== change.expectedVersion };
}

async function applyStatus(trx: Db, current: ClaimListRow, change: StatusChange, status: string, scale: RatingScale): Promise<ClaimStatusFields | undefined> {
  const at = nowIso();
  const written = await updateClaimStatus(trx, { claimId: current.id, expectedVersion: current.version, status, actor: change.actor, at });
  if (!written) return undefined;
  await insertReviewEvent(trx, {
    id: newId(),
    claim_id: current.id,
    actor: change.actor,
    actor_id: change.actorId ?? null,
    field: 'status',
    from_value: current.status,
    to_value: status,
    ...statusLabelSnapshot(scale, current.status, status),
    note: change.note?.trim() || null,
    created_at: at,
  });
  return written;
}

async function withHops(db: Db, rows: ClaimListRow[]): Promise<ClaimView[]> {
  return attachHops(rows, await listHopsForClaims(db, rows.map((row) => row.id)));
}

/** Each row with its hops, which come ordered by claim and position. */
function attachHops<Row extends { id: string }, Hop extends { claim_id: string }>(rows: Row[], hops: Hop[]): Array<Row & { hops: Hop[] }> {
  const byClaim = new Map<string, Hop[]>();
  for (const hop of hops) {
    const chain = byClaim.get(hop.claim_id);
    if (chain) chain.push(hop);
    else byClaim.set(hop.claim_id, [hop]);
  }
  return rows.map((row) => ({ ...row, hops: byClaim.get(row.id) ?? [] }));
}

function cursorOf(row: CursorRow, sort: ClaimSort): ClaimCursor {
  if (sort === 'checkworthiness') return { sort, score: row.checkworthiness, claimId: row.id };
  return { sort, ingestedAt: row.article_ingested_at, articleId: row.article_id, start: row.start_offset, claimId: row.id };
}

export function encodeCursor(cursor: ClaimCursor): string {
  const values = cursor.sort === 'newest' ? [cursor.sort, cursor.ingestedAt, cursor.articleId, cursor.start, cursor.claimId] : [cursor.sort, cursor.score, cursor.claimId];
  return encodePageToken(values);
}

export function decodeCursor(token: string | undefined): ClaimCursor | undefined {
  return decodePageToken(token, cursorFromValues);
}

function cursorFromValues(values: unknown[]): ClaimCursor | undefined {
  const [sort, ...rest] = values;
  if (sort === 'newest' && rest.length === 4) {
    const [ingestedAt, articleId, start, claimId] = rest;
    if (typeof ingestedAt === 'string' && typeof articleId === 'string' && Number.isInteger(start) && typeof claimId === 'string') {
      return { sort, ingestedAt, articleId, start: start as number, claimId };
    }
  }
  if (sort === 'checkworthiness' && rest.length === 2) {
    const [score, claimId] = rest;
    if (typeof score === 'number' && Number.isFinite(score) && typeof claimId === 'string') return { sort, score, claimId };
  }
  return undefined;
}

/** The names both labels of a status change have now, written into its history line, which keeps them after a rename. */
export function statusLabelSnapshot(scale: RatingScale, from: string | null, to: string | null) {
  return {
    from_label_en: from === null ? null : scale.name(from, 'en'),
    from_label_ar: from === null ? null : scale.name(from, 'ar'),
    to_label_en: to === null ? null : scale.name(to, 'en'),
    to_label_ar: to === null ? null : scale.name(to, 'ar'),
  };
}
