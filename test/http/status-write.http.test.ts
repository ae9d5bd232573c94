import type { LogEvent } from 'kysely';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { connectDatabase, serverConnectOptions, type Db } from '../../src/db/connect.ts';
import { createInMemoryClaimNotifier } from '../../src/features/live/claim-notifier.ts';
import { createUser } from '../../src/features/users/users.service.ts';
import { createLogger } from '../../src/logger.ts';
import { TEST_PASSWORD, csrfTokenIn } from '../support/auth.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';
import { copyMigratedSqlite } from '../support/database.ts';

const HTMX = { 'HX-Request': 'true', 'HX-Request-Type': 'partial' };
let db: Db;
let statements: string[];
let counting: boolean;

beforeEach(async () => {
  statements = [];
  counting = false;
  const config = loadConfig({ DATABASE_URL: ':memory:', LOG_LEVEL: 'silent', SESSION_SECRET: 'test-secret-that-is-long-enough-0123456789', PASSWORD_HASH_COST: '10' });
  db = connectDatabase(config.databaseUrl, { ...serverConnectOptions(config), log: (event: LogEvent) => void (counting && statements.push(event.query.sql)) });
  await copyMigratedSqlite(db);
});
afterEach(() => db.destroy());

async function signedInReviewer() {
  const config = loadConfig({ DATABASE_URL: ':memory:', LOG_LEVEL: 'silent', SESSION_SECRET: 'test-secret-that-is-long-enough-0123456789', PASSWORD_HASH_COST: '10' });
  const app = createApp({ db, config, logger: createLogger('silent'), notifier: createInMemoryClaimNotifier() });
  await createUser(db, { name: 'Omar', role: 'reviewer', password: TEST_PASSWORD }, { cost: 10 });
  const agent = request.agent(app);
  const login = await agent.get('/login');
  await agent.post('/login').type('form').send({ name: 'Omar', password: TEST_PASSWORD, _csrf: csrfTokenIn(login.text) }).expect(303);
  const csrf = csrfTokenIn((await agent.get('/account/password')).text);
  return { post: (url: string) => agent.post(url).set('x-csrf-token', csrf).set(HTMX) };
}

const verb = (sql: string) => sql.trim().split(/\s+/, 1)[0]!.toLowerCase();

describe('a status change through the htmx route', () => {
  it('writes in one short transaction: begin, the update, its audit row, commit; no session write', async () => {
    const reviewer = await signedInReviewer();
    const claim = await insertTestClaim(db, { article: await insertTestArticle(db), start: 0, text: 'a claim to check' });
    counting = true;
    await reviewer.post(`/claims/${claim}/status`).type('form').send({ status: 'false', version: '1' }).expect(200);
    counting = false;
    const begin = statements.findIndex((sql) => verb(sql) === 'begin');
    const commit = statements.findIndex((sql) => verb(sql) === 'commit');
    const transaction = statements.slice(begin + 1, commit).map(verb);
    const writes = statements.map(verb).filter((word) => ['insert', 'update', 'delete'].includes(word));
    // The session with its user, the desk's rating scale (read once for the request: the form is checked
    // against it and the row is drawn with it), then begin, the claim as it was (the audit's from_value), the
    // update returning what it wrote, its audit row, commit, then the claim's hops for the row sent back.
    expect(statements.length).toBeLessThanOrEqual(8);
    expect(statements.filter((sql) => verb(sql) === 'commit')).toHaveLength(1);
    expect(writes).toEqual(['update', 'insert']);
    expect(statements.some((sql) => /\bsession\b/.test(sql) && verb(sql) !== 'select')).toBe(false);
    expect(transaction.filter((word) => word !== 'select').sort()).toEqual(['insert', 'update']);
  });
});
