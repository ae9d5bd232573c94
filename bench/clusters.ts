/**
 * The cluster lookup of an ingestion at a million claims: for an article of 20 claims, the claims of other
 * articles that may say the same thing (bucket keys looked up, candidates read and re-scored exactly), as
 * findCandidates runs it right after the article is written. Goal: p95 < 100 ms.
 *
 * The database (SQLite, a file) is generated directly: 1,000,000 minimal claim rows in 50,000 articles, and
 * their 20,000,000 bucket rows (20 bands each), keys random as MinHash makes them, 5 % of them falling into
 * 2,000 shared keys per band (stock phrases), so that some buckets hold dozens of claims. The articles looked up
 * are real texts written here; each has three claims with two earlier copies in the database (lightly edited,
 * indexed as the service does) and every claim shares one band with 20 unrelated claims (same topic words).
 *
 * Printed: p50 / p95 of the lookup, of the same bucket statement through raw node-sqlite3 (the baseline, in the
 * same run), their ratio, and the full indexing of a new 20-claim article (lookup + writes + joins).
 *   npm run bench:clusters            BENCH_CLAIMS=1000000 BENCH_ROUNDS=200 by default
 *   BENCH_POSTGRES=postgres://…/db npm run bench:clusters
 *     the same on PostgreSQL, in a database created for the run beside the one named (and dropped after); the
 *     baseline is then the bucket statement through a raw pg client.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kysely, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import sqlite3 from 'sqlite3';
import { connectDatabase, type Db } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Database } from '../src/db/schema.ts';
import { NodeSqliteDialect } from '../src/db/sqlite-driver.ts';
import { bucketLookup } from '../src/features/clusters/clusters.repository.ts';
import { findCandidates, indexClaims } from '../src/features/clusters/clusters.service.ts';
import { newId } from '../src/ids.ts';
import { LSH_BANDS, nearDuplicateKeys } from '../src/text/near-duplicate.ts';

const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const CLAIMS_PER_ARTICLE = 20;
const QUERY_ARTICLES = 10;
const dir = mkdtempSync(path.join(tmpdir(), 'isnad-bench-clusters-'));
const file = path.join(dir, 'clusters.db');
const POSTGRES = process.env.BENCH_POSTGRES;
const BENCH_DATABASE = 'isnad_bench_clusters';

// A made-up vocabulary: claims are 12–24 of these words, Zipf-like, so that some words are common.
const SYLLABLES = ['ba', 'ka', 'ri', 'to', 'mu', 'sel', 'dan', 'or', 'vi', 'lan', 'che', 'pu', 'ros', 'tin', 'ga', 'fe'];
const VOCABULARY = Array.from({ length: 4000 }, (_, i) => SYLLABLES[i % 16]! + SYLLABLES[Math.floor(i / 16) % 16]! + SYLLABLES[Math.floor(i / 256) % 16]!);
let seed = 12345;
const random = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
};
const word = () => VOCABULARY[Math.floor(VOCABULARY.length * random() ** 2.5)]!;
const sentence = () => Array.from({ length: 12 + Math.floor(random() * 13) }, word).join(' ');
const edited = (text: string) => {
  const words = text.split(' ');
  words[Math.floor(words.length / 2)] = word();
  return words.join(' ');
};

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function raw(db: sqlite3.Database, statement: string, parameters: unknown[] = []): Promise<unknown[]> {
  return new Promise((resolve, reject) => db.all(statement, parameters, (error, rows) => (error ? reject(error) : resolve(rows))));
}

async function generate(db: Db): Promise<void> {
  const started = performance.now();
  const articles = Math.ceil(CLAIMS / CLAIMS_PER_ARTICLE);
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  if (POSTGRES) {
    // The dashboard's counting triggers are no part of the lookup: off in this throw-away database.
    await sql`alter table claim disable trigger user`.execute(db);
    await sql.raw(`insert into article (id, title, language, body, checksum, ingested_at)
      select 'a' || lpad(i::text, 7, '0'), 'article ' || i, 'en', 'body', 'checksum ' || i, to_char(timestamp '2020-01-01' + i * interval '1 minute', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
      from generate_series(0, ${articles - 1}) i`).execute(db);
    await sql.raw(`insert into claim (id, article_id, text, start_offset, end_offset, prefix, suffix, cue, kind, checkworthiness, status, created_at, article_ingested_at, cluster_indexed_at)
      select 'c' || lpad(i::text, 8, '0'), 'a' || lpad((i / ${CLAIMS_PER_ARTICLE})::text, 7, '0'), 'claim number ' || i || ' of the generated desk', 0, 10, '', '', 'said', 'factual', 0.5, 'unverified',
        '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z' from generate_series(0, ${CLAIMS - 1}) i`).execute(db);
    console.log(`  ${CLAIMS.toLocaleString('en')} claims in ${articles.toLocaleString('en')} articles: ${elapsed()}`);
    await sql`drop index claim_lsh_bucket_claim_id_idx`.execute(db);
    await sql.raw(`insert into claim_lsh_bucket (band, bucket, claim_id)
      select band, case when random() < 0.05 then floor(random() * 2000)::bigint else 2000 + floor(random() * 9007199254738000)::bigint end, id
      from generate_series(0, ${LSH_BANDS - 1}) band, claim order by 1, 2`).execute(db);
    await sql`create index claim_lsh_bucket_claim_id_idx on claim_lsh_bucket (claim_id)`.execute(db);
    await sql`alter table claim enable trigger user`.execute(db);
    await sql`analyze`.execute(db);
    console.log(`  ${(CLAIMS * LSH_BANDS).toLocaleString('en')} bucket rows: ${elapsed()}`);
    return;
  }
  // Minimal rows, generated by SQLite itself. The facet-count triggers are dropped in this throw-away database:
  // they count claims per status for the dashboard and are no part of the lookup.
  const triggers = await sql<{ name: string }>`select name from sqlite_master where type = 'trigger' and tbl_name = 'claim'`.execute(db);
  for (const { name } of triggers.rows) await sql.raw(`drop trigger ${name}`).execute(db);
  await sql.raw(`with recursive n(i) as (select 0 union all select i + 1 from n where i < ${articles - 1})
    insert into article (id, title, language, body, checksum, ingested_at)
    select printf('a%07d', i), 'article ' || i, 'en', 'body', 'checksum ' || i, strftime('%Y-%m-%dT%H:%M:%fZ', 1600000000 + i * 60, 'unixepoch') from n`).execute(db);
  await sql.raw(`with recursive n(i) as (select 0 union all select i + 1 from n where i < ${CLAIMS - 1})
    insert into claim (id, article_id, text, start_offset, end_offset, prefix, suffix, cue, kind, checkworthiness, status, created_at, article_ingested_at, cluster_indexed_at)
    select printf('c%08d', i), printf('a%07d', i / ${CLAIMS_PER_ARTICLE}), 'claim number ' || i || ' of the generated desk', 0, 10, '', '', 'said', 'factual', 0.5, 'unverified',
      '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z' from n`).execute(db);
  console.log(`  ${CLAIMS.toLocaleString('en')} claims in ${articles.toLocaleString('en')} articles: ${elapsed()}`);
  // Bucket rows: inserted in key order without the claim_id index, which is built after (a sort, not 20M random inserts).
  await sql`drop index claim_lsh_bucket_claim_id_idx`.execute(db);
  await sql.raw(`with recursive b(band) as (select 0 union all select band + 1 from b where band < ${LSH_BANDS - 1})
    insert into claim_lsh_bucket (band, bucket, claim_id)
    select band, case when abs(random()) % 100 < 5 then abs(random()) % 2000 else 2000 + abs(random()) % 9007199254738000 end, id
    from b, claim order by 1, 2`).execute(db);
  await sql`create index claim_lsh_bucket_claim_id_idx on claim_lsh_bucket (claim_id)`.execute(db);
  await sql`analyze`.execute(db);
  console.log(`  ${(CLAIMS * LSH_BANDS).toLocaleString('en')} bucket rows: ${elapsed()}`);
}

/** The baseline: the bucket statement through the bare driver, no Kysely, no re-scoring. */
interface RawClient {
  run(compiled: CompiledQuery): Promise<void>;
  close(): Promise<void>;
}

function rawClient(url: string | undefined): RawClient {
  if (url) {
    const client = new pg.Client({ connectionString: url });
    const connected = client.connect();
    return {
      run: async (compiled) => {
        await connected;
        await client.query(compiled.sql, [...compiled.parameters]);
      },
      close: () => client.end(),
    };
  }
  const database = new sqlite3.Database(file);
  return {
    run: async (compiled) => {
      await raw(database, compiled.sql, [...compiled.parameters]);
    },
    close: () => new Promise<void>((resolve) => database.close(() => resolve())),
  };
}

function urlFor(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

interface QueryArticle {
  articleId: string;
  texts: string[];
}

/** Articles to look up, with copies of three of their claims and topic neighbours planted in the database. */
async function plant(db: Db): Promise<QueryArticle[]> {
  const queries: QueryArticle[] = [];
  for (let q = 0; q < QUERY_ARTICLES; q++) {
    const texts = Array.from({ length: CLAIMS_PER_ARTICLE }, sentence);
    // Earlier copies: two other articles each carry a lightly edited copy of claims 0, 1 and 2, indexed.
    const copies: string[] = [];
    for (let copy = 0; copy < 2; copy++) {
      const articleId = newId();
      await db.insertInto('article').values({ id: articleId, title: `copy ${q}.${copy}`, language: 'en', body: 'body', checksum: `copy ${q}.${copy}`, ingested_at: new Date().toISOString(), version: 1 }).execute();
      for (const text of texts.slice(0, 3)) {
        const id = newId();
        await db
          .insertInto('claim')
          .values({ id, article_id: articleId, speaker_id: null, text: edited(text), start_offset: 0, end_offset: 10, prefix: '', suffix: '', cue: 'said', kind: 'factual', checkworthiness: 0.5, status: 'unverified', version: 1, created_at: new Date().toISOString(), assignee_id: null, assigned_at: null, summary: null, published_at: null, speaker_mention_start: null, speaker_mention_end: null, speaker_mention_text: null })
          .execute();
        copies.push(id);
      }
    }
    await indexClaims(db, copies);
    // Topic neighbours: every claim shares one of its bands with 20 unrelated generated claims.
    const neighbours = texts.flatMap((text, i) => {
      const key = nearDuplicateKeys(text).bands[i % LSH_BANDS]!;
      return Array.from({ length: 20 }, () => ({ band: key.band, bucket: key.bucket, claim_id: `c${String(Math.floor(random() * CLAIMS)).padStart(8, '0')}` }));
    });
    for (let at = 0; at < neighbours.length; at += 300) await db.insertInto('claim_lsh_bucket').values(neighbours.slice(at, at + 300)).onConflict((oc) => oc.doNothing()).execute();
    const articleId = newId();
    queries.push({ articleId, texts });
  }
  return queries;
}

function keyedClaims(query: QueryArticle) {
  return query.texts.map((text, i) => ({
    claim: { id: `${query.articleId}-${i}`, text, article_id: query.articleId, speaker_id: null, speaker_name: null, speaker_mention_text: null },
    ...nearDuplicateKeys(text),
  }));
}

async function main(): Promise<void> {
  const engine = POSTGRES ? 'PostgreSQL' : 'SQLite';
  console.log(`bench:clusters — ${CLAIMS.toLocaleString('en')} claims, ${ROUNDS} rounds, ${engine}`);
  let admin: Db | undefined;
  let benchUrl: string | undefined;
  if (POSTGRES) {
    admin = connectDatabase(POSTGRES);
    await sql`drop database if exists ${sql.id(BENCH_DATABASE)}`.execute(admin);
    await sql`create database ${sql.id(BENCH_DATABASE)}`.execute(admin);
    benchUrl = urlFor(POSTGRES, BENCH_DATABASE);
  }
  const db: Db = benchUrl ? connectDatabase(benchUrl) : new Kysely<Database>({ dialect: new NodeSqliteDialect(file) });
  await migrateToLatest(db);
  await generate(db);
  const queries = await plant(db);
  const baseline = rawClient(benchUrl);

  // Warm both paths once.
  for (const query of queries) {
    await findCandidates(db, keyedClaims(query));
    await baseline.run(bucketLookup(db, keyedClaims(query).flatMap((claim) => claim.bands)));
  }

  const lookup: number[] = [];
  const rawLookup: number[] = [];
  let found = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const query = queries[round % queries.length]!;
    const keyed = keyedClaims(query);
    const compiled = bucketLookup(db, keyed.flatMap((claim) => claim.bands));
    // Alternate which goes first, so that neither always finds the pages the other just read.
    const runBaseline = async () => {
      const start = performance.now();
      await baseline.run(compiled);
      rawLookup.push(performance.now() - start);
    };
    const runLookup = async () => {
      const start = performance.now();
      const candidates = await findCandidates(db, keyed);
      lookup.push(performance.now() - start);
      found = [...candidates.values()].reduce((sum, list) => sum + list.length, 0);
    };
    if (round % 2 === 0) {
      await runLookup();
      await runBaseline();
    } else {
      await runBaseline();
      await runLookup();
    }
  }

  // The whole indexing of a new article: lookup, bucket writes, joins and suggestions, in its transaction.
  const indexing: number[] = [];
  for (let round = 0; round < Math.min(ROUNDS, 40); round++) {
    const query = queries[round % queries.length]!;
    const articleId = newId();
    await db.insertInto('article').values({ id: articleId, title: `new ${round}`, language: 'en', body: 'body', checksum: `new ${round}`, ingested_at: new Date().toISOString(), version: 1 }).execute();
    const ids: string[] = [];
    for (const text of query.texts) {
      const id = newId();
      ids.push(id);
      await db
        .insertInto('claim')
        .values({ id, article_id: articleId, speaker_id: null, text, start_offset: 0, end_offset: 10, prefix: '', suffix: '', cue: 'said', kind: 'factual', checkworthiness: 0.5, status: 'unverified', version: 1, created_at: new Date().toISOString(), assignee_id: null, assigned_at: null, summary: null, published_at: null, speaker_mention_start: null, speaker_mention_end: null, speaker_mention_text: null })
        .execute();
    }
    const start = performance.now();
    await indexClaims(db, ids);
    indexing.push(performance.now() - start);
  }

  const p50 = percentile(lookup, 50);
  const p95 = percentile(lookup, 95);
  const b50 = percentile(rawLookup, 50);
  const b95 = percentile(rawLookup, 95);
  console.log(`\ncluster lookup of a 20-claim article (${found} candidates at or above the suggestion threshold):`);
  console.log(`  findCandidates            p50 ${p50.toFixed(1)} ms   p95 ${p95.toFixed(1)} ms   (goal p95 < 100 ms: ${p95 < 100 ? 'met' : 'NOT met'})`);
  console.log(`  raw ${POSTGRES ? 'pg' : 'sqlite3'}, bucket query ${POSTGRES ? '    ' : ''}p50 ${b50.toFixed(1)} ms   p95 ${b95.toFixed(1)} ms   (baseline)`);
  console.log(`  ratio                     p50 ${(p50 / b50).toFixed(2)}×      p95 ${(p95 / b95).toFixed(2)}×`);
  console.log(`indexing a new 20-claim article (lookup, writes, joins): p50 ${percentile(indexing, 50).toFixed(1)} ms   p95 ${percentile(indexing, 95).toFixed(1)} ms`);
  const compiled = bucketLookup(db, keyedClaims(queries[0]!).flatMap((claim) => claim.bands));
  const plan = await db.executeQuery<Record<string, string>>({ ...compiled, sql: `${POSTGRES ? 'explain' : 'explain query plan'} ${compiled.sql}` });
  console.log(`plan: ${[...new Set(plan.rows.map((row) => row.detail ?? row['QUERY PLAN']))].join(' | ')}`);

  await baseline.close();
  await db.destroy();
  if (admin) {
    await sql`drop database if exists ${sql.id(BENCH_DATABASE)}`.execute(admin);
    await admin.destroy();
  }
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  rmSync(dir, { recursive: true, force: true });
  process.exitCode = 1;
});
