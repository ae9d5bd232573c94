import { PostgresAdapter, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.ts';
import { bucketLookup } from '../../src/features/clusters/clusters.repository.ts';
import { nearDuplicateKeys } from '../../src/text/near-duplicate.ts';
import { TEST_ENGINES, type TestDatabase } from '../support/database.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';

/**
 * The near-duplicate lookup reads the bucket table through its primary key (band, bucket, claim_id), one range
 * per key, never by scanning the table: that is what keeps an ingestion's lookup flat at a million claims
 * (bench/clusters.ts). Some thousand rows and ANALYZE make the planners choose as on a desk's database.
 */
describe.each(TEST_ENGINES)('cluster lookup plan on $engine', ({ open }) => {
  let database: TestDatabase;
  let db: Db;
  const postgres = () => db.getExecutor().adapter instanceof PostgresAdapter;

  beforeAll(async () => {
    database = await open();
    db = database.db;
    const article = await insertTestArticle(db);
    const claim = await insertTestClaim(db, { article, start: 0, text: 'seed claim' });
    // 5,000 claims' worth of bucket rows (20 bands each), keys spread as real ones are.
    const rows = Array.from({ length: 100_000 }, (_, i) => ({ band: i % 20, bucket: (i * 2654435761) % 2 ** 40, claim_id: claim }));
    for (let at = 0; at < rows.length; at += 300) await db.insertInto('claim_lsh_bucket').values(rows.slice(at, at + 300)).execute();
    await sql`analyze`.execute(db);
  }, 120_000);

  afterAll(() => database?.drop());

  async function plan(): Promise<string> {
    const keys = [
      ...nearDuplicateKeys('Wheat prices in local markets could double again before the end of next winter').bands,
      ...nearDuplicateKeys('The harbour authority said container traffic fell by a third during the strike').bands,
    ];
    const compiled = bucketLookup(db, keys);
    if (postgres()) {
      // Sequential scans priced out: what is left in the plan is what the indexes allow.
      await sql`set enable_seqscan = off`.execute(db);
      const explained = await db.executeQuery<{ 'QUERY PLAN': string }>({ ...compiled, sql: `explain ${compiled.sql}` });
      return explained.rows.map((row) => row['QUERY PLAN']).join('\n');
    }
    const explained = await db.executeQuery<{ detail: string }>({ ...compiled, sql: `explain query plan ${compiled.sql}` });
    return explained.rows.map((row) => row.detail).join('\n');
  }

  it('finds bucket rows through the primary key, one probe per key, never a scan of the table', async () => {
    const text = await plan();
    if (postgres()) {
      expect(text).toMatch(/Index (Only )?Scan using claim_lsh_bucket_pkey/);
      expect(text).not.toMatch(/Seq Scan on claim_lsh_bucket/);
    } else {
      expect(text).toMatch(/SEARCH claim_lsh_bucket USING PRIMARY KEY \(band=\? AND bucket=\?\)/);
      expect(text).not.toMatch(/SCAN claim_lsh_bucket/);
    }
  });
});
