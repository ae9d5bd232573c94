import type { Db } from '../../db/connect.ts';
import { decodePageToken, encodePageToken } from '../../page-token.ts';
import { HIGH_DRIFT, diffQuotes, driftLevel, driftPercent, type DriftLevel, type QuoteDiff } from '../../text/quote-diff.ts';
import { claimStatement } from '../reports/claim-summary.ts';
import {
  findEarliestAppearances,
  findQuoteAppearance,
  listClusterIdsOfArticle,
  listClusterIdsOfClaims,
  listClustersMissingDrift,
  listDriftMembers,
  listDriftedAppearances,
  updateQuoteDrift,
  type DriftCursor,
  type QuoteAppearanceRow,
} from './quote-drift.repository.ts';

export type { QuoteAppearanceRow } from './quote-drift.repository.ts';

/** The words a claim quotes: its statement without the attribution around it ("قال ديلانويه إن …"). */
export function quoteOf(claim: { text: string; cue: string }): string {
  return claimStatement(claim.text, claim.cue);
}

/**
 * Recomputes the quote drift of a cluster's members: a member whose speaker appeared earlier in the
 * cluster gets the drift of its quote from that speaker's earliest appearance; the earliest appearance
 * of each speaker, and members without a speaker, get none (null). Called after every change to the
 * cluster's membership; only rows whose value changed are written.
 */
export async function refreshQuoteDrift(db: Db, clusterId: string): Promise<void> {
  const members = await listDriftMembers(db, clusterId);
  const earliest = new Map<string, { text: string; cue: string }>();
  for (const member of members) {
    let drift: number | null = null;
    if (member.speaker_id !== null) {
      const first = earliest.get(member.speaker_id);
      if (first) drift = diffQuotes(quoteOf(first), quoteOf(member)).score;
      else earliest.set(member.speaker_id, member);
    }
    if (!sameDrift(member.quote_drift, drift)) await updateQuoteDrift(db, member.claim_id, drift);
  }
}

/** refreshQuoteDrift for each of the clusters (once each), as writers call it after membership changes. */
export async function refreshQuoteDriftOfClusters(db: Db, clusterIds: readonly string[]): Promise<void> {
  for (const clusterId of new Set(clusterIds)) await refreshQuoteDrift(db, clusterId);
}

/** The clusters the claims are in: read before a change that takes them out (a deletion), refreshed after it. */
export function clustersOfClaims(db: Db, claimIds: readonly string[]): Promise<string[]> {
  return listClusterIdsOfClaims(db, claimIds);
}

/**
 * Recomputes the drift of the clusters the claims are in, after their words or speaker changed without a
 * change of membership (a corrected claim that still says the same thing stays in its cluster).
 */
export async function refreshQuoteDriftOfClaims(db: Db, claimIds: readonly string[]): Promise<void> {
  await refreshQuoteDriftOfClusters(db, await listClusterIdsOfClaims(db, claimIds));
}

/** After an article's publication date changed: which appearance of a speaker is the earliest may have changed. */
export async function refreshQuoteDriftOfArticle(db: Db, articleId: string): Promise<void> {
  await refreshQuoteDriftOfClusters(db, await listClusterIdsOfArticle(db, articleId));
}

function sameDrift(stored: number | null, computed: number | null): boolean {
  if (stored === null || computed === null) return stored === computed;
  // Floating point read back from the database may differ in the last bits.
  return Math.abs(stored - computed) < 1e-9;
}

/** Clusters whose drift is computed per batch by the fill below. */
export const DRIFT_FILL_BATCH = 200;

/**
 * Computes the drift of clusters formed before quote drift existed (or whose refresh failed): those where
 * a speaker appears twice and more than one of the appearances has no drift. Walks the clusters in id
 * order a batch at a time, yielding between batches; returns how many clusters it refreshed.
 */
export async function fillMissingQuoteDrift(db: Db, options: { batchSize?: number; shouldStop?: () => boolean } = {}): Promise<number> {
  const batchSize = options.batchSize ?? DRIFT_FILL_BATCH;
  let refreshed = 0;
  let after = '';
  while (!options.shouldStop?.()) {
    const clusterIds = await listClustersMissingDrift(db, after, batchSize);
    if (clusterIds.length === 0) break;
    for (const clusterId of clusterIds) await refreshQuoteDrift(db, clusterId);
    refreshed += clusterIds.length;
    after = clusterIds.at(-1)!;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return refreshed;
}

/** A later quote of a speaker beside the speaker's earliest appearance in the cluster, with their diff. */
export interface QuoteDriftView {
  earlier: QuoteAppearanceRow;
  later: QuoteAppearanceRow;
  diff: QuoteDiff;
  level: DriftLevel;
  /** The drift in whole percent, as shown. */
  percent: number;
}

function driftView(earlier: QuoteAppearanceRow, later: QuoteAppearanceRow): QuoteDriftView {
  const diff = diffQuotes(quoteOf(earlier), quoteOf(later));
  return { earlier, later, diff, level: driftLevel(diff.score), percent: driftPercent(diff.score) };
}

/**
 * The claim's quote drift: the diff from its speaker's earliest appearance in its cluster to it. Null when
 * the claim is in no cluster, has no speaker, or is that speaker's earliest appearance.
 */
export async function getClaimQuoteDrift(db: Db, claimId: string): Promise<QuoteDriftView | null> {
  const later = await findQuoteAppearance(db, claimId);
  if (!later?.speaker_id) return null;
  const [earlier] = await findEarliestAppearances(db, [{ clusterId: later.cluster_id, speakerId: later.speaker_id }]);
  if (!earlier || earlier.claim_id === later.claim_id) return null;
  return driftView(earlier, later);
}

/** The drift list's filter: the least drift listed, in whole percent. */
export const DEFAULT_MIN_DRIFT_PERCENT = Math.round(HIGH_DRIFT * 100);

export interface DriftPage {
  rows: QuoteDriftView[];
  nextCursor: string | null;
}

export function encodeDriftCursor(cursor: DriftCursor): string {
  return encodePageToken([cursor.joinedAt, cursor.claimId]);
}

function decodeDriftCursor(token: string | undefined): DriftCursor | undefined {
  return decodePageToken(token, (values) => {
    const [joinedAt, claimId] = values;
    return values.length === 2 && typeof joinedAt === 'string' && typeof claimId === 'string' ? { joinedAt, claimId } : undefined;
  });
}

/**
 * A page of quotes that drifted at least `minPercent` from their speaker's earliest appearance in their
 * cluster, newest first, each with that appearance and the diff.
 */
export async function listQuoteDrift(db: Db, { minPercent, after, pageSize }: { minPercent: number; after?: string | undefined; pageSize: number }): Promise<DriftPage> {
  const rows = await listDriftedAppearances(db, minPercent / 100, decodeDriftCursor(after), pageSize);
  const page = rows.slice(0, pageSize);
  const earliest = await findEarliestAppearances(
    db,
    page.flatMap((row) => (row.speaker_id ? [{ clusterId: row.cluster_id, speakerId: row.speaker_id }] : [])),
  );
  const byPair = new Map(earliest.map((row) => [`${row.cluster_id} ${row.speaker_id}`, row]));
  const views = page.flatMap((later) => {
    const earlier = byPair.get(`${later.cluster_id} ${later.speaker_id}`);
    return earlier && earlier.claim_id !== later.claim_id ? [driftView(earlier, later)] : [];
  });
  const last = page.at(-1);
  return { rows: views, nextCursor: rows.length > pageSize && last ? encodeDriftCursor({ joinedAt: last.joined_at, claimId: last.claim_id }) : null };
}
