import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { connectDatabase, type Db } from '../../src/db/connect.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated SQLite file (see global-setup.ts). */
    sqliteTemplate: string;
    /** A migrated PostgreSQL database to create test databases from; unset without ISNAD_TEST_POSTGRES_URL. */
    postgresTemplate: string | undefined;
  }
}

/** Set to a PostgreSQL URL to run the database tests on PostgreSQL as well as SQLite. */
export const POSTGRES_URL = process.env.ISNAD_TEST_POSTGRES_URL;

export interface TestDatabase {
  db: Db;
  drop(): Promise<void>;
}

export interface PostgresTestDatabase extends TestDatabase {
  /** Where another connection (a second app instance) finds the same database. */
  url: string;
}

export const TEST_ENGINES: Array<{ engine: string; open: () => Promise<TestDatabase> }> = [
  { engine: 'sqlite', open: openSqlite },
  ...(POSTGRES_URL ? [{ engine: 'postgres', open: openPostgres }] : []),
];

async function openSqlite(): Promise<TestDatabase> {
  const db = connectDatabase(':memory:');
  await copyMigratedSqlite(db);
  return { db, drop: () => db.destroy() };
}

/** A database of its own, created from the run's migrated template, so files can run in parallel on one server. */
export async function openPostgres(): Promise<PostgresTestDatabase> {
  const template = inject('postgresTemplate');
  if (!POSTGRES_URL || !template) throw new Error('set ISNAD_TEST_POSTGRES_URL to run tests on PostgreSQL');
  const name = `${template}_${randomBytes(4).toString('hex')}`;
  const admin = connectDatabase(POSTGRES_URL);
  await sql`create database ${sql.id(name)} template ${sql.id(template)}`.execute(admin);
  const url = postgresUrlFor(POSTGRES_URL, name);
  const db = connectDatabase(url);
  return {
    db,
    url,
    async drop() {
      await db.destroy();
      // Not FORCE: the pool's connections may still be closing, and PostgreSQL waits a few seconds for that.
      await sql`drop database ${sql.id(name)}`.execute(admin);
      await admin.destroy();
    },
  };
}

export function postgresUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Gives an empty SQLite database what migrating it would: the schema and rows of the run's migrated
 * template, in a fraction of the time a migration run takes.
 */
export async function copyMigratedSqlite(db: Db): Promise<void> {
  await sql`attach database ${inject('sqliteTemplate')} as template`.execute(db);
  try {
    // In a transaction every statement goes to the connection that attached the template, not to a reader.
    await db.transaction().execute(async (trx) => {
      if (copyStatements) {
        for (const statement of await copyStatements) await sql.raw(statement).execute(trx);
      } else {
        copyStatements = copyAndRecord(trx);
        await copyStatements;
      }
    });
  } finally {
    await sql`detach database template`.execute(db);
  }
}

/** The statements that made the first copy in this process; every later copy runs them again. */
let copyStatements: Promise<string[]> | undefined;

interface SchemaObject {
  type: string;
  name: string;
  sql: string;
}

/**
 * Copies the template statement by statement. A virtual table creates its own shadow tables, so a table
 * that already exists when its turn comes is filled, not created. Triggers come last, so that copying
 * rows fires none of them.
 */
async function copyAndRecord(db: Db): Promise<string[]> {
  const { rows: objects } = await sql<SchemaObject>`select type, name, sql from template.sqlite_schema where sql is not null order by rowid`.execute(db);
  const statements: string[] = [];
  const run = async (statement: string) => {
    await sql.raw(statement).execute(db);
    statements.push(statement);
  };
  for (const object of objects) {
    if (object.type !== 'trigger' && !(await existsInMain(db, object.name))) await run(object.sql);
  }
  for (const object of objects) {
    if (object.type !== 'table' || /^create virtual table/i.test(object.sql) || !(await hasRows(db, object.name))) continue;
    const columns = (await insertableColumns(db, object.name)).join(', ');
    await run(`delete from main.${quoted(object.name)}`);
    await run(`insert into main.${quoted(object.name)} (${columns}) select ${columns} from template.${quoted(object.name)}`);
  }
  for (const object of objects) if (object.type === 'trigger') await run(object.sql);
  const { rows } = await sql<{ user_version: number }>`pragma template.user_version`.execute(db);
  if (rows[0]!.user_version !== 0) await run(`pragma user_version = ${Math.trunc(rows[0]!.user_version)}`);
  return statements;
}

async function existsInMain(db: Db, name: string): Promise<boolean> {
  const { rows } = await sql<{ found: number }>`select exists (select 1 from main.sqlite_schema where name = ${name}) as found`.execute(db);
  return rows[0]!.found === 1;
}

async function hasRows(db: Db, table: string): Promise<boolean> {
  const { rows } = await sql<{ found: number }>`select exists (select 1 from ${sql.table(`template.${table}`)}) as found`.execute(db);
  return rows[0]!.found === 1;
}

/** Stored columns only: generated ones are computed again on insert. */
async function insertableColumns(db: Db, table: string): Promise<string[]> {
  const { rows } = await sql<{ name: string; hidden: number }>`select name, hidden from pragma_table_xinfo(${table}, 'template')`.execute(db);
  return rows.filter((column) => column.hidden === 0).map((column) => quoted(column.name));
}

function quoted(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}
