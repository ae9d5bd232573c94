import type { Db } from '../../db/connect.ts';
import type { NewAttributionHop, NewReviewEvent, OutletRow, SpeakerRow } from '../../db/schema.ts';
import { INITIAL_STATUS } from '../../domain/claim-status.ts';
import type { ClaimOrigin } from '../../domain/claim-origin.ts';
import { OUTLET_ROLE_LABELS } from '../../domain/outlet-roles.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts';
import { newId, nowIso } from '../../ids.ts';
import { nameKey } from '../../text/name-key.ts';
import { recordDeskEvent } from '../activity/desk-events.repository.ts';
import { insertClaim, type HopListRow } from '../claims/claims.repository.ts';
import { getClaim, type ClaimView } from '../claims/claims.service.ts';
import { findOutletById } from '../outlets/outlets.repository.ts';
import { findOrCreateOutlet } from '../outlets/outlets.service.ts';
import { findSpeakerById, findSpeakerByNormalizedName } from '../speakers/speakers.repository.ts';
import { findOrCreateSpeaker } from '../speakers/speakers.service.ts';
import { deleteClaimRows, findArticleBody, findSpeakersByAlias, insertReviewEvents, replaceClaimHops, updateClaimCorrection } from './claim-edits.repository.ts';
import { parseChain, parseClaimFields, type ChainHop, type ClaimEditorValues } from './claim-edits.schema.ts';
import { msg, type LocalizedText } from '../../i18n/translate.ts';
import { indexClaims, lockClustersForClaimDeletion } from '../clusters/clusters.service.ts';
import { clustersOfClaims, refreshQuoteDriftOfClaims, refreshQuoteDriftOfClusters } from '../clusters/quote-drift.service.ts';

/** Characters of context kept on each side of a claim, as ingestion keeps them (TextQuoteSelector prefix/suffix). */
export const CONTEXT_LENGTH = 32;

/** A claim added by hand was never scored: the middle of the scale sorts it among the others. */
const MANUAL_CHECKWORTHINESS = 0.5;

export type CorrectedField = 'span' | 'speaker' | 'cue' | 'kind' | 'chain';

export interface Actor {
  id: string;
  name: string;
}

export interface ClaimSpanText {
  start: number;
  end: number;
  text: string;
  prefix: string;
  suffix: string;
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** The claim's text is always the article's own, cut at the given UTF-16 offsets, never what a form says it is. */
export function spanOf(body: string, start: number, end: number): ClaimSpanText {
  let message: LocalizedText | undefined;
  // A character position is written as the span fields take it, without grouping.
  if (end > body.length) message = msg('claims.error.spanPastEnd', { length: String(body.length) });
  else if (end <= start) message = msg('claims.error.spanEmpty');
  else if (isLowSurrogate(body.charCodeAt(start)) || (end < body.length && isLowSurrogate(body.charCodeAt(end)))) {
    message = msg('claims.error.spanSplitsCharacter');
  } else if (!body.slice(start, end).trim()) message = msg('claims.error.spanBlank');
  if (message) throw new ValidationError({ span: message });
  return { start, end, text: body.slice(start, end), prefix: body.slice(Math.max(0, start - CONTEXT_LENGTH), start), suffix: body.slice(end, end + CONTEXT_LENGTH) };
}

/** A merged record stands for the one it became; a short walk, in case merges were chained. */
async function followMerges<Row extends { merged_into: string | null }>(row: Row, find: (id: string) => Promise<Row | undefined>): Promise<Row> {
  let current = row;
  for (let step = 0; step < 5 && current.merged_into; step += 1) {
    const next = await find(current.merged_into);
    if (!next) break;
    current = next;
  }
  return current;
}

/** The speaker a typed name means: by name, then by alias; a new one only when the form asks for it. */
export async function resolveSpeaker(db: Db, name: string, createIfUnknown: boolean): Promise<SpeakerRow> {
  const key = nameKey(name);
  // Invisible characters alone (zero-width spaces, marks) name nobody, and would match every such name.
  if (!key) throw new ValidationError({ speaker: msg('claims.error.nameSpeaker') });
  const known = (await findSpeakerByNormalizedName(db, key)) ?? (await findSpeakersByAlias(db, key))[0];
  if (known) return followMerges(known, (id) => findSpeakerById(db, id));
  if (!createIfUnknown) throw new ValidationError({ speaker: msg('claims.error.noSuchSpeaker', { name }) });
  return findOrCreateSpeaker(db, { name, aliases: [], unnamed: false });
}

function describeSpan(span: { start: number; end: number; text: string }): string {
  return `${span.start}–${span.end} «${span.text}»`;
}

function describeChain(hops: ReadonlyArray<{ outletName: string; role: string }>): string {
  if (hops.length === 0) return 'no outlet';
  return hops.map((hop) => `${hop.outletName} (${OUTLET_ROLE_LABELS[hop.role as keyof typeof OUTLET_ROLE_LABELS]?.en ?? hop.role})`).join(' → ');
}

interface ResolvedHop {
  row: NewAttributionHop;
  outletName: string;
}

/**
 * The chain's rows in their new order. A hop that keeps its outlet keeps its confirmation and evidence;
 * one whose outlet changed starts unconfirmed, since the evidence was about another outlet.
 */
async function resolveChain(db: Db, claim: ClaimView, chain: ChainHop[]): Promise<ResolvedHop[]> {
  const resolved: ResolvedHop[] = [];
  for (const [index, hop] of chain.entries()) {
    const found = await findOrCreateOutlet(db, { name: hop.outlet, kind: 'website' });
    const outlet: OutletRow = await followMerges(found, (id) => findOutletById(db, id));
    const previous: HopListRow | undefined = claim.hops.find((stored) => stored.id === hop.id && stored.outlet_id === outlet.id);
    const position = index + 1;
    const row: NewAttributionHop = previous
      ? { id: previous.id, claim_id: claim.id, outlet_id: outlet.id, role: hop.role, position, url: previous.url, status: previous.status, evidence_url: previous.evidence_url, checked_by: previous.checked_by, checked_at: previous.checked_at }
      : { id: newId(), claim_id: claim.id, outlet_id: outlet.id, role: hop.role, position, url: null, status: 'unconfirmed' };
    resolved.push({ row, outletName: outlet.name });
  }
  return resolved;
}

export interface ClaimEdit {
  claimId: string;
  expectedVersion: number;
  values: ClaimEditorValues;
  actor: Actor;
}

export interface ClaimEditResult {
  claim: ClaimView;
  changed: CorrectedField[];
}

export interface EditConflict {
  claim: ClaimView;
}

/** A form without its version cannot tell whether it is stale: it is refused before anything is read. */
function requireVersion(version: number): void {
  if (!Number.isInteger(version) || version < 1) throw new ValidationError({ version: msg('claims.error.versionLost') });
}

export function staleEditMessage(expected: number, current: number): LocalizedText {
  return msg('claims.error.editConflict', { expected, current });
}

/**
 * Corrects a claim's span, speaker, cue, kind and chain in one transaction: the claim's version moves
 * on once, and each field that changed gets its own audit row. A stale version is refused with the
 * current claim rather than overwriting someone else's correction.
 */
export async function editClaim(db: Db, edit: ClaimEdit): Promise<ClaimEditResult> {
  requireVersion(edit.expectedVersion);
  const fields = parseClaimFields(edit.values);
  const chain = parseChain(edit.values);
  const changed = await db.transaction().execute(async (trx) => {
    const current = await getClaim(trx, edit.claimId);
    if (current.version !== edit.expectedVersion) throw new ConflictError<EditConflict>(staleEditMessage(edit.expectedVersion, current.version), { claim: current });
    const article = await findArticleBody(trx, current.article_id);
    if (!article) throw new NotFoundError('Article', current.article_id);
    const span = spanOf(article.body, fields.start, fields.end);
    const speaker = await resolveSpeaker(trx, fields.speaker, fields.newSpeaker);
    const hops = await resolveChain(trx, current, chain);
    const events = correctionEvents(current, { span, speakerName: speaker.name, speakerId: speaker.id, cue: fields.cue, kind: fields.kind, hops });
    if (events.length === 0) return [];
    const at = nowIso();
    const origin: ClaimOrigin = current.origin === 'manual' ? 'manual' : 'edited';
    const updated = await updateClaimCorrection(trx, {
      claimId: current.id,
      expectedVersion: edit.expectedVersion,
      speakerId: speaker.id,
      text: span.text,
      startOffset: span.start,
      endOffset: span.end,
      prefix: span.prefix,
      suffix: span.suffix,
      cue: fields.cue,
      kind: fields.kind,
      origin,
      editedBy: edit.actor.id,
      at,
      clearSpeakerMention: speaker.id !== current.speaker_id,
    });
    if (!updated) throw new ConflictError<EditConflict>(staleEditMessage(edit.expectedVersion, edit.expectedVersion + 1), { claim: current });
    if (events.some((event) => event.field === 'chain')) await replaceClaimHops(trx, current.id, hops.map((hop) => hop.row));
    await insertReviewEvents(trx, events.map((event) => ({ ...event, id: newId(), claim_id: current.id, actor: edit.actor.name, actor_id: edit.actor.id, note: null, created_at: at })));
    return events.map((event) => event.field as CorrectedField);
  });
  // A new span is a new text, a new speaker another score: the claim is indexed again once the correction is in.
  if (changed.includes('span') || changed.includes('speaker')) {
    await indexClaims(db, [edit.claimId]);
    // Staying in its cluster is no change of membership: the quote's drift is computed again here.
    await refreshQuoteDriftOfClaims(db, [edit.claimId]);
  }
  return { claim: await getClaim(db, edit.claimId), changed };
}

interface Corrected {
  span: ClaimSpanText;
  speakerId: string;
  speakerName: string;
  cue: string;
  kind: string;
  hops: ResolvedHop[];
}

type FieldChange = Pick<NewReviewEvent, 'field' | 'from_value' | 'to_value'>;

/** One audit row per field that differs, with both sides in words a reader of the history understands. */
function correctionEvents(current: ClaimView, next: Corrected): FieldChange[] {
  const events: FieldChange[] = [];
  if (current.start_offset !== next.span.start || current.end_offset !== next.span.end) {
    events.push({ field: 'span', from_value: describeSpan({ start: current.start_offset, end: current.end_offset, text: current.text }), to_value: describeSpan(next.span) });
  }
  if (current.speaker_id !== next.speakerId) events.push({ field: 'speaker', from_value: current.speaker_name ?? 'unknown', to_value: next.speakerName });
  if (current.cue !== next.cue) events.push({ field: 'cue', from_value: current.cue, to_value: next.cue });
  if (current.kind !== next.kind) events.push({ field: 'kind', from_value: current.kind, to_value: next.kind });
  const chainKey = (hops: ReadonlyArray<{ outlet_id: string; role: string }>) => hops.map((hop) => `${hop.outlet_id}:${hop.role}`).join('|');
  if (chainKey(current.hops) !== chainKey(next.hops.map((hop) => hop.row))) {
    events.push({
      field: 'chain',
      from_value: describeChain(current.hops.map((hop) => ({ outletName: hop.outlet_name, role: hop.role }))),
      to_value: describeChain(next.hops.map((hop) => ({ outletName: hop.outletName, role: hop.row.role }))),
    });
  }
  return events;
}

export interface ClaimAddition {
  articleId: string;
  values: ClaimEditorValues;
  actor: Actor;
}

/** A claim the engine missed, added by an editor: unverified, marked as added by hand, with a 'created' audit row. */
export async function addClaim(db: Db, addition: ClaimAddition): Promise<ClaimView> {
  const fields = parseClaimFields(addition.values);
  const id = newId();
  await db.transaction().execute(async (trx) => {
    const article = await findArticleBody(trx, addition.articleId);
    if (!article) throw new NotFoundError('Article', addition.articleId);
    const span = spanOf(article.body, fields.start, fields.end);
    const speaker = await resolveSpeaker(trx, fields.speaker, fields.newSpeaker);
    const at = nowIso();
    await insertClaim(trx, {
      id,
      article_id: article.id,
      speaker_id: speaker.id,
      text: span.text,
      start_offset: span.start,
      end_offset: span.end,
      prefix: span.prefix,
      suffix: span.suffix,
      cue: fields.cue,
      kind: fields.kind,
      checkworthiness: MANUAL_CHECKWORTHINESS,
      status: INITIAL_STATUS,
      version: 1,
      created_at: at,
      assignee_id: null,
      assigned_at: null,
      summary: null,
      published_at: null,
      speaker_mention_start: null,
      speaker_mention_end: null,
      speaker_mention_text: null,
      origin: 'manual',
      edited_by: addition.actor.id,
      edited_at: at,
    });
    await insertReviewEvents(trx, [
      { id: newId(), claim_id: id, actor: addition.actor.name, actor_id: addition.actor.id, field: 'created', from_value: null, to_value: describeSpan(span), note: null, created_at: at },
    ]);
  });
  await indexClaims(db, [id]);
  return getClaim(db, id);
}

export interface ClaimDeletion {
  claimId: string;
  expectedVersion: number;
  actor: Actor;
}

/**
 * Deletes a claim that should not be there at all ("not a claim" keeps it, shown as rejected). What it
 * was, its speaker, chain and verdicts, stays in the desk's audit log.
 */
export async function deleteClaim(db: Db, deletion: ClaimDeletion): Promise<ClaimView> {
  requireVersion(deletion.expectedVersion);
  // The claim may have been its speaker's earliest appearance in a cluster: the others' drift is computed again after.
  const clusterIds = await clustersOfClaims(db, [deletion.claimId]);
  const deleted = await db.transaction().execute(async (trx) => {
    await lockClustersForClaimDeletion(trx);
    const claim = await getClaim(trx, deletion.claimId);
    if (claim.version !== deletion.expectedVersion) throw new ConflictError<EditConflict>(staleEditMessage(deletion.expectedVersion, claim.version), { claim });
    const words = claim.text.length > 80 ? `${claim.text.slice(0, 80)}…` : claim.text;
    await recordDeskEvent(trx, {
      actor_id: deletion.actor.id,
      actor: deletion.actor.name,
      action: 'claim.delete',
      target_type: 'claim',
      target_id: claim.id,
      summary: `deleted the claim «${words}» of ${claim.speaker_name ? `«${claim.speaker_name}»` : 'an unknown speaker'} from «${claim.article_title}»`,
      before: deletedClaimRecord(claim),
    });
    if (!(await deleteClaimRows(trx, claim.id, deletion.expectedVersion))) {
      throw new ConflictError<EditConflict>(staleEditMessage(deletion.expectedVersion, deletion.expectedVersion + 1), { claim });
    }
    return claim;
  });
  await refreshQuoteDriftOfClusters(db, clusterIds);
  return deleted;
}

function deletedClaimRecord(claim: ClaimView) {
  return {
    article_id: claim.article_id,
    article_title: claim.article_title,
    text: claim.text,
    start_offset: claim.start_offset,
    end_offset: claim.end_offset,
    speaker_id: claim.speaker_id,
    speaker: claim.speaker_name,
    cue: claim.cue,
    kind: claim.kind,
    origin: claim.origin ?? 'machine',
    status: claim.status,
    attribution_status: claim.attribution_status,
    version: claim.version,
    chain: claim.hops.map((hop) => ({ outlet_id: hop.outlet_id, outlet: hop.outlet_name, role: hop.role, status: hop.status, evidence_url: hop.evidence_url })),
  };
}
