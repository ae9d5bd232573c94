import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectDatabase, type Db } from '../../src/db/connect.ts';
import { isQueryTimeout } from '../../src/db/timeouts.ts';

const POSTGRES_URL = process.env.ISNAD_TEST_POSTGRES_URL;

async function settingValue(db: Db, name: string): Promise<unknown> {
  const { rows } = await sql<Record<string, unknown>>`pragma ${sql.raw(name)}`.execute(db);
  return Object.values(rows[0]!)[0];
}

describe('SQLite writer and read-only connections', () => {
  let dir: string;
  let db: Db;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'isnad-pool-'));
    db = connectDatabase(path.join(dir, 'pool.db'), { readConnections: 2, synchronous: 'normal', cacheSizeMb: 8, mmapSizeMb: 64, queryTimeoutMs: 2000 });
    await sql`create table note (id integer primary key, body text not null)`.execute(db);
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sees a committed write in the very next read', async () => {
    for (let index = 0; index < 20; index++) {
      await db.insertInto('note' as never).values({ id: index, body: `note ${index}` } as never).execute();
      const { rows } = await sql<{ n: number }>`select count(*) as n from note`.execute(db);
      expect(rows[0]!.n).toBe(index + 1);
    }
  });

  it('answers reads while a transaction holds the writer, with committed data only', async () => {
    await sql`insert into note (id, body) values (1, 'committed')`.execute(db);
    let readDuringTransaction: unknown[] = [];
    await db.transaction().execute(async (trx) => {
      await sql`insert into note (id, body) values (2, 'not yet committed')`.execute(trx);
      // Outside the transaction: a reader answers at once instead of queueing behind the writer.
      readDuringTransaction = (await sql<{ body: string }>`select body from note order by id`.execute(db)).rows.map((row) => row.body);
    });
    expect(readDuringTransaction).toEqual(['committed']);
    expect((await sql<{ n: number }>`select count(*) as n from note`.execute(db)).rows[0]!.n).toBe(2);
  });

  it('runs concurrent transactions one after the other instead of nesting them', async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        db.transaction().execute(async (trx) => {
          await sql`insert into note (id, body) values (${index}, 'x')`.execute(trx);
          await new Promise((resolve) => setTimeout(resolve, 2));
          await sql`update note set body = 'y' where id = ${index}`.execute(trx);
        }),
      ),
    );
    expect((await sql<{ n: number }>`select count(*) as n from note where body = 'y'`.execute(db)).rows[0]!.n).toBe(10);
  });

  it('applies the configured pragmas', async () => {
    expect(await settingValue(db, 'journal_mode')).toBe('wal');
    expect(await settingValue(db, 'synchronous')).toBe(1);
    expect(await settingValue(db, 'cache_size')).toBe(-8192);
    expect(await settingValue(db, 'mmap_size')).toBe(64 * 1024 * 1024);
    expect(await settingValue(db, 'foreign_keys')).toBe(1);
  });

  it('rolls back cleanly when a statement inside a transaction runs past the bound', async () => {
    const bounded = connectDatabase(path.join(dir, 'pool.db'), { readConnections: 1, queryTimeoutMs: 200 });
    try {
      const endless = bounded.transaction().execute(async (trx) => {
        await sql`insert into note (id, body) values (99, 'lost')`.execute(trx);
        await sql`with recursive c(n) as (select 1 union all select n + 1 from c) insert into note (id, body) select n + 1000, 'z' from c`.execute(trx);
      });
      await expect(endless).rejects.toSatisfy(isQueryTimeout);
      expect((await sql<{ n: number }>`select count(*) as n from note`.execute(bounded)).rows[0]!.n).toBe(0);
      await sql`insert into note (id, body) values (7, 'after')`.execute(bounded);
      expect((await sql<{ n: number }>`select count(*) as n from note`.execute(db)).rows[0]!.n).toBe(1);
    } finally {
      await bounded.destroy();
    }
  });
});

describe.runIf(POSTGRES_URL)('PostgreSQL statement_timeout', () => {
  it('stops a query past the bound with an error the app answers as 503', async () => {
    const db = connectDatabase(POSTGRES_URL!, { queryTimeoutMs: 200 });
    try {
      const started = Date.now();
      const error = await sql`select pg_sleep(5)`.execute(db).catch((caught: unknown) => caught);
      expect(isQueryTimeout(error)).toBe(true);
      expect(Date.now() - started).toBeLessThan(2000);
      expect((await sql<{ one: number }>`select 1 as one`.execute(db)).rows).toEqual([{ one: 1 }]);
    } finally {
      await db.destroy();
    }
  });
});
