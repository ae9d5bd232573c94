/**
 * Requests per second through the whole app beside what the same machine does without it, in one run:
 * the dashboard and a claim page against a bare Express 5 app and a bare node:http server sending the same
 * bytes, and status changes (8 clients, through the htmx route) against raw node-sqlite3 running the same
 * UPDATE + INSERT transaction. Ratios make the figures comparable across machines.
 *
 *   npm run bench:http            BENCH_SECONDS=5 BENCH_CONNECTIONS=8 by default
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import express from 'express';
import sqlite3 from 'sqlite3';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { connectDatabase, serverConnectOptions, type Db } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { closeExtractionWorkers } from '../src/features/articles/article-extractor.ts';
import { createInMemoryClaimNotifier } from '../src/features/live/claim-notifier.ts';
import { createUser } from '../src/features/users/users.service.ts';
import { createLogger } from '../src/logger.ts';
import { seedIfEmpty } from '../src/seed.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const PASSWORD = 'bench password that is long';
const dir = mkdtempSync(path.join(tmpdir(), 'isnad-bench-http-'));

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function listen(handler: http.RequestListener): Promise<{ url: string; server: http.Server }> {
  const server = http.createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function startIsnad(): Promise<{ url: string; server: http.Server; db: Db; file: string }> {
  const file = path.join(dir, 'isnad.db');
  const config = loadConfig({ DATABASE_URL: file, LOG_LEVEL: 'silent', SESSION_SECRET: 'bench-secret-that-is-long-enough-0123456789', PASSWORD_HASH_COST: '10' });
  const db = connectDatabase(file, serverConnectOptions(config));
  await migrateToLatest(db);
  const logger = createLogger('silent');
  await seedIfEmpty(db, logger, config.maxArticleBytes);
  await createUser(db, { name: 'bench', role: 'editor', password: PASSWORD }, { cost: 10 });
  const app = createApp({ db, config, logger, notifier: createInMemoryClaimNotifier() });
  return { ...(await listen(app)), db, file };
}

function cookieOf(response: Response): string {
  return response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
}

function csrfIn(html: string): string {
  const token = html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? html.match(/"x-csrf-token": "([^"]+)"/)?.[1];
  if (!token) throw new Error('no CSRF token in the page');
  return token;
}

/** Signs in through the form as a browser would; returns the session cookie and its CSRF token. */
async function signIn(url: string): Promise<{ cookie: string; csrf: string }> {
  const login = await fetch(`${url}/login`);
  const body = new URLSearchParams({ name: 'bench', password: PASSWORD, _csrf: csrfIn(await login.text()) });
  const signedIn = await fetch(`${url}/login`, { method: 'POST', body, redirect: 'manual', headers: { Cookie: cookieOf(login) } });
  const cookie = cookieOf(signedIn);
  const page = await fetch(`${url}/account/password`, { headers: { Cookie: cookie } });
  return { cookie, csrf: csrfIn(await page.text()) };
}

async function measure(options: autocannon.Options): Promise<Measured> {
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

/** The same bytes, headers aside, from a bare Express 5 app and a bare node:http server. */
async function startBareServers(pages: Map<string, Buffer>) {
  const bareExpress = express();
  for (const [route, bytes] of pages) bareExpress.get(route, (_req, res) => void res.type('html').send(bytes));
  const bareNode = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const bytes = pages.get(req.url ?? '');
    res.writeHead(bytes ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': bytes?.length ?? 0 });
    res.end(bytes);
  };
  return { express: await listen(bareExpress), node: await listen(bareNode) };
}

/** Raw node-sqlite3 on a copy of the same schema: the status change's UPDATE + INSERT in one transaction, back to back. */
async function rawStatusTransactions(file: string, claimIds: string[]): Promise<number> {
  const database = new sqlite3.Database(file);
  const exec = (sql: string, params: unknown[] = []) => new Promise<void>((resolve, reject) => database.run(sql, params, (error) => (error ? reject(error) : resolve())));
  await exec('pragma journal_mode = wal');
  await exec('pragma synchronous = normal');
  let done = 0;
  const until = performance.now() + SECONDS * 1000;
  while (performance.now() < until) {
    const claimId = claimIds[done % claimIds.length]!;
    const at = new Date().toISOString();
    await exec('begin immediate');
    await exec('update claim set status = ?, version = version + 1, status_changed_by = ?, status_changed_at = ? where id = ?', ['false', 'bench', at, claimId]);
    await exec('insert into review_event (id, claim_id, actor, actor_id, field, from_value, to_value, note, created_at) values (?, ?, ?, null, ?, ?, ?, null, ?)', [randomUUID(), claimId, 'bench', 'status', 'false', 'false', at]);
    await exec('commit');
    done++;
  }
  await new Promise<void>((resolve) => database.close(() => resolve()));
  return done / SECONDS;
}

function statusChangeRequests(claimIds: string[], session: { cookie: string; csrf: string }): Omit<autocannon.Options, 'url'> {
  let next = 0;
  return {
    method: 'POST',
    headers: { Cookie: session.cookie, 'x-csrf-token': session.csrf, 'HX-Request': 'true', 'HX-Request-Type': 'partial', 'Content-Type': 'application/x-www-form-urlencoded' },
    // version 1 is stale after the first round; the seen verdicts say the reviewer saw what is there, so each change goes through.
    body: 'status=false&version=1&seenStatus=false&seenAttribution=unchecked',
    requests: [{ setupRequest: (request) => ({ ...request, path: `/claims/${claimIds[next++ % claimIds.length]}/status` }) }],
  };
}

function row(name: string, measured: Measured, baseline?: Measured, baselineName = ''): string {
  const ratio = baseline ? `  ${((measured.rps / baseline.rps) * 100).toFixed(1)} % of ${baselineName}` : '';
  const errors = measured.errors ? `  (${measured.errors} errors)` : '';
  return `${name.padEnd(34)} ${measured.rps.toFixed(0).padStart(7)} req/s  p50 ${String(measured.p50).padStart(4)} ms  p99 ${String(measured.p99).padStart(4)} ms${ratio}${errors}`;
}

async function main(): Promise<void> {
  const isnad = await startIsnad();
  const session = await signIn(isnad.url);
  const claimIds = (await isnad.db.selectFrom('claim').select('id').orderBy('id').execute()).map((claim) => claim.id);
  await isnad.db.updateTable('claim').set({ status: 'false' }).execute();
  const claimPath = `/claims/${claimIds[0]}`;
  const pages = new Map<string, Buffer>();
  for (const route of ['/', claimPath]) pages.set(route, Buffer.from(await (await fetch(`${isnad.url}${route}`, { headers: { Cookie: session.cookie } })).arrayBuffer()));
  const bare = await startBareServers(pages);
  console.log(`${CONNECTIONS} connections, ${SECONDS} s each; ${claimIds.length} claims; dashboard ${pages.get('/')!.length} bytes, claim page ${pages.get(claimPath)!.length} bytes\n`);

  for (const [name, route] of [['dashboard', '/'], ['claim page', claimPath]] as const) {
    const app = await measure({ url: `${isnad.url}${route}`, headers: { Cookie: session.cookie } });
    const viaExpress = await measure({ url: `${bare.express.url}${route}` });
    const viaNode = await measure({ url: `${bare.node.url}${route}` });
    console.log(row(`${name}: Isnad`, app, viaExpress, 'bare Express'));
    console.log(row(`${name}: bare Express 5`, viaExpress, viaNode, 'node:http'));
    console.log(row(`${name}: bare node:http`, viaNode));
  }
  const changes = await measure({ url: isnad.url, ...statusChangeRequests(claimIds, session) });
  const raw = await rawStatusTransactions(isnad.file, claimIds);
  const rawMeasured = { rps: raw, p50: 0, p99: 0, errors: 0 };
  console.log(row('status change: Isnad (htmx route)', changes, rawMeasured, 'raw sqlite3'));
  console.log(`${'status change: raw sqlite3 UPDATE+INSERT'.padEnd(34)} ${raw.toFixed(0).padStart(7)} tx/s (one connection, back to back)`);

  for (const server of [isnad.server, bare.express.server, bare.node.server]) {
    server.closeAllConnections();
    server.close();
  }
  await isnad.db.destroy();
  await closeExtractionWorkers();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
