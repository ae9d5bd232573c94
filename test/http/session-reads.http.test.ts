import type { LogEvent } from 'kysely';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { connectDatabase, serverConnectOptions, type Db } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createInMemoryClaimNotifier } from '../../src/features/live/claim-notifier.ts';
import { createUser } from '../../src/features/users/users.service.ts';
import { createLogger } from '../../src/logger.ts';
import { TEST_PASSWORD, csrfTokenIn } from '../support/auth.ts';

const config = loadConfig({ DATABASE_URL: ':memory:', LOG_LEVEL: 'silent', SESSION_SECRET: 'test-secret-that-is-long-enough-0123456789', PASSWORD_HASH_COST: '10' });
let db: Db;
let statements: string[];
let counting: boolean;

beforeEach(async () => {
  statements = [];
  counting = false;
  db = connectDatabase(config.databaseUrl, { ...serverConnectOptions(config), log: (event: LogEvent) => void (counting && statements.push(event.query.sql)) });
  await migrateToLatest(db);
});
afterEach(() => db.destroy());

async function signedIn(role: 'viewer' | 'editor') {
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
