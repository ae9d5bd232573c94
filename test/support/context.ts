import { readFileSync } from 'node:fs';
import type { DestinationStream } from 'pino';
import type { Express } from 'express';
import { createApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { connectDatabase, serverConnectOptions, type Db } from '../../src/db/connect.ts';
import { createLogger } from '../../src/logger.ts';
import { ingestArticle, type IngestInput } from '../../src/features/articles/articles.service.ts';
import { createInMemoryClaimNotifier, type InMemoryClaimNotifier } from '../../src/features/live/claim-notifier.ts';
import { copyMigratedSqlite } from './database.ts';

export const SEED_TEXT = readFileSync(new URL('../../src/seed/article-ar-moscow-paris.txt', import.meta.url), 'utf8');

export interface TestContext {
  db: Db;
  app: Express;
  config: Config;
  notifier: InMemoryClaimNotifier;
  ingest(input: IngestInput): ReturnType<typeof ingestArticle>;
  close(): Promise<void>;
}

/** A migrated in-memory SQLite database and the app on top of it; logs go nowhere unless given a destination. */
export async function createTestContext(env: Record<string, string> = {}, logDestination?: DestinationStream): Promise<TestContext> {
  const config = loadConfig({ DATABASE_URL: ':memory:', LOG_LEVEL: 'silent', SESSION_SECRET: 'test-secret-that-is-long-enough-0123456789', PASSWORD_HASH_COST: '10', ...env });
  const db = connectDatabase(config.databaseUrl, serverConnectOptions(config));
  await copyMigratedSqlite(db);
  const logger = logDestination ? createLogger('info', logDestination) : createLogger('silent');
  const notifier = createInMemoryClaimNotifier({ coalesceMs: 10 });
  const app = createApp({ db, config, logger, notifier });
  return {
    db,
    app,
    config,
    ingest: (input) => ingestArticle(db, input, { maxBytes: config.maxArticleBytes }),
    notifier,
    close: async () => {
      notifier.close();
      await db.destroy();
    },
  };
}

export function ingestSeed(context: TestContext) {
  return context.ingest({ text: SEED_TEXT, language: 'ar', publisher: 'Sputnik', title: 'آفاق التعاون العسكري بين موسكو وباريس' });
}
