import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { FileMigrationProvider, Migrator } from 'kysely/migration';
import { describe, expect, it } from 'vitest';
import { connectDatabase, type Db } from '../../src/db/connect.ts';
import { MIGRATIONS_FOLDER } from '../../src/db/migrate.ts';

const MIGRATION = '2026-12-01T15-20-00_add_session_user';
const POSTGRES_URL = process.env.ISNAD_TEST_POSTGRES_URL;

function migratorFor(db: Db, schema?: string): Migrator {
  return new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder: MIGRATIONS_FOLDER, import: (file) => import(pathToFileURL(file).href) }),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

/** Migrates to just before the session's user column, stores sessions as they were, then migrates on. */
async function sessionsAcrossTheMigration(db: Db, schema?: string) {
  const migrator = migratorFor(db, schema);
  const names = (await migrator.getMigrations()).map((migration) => migration.name);
  const before = names[names.indexOf(MIGRATION) - 1]!;
  expect((await migrator.migrateTo(before)).error).toBeUndefined();
  const expires = new Date(Date.now() + 3600_000).toISOString();
  await sql`insert into session (sid, data, expires_at) values
    ('signed-in', ${JSON.stringify({ cookie: {}, userId: 'user-1' })}, ${expires}),
    ('anonymous', ${JSON.stringify({ cookie: {}, csrfToken: 'x' })}, ${expires}),
    ('garbled', 'not json', ${expires})`.execute(db);
  expect((await migrator.migrateToLatest()).error).toBeUndefined();
  return db.selectFrom('session').select(['sid', 'user_id']).orderBy('sid').execute();
}

const EXPECTED = [
  { sid: 'anonymous', user_id: null },
  { sid: 'garbled', user_id: null },
  { sid: 'signed-in', user_id: 'user-1' },
];

describe('sessions signed in before sessions named their user', () => {
  it('get their user from their data on SQLite', async () => {
    const db = connectDatabase(':memory:');
    try {
      expect(await sessionsAcrossTheMigration(db)).toEqual(EXPECTED);
    } finally {
      await db.destroy();
    }
  });

  it.skipIf(!POSTGRES_URL)('get their user from their data on PostgreSQL', async () => {
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const admin = connectDatabase(POSTGRES_URL!);
    await sql`create schema ${sql.id(schema)}`.execute(admin);
    const db = connectDatabase(POSTGRES_URL!, { schema });
    try {
      expect(await sessionsAcrossTheMigration(db, schema)).toEqual(EXPECTED);
    } finally {
      await db.destroy();
      await sql`drop schema ${sql.id(schema)} cascade`.execute(admin);
      await admin.destroy();
    }
  });
});
