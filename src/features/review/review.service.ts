import type { Db } from '../../db/connect.ts';
import type { NewReviewEvent } from '../../db/schema.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../../errors.ts';
import { newId, nowIso } from '../../ids.ts';
import { decodePageToken, encodePageToken } from '../../page-token.ts';
import type { RatingScale } from '../../domain/rating-scale.ts';
import { loadRatingScale } from '../ratings/ratings.service.ts';
import { updateClaimStatus, type ClaimSort } from '../claims/claims.repository.ts';
import { MAX_REVIEW_NOTE_LENGTH, getClaim, listClaimPage, statusLabelSnapshot, validateStatusChange, type ClaimPage, type ClaimView, type ClaimWrite } from '../claims/claims.service.ts';
import { ATTRIBUTION_STATUSES, isAttributionStatus, type AttributionStatus } from '../../domain/attribution-status.ts';
import {
  findClaimReviewStates,
  findClaimSummaries,
  findLatestReviewEvent,
  findHop,
  insertReviewEvents,
  listActivityEvents,
  updateAttributionStatus,
  updateClaimAssignee,
  updateHopCheck,
  type ActivityCursor,
  type ActivityRow,
  type ClaimReviewState,
  type ClaimSummary,
} from './review.repository.ts';
import type { SelectedClaim } from './review.schema.ts';
import { VERDICT_FIELDS, describeStaleVerdicts, findStaleVerdicts, type SeenVerdicts } from './verdict-changes.ts';
import { msg } from '../../i18n/translate.ts';

/** What an audit row (review_event.field) records. */
export const REVIEW_EVENT_FIELDS = ['status', 'attribution_status', 'assignee', 'hop', 'note'] as const;
export type ReviewEventField = (typeof REVIEW_EVENT_FIELDS)[number];

/** A signed-in user making a change. */
export interface Actor {
  id: string;
  name: string;
}

/** Who an audit row names; the user id is null where only a display name is known. */
export interface AuditActor {
  id: string | null;
  name: string;
}

export const MAX_BULK_CLAIMS = 500;
export const MAX_EVIDENCE_URL_LENGTH = 2000;
export const MAX_ACTIVITY_PAGE = 200;

export const HOP_CHECK_STATUSES = ['confirmed', 'unconfirmed'] as const;
export type HopCheckStatus = (typeof HOP_CHECK_STATUSES)[number];

/** The outcome of a change applied to several claims: those whose value actually changed got an audit row. */
export interface BatchResult {
  claimIds: string[];
  changedClaimIds: string[];
}

// ---------------------------------------------------------------------------------------------------
// Attribution verdict

export interface AttributionChange {
  claimId: string;
  status: string;
  expectedVersion: number;
  /** The verdicts the reviewer's form showed, to tell what changed when the version is stale. */
  seen?: SeenVerdicts | undefined;
  actor: Actor;
  note?: string | undefined;
}

export interface AttributionConflict {
  claim: ClaimView;
  attemptedAttributionStatus: AttributionStatus;
}

export function validateAttributionChange(change: Pick<AttributionChange, 'status' | 'note'>): asserts change is { status: AttributionStatus; note?: string } {
  const errors: FieldErrors = {};
  if (!isAttributionStatus(change.status)) {
    errors.attributionStatus = msg('review.error.unknownAttribution', { value: change.status, choices: ATTRIBUTION_STATUSES.map((s) => msg(`attribution.${s}`)) });
  }
  if (change.note && change.note.length > MAX_REVIEW_NOTE_LENGTH) errors.note = msg('review.error.noteTooLong', { max: MAX_REVIEW_NOTE_LENGTH });
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}

/**
 * Sets a claim's attribution verdict and writes its audit row in one transaction. It shares claim.version
 * with the verification status: a stale version is refused with the current claim, naming the verdicts
 * that changed, nothing written; it goes through when neither verdict differs from what the reviewer saw.
 */
export async function changeAttributionStatus(db: Db, change: AttributionChange): Promise<ClaimWrite> {
  validateAttributionChange(change);
  const { status } = change;
  const seen = change.seen ?? {};
  const editedMeanwhile = await db.transaction().execute(async (trx) => {
    const [current] = await findClaimReviewStates(trx, [change.claimId]);
    if (!current) throw new NotFoundError('Claim', change.claimId);
    const updated =
      (await findStaleVerdicts(trx, current.id, current, change.expectedVersion, seen)).length === 0 &&
      (await updateAttributionStatus(trx, { claimId: current.id, expectedVersion: current.version, status }));
    if (!updated) throw await attributionConflict(trx, current.id, change, status);
    await insertReviewEvents(trx, [
      auditRow(change.actor, current.id, 'attribution_status', nowIso(), {
        from_value: current.attribution_status,
        to_value: status,
        note: change.note?.trim() || null,
      }),
    ]);
    return current.version !== change.expectedVersion;
  });
  return { claim: await getClaim(db, change.claimId), editedMeanwhile };
}

async function attributionConflict(trx: Db, claimId: string, change: AttributionChange, attempted: AttributionStatus): Promise<ConflictError<AttributionConflict>> {
  const claim = await getClaim(trx, claimId);
  const message = describeStaleVerdicts(await findStaleVerdicts(trx, claimId, claim, change.expectedVersion, change.seen ?? {}));
  return new ConflictError<AttributionConflict>(message, { claim, attemptedAttributionStatus: attempted });
}

// ---------------------------------------------------------------------------------------------------
// Bulk verification status

export interface BulkStatusChange {
  /** The selected rows, each with the version it showed: a claim changed since is not overwritten. */
  selection: readonly SelectedClaim[];
  status: string;
  actor: Actor;
  note?: string | undefined;
  /** The claims a confirmation step listed and the user agreed to have their verdicts replaced. */
  confirmedReplacing?: readonly string[] | undefined;
}

/** A selected claim that changed after its row was shown, as it is now. */
export interface ChangedClaim extends ClaimSummary {
  /** Who made the latest change to one of its verdicts. */
  changedBy: string | null;
}

/** The payload of the 409 refusing a bulk change: nothing was written. */
export interface BulkStaleSelection {
  changed: ChangedClaim[];
}

export type BulkStatusOutcome =
  | ({ kind: 'applied' } & BatchResult)
  /** Nothing written: these claims carry verdicts the change would replace, and the user has not confirmed it. */
  | { kind: 'confirm'; replacing: ClaimSummary[] };

/**
 * Whether setting the status would replace a verdict someone reached: any status a reviewer set, or a
 * final one. Only the status extraction gave (unverified, or in review, untouched) is free to overwrite.
 */
export function replacesVerdict(current: Pick<ClaimReviewState, 'status' | 'status_changed_by'>, status: string, scale: RatingScale): boolean {
  if (current.status === status) return false;
  return current.status_changed_by !== null || !scale.has(current.status) || scale.isFinal(current.status);
}

/**
 * Sets the verification status of every selected claim in one transaction, bumping each version and
 * writing one audit row per claim whose status changes. All or nothing: if any selected claim changed
 * after its row was shown, nothing is written and the change is refused (ConflictError with
 * BulkStaleSelection) naming those claims as they are now, so the user can look and apply it again; a
 * half-applied bulk verdict would leave them to sort out claim by claim which part took. When the change
 * would replace verdicts (replacesVerdict) that the user has not confirmed, nothing is written and they
 * are listed for confirmation. An unknown claim refuses the whole change.
 */
export async function changeStatusBulk(db: Db, change: BulkStatusChange): Promise<BulkStatusOutcome> {
  const status = change.status;
  const selection = selectedClaims(change.selection, { versions: true });
  const claimIds = selection.map((selected) => selected.id);
  const note = change.note?.trim() || null;
  return db.transaction().execute(async (trx): Promise<BulkStatusOutcome> => {
    const scale = await loadRatingScale(trx);
    validateStatusChange(change, scale);
    const states = await claimStatesOrNotFound(trx, claimIds);
    const stale = states.filter((state, index) => state.version !== selection[index]!.version);
    if (stale.length > 0) throw await staleSelection(trx, stale.map((state) => state.id));
    const confirmed = new Set(change.confirmedReplacing ?? []);
    const replacing = states.filter((state) => replacesVerdict(state, status, scale));
    if (replacing.some((state) => !confirmed.has(state.id))) {
      return { kind: 'confirm', replacing: await claimSummariesInOrder(trx, replacing.map((state) => state.id)) };
    }
    const at = nowIso();
    const events: NewReviewEvent[] = [];
    for (const current of states) {
      if (current.status === status) continue;
      const updated = await updateClaimStatus(trx, { claimId: current.id, expectedVersion: current.version, status, actor: change.actor.name, at });
      if (!updated) throw await staleSelection(trx, [current.id]);
      events.push(auditRow(change.actor, current.id, 'status', at, { from_value: current.status, to_value: status, note, ...statusLabelSnapshot(scale, current.status, status) }));
    }
    await insertReviewEvents(trx, events);
    return { kind: 'applied', claimIds, changedClaimIds: events.map((event) => event.claim_id) };
  });
}

/** The selected claims as they are now, in the order of the selection, skipping unknown ids. */
export async function listSelectedClaims(db: Db, claimIds: readonly string[]): Promise<ClaimSummary[]> {
  return claimSummariesInOrder(db, claimIds);
}

export function isBulkStaleSelection(current: unknown): current is BulkStaleSelection {
  return typeof current === 'object' && current !== null && Array.isArray((current as BulkStaleSelection).changed);
}

async function staleSelection(trx: Db, claimIds: readonly string[]): Promise<ConflictError<BulkStaleSelection>> {
  const claims = await claimSummariesInOrder(trx, claimIds);
  const changed = await Promise.all(
    claims.map(async (claim) => ({ ...claim, changedBy: (await findLatestReviewEvent(trx, claim.id, VERDICT_FIELDS))?.actor ?? null })),
  );
  return new ConflictError<BulkStaleSelection>(msg('review.bulk.stale', { count: changed.length }), { changed });
}

async function claimSummariesInOrder(db: Db, claimIds: readonly string[]): Promise<ClaimSummary[]> {
  const byId = new Map((await findClaimSummaries(db, claimIds)).map((claim) => [claim.id, claim]));
  return claimIds.flatMap((id) => byId.get(id) ?? []);
}

// ---------------------------------------------------------------------------------------------------
// Assignment

export interface Assignment {
  claimIds: readonly string[];
  /** The user to assign, or null to unassign. */
  assigneeId: string | null;
  actor: Actor;
  /**
   * Whether assigneeId names a user who may be assigned claims (claim.assignee_id has no foreign key).
   * Called inside the transaction with its handle: query through the `db` it is given, never another
   * handle (SQLite has a single connection, which the transaction holds).
   */
  assigneeExists: (db: Db, userId: string) => Promise<boolean>;
}

export interface AssignmentConflict {
  claim: ClaimView;
  attemptedAssigneeId: string | null;
}

/**
 * Assigns (or unassigns) one or many claims in one transaction, with one audit row per claim whose
 * assignee changes (from/to are user ids). An unknown claim or assignee refuses the whole change.
 * Assignment does not bump claim.version, so it never makes a reviewer's open status form stale.
 */
export async function assignClaims(db: Db, assignment: Assignment): Promise<BatchResult> {
  const claimIds = selectedClaims(assignment.claimIds.map((id) => ({ id, version: null })), { versions: false }).map((selected) => selected.id);
  const { assigneeId } = assignment;
  if (assigneeId !== null && (typeof assigneeId !== 'string' || assigneeId.trim() === '')) {
    throw new ValidationError({ assigneeId: msg('review.error.chooseReviewer') });
  }
  const changedClaimIds = await db.transaction().execute(async (trx) => {
    if (assigneeId !== null && !(await assignment.assigneeExists(trx, assigneeId))) {
      throw new ValidationError({ assigneeId: msg('review.error.unknownReviewer') });
    }
    const states = await claimStatesOrNotFound(trx, claimIds);
    const at = nowIso();
    const events: NewReviewEvent[] = [];
    for (const current of states) {
      if (current.assignee_id === assigneeId) continue;
      const updated = await updateClaimAssignee(trx, { claimId: current.id, fromAssigneeId: current.assignee_id, assigneeId, at });
      if (!updated) {
        const claim = await getClaim(trx, current.id);
        throw new ConflictError<AssignmentConflict>(msg('review.error.reassigned'), {
          claim,
          attemptedAssigneeId: assigneeId,
        });
      }
      events.push(auditRow(assignment.actor, current.id, 'assignee', at, { from_value: current.assignee_id, to_value: assigneeId }));
    }
    await insertReviewEvents(trx, events);
    return events.map((event) => event.claim_id);
  });
  return { claimIds, changedClaimIds };
}

export interface QueueOptions {
  /** nextCursor of the previous page. */
  cursor?: string | undefined;
  pageSize: number;
  sort?: ClaimSort;
}

/** A reviewer's queue: the claims assigned to them whose status is still open, in the dashboard's row shape. */
export async function listMyQueue(db: Db, userId: string, options: QueueOptions): Promise<ClaimPage> {
  return listClaimPage(db, { assigneeId: userId, openOnly: true }, options.cursor, options.pageSize, options.sort);
}

// ---------------------------------------------------------------------------------------------------
// Attribution hops

export interface HopMark {
  claimId: string;
  hopId: string;
  status: string;
  /** http(s) link to the evidence; empty or omitted clears it. */
  evidenceUrl?: string | null | undefined;
  actor: Actor;
}

export interface HopConflict {
  claim: ClaimView;
  hopId: string;
  attemptedStatus: HopCheckStatus;
  attemptedEvidenceUrl: string | null;
}

export function isHopCheckStatus(value: unknown): value is HopCheckStatus {
  return typeof value === 'string' && (HOP_CHECK_STATUSES as readonly string[]).includes(value);
}

/** The evidence URL as stored: trimmed, null when empty; anything but an absolute http(s) URL is refused. */
export function normaliseEvidenceUrl(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') return null;
  let url: URL | undefined;
  try {
    url = new URL(trimmed);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ValidationError({ evidenceUrl: msg('review.error.evidenceUrl') });
  }
  if (trimmed.length > MAX_EVIDENCE_URL_LENGTH) throw new ValidationError({ evidenceUrl: msg('review.error.evidenceUrlTooLong', { max: MAX_EVIDENCE_URL_LENGTH }) });
  return trimmed;
}

/**
 * Records whether one hop of a claim's attribution chain was confirmed at that outlet, with the evidence
 * and who checked it, and writes its audit row (from/to status, note = evidence URL) in one transaction.
 * Marking a hop with the status and evidence it already has changes nothing and writes no audit row.
 */
export async function markHop(db: Db, mark: HopMark): Promise<ClaimView> {
  if (!isHopCheckStatus(mark.status)) throw new ValidationError({ status: 'A hop is either confirmed or unconfirmed.' });
  const status = mark.status;
  const evidenceUrl = normaliseEvidenceUrl(mark.evidenceUrl);
  await db.transaction().execute(async (trx) => {
    const hop = await findHop(trx, mark.claimId, mark.hopId);
    if (!hop) {
      if (!(await findClaimReviewStates(trx, [mark.claimId])).length) throw new NotFoundError('Claim', mark.claimId);
      throw new NotFoundError('Attribution hop', mark.hopId);
    }
    if (hop.status === status && hop.evidence_url === evidenceUrl) return;
    const at = nowIso();
    if (!(await updateHopCheck(trx, { hopId: hop.id, from: hop, status, evidenceUrl, checkedBy: mark.actor.id, at }))) {
      const claim = await getClaim(trx, mark.claimId);
      throw new ConflictError<HopConflict>(msg('review.error.hopChecked'), {
        claim,
        hopId: hop.id,
        attemptedStatus: status,
        attemptedEvidenceUrl: evidenceUrl,
      });
    }
    await insertReviewEvents(trx, [auditRow(mark.actor, mark.claimId, 'hop', at, { hop_id: hop.id, from_value: hop.status, to_value: status, note: evidenceUrl })]);
  });
  return getClaim(db, mark.claimId);
}

// ---------------------------------------------------------------------------------------------------
// Notes

export interface NoteAdded {
  claimId: string;
  noteId: string;
  actor: AuditActor;
  at: string;
}

/** The audit row of a new note; call it with the transaction that inserts the note. */
export async function recordNoteAdded(trx: Db, added: NoteAdded): Promise<void> {
  await insertReviewEvents(trx, [auditRow(added.actor, added.claimId, 'note', added.at, { note_id: added.noteId })]);
}

// ---------------------------------------------------------------------------------------------------
// Activity

export interface ActivityQuery {
  /** Only changes made by this user id. */
  actorId?: string | undefined;
  /** First day included, YYYY-MM-DD (UTC). */
  from?: string | undefined;
  /** Last day included, YYYY-MM-DD (UTC). */
  to?: string | undefined;
  /** nextCursor of the previous page. */
  before?: string | undefined;
  limit?: number | undefined;
}

export interface ActivityPage {
  events: ActivityRow[];
  /** Token for the next, older page; null on the last page. */
  nextCursor: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Every audit row across claims, newest first, with the claim's text and article; keyset-paginated. */
export async function listActivity(db: Db, query: ActivityQuery): Promise<ActivityPage> {
  const errors: FieldErrors = {};
  const from = dayStart(query.from, 'from', errors);
  const to = dayStart(query.to, 'to', errors);
  if (from && to && to < from) errors.to = msg('review.error.daysReversed');
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50) || 1, 1), MAX_ACTIVITY_PAGE);
  const rows = await listActivityEvents(
    db,
    {
      ...(query.actorId ? { actorId: query.actorId } : {}),
      ...(from ? { since: from.toISOString() } : {}),
      ...(to ? { until: new Date(to.getTime() + DAY_MS).toISOString() } : {}),
    },
    decodeActivityCursor(query.before),
    limit,
  );
  const events = rows.slice(0, limit);
  const last = events.at(-1);
  return { events, nextCursor: rows.length > limit && last ? encodeActivityCursor({ createdAt: last.created_at, id: last.id }) : null };
}

function dayStart(value: string | undefined, field: 'from' | 'to', errors: FieldErrors): Date | undefined {
  if (!value) return undefined;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00.000Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    errors[field] = msg('review.error.badDay');
    return undefined;
  }
  return date;
}

export function encodeActivityCursor(cursor: ActivityCursor): string {
  return encodePageToken([cursor.createdAt, cursor.id]);
}

export function decodeActivityCursor(token: string | undefined): ActivityCursor | undefined {
  return decodePageToken(token, ([createdAt, id, ...rest]) =>
    typeof createdAt === 'string' && typeof id === 'string' && rest.length === 0 ? { createdAt, id } : undefined,
  );
}

// ---------------------------------------------------------------------------------------------------

function auditRow(
  actor: AuditActor,
  claimId: string,
  field: ReviewEventField,
  at: string,
  values: Partial<Pick<NewReviewEvent, 'from_value' | 'to_value' | 'note' | 'hop_id' | 'note_id' | 'from_label_en' | 'from_label_ar' | 'to_label_en' | 'to_label_ar'>>,
): NewReviewEvent {
  return {
    id: newId(),
    claim_id: claimId,
    actor: actor.name,
    actor_id: actor.id,
    field,
    from_value: null,
    to_value: null,
    note: null,
    hop_id: null,
    note_id: null,
    created_at: at,
    ...values,
  };
}

/**
 * The selection of a bulk action: distinct claims in the order given (the first version given for an id
 * wins), at least one, at most MAX_BULK_CLAIMS; with versions: true, each must say which version it showed.
 */
function selectedClaims(selection: readonly SelectedClaim[], { versions }: { versions: boolean }): SelectedClaim[] {
  if (!Array.isArray(selection) || selection.some((selected) => typeof selected?.id !== 'string' || selected.id === '')) {
    throw new ValidationError({ claimIds: msg('review.bulk.invalidSelection') });
  }
  const byId = new Map<string, SelectedClaim>();
  for (const selected of selection) if (!byId.has(selected.id)) byId.set(selected.id, selected);
  const distinct = [...byId.values()];
  if (distinct.length === 0) throw new ValidationError({ claimIds: msg('review.bulk.selectOne') });
  if (distinct.length > MAX_BULK_CLAIMS) throw new ValidationError({ claimIds: msg('review.bulk.tooMany', { max: MAX_BULK_CLAIMS }) });
  if (versions && distinct.some((selected) => !Number.isInteger(selected.version))) {
    throw new ValidationError({ claimIds: msg('review.bulk.noVersions') });
  }
  return distinct;
}

/** The claims' review states in the order of ids; the first unknown id refuses the whole operation. */
async function claimStatesOrNotFound(trx: Db, ids: readonly string[]): Promise<ClaimReviewState[]> {
  const byId = new Map((await findClaimReviewStates(trx, ids)).map((row) => [row.id, row]));
  return ids.map((id) => {
    const state = byId.get(id);
    if (!state) throw new NotFoundError('Claim', id);
    return state;
  });
}
