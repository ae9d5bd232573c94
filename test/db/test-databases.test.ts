import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { connectDatabase, type Db } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { TEST_ENGINES, copyMigratedSqlite } from '../support/database.ts';
import { insertTestArticle } from '../support/fixtures.ts';

async function appliedMigrations(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.map((row) => row.name);
}

async function schemaOf(db: Db) {
  const { rows } = await sql<{ type: string; name: string; tbl_name: string; sql: string | null }>`
    select type, name, tbl_name, sql from sqlite_schema order by type, name`.execute(db);
  return rows;
}

async function contentsOf(db: Db): Promise<Record<string, unknown[]>> {
  const contents: Record<string, unknown[]> = {};
  for (const object of await schemaOf(db)) {
    // A contentless full-text table has no rows to read; its shadow tables hold what it keeps.
    if (object.type !== 'table' || /^create virtual table/i.test(object.sql ?? '')) continue;
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(object.name)} order by 1`.execute(db);
    // When a migration ran differs between any two databases.
    contents[object.name] = object.name === 'kysely_migration' ? rows.map(({ timestamp: _ran, ...row }) => row) : rows;
  }
  const { rows } = await sql<{ user_version: number }>`pragma user_version`.execute(db);
  contents.user_version = rows;
  return contents;
}

async function snapshot(prepare: (db: Db) => Promise<void>) {
  const db = connectDatabase(':memory:');
  try {
    await prepare(db);
    return { schema: await schemaOf(db), contents: await contentsOf(db) };
  } finally {
    await db.destroy();
  }
}

describe('a SQLite test database', () => {
  it('has the schema and rows of a freshly migrated one, for the first copy in a process and for later ones', async () => {
    const migrated = await snapshot(migrateToLatest);
    expect(migrated.schema.some((object) => object.type === 'trigger')).toBe(true);
    expect(migrated.contents.kysely_migration!.length).toBeGreaterThan(0);
    expect(await snapshot(copyMigratedSqlite)).toEqual(migrated);
    expect(await snapshot(copyMigratedSqlite)).toEqual(migrated);
  });
});

describe.each(TEST_ENGINES)('a test database on $engine', ({ open }) => {
  it('starts with every migration applied and nothing written by an earlier test', async () => {
    const first = await open();
    try {
      await insertTestArticle(first.db);
    } finally {
      await first.drop();
    }
    const fresh = connectDatabase(':memory:');
    await migrateToLatest(fresh);
    const second = await open();
    try {
      expect(await appliedMigrations(second.db)).toEqual(await appliedMigrations(fresh));
      expect(await second.db.selectFrom('article').select('id').execute()).toEqual([]);
    } finally {
      await second.drop();
      await fresh.destroy();
    }
  });
});
