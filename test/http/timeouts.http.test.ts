import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { sql } from 'kysely';
import { pinoHttp } from 'pino-http';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorHandler } from '../../src/http/error-handler.ts';
import { createLogger } from '../../src/logger.ts';
import { signIn } from '../support/auth.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';

const TIMEOUT_MS = 1000;
// Never ends by itself: only the query bound stops it.
const ENDLESS_QUERY = sql`with recursive counter(n) as (select 1 union all select n + 1 from counter) select count(*) as n from counter`;

let dir: string;
let context: TestContext;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'isnad-timeouts-'));
  context = await createTestContext({ DATABASE_URL: path.join(dir, 'isnad.db'), DB_QUERY_TIMEOUT_MS: String(TIMEOUT_MS), SQLITE_READ_CONNECTIONS: '2' });
  await insertTestClaim(context.db, { article: await insertTestArticle(context.db), start: 0, text: 'a claim that stays readable' });
});
afterEach(async () => {
  await context.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The app's own error handling in front of one route that runs an endless query. */
function appWithEndlessQuery(): express.Express {
  const outer = express();
  outer.locals.renderer = context.app.locals.renderer;
  outer.use(pinoHttp({ logger: createLogger('silent') }));
  outer.get('/endless', async () => {
    await ENDLESS_QUERY.execute(context.db);
  });
  outer.use(errorHandler);
  return outer;
}

describe('query bound', () => {
  it('answers an endless query with 503 and Retry-After within the bound, while other requests are served', async () => {
    const viewer = await signIn(context, 'viewer');
    const started = Date.now();
    let slowSettled = false;
    const slow = request(appWithEndlessQuery())
      .get('/endless')
      .then((response) => ((slowSettled = true), { response, ms: Date.now() - started }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const dashboardStarted = Date.now();
    const dashboard = await viewer.get('/').expect(200);
    const dashboardMs = Date.now() - dashboardStarted;
    expect(slowSettled).toBe(false);
    expect(dashboard.text).toContain('a claim that stays readable');
    const { response, ms } = await slow;
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.text).toContain('took too long');
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
    expect(ms).toBeLessThan(TIMEOUT_MS + 1500);
    // Served beside the endless query, not after it.
    expect(dashboardMs).toBeLessThan(TIMEOUT_MS / 2);
  });

  it('leaves the connection usable after an interrupted query', async () => {
    await expect(ENDLESS_QUERY.execute(context.db)).rejects.toThrow(/longer than 1000 ms/);
    const rows = await sql<{ one: number }>`select 1 as one`.execute(context.db);
    expect(rows.rows).toEqual([{ one: 1 }]);
  });
});
