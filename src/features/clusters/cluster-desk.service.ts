import type { Db } from '../../db/connect.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts';
import { newId, nowIso } from '../../ids.ts';
import { NamedInBoth, msg, type LocalizedText } from '../../i18n/translate.ts';
import type { RatingScale } from '../../domain/rating-scale.ts';
import { loadRatingScale } from '../ratings/ratings.service.ts';
import { recordDeskEvent } from '../activity/desk-events.repository.ts';
import { insertReviewEvent, type ClaimListRow } from '../claims/claims.repository.ts';
import { changeClaimStatus, getClaim, type ClaimView, type ClaimWrite } from '../claims/claims.service.ts';
import type { SeenVerdicts } from '../review/verdict-changes.ts';
import {
  findClaimVerdict,
  findClusterIdOf,
  listAppearancesByIds,
  lockClaimRows,
  listClusterMemberDates,
  listPendingSuggestions,
  type AppearanceRow,
  type MemberDatesRow,
  type PendingSuggestionRow,
} from './cluster-desk.repository.ts';
import { findMemberships } from './clusters.repository.ts';
import { SuggestionDecidedError, decideSuggestion, type DecidedSuggestion } from './clusters.service.ts';

/** The audit rows (review_event.field) the cluster decisions write on a claim's history. */
export const CLUSTER_EVENT_FIELDS = ['cluster_confirmed', 'cluster_rejected', 'verdict_reused'] as const;
export type ClusterEventField = (typeof CLUSTER_EVENT_FIELDS)[number];

/** The desk_event actions of the same decisions (the Activity log). */
export const CLUSTER_DESK_ACTIONS = { confirm: 'cluster.confirm', reject: 'cluster.reject', reuse: 'claim.reuse_verdict' } as const;

/** Appearances shown on the claim page, earliest first; a bigger cluster says how many more it has. */
export const MAX_APPEARANCES_SHOWN = 100;
/** Undecided suggestions shown on the claim page, most similar first. */
export const MAX_SUGGESTIONS_SHOWN = 10;

/** A status in words, as the review messages name it: the desk's label, in the reader's language. */
function statusWords(scale: RatingScale, status: string): NamedInBoth | string {
  const label = scale.get(status);
  return label ? new NamedInBoth(label.name) : status;
}

/** A signed-in user deciding. */
export interface DeskActor {
  id: string;
  name: string;
}

export interface Appearance extends AppearanceRow {
  /** published_at when the article has one, else when it was ingested. */
  date: string;
  dateKind: 'published' | 'ingested';
  /** The claim whose page this is. */
  current: boolean;
  /** Attributed to someone else than this claim's speaker: a finding of its own ("also attributed to …"). */
  otherSpeaker: boolean;
  /** Its verdict closes the review and is still offered, so it can be applied here (unless this claim has it already). */
  reusable: boolean;
}

export interface Suggestion extends PendingSuggestionRow {
  date: string;
  dateKind: 'published' | 'ingested';
  otherSpeaker: boolean;
}

export interface ClusterSection {
  claimId: string;
  /** Every appearance of the claim's cluster, this one included, earliest first; empty when it is in none. */
  appearances: Appearance[];
  /** How many appearances were left off the list (beyond MAX_APPEARANCES_SHOWN). */
  more: number;
  suggestions: Suggestion[];
}

const dated = (row: { published_at: string | null; ingested_at: string }) =>
  row.published_at ? { date: row.published_at, dateKind: 'published' as const } : { date: row.ingested_at, dateKind: 'ingested' as const };

/** Earliest first: the article's publication date (else its ingestion), then ingestion, then id for a stable order. */
function byEarliest(a: MemberDatesRow, b: MemberDatesRow): number {
  const first = dated(a).date.localeCompare(dated(b).date);
  if (first !== 0) return first;
  return a.ingested_at.localeCompare(b.ingested_at) || a.claim_id.localeCompare(b.claim_id);
}

/** What the claim page's "The same claim elsewhere" section lists for a claim. */
export async function getClusterSection(db: Db, claim: Pick<ClaimListRow, 'id' | 'speaker_id' | 'status'>): Promise<ClusterSection> {
  // Only a verdict that closes the review (in the desk's scale) marks a claim "checked" and can be reused.
  const [members, pending, scale] = await Promise.all([listClusterMemberDates(db, claim.id), listPendingSuggestions(db, claim.id, MAX_SUGGESTIONS_SHOWN * 5), loadRatingScale(db)]);
  const differs = (speakerId: string | null) => speakerId !== null && speakerId !== claim.speaker_id;
  // The whole cluster is put in order by its dates; only the appearances shown are read whole.
  const sorted = members.length > 1 ? [...members].sort(byEarliest) : [];
  const shown = sorted.slice(0, MAX_APPEARANCES_SHOWN);
  // This claim stays on the list wherever it falls in the order.
  if (sorted.length > shown.length && !shown.some((row) => row.claim_id === claim.id)) {
    const own = sorted.find((row) => row.claim_id === claim.id);
    if (own) shown.push(own);
  }
  const details = new Map((await listAppearancesByIds(db, shown.map((row) => row.claim_id))).map((row) => [row.claim_id, row]));
  const appearances = shown.map((row) => details.get(row.claim_id)).filter((row): row is AppearanceRow => row !== undefined);
  const inCluster = new Set(members.map((row) => row.claim_id));
  return {
    claimId: claim.id,
    appearances: appearances.map((row) => ({
      ...row,
      ...dated(row),
      current: row.claim_id === claim.id,
      otherSpeaker: row.claim_id !== claim.id && differs(row.speaker_id),
      // A retired label stays on the claims that carry it but is given to no other (the status change refuses it).
      reusable: row.claim_id !== claim.id && scale.isFinal(row.status) && scale.isOffered(row.status) && row.status !== claim.status,
    })),
    more: Math.max(0, sorted.length - appearances.length),
    suggestions: pending
      // A pair whose claims were joined meanwhile by the index is no longer a question.
      .filter((row) => !inCluster.has(row.other_claim_id))
      .sort((a, b) => b.similarity - a.similarity || a.other_claim_id.localeCompare(b.other_claim_id))
      .slice(0, MAX_SUGGESTIONS_SHOWN)
      .map((row) => ({ ...row, ...dated(row), otherSpeaker: row.same_speaker === 0 })),
  };
}

/** At most this many other appearances of a claim, the earliest, go into its report and its ClaimReview. */
export const MAX_REPORT_APPEARANCES = 500;

/**
 * For reports and ClaimReview: each claim's other appearances (the other members of its cluster), earliest
 * first, at most MAX_REPORT_APPEARANCES of them. As on the claim page, the whole cluster is put in order by
 * its dates (ids and dates only, read once per cluster), and only the appearances kept are read whole.
 * Claims in no cluster are absent from the map.
 */
export async function listOtherAppearancesEarliestFirst(db: Db, claimIds: readonly string[]): Promise<Map<string, AppearanceRow[]>> {
  const claimsOfCluster = new Map<string, string[]>();
  for (const { claim_id, cluster_id } of await findMemberships(db, [...new Set(claimIds)])) {
    claimsOfCluster.set(cluster_id, [...(claimsOfCluster.get(cluster_id) ?? []), claim_id]);
  }
  const result = new Map<string, AppearanceRow[]>();
  for (const claims of claimsOfCluster.values()) {
    const sorted = [...(await listClusterMemberDates(db, claims[0]!))].sort(byEarliest);
    const kept = new Map(claims.map((id) => [id, sorted.filter((row) => row.claim_id !== id).slice(0, MAX_REPORT_APPEARANCES)]));
    const details = new Map((await listAppearancesByIds(db, [...new Set([...kept.values()].flat().map((row) => row.claim_id))])).map((row) => [row.claim_id, row]));
    for (const [id, rows] of kept) result.set(id, rows.map((row) => details.get(row.claim_id)).filter((row): row is AppearanceRow => row !== undefined));
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Suggestions

export type SuggestionDecision = 'confirm' | 'reject';

export function isSuggestionDecision(value: unknown): value is SuggestionDecision {
  return value === 'confirm' || value === 'reject';
}

export interface SuggestionDecisionInput {
  /** The claim whose page the decision was made on, and the other claim of the pair. */
  claimId: string;
  otherClaimId: string;
  decision: string;
  actor: DeskActor;
}

/** Refusal of a decision made on a pair decided meanwhile: the section as it is now comes with it. */
export interface SuggestionConflict {
  claimId: string;
}

/**
 * A reviewer's answer to a borderline match: confirmed, the two claims join one cluster (through the
 * cluster service); rejected, the pair is not suggested again. Either way, in one transaction, the pair
 * records who decided and when, each claim's history gets a line naming the other, and the Activity log
 * an entry. A pair decided already is refused (409) naming who decided it; a pair or claim that no longer
 * exists is not found (404).
 */
export async function decideClusterSuggestion(db: Db, input: SuggestionDecisionInput): Promise<void> {
  if (!isSuggestionDecision(input.decision)) throw new ValidationError({ decision: msg('sameClaim.suggestions.unknownDecision') });
  const decision = input.decision;
  await db.transaction().execute(async (trx) => {
    const [claim, other] = await Promise.all([findClaimVerdict(trx, input.claimId), findClaimVerdict(trx, input.otherClaimId)]);
    if (!claim) throw new NotFoundError('Claim', input.claimId);
    if (!other) throw new NotFoundError('Claim', input.otherClaimId);
    const state = decision === 'confirm' ? 'confirmed' : 'rejected';
    let decided: DecidedSuggestion;
    try {
      decided = await decideSuggestion(trx, { claimId: claim.id, otherClaimId: other.id, decision: state, userId: input.actor.id });
    } catch (error) {
      if (error instanceof SuggestionDecidedError) throw new ConflictError<SuggestionConflict>(alreadyDecided(error.current.state), { claimId: claim.id });
      if (error instanceof NotFoundError) throw new ConflictError<SuggestionConflict>(msg('sameClaim.suggestions.gone'), { claimId: claim.id });
      throw error;
    }
    const at = nowIso();
    const field: ClusterEventField = decision === 'confirm' ? 'cluster_confirmed' : 'cluster_rejected';
    for (const [one, another] of [
      [claim.id, other.id],
      [other.id, claim.id],
    ] as const) {
      await insertReviewEvent(trx, auditRow(input.actor, one, field, at, { to_value: another, note: null }));
    }
    const percent = Math.round(decided.similarity * 100);
    await recordDeskEvent(trx, {
      actor_id: input.actor.id,
      actor: input.actor.name,
      action: CLUSTER_DESK_ACTIONS[decision],
      target_type: 'claim',
      target_id: claim.id,
      summary:
        decision === 'confirm'
          ? `confirmed that a claim of «${other.article_title}» is the same claim (${percent}% similar)`
          : `rejected a claim of «${other.article_title}» as a different claim (${percent}% similar)`,
      before: { claimId: decided.claimId, candidateClaimId: decided.candidateClaimId, state: 'pending', similarity: decided.similarity, sameSpeaker: decided.sameSpeaker },
      after: { state, clusterId: decided.clusterId },
      at,
    });
  });
}

function alreadyDecided(state: string): LocalizedText {
  if (state === 'confirmed') return msg('sameClaim.suggestions.alreadyConfirmed');
  if (state === 'rejected') return msg('sameClaim.suggestions.alreadyRejected');
  return msg('sameClaim.suggestions.changed');
}

// ---------------------------------------------------------------------------------------------------
// Verdict reuse

export interface VerdictReuse {
  /** The claim that gets the verdict, at the version its page showed. */
  claimId: string;
  expectedVersion: number;
  seen?: SeenVerdicts | undefined;
  /** The other appearance whose verdict is applied, and the verdict the page showed it with. */
  fromClaimId: string;
  fromStatus: string;
  actor: DeskActor;
}

/** Refusal of a reuse because the other appearance changed: nothing was written. */
export interface ReuseConflict {
  claim: ClaimView;
}

/**
 * Applies another appearance's final verdict to this claim as a decision of its own: the status is set
 * through the review's own change (same version check, so a stale page gets 409 with the claim as it is
 * now; same history line), and in the same transaction the history says where it was reused from and the
 * Activity log records it. The other claim is read, never written. Refused when the other claim left the
 * cluster, or its verdict is no longer the one the page showed (409), or this claim has it already (422).
 */
export async function reuseVerdict(db: Db, reuse: VerdictReuse): Promise<ClaimWrite> {
  if (reuse.claimId === reuse.fromClaimId) throw new ValidationError({ from: msg('sameClaim.reuse.sameClaim') });
  const scale = await loadRatingScale(db);
  if (!scale.isFinal(reuse.fromStatus)) throw new ValidationError({ from: msg('sameClaim.reuse.notFinal') });
  return changeClaimStatus(db, {
    claimId: reuse.claimId,
    status: reuse.fromStatus,
    expectedVersion: reuse.expectedVersion,
    seen: reuse.seen,
    actor: reuse.actor.name,
    actorId: reuse.actor.id,
    // Both claims locked before either is read: the other claim's verdict as it is when this commits.
    beforeInTransaction: (trx) => lockClaimRows(trx, [reuse.claimId, reuse.fromClaimId]),
    alsoInTransaction: async (trx, before) => {
      if (before.status === reuse.fromStatus) throw new ValidationError({ from: msg('sameClaim.reuse.already', { status: statusWords(scale, reuse.fromStatus) }) });
      const [source, clusterId, sourceClusterId] = await Promise.all([
        findClaimVerdict(trx, reuse.fromClaimId),
        findClusterIdOf(trx, reuse.claimId),
        findClusterIdOf(trx, reuse.fromClaimId),
      ]);
      if (!source || !clusterId || clusterId !== sourceClusterId) throw await reuseConflict(trx, reuse.claimId, msg('sameClaim.reuse.left'));
      if (source.status !== reuse.fromStatus) {
        throw await reuseConflict(trx, reuse.claimId, msg('sameClaim.reuse.sourceChanged', { status: statusWords(scale, source.status) }));
      }
      const at = nowIso();
      await insertReviewEvent(trx, auditRow(reuse.actor, reuse.claimId, 'verdict_reused', at, { from_value: source.id, to_value: source.status, note: null }));
      await recordDeskEvent(trx, {
        actor_id: reuse.actor.id,
        actor: reuse.actor.name,
        action: CLUSTER_DESK_ACTIONS.reuse,
        target_type: 'claim',
        target_id: reuse.claimId,
        summary: `applied the verdict ${source.status} of the same claim in «${source.article_title}» (status was ${before.status})`,
        before: { status: before.status, version: before.version },
        after: { status: source.status, reusedFrom: source.id },
        at,
      });
    },
  });
}

async function reuseConflict(trx: Db, claimId: string, message: LocalizedText): Promise<ConflictError<ReuseConflict>> {
  return new ConflictError<ReuseConflict>(message, { claim: await getClaim(trx, claimId) });
}

function auditRow(actor: DeskActor, claimId: string, field: ClusterEventField, at: string, values: { from_value?: string | null; to_value: string | null; note: string | null }) {
  return {
    id: newId(),
    claim_id: claimId,
    actor: actor.name,
    actor_id: actor.id,
    field,
    from_value: values.from_value ?? null,
    to_value: values.to_value,
    note: values.note,
    hop_id: null,
    note_id: null,
    created_at: at,
  };
}
