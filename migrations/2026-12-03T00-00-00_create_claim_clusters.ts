import { SqliteAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.
// Claim clusters: the same statement published in several articles. Each claim's text is reduced to word
// shingles and a MinHash signature in JavaScript (src/text/near-duplicate.ts); the signature's bands are
// stored as bucket keys, so that the claims that may say the same thing are found by looking up a few keys
// in an index, never by comparing a claim with every other.
// - claim_lsh_bucket: one row per band of a claim's signature; lookups by (band, bucket).
// - claim_cluster / claim_cluster_member: a claim is in at most one cluster.
// - claim_cluster_suggestion: a borderline pair, for a reviewer to confirm or reject.
// - claim.cluster_indexed_at: when the claim's text was last indexed; null for rows written before this
//   migration (indexed at start-up, found through a partial index) and for claims just written.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('claim').addColumn('cluster_indexed_at', 'text').execute();
  await db.schema
    .createIndex('claim_cluster_unindexed_idx')
    .on('claim')
    .column('id')
    .where(sql.ref('cluster_indexed_at'), 'is', null)
    .execute();

  let buckets = db.schema
    .createTable('claim_lsh_bucket')
    .addColumn('band', 'integer', (col) => col.notNull())
    // A 53-bit key: exact in a JavaScript number, an integer on SQLite, a bigint on PostgreSQL.
    .addColumn('bucket', 'bigint', (col) => col.notNull())
    .addColumn('claim_id', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('claim_lsh_bucket_pkey', ['band', 'bucket', 'claim_id'])
    .addForeignKeyConstraint('claim_lsh_bucket_claim_id_fkey', ['claim_id'], 'claim', ['id'], (fk) => fk.onDelete('cascade'));
  if (isSqlite(db)) buckets = buckets.modifyEnd(sql`without rowid`);
  await buckets.execute();
  // A claim's own rows: replaced when its text changes, and deleted with it.
  await db.schema.createIndex('claim_lsh_bucket_claim_id_idx').on('claim_lsh_bucket').column('claim_id').execute();

  await db.schema
    .createTable('claim_cluster')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('created_at', 'text', (col) => col.notNull())
    // Set whenever a member joins or leaves.
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('claim_cluster_member')
    .addColumn('claim_id', 'text', (col) => col.primaryKey())
    .addColumn('cluster_id', 'text', (col) => col.notNull())
    // Similarity (0..1) to the member it was matched with when it joined; 1 for a reviewer's confirmation of an identical text.
    .addColumn('similarity', 'double precision', (col) => col.notNull())
    // 'index' when the near-duplicate index joined it, else the id of the user who confirmed it.
    .addColumn('joined_by', 'text', (col) => col.notNull())
    .addColumn('joined_at', 'text', (col) => col.notNull())
    // Written by the quote-drift service: how far this quote drifted from the speaker's earliest appearance in the cluster.
    .addColumn('quote_drift', 'double precision')
    .addForeignKeyConstraint('claim_cluster_member_claim_id_fkey', ['claim_id'], 'claim', ['id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('claim_cluster_member_cluster_id_fkey', ['cluster_id'], 'claim_cluster', ['id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('claim_cluster_member_cluster_id_idx').on('claim_cluster_member').columns(['cluster_id', 'joined_at']).execute();
  // The drift page: members with a drift, newest first, keyset-paged on (joined_at, claim_id), filtered on the drift from the index.
  await db.schema
    .createIndex('claim_cluster_member_drift_idx')
    .on('claim_cluster_member')
    .columns(['joined_at', 'claim_id', 'quote_drift'])
    .where(sql.ref('quote_drift'), 'is not', null)
    .execute();

  await db.schema
    .createTable('claim_cluster_suggestion')
    // The claim being indexed, and the earlier claim it may repeat.
    .addColumn('claim_id', 'text', (col) => col.notNull())
    .addColumn('candidate_claim_id', 'text', (col) => col.notNull())
    .addColumn('similarity', 'double precision', (col) => col.notNull())
    .addColumn('same_speaker', 'integer', (col) => col.notNull())
    .addColumn('state', 'text', (col) => col.notNull().defaultTo('pending'))
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('claim_cluster_suggestion_pkey', ['claim_id', 'candidate_claim_id'])
    .addForeignKeyConstraint('claim_cluster_suggestion_claim_id_fkey', ['claim_id'], 'claim', ['id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('claim_cluster_suggestion_candidate_claim_id_fkey', ['candidate_claim_id'], 'claim', ['id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .addCheckConstraint('claim_cluster_suggestion_state_check', sql`state in ('pending', 'confirmed', 'rejected')`)
    .addCheckConstraint('claim_cluster_suggestion_pair_check', sql`claim_id <> candidate_claim_id`)
    .execute();
  await db.schema
    .createIndex('claim_cluster_suggestion_candidate_idx')
    .on('claim_cluster_suggestion')
    .columns(['candidate_claim_id', 'claim_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('claim_cluster_suggestion').execute();
  await db.schema.dropTable('claim_cluster_member').execute();
  await db.schema.dropTable('claim_cluster').execute();
  await db.schema.dropTable('claim_lsh_bucket').execute();
  await db.schema.dropIndex('claim_cluster_unindexed_idx').execute();
  await db.schema.alterTable('claim').dropColumn('cluster_indexed_at').execute();
}

function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}
