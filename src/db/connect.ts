import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, type Dialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { NodeSqliteDialect } from './sqlite-driver.ts';

export type Db = Kysely<Database>;
export type DatabaseEngine = 'sqlite' | 'postgres';

export interface ConnectOptions {
  /** PostgreSQL only: the schema to work in, so that several test files can share one database. */
  schema?: string;
  /** SQLite only: how long a write waits for another process's lock before failing as busy. */
  busyTimeoutMs?: number;
}

export function engineOf(databaseUrl: string): DatabaseEngine {
  return /^postgres(ql)?:\/\//i.test(databaseUrl) ? 'postgres' : 'sqlite';
}

export function connectDatabase(databaseUrl: string, options: ConnectOptions = {}): Db {
  return new Kysely<Database>({ dialect: dialectFor(databaseUrl, options) });
}

function dialectFor(databaseUrl: string, options: ConnectOptions): Dialect {
  if (engineOf(databaseUrl) === 'postgres') {
    const pool = new pg.Pool({
      connectionString: databaseUrl,
      max: 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    return new PostgresDialect({ pool });
  }
  const filename = databaseUrl.replace(/^sqlite:(\/\/)?/i, '');
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  return new NodeSqliteDialect(filename, { busyTimeoutMs: options.busyTimeoutMs });
}
