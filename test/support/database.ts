import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { connectDatabase, type Db } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

/** Set to a PostgreSQL URL to run the database tests on PostgreSQL as well as SQLite. */
const POSTGRES_URL = process.env.ISNAD_TEST_POSTGRES_URL;

export interface TestDatabase {
  db: Db;
  drop(): Promise<void>;
}

export const TEST_ENGINES: Array<{ engine: string; open: () => Promise<TestDatabase> }> = [
  { engine: 'sqlite', open: openSqlite },
  ...(POSTGRES_URL ? [{ engine: 'postgres', open: () => openPostgres(POSTGRES_URL) }] : []),
];

async function openSqlite(): Promise<TestDatabase> {
  const db = connectDatabase(':memory:');
  await migrateToLatest(db);
  return { db, drop: () => db.destroy() };
}

/** Each test file gets a schema of its own, so files can run in parallel on one database. */
async function openPostgres(url: string): Promise<TestDatabase> {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = connectDatabase(url);
  await sql`create schema ${sql.id(schema)}`.execute(admin);
  const db = connectDatabase(url, { schema });
  await migrateToLatest(db, { schema });
  return {
    db,
    async drop() {
      await db.destroy();
      await sql`drop schema ${sql.id(schema)} cascade`.execute(admin);
      await admin.destroy();
    },
  };
}
