import { PostgresAdapter, sql, type CompiledQuery } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { lookupBatches, MAX_BOUND_PARAMETERS } from '../../db/batches.ts';
import type { BandKey } from '../../text/near-duplicate.ts';

/** What the index reads of a claim. */
export interface IndexedClaimRow {
  id: string;
  text: string;
  article_id: string;
  speaker_id: string | null;
  /** The speaker's name and the words of the article it was resolved from: left out of the comparison. */
  speaker_name: string | null;
  speaker_mention_text: string | null;
}

/** The claims, in id order (ids are time-ordered: oldest first). */
export async function findClaimsForIndexing(db: Db, ids: readonly string[]): Promise<IndexedClaimRow[]> {
  const rows: IndexedClaimRow[] = [];
  for (const batch of lookupBatches(ids)) {
    rows.push(
      ...(await db
        .selectFrom('claim')
        .leftJoin('speaker', 'speaker.id', 'claim.speaker_id')
        .select(['claim.id', 'claim.text', 'claim.article_id', 'claim.speaker_id', 'speaker.name as speaker_name', 'claim.speaker_mention_text'])
        .where('claim.id', 'in', batch)
        .execute()),
    );
  }
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Those of the claims that still exist (one may be deleted between its reading and its indexing). */
export async function listExistingClaimIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const batch of lookupBatches(ids)) for (const row of await db.selectFrom('claim').select('id').where('id', 'in', batch).execute()) found.add(row.id);
  return found;
}

export async function markClaimsIndexed(db: Db, ids: readonly string[], at: string): Promise<void> {
  for (const batch of lookupBatches(ids)) await db.updateTable('claim').set({ cluster_indexed_at: at }).where('id', 'in', batch).execute();
}

/** One stored band of a claim: claims sharing a (band, bucket) pair may repeat each other. */
export interface BucketMatchRow {
  band: number;
  bucket: number;
  claim_id: string;
}

// Two bound parameters a key: the most keys one statement looks up.
const KEYS_PER_LOOKUP = Math.floor(MAX_BOUND_PARAMETERS / 2);

/**
 * Every stored (band, bucket, claim) row matching one of the keys, through the bucket table's primary key
 * (band, bucket, claim_id): one range per key, many keys per statement.
 */
export async function findBucketMatches(db: Db, keys: readonly BandKey[]): Promise<BucketMatchRow[]> {
  const rows: BucketMatchRow[] = [];
  // PostgreSQL takes every key at once (two array parameters); SQLite a chunk under its parameter limit.
  const chunk = isPostgres(db) ? Math.max(1, keys.length) : KEYS_PER_LOOKUP;
  for (let at = 0; at < keys.length; at += chunk) {
    const { rows: found } = await db.executeQuery(bucketLookup(db, keys.slice(at, at + chunk)));
    for (const row of found) rows.push({ band: row.band, bucket: Number(row.bucket), claim_id: row.claim_id });
  }
  return rows;
}

/**
 * The statement that finds the bucket rows of some keys: on PostgreSQL the keys as two arrays joined to the
 * table (index probes per key), on SQLite a list of (band, bucket) row values (one primary-key range per key).
 */
export function bucketLookup(db: Db, keys: readonly BandKey[]): CompiledQuery<{ band: number; bucket: number | string; claim_id: string }> {
  if (isPostgres(db)) {
    return sql<{ band: number; bucket: string; claim_id: string }>`select band, bucket, claim_id from claim_lsh_bucket
      where (band, bucket) in (select * from unnest(${keys.map((key) => key.band)}::integer[], ${keys.map((key) => key.bucket)}::bigint[]))`.compile(db);
  }
  return db
    .selectFrom('claim_lsh_bucket')
    .select(['band', 'bucket', 'claim_id'])
    .where((eb) => eb(eb.refTuple('band', 'bucket'), 'in', keys.map((key) => eb.tuple(key.band, key.bucket))))
    .compile();
}

/**
 * Serialises cluster indexing on PostgreSQL until the transaction ends (SQLite's one writer does it already):
 * two articles carrying the same statement, indexed at once by two instances, would otherwise each look up
 * before the other's keys are written and never meet, or create two clusters for one pair. Taken before any
 * row lock by everything that writes the index, its members or suggestions, and by every deletion of claims
 * (whose cascade reaches them): one lock order, so a deletion and a decision or an indexing at once never deadlock.
 */
export async function lockClusterIndex(db: Db): Promise<void> {
  if (isPostgres(db)) await sql`select pg_advisory_xact_lock(${CLUSTER_INDEX_LOCK})`.execute(db);
}

/** The advisory lock's key: any 64-bit number the application uses for nothing else. */
const CLUSTER_INDEX_LOCK = 7_310_425_113;

/** Replaces the bucket rows of the claims with the given rows (their new text's keys). */
export async function replaceBuckets(db: Db, claimIds: readonly string[], rows: readonly BucketMatchRow[]): Promise<void> {
  for (const ids of lookupBatches(claimIds)) await db.deleteFrom('claim_lsh_bucket').where('claim_id', 'in', ids).execute();
  if (rows.length === 0) return;
  if (isPostgres(db)) {
    await sql`insert into claim_lsh_bucket (band, bucket, claim_id)
      select * from unnest(${rows.map((row) => row.band)}::integer[], ${rows.map((row) => row.bucket)}::bigint[], ${rows.map((row) => row.claim_id)}::text[])`.execute(db);
    return;
  }
  // One statement and one parameter for any number of rows: the rows travel as JSON, read by json_each.
  const json = JSON.stringify(rows.map((row) => [row.band, row.bucket, row.claim_id]));
  await sql`insert into claim_lsh_bucket (band, bucket, claim_id) select value ->> 0, value ->> 1, value ->> 2 from json_each(${json})`.execute(db);
}

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export interface MembershipRow {
  claim_id: string;
  cluster_id: string;
  joined_by: string;
}

export async function findMemberships(db: Db, claimIds: readonly string[]): Promise<MembershipRow[]> {
  const rows: MembershipRow[] = [];
  for (const batch of lookupBatches(claimIds)) {
    rows.push(...(await db.selectFrom('claim_cluster_member').select(['claim_id', 'cluster_id', 'joined_by']).where('claim_id', 'in', batch).execute()));
  }
  return rows;
}

export async function insertCluster(db: Db, id: string, at: string): Promise<void> {
  await db.insertInto('claim_cluster').values({ id, created_at: at, updated_at: at }).execute();
}

export async function touchClusters(db: Db, ids: readonly string[], at: string): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('claim_cluster').set({ updated_at: at }).where('id', 'in', [...ids]).execute();
}

export interface NewMember {
  claim_id: string;
  cluster_id: string;
  similarity: number;
  joined_by: string;
  joined_at: string;
}

export async function insertMember(db: Db, member: NewMember): Promise<void> {
  await db.insertInto('claim_cluster_member').values(member).execute();
}

/** Moves every member of the given clusters into another one and deletes them (a claim bridged them). */
export async function mergeClustersInto(db: Db, targetId: string, otherIds: readonly string[]): Promise<void> {
  if (otherIds.length === 0) return;
  await db.updateTable('claim_cluster_member').set({ cluster_id: targetId }).where('cluster_id', 'in', [...otherIds]).execute();
  await db.deleteFrom('claim_cluster').where('id', 'in', [...otherIds]).execute();
}

export async function deleteMember(db: Db, claimId: string): Promise<void> {
  await db.deleteFrom('claim_cluster_member').where('claim_id', '=', claimId).execute();
}

/** Deletes the cluster when fewer than two members are left (its members go with it). Returns whether it did. */
export async function deleteClusterIfAlone(db: Db, clusterId: string): Promise<boolean> {
  const { members } = await db
    .selectFrom('claim_cluster_member')
    .select((eb) => eb.fn.countAll<number | string>().as('members'))
    .where('cluster_id', '=', clusterId)
    .executeTakeFirstOrThrow();
  if (Number(members) >= 2) return false;
  await db.deleteFrom('claim_cluster').where('id', '=', clusterId).execute();
  return true;
}

export interface SuggestionRow {
  claim_id: string;
  candidate_claim_id: string;
  similarity: number;
  same_speaker: number;
  state: string;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
}

/** Suggestions between a claim and any of the others, whichever of the two was indexed first. */
export async function findSuggestionsBetween(db: Db, claimId: string, otherIds: readonly string[]): Promise<SuggestionRow[]> {
  if (otherIds.length === 0) return [];
  return db
    .selectFrom('claim_cluster_suggestion')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('claim_id', '=', claimId), eb('candidate_claim_id', 'in', [...otherIds])]),
        eb.and([eb('candidate_claim_id', '=', claimId), eb('claim_id', 'in', [...otherIds])]),
      ]),
    )
    .execute();
}

/** The one suggestion of a pair, in either order. */
export async function findSuggestion(db: Db, claimId: string, otherId: string): Promise<SuggestionRow | undefined> {
  return (await findSuggestionsBetween(db, claimId, [otherId]))[0];
}

export async function insertSuggestion(
  db: Db,
  row: { claim_id: string; candidate_claim_id: string; similarity: number; same_speaker: number; created_at: string },
): Promise<void> {
  await db
    .insertInto('claim_cluster_suggestion')
    .values({ ...row, state: 'pending', decided_by: null, decided_at: null })
    .onConflict((oc) => oc.columns(['claim_id', 'candidate_claim_id']).doNothing())
    .execute();
}

/** Pending suggestions a claim's earlier text made, in either direction: re-indexing makes them again if they still hold. */
export async function deletePendingSuggestions(db: Db, claimIds: readonly string[]): Promise<void> {
  for (const batch of lookupBatches(claimIds)) {
    await db.deleteFrom('claim_cluster_suggestion').where('state', '=', 'pending').where('claim_id', 'in', batch).execute();
    await db.deleteFrom('claim_cluster_suggestion').where('state', '=', 'pending').where('candidate_claim_id', 'in', batch).execute();
  }
}

/** Sets a pending suggestion's decision; returns false when it was not pending (decided meanwhile, or gone). */
export async function decidePendingSuggestion(
  db: Db,
  claimId: string,
  candidateId: string,
  state: 'confirmed' | 'rejected',
  userId: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('claim_cluster_suggestion')
    .set({ state, decided_by: userId, decided_at: at })
    .where('claim_id', '=', claimId)
    .where('candidate_claim_id', '=', candidateId)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Claims the index has not read yet, along the primary key: rows from before the index, or whose indexing failed. */
export async function listUnindexedClaimIds(db: Db, after: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('claim')
    .select('id')
    .where(sql.ref('cluster_indexed_at'), 'is', null)
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/** The article's claims the index has not read (added by a re-extraction, say), through claim_article_id_idx. */
export async function listUnindexedClaimIdsOfArticle(db: Db, articleId: string): Promise<string[]> {
  const rows = await db.selectFrom('claim').select('id').where('article_id', '=', articleId).where(sql.ref('cluster_indexed_at'), 'is', null).execute();
  return rows.map((row) => row.id);
}
