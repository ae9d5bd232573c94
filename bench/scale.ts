/**
 * The desk's pages on a database of a million claims: generates it (or reuses one generated before with the
 * same size), then serves the app on a local port and times every dashboard filter and order, a deep page,
 * the claim, speaker, outlet and article pages, the activity page and a CSV export, at least 20 runs each.
 *
 *   npm run bench:scale -- [--claims 100000] [--postgres URL] [--json] [--runs 20] [--fresh]
 *
 * SQLite databases are kept in $TMPDIR/isnad-bench-scale-<claims>.db between runs (--fresh starts over).
 */
import { existsSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { connectDatabase, serverConnectOptions, type Db } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createInMemoryClaimNotifier } from '../src/features/live/claim-notifier.ts';
import { findClaimById } from '../src/features/claims/claims.repository.ts';
import { encodeCursor } from '../src/features/claims/claims.service.ts';
import { createUser } from '../src/features/users/users.service.ts';
import { createLogger } from '../src/logger.ts';
import { sampleFor, scaleClaimId, seedScaleDatabase, shapeFor, type ScaleSample } from './scale-seed.ts';

const { values: args } = parseArgs({
  options: {
    claims: { type: 'string', default: '100000' },
    postgres: { type: 'string' },
    json: { type: 'boolean', default: false },
    runs: { type: 'string', default: '20' },
    fresh: { type: 'boolean', default: false },
  },
});
const CLAIMS = Number(args.claims);
const RUNS = Math.max(20, Number(args.runs));
const PASSWORD = 'bench password for the desk';
const say = (line: string) => (args.json ? process.stderr : process.stdout).write(`${line}\n`);

async function openDatabase(): Promise<{ db: Db; url: string; sample: ScaleSample }> {
  const url = args.postgres ?? path.join(tmpdir(), `isnad-bench-scale-${CLAIMS}.db`);
  if (args.postgres) await resetPostgres(args.postgres);
  else if (args.fresh) for (const suffix of ['', '-wal', '-shm']) rmSync(url + suffix, { force: true });
  const fresh = args.postgres !== undefined || !existsSync(url);
  const config = loadConfig({ DATABASE_URL: url, SESSION_SECRET: 'bench-secret-that-is-long-enough-0123456789' });
  const db = connectDatabase(url, { ...serverConnectOptions(config), queryTimeoutMs: 0 });
  await migrateToLatest(db);
  const shape = shapeFor(CLAIMS);
  let sample: ScaleSample;
  if (fresh) {
    const started = performance.now();
    sample = await seedScaleDatabase(db, shape, (n) => {
      if (n % 100_000 < shape.claims / shape.articles * 500) say(`  ${n.toLocaleString('en')} claims`);
    });
    await sql`analyze`.execute(db);
    say(`generated ${CLAIMS.toLocaleString('en')} claims in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } else {
    sample = await sampleFor(shape);
  }
  return { db, url, sample };
}

async function resetPostgres(url: string): Promise<void> {
  const db = connectDatabase(url);
  await sql`drop schema public cascade`.execute(db);
  await sql`create schema public`.execute(db);
  await db.destroy();
}

interface Timing {
  p50_ms: number;
  p95_ms: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function signIn(base: string, db: Db): Promise<string> {
  const name = `bench-${Date.now()}`;
  await createUser(db, { name, role: 'viewer', password: PASSWORD }, { cost: 4 });
  const login = await fetch(`${base}/login`);
  const cookie = cookiesOf(login);
  const csrf = (await login.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
  const body = new URLSearchParams({ name, password: PASSWORD, _csrf: csrf });
  const answer = await fetch(`${base}/login`, { method: 'POST', body, headers: { cookie }, redirect: 'manual' });
  if (answer.status !== 303) throw new Error(`sign-in answered ${answer.status}`);
  return mergeCookies(cookie, cookiesOf(answer));
}

function cookiesOf(response: Response): string {
  return response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

function mergeCookies(...lists: string[]): string {
  const jar = new Map<string, string>();
  for (const list of lists) for (const pair of list.split('; ').filter(Boolean)) jar.set(pair.split('=')[0]!, pair);
  return [...jar.values()].join('; ');
}

async function time(base: string, cookie: string, url: string): Promise<Timing & { bytes: number }> {
  const samples: number[] = [];
  let bytes = 0;
  for (let run = 0; run < RUNS + 2; run += 1) {
    const started = performance.now();
    const response = await fetch(base + url, { headers: { cookie } });
    const body = await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    bytes = body.byteLength;
    // The first two runs warm the caches.
    if (run >= 2) samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { p50_ms: round(percentile(samples, 50)), p95_ms: round(percentile(samples, 95)), bytes };
}

async function deepCursor(db: Db, claims: number): Promise<string> {
  const row = await findClaimById(db, scaleClaimId(Math.floor(claims / 2)));
  if (!row) throw new Error('the deep page claim is missing');
  return encodeCursor({ sort: 'newest', ingestedAt: row.article_ingested_at, articleId: row.article_id, start: row.start_offset, claimId: row.id });
}

function pagesFor(sample: ScaleSample, deep: string): Record<string, string> {
  return {
    dashboard: '/',
    dashboard_checkworthiness: '/?sort=checkworthiness',
    dashboard_status_false: '/?status=false',
    dashboard_status_false_checkworthiness: '/?status=false&sort=checkworthiness',
    dashboard_speaker_busiest: `/?speaker=${sample.busiestSpeakerId}`,
    dashboard_speaker_rare: `/?speaker=${sample.rareSpeakerId}`,
    dashboard_speaker_checkworthiness: `/?speaker=${sample.busiestSpeakerId}&sort=checkworthiness`,
    dashboard_outlet_busiest: `/?outlet=${sample.busiestOutletId}`,
    dashboard_outlet_rare: `/?outlet=${sample.rareOutletId}`,
    dashboard_article_old: `/?article=${sample.oldArticleId}`,
    dashboard_provenance_manual: '/?provenance=manual',
    dashboard_check_75: '/?check=75',
    dashboard_check_75_checkworthiness: '/?check=75&sort=checkworthiness',
    dashboard_deep_page: `/?after=${encodeURIComponent(deep)}`,
    claim_page: `/claims/${sample.reviewedClaimId}`,
    speaker_page: `/speakers/${sample.busiestSpeakerId}`,
    outlet_page: `/outlets/${sample.busiestOutletId}`,
    article_page: `/articles/${sample.oldArticleId}`,
    articles_list: '/articles',
    activity: '/activity',
    csv_speaker_rare: `/claims.csv?speaker=${sample.rareSpeakerId}`,
    csv_status_false: '/claims.csv?status=false',
  };
}

async function main(): Promise<void> {
  const { db, url, sample } = await openDatabase();
  const config = loadConfig({ DATABASE_URL: url, SESSION_SECRET: 'bench-secret-that-is-long-enough-0123456789', LOG_LEVEL: 'silent', NODE_ENV: 'production' });
  const notifier = createInMemoryClaimNotifier();
  const app = createApp({ db, config, logger: createLogger('silent'), notifier });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cookie = await signIn(base, db);
  const pages: Record<string, Timing & { bytes?: number }> = {};
  let rss = 0;
  for (const [name, page] of Object.entries(pagesFor(sample, await deepCursor(db, CLAIMS)))) {
    const timing = await time(base, cookie, page);
    pages[name] = timing;
    rss = Math.max(rss, process.memoryUsage().rss);
    say(`${name.padEnd(40)} p50 ${String(timing.p50_ms).padStart(7)} ms   p95 ${String(timing.p95_ms).padStart(7)} ms   ${(timing.bytes / 1024).toFixed(0)} KB`);
  }
  const rssMb = Math.round(rss / 1024 / 1024);
  say(`RSS ${rssMb} MB`);
  if (args.json) {
    const json = Object.fromEntries(Object.entries(pages).map(([name, { p50_ms, p95_ms }]) => [name, { p50_ms, p95_ms }]));
    process.stdout.write(`${JSON.stringify({ claims: CLAIMS, engine: args.postgres ? 'postgres' : 'sqlite', pages: json, rss_mb: rssMb })}\n`);
  }
  server.close();
  notifier.close();
  await db.destroy();
}

await main();
