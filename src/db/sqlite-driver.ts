import sqlite3 from 'sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import { DEFAULT_SQLITE_BUSY_TIMEOUT_MS } from '../config.ts';

export interface NodeSqliteOptions {
  /** How long a statement waits for another connection's lock before failing with SQLITE_BUSY. */
  busyTimeoutMs?: number;
}

const WRITE_NODE_KINDS = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode']);
const RAW_READ_STATEMENT = /^\s*(select|with|pragma|explain|values)\b/i;

/**
 * node-sqlite3 has no maintained Kysely dialect. Kysely's SqliteAdapter reports
 * a single connection, so Kysely serialises every query and transaction on it.
 */
export class NodeSqliteDialect implements Dialect {
  constructor(
    private readonly filename: string,
    private readonly options: NodeSqliteOptions = {},
  ) {}

  createDriver(): Driver {
    return new NodeSqliteDriver(this.filename, this.options.busyTimeoutMs ?? DEFAULT_SQLITE_BUSY_TIMEOUT_MS);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createAdapter() {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db);
  }
}

class NodeSqliteDriver implements Driver {
  #database: sqlite3.Database | undefined;
  #connection: NodeSqliteConnection | undefined;

  constructor(
    private readonly filename: string,
    private readonly busyTimeoutMs: number,
  ) {}

  async init(): Promise<void> {
    this.#database = await openDatabase(this.filename);
    this.#connection = new NodeSqliteConnection(this.#database);
    // busy_timeout comes first: switching to WAL needs a lock that a second process (the ingest CLI) may hold.
    // WAL then lets readers proceed during a write.
    const pragmas = [`busy_timeout = ${Math.trunc(this.busyTimeoutMs)}`, 'journal_mode = WAL', 'foreign_keys = ON', 'synchronous = NORMAL'];
    for (const pragma of pragmas) {
      await this.#connection.executeQuery(CompiledQuery.raw(`pragma ${pragma}`));
    }
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (!this.#connection) throw new Error('SQLite driver used before init');
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    // IMMEDIATE takes the write lock up front, so a read-then-write transaction cannot deadlock on upgrade.
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    const database = this.#database;
    this.#database = undefined;
    this.#connection = undefined;
    if (database) await new Promise<void>((resolve, reject) => database.close((error) => (error ? reject(error) : resolve())));
  }
}

class NodeSqliteConnection implements DatabaseConnection {
  constructor(private readonly database: sqlite3.Database) {}

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters, query } = compiledQuery;
    const params = parameters.map(toSqliteValue);
    if (returnsRows(query.kind, sql, query)) {
      return new Promise((resolve, reject) => {
        this.database.all(sql, params, (error, rows) => (error ? reject(error) : resolve({ rows: rows as R[] })));
      });
    }
    return new Promise((resolve, reject) => {
      this.database.run(sql, params, function (error) {
        if (error) return reject(error);
        resolve({ rows: [], numAffectedRows: BigInt(this.changes), insertId: BigInt(this.lastID) });
      });
    });
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not supported by the node-sqlite3 driver');
  }
}

function returnsRows(kind: string, sql: string, query: object): boolean {
  if (WRITE_NODE_KINDS.has(kind)) return 'returning' in query && query.returning !== undefined;
  if (kind === 'SelectQueryNode') return true;
  if (kind === 'RawNode') return RAW_READ_STATEMENT.test(sql);
  return false;
}

function toSqliteValue(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value;
}

function openDatabase(filename: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const database = new sqlite3.Database(filename, (error) => (error ? reject(error) : resolve(database)));
  });
}
