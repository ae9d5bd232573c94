import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { connectDatabase, type Db } from '../../src/db/connect.ts';
import { createPgClaimNotifier, type PgClaimNotifier } from '../../src/features/live/pg-claim-notifier.ts';
import { createLogger } from '../../src/logger.ts';
import { POSTGRES_URL, openPostgres, type PostgresTestDatabase } from './database.ts';

export { POSTGRES_URL };

/** One app process as deployed: its own pool, its own notifier, its own port; the database is shared. */
export interface Instance {
  url: string;
  db: Db;
  notifier: PgClaimNotifier;
  server: http.Server;
}

export interface SharedDatabase {
  database: PostgresTestDatabase;
  instances: Instance[];
  stop(): Promise<void>;
}

/** A fresh database on the test PostgreSQL, served by `count` instances that share a NOTIFY channel of their own. */
export async function startInstancesOnPostgres(count: number): Promise<SharedDatabase> {
  const database = await openPostgres();
  // Channels are database-wide: a channel per run keeps parallel test files apart.
  const channel = `test_claims_${randomBytes(6).toString('hex')}`;
  const instances = await Promise.all(Array.from({ length: count }, () => startInstance(database.url, channel)));
  return {
    database,
    instances,
    async stop() {
      for (const instance of instances) await stopInstance(instance);
      await database.drop();
    },
  };
}

async function startInstance(databaseUrl: string, channel: string): Promise<Instance> {
  const config = loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', SESSION_SECRET: 'test-secret-that-is-long-enough-0123456789', PASSWORD_HASH_COST: '10' });
  const db = connectDatabase(databaseUrl);
  const notifier = createPgClaimNotifier({ db, connectionString: databaseUrl, channel, onError: () => {} });
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
