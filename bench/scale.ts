/**
 * The desk's pages on a database of a million claims: generates it (or reuses one generated before with the
 * same size), then starts the server (src/server.ts, production settings, in a process of its own) and times
 * every dashboard filter and order, a deep page, the claim, speaker, outlet and article pages (with their charts), the Desk overview, the activity
 * page, searches (the /search page and the dashboard's q, alone and with a filter) and CSV exports, at least 20 runs each, while sampling the server's resident memory.
 * SQLITE_* and DB_* settings in the environment reach the server, to compare them.
 *
 *   npm run bench:scale -- [--claims 100000] [--postgres URL] [--json] [--runs 20] [--fresh]
 *
 * SQLite databases are kept in $TMPDIR/isnad-bench-scale-<claims>.db between runs, and a PostgreSQL database that
 * holds as many claims is timed again as it is (--fresh starts over).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { connectDatabase, serverConnectOptions, type Db } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { findClaimById } from '../src/features/claims/claims.repository.ts';
import { encodeCursor } from '../src/features/claims/claims.service.ts';
import { createUser } from '../src/features/users/users.service.ts';
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
const SESSION_SECRET = 'bench-secret-that-is-long-enough-0123456789';
const say = (line: string) => (args.json ? process.stderr : process.stdout).write(`${line}\n`);

async function openDatabase(): Promise<{ db: Db; url: string; sample: ScaleSample }> {
  const url = args.postgres ?? path.join(tmpdir(), `isnad-bench-scale-${CLAIMS}.db`);
  let fresh: boolean;
  if (args.postgres) {
    fresh = args.fresh || !(await holdsClaims(args.postgres, CLAIMS));
    if (fresh) await resetPostgres(args.postgres);
  } else {
    if (args.fresh) for (const suffix of ['', '-wal', '-shm']) rmSync(url + suffix, { force: true });
    fresh = !existsSync(url);
  }
  const config = loadConfig({ DATABASE_URL: url, SESSION_SECRET });
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

/** Whether the database holds a generated desk of this size already, to time it again without generating it. */
async function holdsClaims(url: string, claims: number): Promise<boolean> {
  const db = connectDatabase(url);
  try {
    const row = await sql<{ n: string }>`select count(*) as n from claim`.execute(db);
    return Number(row.rows[0]?.n) === claims;
  } catch {
    return false;
  } finally {
    await db.destroy();
  }
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

async function time(base: string, cookie: string, url: string): Promise<Timing & { bytes: number; rows: number }> {
  const samples: number[] = [];
  let bytes = 0;
  let rows = 0;
  for (let run = 0; run < RUNS + 2; run += 1) {
    const started = performance.now();
    const response = await fetch(base + url, { headers: { cookie } });
    const body = await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    bytes = body.byteLength;
    // CSV records end with CRLF; line breaks inside claim texts are bare LF.
    if (url.includes('.csv')) rows = Buffer.from(body).toString('utf8').split('\r\n').length - 2;
    // The first two runs warm the caches.
    if (run >= 2) samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { p50_ms: round(percentile(samples, 50)), p95_ms: round(percentile(samples, 95)), bytes, rows };
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
    overview: '/overview',
    search_common_word: `/search?q=${encodeURIComponent(sample.commonWord)}`,
    search_rare_name: `/search?q=${encodeURIComponent(sample.rareName)}`,
    search_phrase: `/search?q=${encodeURIComponent(sample.phrase)}`,
    dashboard_q_common_word: `/?q=${encodeURIComponent(sample.commonWord)}`,
    dashboard_q_rare_name: `/?q=${encodeURIComponent(sample.rareName)}`,
    dashboard_q_phrase_checkworthiness: `/?q=${encodeURIComponent(sample.phrase)}&sort=checkworthiness`,
    dashboard_q_common_status_false: `/?q=${encodeURIComponent(sample.commonWord)}&status=false`,
    dashboard_q_rare_speaker_busiest: `/?q=${encodeURIComponent(sample.rareName)}&speaker=${sample.busiestSpeakerId}`,
    csv_speaker_rare: `/claims.csv?speaker=${sample.rareSpeakerId}`,
    csv_status_false: '/claims.csv?status=false',
  };
}

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => probe.once('listening', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function startServer(url: string): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  const env = { ...process.env, DATABASE_URL: url, SESSION_SECRET, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'silent', SEED_ON_EMPTY: 'false' };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const ready = await fetch(`${base}/login`).then((r) => r.ok, () => false);
    if (ready) return { base, child };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the server did not start within two minutes');
}

/** The server's resident memory, sampled every 50 ms: file-backed pages (SQLite's memory map) apart. */
function sampleMemory(pid: number): { stop: () => { peakMb: number; medianMb: number; peakAnonMb: number } } {
  const rss: number[] = [];
  const anon: number[] = [];
  const read = () => {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+)`, 'm'))?.[1] ?? 0);
    rss.push(kb('VmRSS') / 1024);
    anon.push(kb('RssAnon') / 1024);
  };
  const timer = setInterval(() => {
    try {
      read();
    } catch {
      // Not on Linux, or the server is gone: no figure.
    }
  }, 50);
  return {
    stop: () => {
      clearInterval(timer);
      const sorted = [...rss].sort((a, b) => a - b);
      return { peakMb: Math.round(sorted.at(-1) ?? 0), medianMb: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0), peakAnonMb: Math.round(Math.max(0, ...anon)) };
    },
  };
}

async function main(): Promise<void> {
  const { db, url, sample } = await openDatabase();
  const { base, child } = await startServer(url);
  const memory = sampleMemory(child.pid!);
  const pages: Record<string, Timing & { bytes?: number }> = {};
  try {
    const cookie = await signIn(base, db);
    for (const [name, page] of Object.entries(pagesFor(sample, await deepCursor(db, CLAIMS)))) {
      const timing = await time(base, cookie, page);
      pages[name] = timing;
      const rate = timing.rows > 0 ? `   ${timing.rows.toLocaleString('en')} rows, ${Math.round(timing.rows / (timing.p50_ms / 1000)).toLocaleString('en')} rows/s` : '';
      say(`${name.padEnd(40)} p50 ${String(timing.p50_ms).padStart(7)} ms   p95 ${String(timing.p95_ms).padStart(7)} ms   ${(timing.bytes / 1024).toFixed(0)} KB${rate}`);
    }
  } finally {
    child.kill('SIGTERM');
  }
  const rss = memory.stop();
  say(`server RSS: peak ${rss.peakMb} MB, median ${rss.medianMb} MB (peak without file-backed pages ${rss.peakAnonMb} MB)`);
  if (args.json) {
    const json = Object.fromEntries(Object.entries(pages).map(([name, { p50_ms, p95_ms }]) => [name, { p50_ms, p95_ms }]));
    process.stdout.write(`${JSON.stringify({ claims: CLAIMS, engine: args.postgres ? 'postgres' : 'sqlite', pages: json, rss_mb: rss.peakMb, rss_median_mb: rss.medianMb })}\n`);
  }
  await db.destroy();
}

await main();
