import request from 'supertest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { connectDatabase, type Db } from '../../src/db/connect.ts';
import { createInMemoryClaimNotifier } from '../../src/features/live/claim-notifier.ts';
import { createLogger } from '../../src/logger.ts';
import { copyMigratedSqlite } from '../support/database.ts';

let db: Db | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await db?.destroy();
});

async function appWith(level: 'silent' | 'info') {
  const config = loadConfig({ DATABASE_URL: ':memory:', LOG_LEVEL: level, SESSION_SECRET: 'test-secret-that-is-long-enough-0123456789', PASSWORD_HASH_COST: '10' });
  db = connectDatabase(config.databaseUrl);
  await copyMigratedSqlite(db);
  const lines: string[] = [];
  const logger = createLogger(level, { write: (line: string) => void lines.push(line) });
  const child = vi.spyOn(logger, 'child');
  return { app: createApp({ db, config, logger, notifier: createInMemoryClaimNotifier() }), child, lines };
}

describe('request logging', () => {
  it('builds no per-request logger when the level is silent, and still answers errors', async () => {
    const { app, child, lines } = await appWith('silent');
    await request(app).get('/login').expect(200);
    await request(app).get('/no-such-page').expect(302);
    expect(child).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
  });

  it('logs every request with its id at the info level', async () => {
    const { app, lines } = await appWith('info');
    await request(app).get('/login').set('X-Request-Id', 'req-42').expect(200);
    const entries = lines.map((line) => JSON.parse(line) as { req?: { id?: string; url?: string } });
    expect(entries.some((entry) => entry.req?.id === 'req-42' && entry.req.url === '/login')).toBe(true);
  });
});
