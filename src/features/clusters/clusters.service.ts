import type { Db } from '../../db/connect.ts';
import { NotFoundError } from '../../errors.ts';
import { newId, nowIso } from '../../ids.ts';
import { jaccard, nearDuplicateKeys, shingles, type BandKey } from '../../text/near-duplicate.ts';
import { CLUSTER_THRESHOLDS, pairScore } from './cluster-thresholds.ts';
import {
  decidePendingSuggestion,
  deleteClusterIfAlone,
  deleteMember,
  deletePendingSuggestions,
  findBucketMatches,
  findClaimsForIndexing,
  findMemberships,
  findSuggestion,
  findSuggestionsBetween,
  insertCluster,
  insertMember,
  insertSuggestion,
  listUnindexedClaimIds,
  listExistingClaimIds,
  listUnindexedClaimIdsOfArticle,
  lockClusterIndex,
  markClaimsIndexed,
  mergeClustersInto,
  replaceBuckets,
  touchClusters,
  type IndexedClaimRow,
  type MembershipRow,
} from './clusters.repository.ts';
import { refreshQuoteDriftOfClusters } from './quote-drift.service.ts';

/** The index's own name in claim_cluster_member.joined_by; any other value is the id of the user who confirmed. */
export const JOINED_BY_INDEX = 'index';

export interface IndexSummary {
  /** Claims read (indexed or re-indexed). */
  indexed: number;
  /** Clusters whose members changed, in no particular order. */
  changedClusters: string[];
  /** Pending suggestions made. */
  suggestions: number;
}

interface ScoredCandidate {
  claim: IndexedClaimRow;
  score: number;
  sameSpeaker: boolean;
}

/** Most candidates re-scored for one claim: those sharing the most bands with it. */
export const MAX_CANDIDATES = 100;

interface ClaimKeys {
  claim: IndexedClaimRow;
  shingles: Set<string>;
  bands: BandKey[];
}

/**
 * Indexes claims (new, re-extracted or corrected): stores each one's bucket keys, finds the claims of other
 * articles that may say the same thing, re-scores them exactly, then joins the claim to their clusters
 * (score ≥ join: creating a cluster, or merging two that the claim bridges) or records a pending suggestion
 * (suggest ≤ score < join). A claim indexed again leaves the cluster the index had put it in when it no longer
 * matches any member of it, and its pending suggestions are made afresh; reviewers' decisions stay (a rejected
 * pair is neither joined nor suggested again, a member a reviewer confirmed stays).
 *
 * Claims are taken article by article, oldest first (ids are time-ordered), each article in one transaction:
 * its claims look up the keys stored before they are written, so an article's claims never meet each other and a
 * long article costs a few statements per thousand claims, not several per claim. Quote drift is refreshed for
 * every cluster that changed, after the transactions.
 */
export async function indexClaims(db: Db, claimIds: readonly string[]): Promise<IndexSummary> {
  const claims = await findClaimsForIndexing(db, [...new Set(claimIds)]);
  const byArticle = new Map<string, IndexedClaimRow[]>();
  for (const claim of claims) {
    const group = byArticle.get(claim.article_id);
    if (group) group.push(claim);
    else byArticle.set(claim.article_id, [claim]);
  }
  const changed = new Set<string>();
  let suggestions = 0;
  for (const read of byArticle.values()) {
    const keyedAsRead = read.map((claim) => ({ claim, ...nearDuplicateKeys(claim.text, speakerNames(claim)) }));
    const result = await db.transaction().execute(async (trx) => {
      await lockClusterIndex(trx);
      // A claim deleted since it was read is left out: deletions take the lock too, so none goes from here on.
      const existing = await listExistingClaimIds(trx, read.map((claim) => claim.id));
      const keyed = keyedAsRead.filter(({ claim }) => existing.has(claim.id));
      const group = keyed.map(({ claim }) => claim);
      if (group.length === 0) return { changedClusters: [] as string[], suggestions: 0 };
      const candidates = await findCandidates(trx, keyed);
      const at = nowIso();
      await replaceBuckets(
        trx,
        group.map((claim) => claim.id),
        keyed.flatMap(({ claim, bands }) => bands.map((key) => ({ band: key.band, bucket: key.bucket, claim_id: claim.id }))),
      );
      await markClaimsIndexed(trx, group.map((claim) => claim.id), at);
      await deletePendingSuggestions(trx, group.map((claim) => claim.id));
      const members = new Set((await findMemberships(trx, group.map((claim) => claim.id))).map((row) => row.claim_id));
      const outcome = { changedClusters: [] as string[], suggestions: 0 };
      for (const { claim } of keyed) {
        const found = candidates.get(claim.id) ?? [];
        // Nothing to join, suggest or leave: the usual case, decided without another statement.
        if (found.length === 0 && !members.has(claim.id)) continue;
        const decided = await applyMatches(trx, claim, found, at);
        outcome.changedClusters.push(...decided.changedClusters);
        outcome.suggestions += decided.suggestions;
      }
      return outcome;
    });
    for (const id of result.changedClusters) changed.add(id);
    suggestions += result.suggestions;
  }
  await refreshQuoteDriftOfClusters(db, [...changed]);
  return { indexed: claims.length, changedClusters: [...changed], suggestions };
}

/**
 * The candidates of each claim of one article scoring at least the suggestion threshold, best first: the stored
 * claims sharing a band with it (the MAX_CANDIDATES sharing the most), claims of the same article left out,
 * re-scored exactly. Reads only: this is the lookup whose cost bench/clusters.ts measures.
 */
export async function findCandidates(db: Db, keyed: readonly ClaimKeys[]): Promise<Map<string, ScoredCandidate[]>> {
  const own = new Set(keyed.map(({ claim }) => claim.id));
  const wanted = new Map<string, BandKey>();
  for (const { bands } of keyed) for (const key of bands) wanted.set(`${key.band}:${key.bucket}`, key);
  const holders = new Map<string, string[]>();
  for (const row of await findBucketMatches(db, [...wanted.values()])) {
    if (own.has(row.claim_id)) continue;
    const key = `${row.band}:${row.bucket}`;
    const list = holders.get(key);
    if (list) list.push(row.claim_id);
    else holders.set(key, [row.claim_id]);
  }
  const shortlist = new Map<string, string[]>();
  for (const { claim, bands } of keyed) {
    const shared = new Map<string, number>();
    for (const key of bands) for (const id of holders.get(`${key.band}:${key.bucket}`) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    const best = [...shared].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_CANDIDATES);
    if (best.length > 0) shortlist.set(claim.id, best.map(([id]) => id));
  }
  const rows = new Map((await findClaimsForIndexing(db, [...new Set([...shortlist.values()].flat())])).map((row) => [row.id, row]));
  const scored = new Map<string, ScoredCandidate[]>();
  for (const { claim, shingles: own } of keyed) {
    const list: ScoredCandidate[] = [];
    for (const id of shortlist.get(claim.id) ?? []) {
      const candidate = rows.get(id);
      if (!candidate || candidate.article_id === claim.article_id) continue;
      const sameSpeaker = claim.speaker_id !== null && candidate.speaker_id === claim.speaker_id;
      const score = pairScore(jaccard(own, shingles(candidate.text, speakerNames(candidate))), sameSpeaker);
      if (score >= CLUSTER_THRESHOLDS.suggest) list.push({ claim: candidate, score, sameSpeaker });
    }
    if (list.length > 0) scored.set(claim.id, list.sort((a, b) => b.score - a.score));
  }
  return scored;
}

/** Joins, leaves and suggests for one claim whose candidates are scored. */
async function applyMatches(db: Db, claim: IndexedClaimRow, scored: ScoredCandidate[], at: string): Promise<{ changedClusters: string[]; suggestions: number }> {
  const decided = await findSuggestionsBetween(db, claim.id, scored.map((candidate) => candidate.claim.id));
  const other = (row: { claim_id: string; candidate_claim_id: string }) => (row.claim_id === claim.id ? row.candidate_claim_id : row.claim_id);
  const rejected = new Set(decided.filter((row) => row.state === 'rejected').map(other));
  const usable = scored.filter((candidate) => !rejected.has(candidate.claim.id));
  const joins = usable.filter((candidate) => candidate.score >= CLUSTER_THRESHOLDS.join);

  const changedClusters = new Set<string>();
  const memberships = new Map((await findMemberships(db, [claim.id, ...joins.map((candidate) => candidate.claim.id)])).map((row) => [row.claim_id, row]));
  const own = memberships.get(claim.id);
  if (own && own.joined_by === JOINED_BY_INDEX && !joins.some((candidate) => memberships.get(candidate.claim.id)?.cluster_id === own.cluster_id)) {
    // The claim's text no longer matches the cluster the index put it in.
    await deleteMember(db, claim.id);
    await touchClusters(db, [own.cluster_id], at);
    if (!(await deleteClusterIfAlone(db, own.cluster_id))) changedClusters.add(own.cluster_id);
    memberships.delete(claim.id);
  }
  if (joins.length > 0) changedClusters.add(await joinAll(db, claim, joins, memberships, at));

  const clusterOf = new Map((await findMemberships(db, [claim.id, ...usable.map((candidate) => candidate.claim.id)])).map((row) => [row.claim_id, row.cluster_id]));
  const mine = clusterOf.get(claim.id);
  const decidedPairs = new Set(decided.map(other));
  let suggestions = 0;
  for (const candidate of usable) {
    if (candidate.score >= CLUSTER_THRESHOLDS.join || decidedPairs.has(candidate.claim.id)) continue;
    if (mine !== undefined && clusterOf.get(candidate.claim.id) === mine) continue;
    await insertSuggestion(db, {
      claim_id: claim.id,
      candidate_claim_id: candidate.claim.id,
      similarity: candidate.score,
      same_speaker: candidate.sameSpeaker ? 1 : 0,
      created_at: at,
    });
    suggestions++;
  }
  return { changedClusters: [...changedClusters], suggestions };
}

/** The names a claim's text is compared without: its speaker's, and the words it was resolved from. */
function speakerNames(claim: IndexedClaimRow): string[] {
  return [claim.speaker_name, claim.speaker_mention_text].filter((name): name is string => Boolean(name));
}

/** After an article's claims changed (re-extraction): indexes its new claims and those whose text or speaker changed. */
export async function indexArticleChanges(db: Db, articleId: string, changedClaimIds: readonly string[]): Promise<IndexSummary> {
  return indexClaims(db, [...(await listUnindexedClaimIdsOfArticle(db, articleId)), ...changedClaimIds]);
}

/**
 * Puts the claim and its join-level candidates in one cluster: the oldest of the clusters they are in (the
 * others merged into it), or a new one. Returns the cluster's id.
 */
async function joinAll(db: Db, claim: IndexedClaimRow, joins: ScoredCandidate[], memberships: Map<string, MembershipRow>, at: string): Promise<string> {
  const clusters = [...new Set([claim.id, ...joins.map((candidate) => candidate.claim.id)].map((id) => memberships.get(id)?.cluster_id).filter((id) => id !== undefined))].sort();
  // Cluster ids are time-ordered: the oldest keeps its id (and the links to it).
  let target = clusters[0];
  if (target === undefined) {
    target = newId();
    await insertCluster(db, target, at);
  }
  await mergeClustersInto(db, target, clusters.slice(1));
  const best = Math.max(...joins.map((candidate) => candidate.score));
  if (!memberships.has(claim.id)) {
    await insertMember(db, { claim_id: claim.id, cluster_id: target, similarity: best, joined_by: JOINED_BY_INDEX, joined_at: at });
  }
  for (const candidate of joins) {
    if (memberships.has(candidate.claim.id)) continue;
    await insertMember(db, { claim_id: candidate.claim.id, cluster_id: target, similarity: candidate.score, joined_by: JOINED_BY_INDEX, joined_at: at });
  }
  await touchClusters(db, [target], at);
  return target;
}

/**
 * Puts `claimId` in the cluster of `otherClaimId` as a reviewer's decision (joined_by = the user's id): the
 * other claim's cluster, a new one for both when neither is in one, or, when both are in different clusters,
 * the two merged. Does not open a transaction: call it inside the caller's, beside its audit rows. Returns the
 * cluster id. Quote drift is refreshed for it.
 */
export async function joinCluster(db: Db, claimId: string, otherClaimId: string, userId: string, similarity = 1): Promise<string> {
  const claims = await findClaimsForIndexing(db, [claimId, otherClaimId]);
  for (const id of [claimId, otherClaimId]) if (!claims.some((claim) => claim.id === id)) throw new NotFoundError('claim', id);
  await lockClusterIndex(db);
  const at = nowIso();
  const memberships = new Map((await findMemberships(db, [claimId, otherClaimId])).map((row) => [row.claim_id, row]));
  const mine = memberships.get(claimId)?.cluster_id;
  const theirs = memberships.get(otherClaimId)?.cluster_id;
  let target: string;
  if (mine !== undefined && theirs !== undefined) {
    [target] = [mine, theirs].sort() as [string, string];
    if (mine !== theirs) await mergeClustersInto(db, target, [mine === target ? theirs : mine]);
  } else {
    target = theirs ?? mine ?? newId();
    if (theirs === undefined && mine === undefined) await insertCluster(db, target, at);
    const joining = mine === undefined ? claimId : otherClaimId;
    await insertMember(db, { claim_id: joining, cluster_id: target, similarity, joined_by: userId, joined_at: at });
    if (theirs === undefined && mine === undefined) {
      await insertMember(db, { claim_id: otherClaimId, cluster_id: target, similarity, joined_by: userId, joined_at: at });
    }
  }
  await touchClusters(db, [target], at);
  await refreshQuoteDriftOfClusters(db, [target]);
  return target;
}

/** A suggestion that was decided already (by someone else, or in another tab). */
export class SuggestionDecidedError extends Error {
  constructor(readonly current: { state: string; decidedBy: string | null; decidedAt: string | null }) {
    super(`the suggestion was already ${current.state}`);
  }
}

export interface SuggestionDecision {
  /** Either claim of the pair, in either order. */
  claimId: string;
  otherClaimId: string;
  decision: 'confirmed' | 'rejected';
  userId: string;
}

export interface DecidedSuggestion {
  /** The suggestion as stored (its claim_id is the claim that was indexed). */
  claimId: string;
  candidateClaimId: string;
  similarity: number;
  sameSpeaker: boolean;
  decision: 'confirmed' | 'rejected';
  /** The cluster both claims are now in, when confirmed. */
  clusterId: string | null;
}

/**
 * A reviewer's decision on a pending suggestion. Confirming joins the two claims' clusters (joinCluster);
 * rejecting keeps them apart for good (the index will not suggest or join the pair again). Does not open a
 * transaction and writes no audit row: the caller does both. NotFoundError when there is no suggestion for
 * the pair (or a claim was deleted); SuggestionDecidedError when it is not pending any more.
 */
export async function decideSuggestion(db: Db, input: SuggestionDecision): Promise<DecidedSuggestion> {
  const suggestion = await findSuggestion(db, input.claimId, input.otherClaimId);
  if (!suggestion) throw new NotFoundError('suggestion', `${input.claimId}/${input.otherClaimId}`);
  // The index's lock before the suggestion's row, in the order indexing takes them (it makes a claim's
  // pending suggestions afresh under the lock): the other order deadlocks on PostgreSQL.
  await lockClusterIndex(db);
  const at = nowIso();
  const updated = await decidePendingSuggestion(db, suggestion.claim_id, suggestion.candidate_claim_id, input.decision, input.userId, at);
  if (!updated) {
    const current = await findSuggestion(db, input.claimId, input.otherClaimId);
    if (!current) throw new NotFoundError('suggestion', `${input.claimId}/${input.otherClaimId}`);
    throw new SuggestionDecidedError({ state: current.state, decidedBy: current.decided_by, decidedAt: current.decided_at });
  }
  const clusterId =
    input.decision === 'confirmed'
      ? await joinCluster(db, suggestion.claim_id, suggestion.candidate_claim_id, input.userId, Number(suggestion.similarity))
      : null;
  return {
    claimId: suggestion.claim_id,
    candidateClaimId: suggestion.candidate_claim_id,
    similarity: Number(suggestion.similarity),
    sameSpeaker: suggestion.same_speaker === 1,
    decision: input.decision,
    clusterId,
  };
}

/**
 * Call first in a transaction that deletes claims (one claim, an article's, a re-extraction's), before any
 * claim row is locked: the deletion's cascade reaches the members and suggestions that indexing and a
 * reviewer's decision write under the index's lock while they hold claim rows, so taking the lock after a
 * claim row would be the other order, which deadlocks on PostgreSQL. Waits for an indexing or a decision in
 * progress; a decision that comes after finds the suggestion gone (refused as such).
 */
export async function lockClustersForClaimDeletion(db: Db): Promise<void> {
  await lockClusterIndex(db);
}

/** Claims indexed per transaction batch by the start-up fill. */
export const CLUSTER_FILL_BATCH = 200;

/**
 * Indexes the claims the index has not read (rows from before it existed, or whose indexing after a write
 * failed), oldest first, a batch at a time, yielding to other work between batches. Runs in the background
 * after the server listens: at a million claims it takes minutes, and until it reaches a claim that claim is
 * simply not clustered yet. Returns how many claims it indexed.
 */
export async function fillMissingClusterIndex(db: Db, options: { batchSize?: number; shouldStop?: () => boolean } = {}): Promise<number> {
  const batchSize = options.batchSize ?? CLUSTER_FILL_BATCH;
  let indexed = 0;
  let after = '';
  while (!options.shouldStop?.()) {
    const ids = await listUnindexedClaimIds(db, after, batchSize);
    if (ids.length === 0) break;
    indexed += (await indexClaims(db, ids)).indexed;
    after = ids.at(-1)!;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return indexed;
}
