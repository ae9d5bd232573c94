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

const config = loadConfig({ DATABASE_URL: ':memory:', LOG_LEVEL: 'silent', SESSION_SECRET: 'test-secret-that-is-long-enough-0123456789', PASSWORD_HASH_COST: '10' });
let db: Db;
let statements: string[];
let counting: boolean;

beforeEach(async () => {
  statements = [];
  counting = false;
  db = connectDatabase(config.databaseUrl, { ...serverConnectOptions(config), log: (event: LogEvent) => void (counting && statements.push(event.query.sql)) });
  await copyMigratedSqlite(db);
});
afterEach(() => db.destroy());

async function signedIn(role: 'viewer' | 'reviewer') {
  const app = createApp({ db, config, logger: createLogger('silent'), notifier: createInMemoryClaimNotifier() });
  const { user } = await createUser(db, { name: 'Omar', role, password: TEST_PASSWORD }, { cost: 10 });
  const agent = request.agent(app);
  const login = await agent.get('/login');
  await agent.post('/login').type('form').send({ name: 'Omar', password: TEST_PASSWORD, _csrf: csrfTokenIn(login.text) }).expect(303);
  return { agent, userId: user.id };
}

const readsUserById = (sql: string) => /^select .* from "app_user" where "id" = \?/.test(sql);

describe('the session of a signed-in request', () => {
  it('is read with its user in one statement', async () => {
    const { agent } = await signedIn('viewer');
    counting = true;
    await agent.get('/account/password').expect(200);
    counting = false;
    const sessionReads = statements.filter((sql) => /from "session"/.test(sql));
    expect(sessionReads).toHaveLength(1);
    expect(sessionReads[0]).toMatch(/join "app_user"/);
    expect(statements.filter(readsUserById)).toEqual([]);
  });

  it('still signs out an account disabled since the last request', async () => {
    const { agent, userId } = await signedIn('viewer');
    await agent.get('/account/password').expect(200);
    // Straight in the table: the session row stays, so only the user read with it can refuse the request.
    await db.updateTable('app_user').set({ disabled: 1 }).where('id', '=', userId).execute();
    expect((await agent.get('/account/password')).status).toBe(302);
  });
});

describe('the CSRF token', () => {
  it('is 256 random bits in hex, the same in every form of the page', async () => {
    const { agent } = await signedIn('reviewer');
    const page = (await agent.get('/account/password').expect(200)).text;
    const tokens = new Set([...page.matchAll(/name="_csrf" value="([^"]*)"/g)].map((match) => match[1]));
    expect([...tokens]).toHaveLength(1);
    expect([...tokens][0]).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the claim page', () => {
  async function claimPageStatements(role: 'viewer' | 'reviewer') {
    const { agent } = await signedIn(role);
    const article = await insertTestArticle(db);
    const claim = await insertTestClaim(db, { article, start: 0, text: 'a claim to check', speaker: 'Amira' });
    await insertTestClaim(db, { article, start: 100, text: 'another claim', speaker: 'Omar' });
    counting = true;
    const page = await agent.get(`/claims/${claim}`).expect(200);
    counting = false;
    return { page: page.text, statements };
  }

  it("reads the article's text and noise but not its other claims", async () => {
    const { page, statements } = await claimPageStatements('reviewer');
    expect(page).toContain('a claim to check');
    expect(statements.filter((sql) => /from "claim" where "article_id" = \?/.test(sql))).toEqual([]);
    expect(statements.filter((sql) => /from "noise_span"/.test(sql))).toHaveLength(1);
  });

  const readsSpeakerNames = (sql: string) => /select distinct "speaker"."name"/.test(sql);

  it('reads the speaker names for the correction form of a reviewer', async () => {
    const { page, statements } = await claimPageStatements('reviewer');
    expect(page).toContain('Amira');
    expect(statements.filter(readsSpeakerNames)).toHaveLength(1);
  });

  it('leaves the speaker names out for a viewer, who has no correction form', async () => {
    expect((await claimPageStatements('viewer')).statements.filter(readsSpeakerNames)).toEqual([]);
  });
});
