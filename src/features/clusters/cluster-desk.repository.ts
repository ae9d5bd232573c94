import { expressionBuilder, PostgresAdapter, sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';

/**
 * The desk's side of claim clusters (see the 2026-12-03T00-00-00 migration and clusters.repository.ts,
 * which owns the index and the membership): what the claim page lists, the suggestions a reviewer
 * decides, and the dashboard's "already checked elsewhere" / "new" filter.
 */

/** The dashboard's cluster filter: another appearance has a final verdict, or there is no other appearance. */
export const CLUSTER_FILTERS = ['checked', 'new'] as const;
export type ClusterFilter = (typeof CLUSTER_FILTERS)[number];

/**
 * The statuses that count as a verdict another appearance can be "checked" with (and reused from): the
 * labels of the desk's rating scale that close the review, read in the query itself (a handful of rows),
 * so a label the desk adds or changes counts at once. The one place the cluster queries read it from.
 */
function finalStatuses() {
  return sql<string>`(select rating_label.code from rating_label where rating_label.final = 1)`;
}

/**
 * At most this many members of one cluster are read to put them in order (ids and dates only): a memory
 * bound for a statement repeated everywhere, far above any cluster a desk ingests by hand.
 */
export const MAX_CLUSTER_MEMBERS_ORDERED = 20_000;

/** A member of a claim's cluster with the dates its place in "earliest first" depends on. */
export interface MemberDatesRow {
  claim_id: string;
  published_at: string | null;
  ingested_at: string;
}

/** Every member of the claim's cluster, the claim included, with its article's dates; unordered (the service orders them). */
export async function listClusterMemberDates(db: Db, claimId: string): Promise<MemberDatesRow[]> {
  return db
    .selectFrom('claim_cluster_member as mine')
    .innerJoin('claim_cluster_member as member', 'member.cluster_id', 'mine.cluster_id')
    .innerJoin('claim', 'claim.id', 'member.claim_id')
    .innerJoin('article', 'article.id', 'claim.article_id')
    .select(['member.claim_id', 'article.published_at', 'article.ingested_at'])
    .where('mine.claim_id', '=', claimId)
    .limit(MAX_CLUSTER_MEMBERS_ORDERED)
    .execute();
}

export interface AppearanceRow extends MemberDatesRow {
  text: string;
  status: string;
  attribution_status: string;
  version: number;
  speaker_id: string | null;
  speaker_name: string | null;
  article_id: string;
  article_title: string;
  article_language: string;
  source_url: string | null;
  publisher_name: string | null;
  similarity: number;
  joined_by: string;
  joined_at: string;
}

/** The given cluster members with their claim, article, publisher and speaker; unordered. */
export async function listAppearancesByIds(db: Db, claimIds: readonly string[]): Promise<AppearanceRow[]> {
  if (claimIds.length === 0) return [];
  return db
    .selectFrom('claim_cluster_member as member')
    .innerJoin('claim', 'claim.id', 'member.claim_id')
    .innerJoin('article', 'article.id', 'claim.article_id')
    .leftJoin('speaker', 'speaker.id', 'claim.speaker_id')
    .leftJoin('outlet as publisher', 'publisher.id', 'article.publisher_outlet_id')
    .select([
      'claim.id as claim_id',
      'claim.text',
      'claim.status',
      'claim.attribution_status',
      'claim.version',
      'claim.speaker_id',
      'speaker.name as speaker_name',
      'article.id as article_id',
      'article.title as article_title',
      'article.language as article_language',
      'article.source_url',
      'article.published_at',
      'article.ingested_at',
      'publisher.name as publisher_name',
      'member.similarity',
      'member.joined_by',
      'member.joined_at',
    ])
    .where('member.claim_id', 'in', [...claimIds])
    .execute();
}

/** The cluster a claim is in, or undefined. */
export async function findClusterIdOf(db: Db, claimId: string): Promise<string | undefined> {
  const row = await db.selectFrom('claim_cluster_member').select('cluster_id').where('claim_id', '=', claimId).executeTakeFirst();
  return row?.cluster_id;
}

export interface PendingSuggestionRow {
  other_claim_id: string;
  similarity: number;
  same_speaker: number;
  text: string;
  status: string;
  speaker_name: string | null;
  article_id: string;
  article_title: string;
  article_language: string;
  published_at: string | null;
  ingested_at: string;
  publisher_name: string | null;
}

/** The undecided suggestions that name this claim on either side, with the other claim, most similar first (sorted by the caller). */
export async function listPendingSuggestions(db: Db, claimId: string, limit: number): Promise<PendingSuggestionRow[]> {
  const asClaim = db
    .selectFrom('claim_cluster_suggestion')
    .select(['candidate_claim_id as other_claim_id', 'similarity', 'same_speaker'])
    .where('claim_id', '=', claimId)
    .where('state', '=', 'pending');
  const asCandidate = db
    .selectFrom('claim_cluster_suggestion')
    .select(['claim_id as other_claim_id', 'similarity', 'same_speaker'])
    .where('candidate_claim_id', '=', claimId)
    .where('state', '=', 'pending');
  return db
    .selectFrom(asClaim.unionAll(asCandidate).as('pair'))
    .innerJoin('claim', 'claim.id', 'pair.other_claim_id')
    .innerJoin('article', 'article.id', 'claim.article_id')
    .leftJoin('speaker', 'speaker.id', 'claim.speaker_id')
    .leftJoin('outlet as publisher', 'publisher.id', 'article.publisher_outlet_id')
    .select([
      'pair.other_claim_id',
      'pair.similarity',
      'pair.same_speaker',
      'claim.text',
      'claim.status',
      'speaker.name as speaker_name',
      'article.id as article_id',
      'article.title as article_title',
      'article.language as article_language',
      'article.published_at',
      'article.ingested_at',
      'publisher.name as publisher_name',
    ])
    .limit(limit)
    .execute();
}

export interface ClaimVerdictRow {
  id: string;
  status: string;
  version: number;
  article_id: string;
  article_title: string;
}

/**
 * Locks the claims' rows until the transaction ends, in id order (PostgreSQL; SQLite's one writer serialises
 * already): taken before a verdict is reused, so the other claim's verdict is read as it is and cannot change
 * until the reuse commits, and two reuses between the same claims at once wait for each other, no deadlock.
 */
export async function lockClaimRows(db: Db, claimIds: readonly string[]): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await db.selectFrom('claim').select('id').where('id', 'in', [...claimIds]).orderBy('id').forNoKeyUpdate().execute();
}

/** The claim whose verdict is being reused, as it is now. */
export async function findClaimVerdict(db: Db, claimId: string): Promise<ClaimVerdictRow | undefined> {
  return db
    .selectFrom('claim')
    .innerJoin('article', 'article.id', 'claim.article_id')
    .select(['claim.id', 'claim.status', 'claim.version', 'claim.article_id', 'article.title as article_title'])
    .where('claim.id', '=', claimId)
    .executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------------
// Dashboard filter

/**
 * Up to this many claims "checked elsewhere" are read as a list and sorted in the page's order; beyond it
 * they are common enough for the list to walk its order's index and probe each claim (see clusterCondition).
 */
export const CHECKED_ELSEWHERE_SORTED = 1000;

/**
 * The status summary of a list filtered on clusters counts at most this many claims (then "1000+"): each is
 * probed through its cluster, as a search's summary reads each match's row.
 */
export const CLUSTER_STATUS_COUNT_CAP = 1000;

/**
 * How the "checked" filter reads: 'list' reads the claims checked elsewhere from the cluster members (at most
 * CHECKED_ELSEWHERE_SORTED of them) and sorts them, 'probe' walks the list's order and probes each claim.
 */
export type ClusterAccess = 'probe' | 'list';

/**
 * Whether the claim's own status closes the review: 1 or 0, taken off its cluster's count of closed members
 * (claim_cluster.closed_members, kept by the 2026-12-03T04-00-00 migration's triggers) to tell whether
 * another member has a final verdict.
 */
function ownFinal(status: 'mine_claim.status' | 'claim.status') {
  return sql<number>`case when ${sql.ref(status)} in ${finalStatuses()} then 1 else 0 end`;
}

/**
 * The claims "checked elsewhere", read from the clusters with a closed member (a partial index of them),
 * then their members: a claim is checked elsewhere when its cluster's closed members, less itself if its
 * own status is final, are more than none. As many rows as there are claims in such clusters at most.
 */
function checkedElsewhere() {
  return expressionBuilder<Database>()
    .selectFrom('claim_cluster as closed')
    .innerJoin('claim_cluster_member as mine', 'mine.cluster_id', 'closed.id')
    .innerJoin('claim as mine_claim', 'mine_claim.id', 'mine.claim_id')
    // A literal, so that both engines see the partial index's own condition.
    .where('closed.closed_members', '>', sql.lit(0))
    .where('closed.closed_members', '>', ownFinal('mine_claim.status'));
}

function checkedElsewhereIds() {
  return checkedElsewhere().select('mine.claim_id');
}

/** How many claims are checked elsewhere, counting no further than limit. */
export async function countCheckedElsewhereUpTo(db: Db, limit: number): Promise<number> {
  const row = await db
    .selectFrom(checkedElsewhereIds().limit(limit).as('checked'))
    .select((eb) => eb.fn.countAll<string | number>().as('claims'))
    .executeTakeFirstOrThrow();
  return Number(row.claims);
}

/**
 * The cluster filter as a condition on the outer query's `claim` row: "checked" when another member of its
 * cluster has a final status, "new" when no other claim shares its cluster. Probed per claim (an EXISTS, so the
 * list still walks its order's index): "checked" through the member table's primary key and its cluster's
 * count of closed members, "new" through the member table's primary key and its cluster index;
 * or, for "checked" with access 'list', the claim is one of the few claims checked elsewhere.
 */
export function clusterCondition(which: ClusterFilter, access: ClusterAccess = 'probe') {
  return (eb: ExpressionBuilder<Database, 'claim'>) => {
    if (which === 'checked' && access === 'list') return eb('claim.id', 'in', checkedElsewhereIds().limit(CHECKED_ELSEWHERE_SORTED));
    if (which === 'new') {
      const others = eb
        .selectFrom('claim_cluster_member as mine')
        .innerJoin('claim_cluster_member as other', 'other.cluster_id', 'mine.cluster_id')
        .whereRef('mine.claim_id', '=', 'claim.id')
        .whereRef('other.claim_id', '<>', 'claim.id');
      return eb.not(eb.exists(others.select(sql.lit(1).as('one'))));
    }
    // Its membership (primary key), then its cluster's count of closed members (primary key).
    return eb.exists(
      eb
        .selectFrom('claim_cluster_member as mine')
        .innerJoin('claim_cluster as mine_cluster', 'mine_cluster.id', 'mine.cluster_id')
        .select(sql.lit(1).as('one'))
        .whereRef('mine.claim_id', '=', 'claim.id')
        .where('mine_cluster.closed_members', '>', ownFinal('claim.status')),
    );
  };
}

/** Claims per status among those "checked elsewhere", up to cap of them, read from the clusters with a closed member: never a walk over every claim. */
export async function countCheckedElsewhereByStatus(db: Db, cap: number): Promise<Map<string, number>> {
  const matching = checkedElsewhere().select('mine_claim.status as status').limit(cap);
  const rows = await db
    .selectFrom(matching.as('matching'))
    .select(['matching.status', (eb) => eb.fn.countAll<string | number>().as('count')])
    .groupBy('matching.status')
    .execute();
  return new Map(rows.map((row) => [row.status, Number(row.count)]));
}
