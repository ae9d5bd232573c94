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
import { QueryTimeoutError } from './timeouts.ts';

export type SqliteSynchronous = 'off' | 'normal' | 'full' | 'extra';

export interface NodeSqliteOptions {
  /** How long a statement waits for another connection's lock before failing with SQLITE_BUSY. */
  busyTimeoutMs?: number;
  /** Read-only connections beside the writer; reads outside a transaction go to them. None for :memory:. */
  readConnections?: number;
  /** A statement running longer is interrupted and fails with QueryTimeoutError; 0 leaves it unbounded. */
  queryTimeoutMs?: number;
  /** In WAL, NORMAL survives an application crash; a power loss may drop the last commits. */
  synchronous?: SqliteSynchronous;
  /** Page cache per connection. */
  cacheSizeMb?: number;
  /** Memory-mapped I/O per connection; 0 turns it off. */
  mmapSizeMb?: number;
}

const WRITE_NODE_KINDS = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode']);
const RAW_ROW_STATEMENT = /^\s*(select|with|pragma|explain|values)\b/i;
// Pragmas stay on the writer: some of them set state (foreign_keys), and a reader answers only for itself.
const RAW_READ_ONLY_STATEMENT = /^\s*(select|explain|values)\b/i;

/**
 * node-sqlite3 has no maintained Kysely dialect. One writer connection takes every write and transaction
 * (one transaction at a time); reads outside a transaction go to a few read-only connections, which in WAL
 * see every committed write and never wait behind one.
 */
export class NodeSqliteDialect implements Dialect {
  constructor(
    private readonly filename: string,
    private readonly options: NodeSqliteOptions = {},
  ) {}

  createDriver(): Driver {
    return new NodeSqliteDriver(this.filename, this.options);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createAdapter() {
    return new PooledSqliteAdapter();
  }
  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db);
  }
}

/** The driver keeps writes to one connection itself; Kysely need not queue every read behind them. */
class PooledSqliteAdapter extends SqliteAdapter {
  override get supportsMultipleConnections(): boolean {
    return true;
  }
}

class NodeSqliteDriver implements Driver {
  #writer: SerialConnection | undefined;
  #readers: SerialConnection[] = [];
  #transactions = new Mutex();

  constructor(
    private readonly filename: string,
    private readonly options: NodeSqliteOptions,
  ) {}

  async init(): Promise<void> {
    const timeoutMs = this.options.queryTimeoutMs ?? 0;
    this.#writer = new SerialConnection(await openDatabase(this.filename, sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE), timeoutMs);
    // busy_timeout comes first: switching to WAL needs a lock that a second process (the ingest CLI) may hold.
    await this.#writer.pragmas([this.#busyTimeout(), 'journal_mode = WAL', 'foreign_keys = ON', `synchronous = ${this.options.synchronous ?? 'normal'}`, ...this.#memoryPragmas()]);
    for (let index = 0; index < this.#readerCount(); index++) {
      const reader = new SerialConnection(await openDatabase(this.filename, sqlite3.OPEN_READONLY), timeoutMs);
      await reader.pragmas([this.#busyTimeout(), 'query_only = ON', ...this.#memoryPragmas()]);
      this.#readers.push(reader);
    }
  }

  #readerCount(): number {
    const inMemory = this.filename === '' || this.filename === ':memory:' || this.filename.includes('mode=memory');
    return inMemory ? 0 : Math.max(0, Math.trunc(this.options.readConnections ?? 0));
  }
  #busyTimeout(): string {
    return `busy_timeout = ${Math.trunc(this.options.busyTimeoutMs ?? DEFAULT_SQLITE_BUSY_TIMEOUT_MS)}`;
  }
  #memoryPragmas(): string[] {
    const pragmas: string[] = [];
    if (this.options.cacheSizeMb !== undefined) pragmas.push(`cache_size = ${-Math.trunc(this.options.cacheSizeMb * 1024)}`);
    if (this.options.mmapSizeMb !== undefined) pragmas.push(`mmap_size = ${Math.trunc(this.options.mmapSizeMb * 1024 * 1024)}`);
    return pragmas;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (!this.#writer) throw new Error('SQLite driver used before init');
    return new RoutingConnection(this.#writer, () => this.#leastBusyReader(), this.#transactions);
  }

  #leastBusyReader(): SerialConnection | undefined {
    let best: SerialConnection | undefined;
    for (const reader of this.#readers) if (!best || reader.pending < best.pending) best = reader;
    return best;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const routing = connection as RoutingConnection;
    const release = await this.#transactions.lock();
    try {
      // IMMEDIATE takes the write lock up front, so a read-then-write transaction cannot deadlock on upgrade.
      await routing.enterTransaction(release);
    } catch (error) {
      release();
      throw error;
    }
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as RoutingConnection).leaveTransaction('commit');
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as RoutingConnection).leaveTransaction('rollback');
  }
  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    const connections = [...this.#readers, ...(this.#writer ? [this.#writer] : [])];
    this.#writer = undefined;
    this.#readers = [];
    await Promise.all(connections.map((connection) => connection.close()));
  }
}

class RoutingConnection implements DatabaseConnection {
  #releaseTransaction: (() => void) | undefined;

  constructor(
    private readonly writer: SerialConnection,
    private readonly reader: () => SerialConnection | undefined,
    private readonly transactions: Mutex,
  ) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    if (this.#releaseTransaction) return this.writer.execute<R>(compiledQuery);
    const reader = isReadOnly(compiledQuery) ? this.reader() : undefined;
    if (reader) return reader.execute<R>(compiledQuery);
    // Outside a transaction, a statement on the writer waits for the open one to end rather than joining it.
    const release = await this.transactions.lock();
    try {
      return await this.writer.execute<R>(compiledQuery);
    } finally {
      release();
    }
  }

  // Through this.executeQuery, which Kysely wraps for its query log, so that a log shows where transactions begin and end.
  async enterTransaction(release: () => void): Promise<void> {
    this.#releaseTransaction = release;
    try {
      await this.executeQuery(CompiledQuery.raw('begin immediate'));
    } catch (error) {
      this.#releaseTransaction = undefined;
      throw error;
    }
  }

  async leaveTransaction(ending: 'commit' | 'rollback'): Promise<void> {
    try {
      await this.executeQuery(CompiledQuery.raw(ending));
    } catch (error) {
      // An interrupted write has already rolled its transaction back; there is nothing left to end.
      if (ending === 'commit' || !/no transaction is active/i.test(String((error as Error).message))) throw error;
    } finally {
      const release = this.#releaseTransaction;
      this.#releaseTransaction = undefined;
      release?.();
    }
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not supported by the node-sqlite3 driver');
  }
}

/** Prepared statements kept per connection: preparing again would cost a second trip to the thread pool per query. */
const PREPARED_STATEMENTS_KEPT = 200;

/**
 * One sqlite3 handle running one statement at a time, so that an interrupt stops exactly the statement
 * whose time ran out and never one queued behind it. Statements are prepared once per SQL text and kept
 * (the least recently used dropped beyond PREPARED_STATEMENTS_KEPT): each run binds all its parameters
 * afresh and runs to completion, so a kept statement holds no lock or snapshot between runs.
 */
class SerialConnection {
  #queue: Promise<unknown> = Promise.resolve();
  #prepared = new Map<string, sqlite3.Statement>();
  pending = 0;

  constructor(
    private readonly database: sqlite3.Database,
    private readonly timeoutMs: number,
  ) {}

  execute<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    this.pending++;
    const run = this.#queue.then(() => this.#runBounded<R>(compiledQuery));
    this.#queue = run.catch(() => undefined);
    return run.finally(() => this.pending--);
  }

  async pragmas(pragmas: string[]): Promise<void> {
    for (const pragma of pragmas) await this.execute(CompiledQuery.raw(`pragma ${pragma}`));
  }

  /** How many prepared statements the connection keeps. */
  get preparedCount(): number {
    return this.#prepared.size;
  }

  async close(): Promise<void> {
    // A statement still running would hold close() until it ends.
    this.database.interrupt();
    // Queued behind whatever still runs; sqlite3_close refuses a connection with unfinalized statements.
    await this.#queue;
    await Promise.all([...this.#prepared.values()].map(finalizeStatement));
    this.#prepared.clear();
    await new Promise<void>((resolve, reject) => this.database.close((error) => (error ? reject(error) : resolve())));
  }

  async #runBounded<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    if (this.timeoutMs <= 0) return runStatement<R>(await this.#statementFor(compiledQuery.sql), compiledQuery);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      this.database.interrupt();
    }, this.timeoutMs);
    try {
      return await runStatement<R>(await this.#statementFor(compiledQuery.sql), compiledQuery);
    } catch (error) {
      throw timedOut ? new QueryTimeoutError(this.timeoutMs) : error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs inside the queue: no other statement of this connection is running, so an evicted one can be finalized. */
  async #statementFor(sql: string): Promise<sqlite3.Statement> {
    const kept = this.#prepared.get(sql);
    if (kept) {
      // Map order is insertion order: moving the statement to the end keeps the least recently used first.
      this.#prepared.delete(sql);
      this.#prepared.set(sql, kept);
      return kept;
    }
    const statement = await new Promise<sqlite3.Statement>((resolve, reject) => {
      const prepared: sqlite3.Statement = this.database.prepare(sql, (error: Error | null) => (error ? reject(error) : resolve(prepared)));
    });
    this.#prepared.set(sql, statement);
    if (this.#prepared.size > PREPARED_STATEMENTS_KEPT) {
      const [oldestSql, oldest] = this.#prepared.entries().next().value!;
      this.#prepared.delete(oldestSql);
      void finalizeStatement(oldest);
    }
    return statement;
  }
}

function finalizeStatement(statement: sqlite3.Statement): Promise<void> {
  return new Promise((resolve) => statement.finalize(() => resolve()));
}

function runStatement<R>(statement: sqlite3.Statement, { sql, parameters, query }: CompiledQuery): Promise<QueryResult<R>> {
  const params = parameters.map(toSqliteValue);
  if (returnsRows(query.kind, sql, query)) {
    return new Promise((resolve, reject) => {
      statement.all(params, (error: Error | null, rows: unknown[]) => (error ? reject(error) : resolve({ rows: rows as R[] })));
    });
  }
  return new Promise((resolve, reject) => {
    statement.run(params, function (this: sqlite3.RunResult, error: Error | null) {
      if (error) return reject(error);
      resolve({ rows: [], numAffectedRows: BigInt(this.changes), insertId: BigInt(this.lastID) });
    });
  });
}

function returnsRows(kind: string, sql: string, query: object): boolean {
  if (WRITE_NODE_KINDS.has(kind)) return 'returning' in query && query.returning !== undefined;
  if (kind === 'SelectQueryNode') return true;
  if (kind === 'RawNode') return RAW_ROW_STATEMENT.test(sql);
  return false;
}

function isReadOnly({ sql, query }: CompiledQuery): boolean {
  if (query.kind === 'SelectQueryNode') return true;
  return query.kind === 'RawNode' && RAW_READ_ONLY_STATEMENT.test(sql);
}

function toSqliteValue(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value;
}

function openDatabase(filename: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const database = new sqlite3.Database(filename, mode, (error) => (error ? reject(error) : resolve(database)));
  });
}

/** Hands a lock to one holder at a time, in the order they asked. */
class Mutex {
  #tail: Promise<void> = Promise.resolve();

  lock(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => released);
    return acquired;
  }
}
