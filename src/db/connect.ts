import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, type Dialect, type LogConfig } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import type { Database } from './schema.ts';
import { NodeSqliteDialect, type SqliteSynchronous } from './sqlite-driver.ts';

export type Db = Kysely<Database>;
export type DatabaseEngine = 'sqlite' | 'postgres';

export interface ConnectOptions {
  /** PostgreSQL only: the schema to work in, so that several test files can share one database. */
  schema?: string;
  /** SQLite only: how long a write waits for another process's lock before failing as busy. */
  busyTimeoutMs?: number;
  /** Every statement longer than this is stopped (SQLite interrupt, PostgreSQL statement_timeout); 0 or unset: unbounded. */
  queryTimeoutMs?: number;
  /** SQLite only: read-only connections beside the one writer. */
  readConnections?: number;
  /** SQLite only: see Config. */
  synchronous?: SqliteSynchronous;
  cacheSizeMb?: number;
  mmapSizeMb?: number;
  /** Kysely's query log: measurements and tests count the statements a request runs. */
  log?: LogConfig;
}

/** The server's connection: every setting of the configuration, queries bounded. */
export function serverConnectOptions(config: Config): ConnectOptions {
  return {
    busyTimeoutMs: config.sqliteBusyTimeoutMs,
    queryTimeoutMs: config.dbQueryTimeoutMs,
    readConnections: config.sqliteReadConnections,
    synchronous: config.sqliteSynchronous,
    cacheSizeMb: config.sqliteCacheSizeMb,
    mmapSizeMb: config.sqliteMmapSizeMb,
  };
}

export function engineOf(databaseUrl: string): DatabaseEngine {
  return /^postgres(ql)?:\/\//i.test(databaseUrl) ? 'postgres' : 'sqlite';
}

export function connectDatabase(databaseUrl: string, options: ConnectOptions = {}): Db {
  return new Kysely<Database>({ dialect: dialectFor(databaseUrl, options), ...(options.log ? { log: options.log } : {}) });
}

function dialectFor(databaseUrl: string, options: ConnectOptions): Dialect {
  if (engineOf(databaseUrl) === 'postgres') {
    const settings = [
      ...(options.schema ? [`-c search_path=${options.schema}`] : []),
      ...(options.queryTimeoutMs ? [`-c statement_timeout=${Math.trunc(options.queryTimeoutMs)}`] : []),
    ];
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, ...(settings.length > 0 ? { options: settings.join(' ') } : {}) });
    return new PostgresDialect({ pool });
  }
  const filename = databaseUrl.replace(/^sqlite:(\/\/)?/i, '');
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  const { busyTimeoutMs, queryTimeoutMs, readConnections, synchronous, cacheSizeMb, mmapSizeMb } = options;
  return new NodeSqliteDialect(filename, { busyTimeoutMs, queryTimeoutMs, readConnections, synchronous, cacheSizeMb, mmapSizeMb });
}
