/**
 * The dashboard's cluster filter ("already checked elsewhere", "new") and the claim page's cluster section
 * on a generated desk, beside the unfiltered dashboard page measured in the same run (the ratio is what
 * compares across machines).
 *
 *   npm run --silent bench:cluster-filter -- [--claims 100000] [--clustered 0.2,0.01] [--runs 20]
 *
 * The claims come from bench/scale-seed.ts (about 12 % of them with a final verdict); then a share of them
 * (each value of --clustered) is put in clusters of three claims of different articles, straight into the
 * member table. For each share it times, p50 and p95 over --runs after two warm-ups: the first page of each
 * filter in both orders, a page half-way down, the status counts above the list, and a clustered claim's
 * section (its appearances and suggestions).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kysely, sql } from 'kysely';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Database } from '../src/db/schema.ts';
import { NodeSqliteDialect } from '../src/db/sqlite-driver.ts';
import type { ClaimFilters, ClaimSort } from '../src/features/claims/claims.repository.ts';
import { findClaimById } from '../src/features/claims/claims.repository.ts';
import { getStatusCounts, listClaimPage } from '../src/features/claims/claims.service.ts';
import { getClusterSection } from '../src/features/clusters/cluster-desk.service.ts';
import { scaleClaimId, seedScaleDatabase, shapeFor } from './scale-seed.ts';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1]! : fallback;
}

const CLAIMS = Number(option('claims', '100000'));
const SHARES = option('clustered', '0.2,0.01').split(',').map(Number);
const RUNS = Number(option('runs', '20'));
const PAGE = 50;

async function time(task: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await task();
  await task();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    await task();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(RUNS / 2)]!, p95: samples[Math.min(RUNS - 1, Math.ceil(RUNS * 0.95) - 1)]! };
}

/** Clusters of three claims 7,919 apart (a prime: different articles, every claim at most once), over `share` of the claims. */
async function cluster(db: Kysely<Database>, share: number): Promise<string> {
  await db.deleteFrom('claim_cluster_member').execute();
  await db.deleteFrom('claim_cluster').execute();
  const at = '2026-11-30T00:00:00.000Z';
  const clusters = Math.floor((CLAIMS * share) / 3);
  for (let start = 0; start < clusters; start += 300) {
    const batch = Array.from({ length: Math.min(300, clusters - start) }, (_, i) => start + i);
    await db.insertInto('claim_cluster').values(batch.map((n) => ({ id: `c-${n}`, created_at: at, updated_at: at }))).execute();
    await db
      .insertInto('claim_cluster_member')
      .values(batch.flatMap((n) => [0, 1, 2].map((k) => ({ claim_id: scaleClaimId(((n * 3 + k) * 7919) % CLAIMS), cluster_id: `c-${n}`, similarity: 0.9, joined_by: 'index', joined_at: at }))))
      .execute();
  }
  await sql`analyze`.execute(db);
  return scaleClaimId(0);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'isnad-bench-cluster-filter-'));
  const db = new Kysely<Database>({ dialect: new NodeSqliteDialect(path.join(dir, 'bench.db')) });
  try {
    await migrateToLatest(db);
    process.stderr.write(`generating ${CLAIMS} claims…\n`);
    await seedScaleDatabase(db, shapeFor(CLAIMS));
    const page = (filters: ClaimFilters, sort: ClaimSort = 'newest', after?: string) => listClaimPage(db, filters, after, PAGE, sort);
    // A cursor half-way down the unfiltered list, in each filter's own order.
    const halfWay = async (filters: ClaimFilters) => {
      let cursor: string | undefined;
      for (let i = 0; i < 10; i += 1) cursor = (await page(filters, 'newest', cursor)).nextCursor ?? cursor;
      return cursor;
    };
    for (const share of SHARES) {
      const clustered = await cluster(db, share);
      const claim = (await findClaimById(db, clustered))!;
      const checked = (await page({ cluster: 'checked' })).total;
      const deep = await halfWay({ cluster: 'checked' });
      const baseline = await time(() => page({}));
      const rows: Array<[string, { p50: number; p95: number }]> = [
        ['dashboard, no filter (baseline)', baseline],
        ['checked elsewhere, newest first', await time(() => page({ cluster: 'checked' }))],
        ['checked elsewhere, by check-worthiness', await time(() => page({ cluster: 'checked' }, 'checkworthiness'))],
        ['checked elsewhere, 10 pages down', await time(() => page({ cluster: 'checked' }, 'newest', deep))],
        ['new, newest first', await time(() => page({ cluster: 'new' }))],
        ['new, by check-worthiness', await time(() => page({ cluster: 'new' }, 'checkworthiness'))],
        ['counts: checked elsewhere', await time(() => getStatusCounts(db, { cluster: 'checked' }))],
        ['counts: new', await time(() => getStatusCounts(db, { cluster: 'new' }))],
        ['claim page cluster section', await time(() => getClusterSection(db, claim))],
      ];
      console.log(`\n${CLAIMS.toLocaleString('en')} claims, ${(share * 100).toFixed(1)} % in clusters of three, ${checked.toLocaleString('en')} checked elsewhere (${RUNS} runs, ms)`);
      console.log('| query | p50 | p95 | p50 / baseline |');
      console.log('|---|---|---|---|');
      for (const [name, { p50, p95 }] of rows) console.log(`| ${name} | ${p50.toFixed(1)} | ${p95.toFixed(1)} | ${(p50 / baseline.p50).toFixed(2)} |`);
    }
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
