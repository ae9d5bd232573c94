import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { connectDatabase, type Db } from '../../src/db/connect.ts';
import { createPgClaimNotifier, type PgClaimNotifier } from '../../src/features/live/pg-claim-notifier.ts';
import { createLogger } from '../../src/logger.ts';
import { TEST_ENGINES, type TestDatabase } from './database.ts';

export const POSTGRES_URL = process.env.ISNAD_TEST_POSTGRES_URL;

/** One app process as deployed: its own pool, its own notifier, its own port; the database is shared. */
export interface Instance {
  url: string;
  db: Db;
  notifier: PgClaimNotifier;
  server: http.Server;
}

export interface SharedDatabase {
  database: TestDatabase;
  instances: Instance[];
  stop(): Promise<void>;
}

/** A fresh schema on the test PostgreSQL, served by `count` instances that share a NOTIFY channel of their own. */
export async function startInstancesOnPostgres(count: number): Promise<SharedDatabase> {
  const postgres = TEST_ENGINES.find((engine) => engine.engine === 'postgres');
  if (!POSTGRES_URL || !postgres) throw new Error('set ISNAD_TEST_POSTGRES_URL to run several instances');
  const database = await postgres.open();
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db);
  // Channels are database-wide: a channel per run keeps parallel test files apart.
  const channel = `test_claims_${randomBytes(6).toString('hex')}`;
  const instances = await Promise.all(Array.from({ length: count }, () => startInstance(rows[0]!.schema, channel)));
  return {
    database,
    instances,
    async stop() {
      for (const instance of instances) await stopInstance(instance);
      await database.drop();
    },
  };
}

async function startInstance(schema: string, channel: string): Promise<Instance> {
  const config = loadConfig({ DATABASE_URL: POSTGRES_URL!, LOG_LEVEL: 'silent', SESSION_SECRET: 'test-secret-that-is-long-enough-0123456789', PASSWORD_HASH_COST: '10' });
  const db = connectDatabase(POSTGRES_URL!, { schema });
  const notifier = createPgClaimNotifier({ db, connectionString: POSTGRES_URL!, channel, onError: () => {} });
  await notifier.whenListening();
  const app = createApp({ db, config, logger: createLogger('silent'), notifier });
  const server = http.createServer(app);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, db, notifier, server };
}

async function stopInstance({ notifier, server, db }: Instance): Promise<void> {
  await notifier.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await db.destroy();
}
