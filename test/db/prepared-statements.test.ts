import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import sqlite3 from 'sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectDatabase, type Db } from '../../src/db/connect.ts';

describe('SQLite prepared statements', () => {
  let dir: string;
  let db: Db;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'isnad-prepared-'));
    // No read connections: every statement goes to the one writer, so counts are per connection.
    db = connectDatabase(path.join(dir, 'prepared.db'), { readConnections: 0 });
    await sql`create table note (id integer primary key, body text not null unique)`.execute(db);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prepares a statement once and runs it again with new parameters', async () => {
    const prepare = vi.spyOn(sqlite3.Database.prototype, 'prepare');
    for (let index = 0; index < 5; index++) await sql`insert into note (id, body) values (${index}, ${`note ${index}`})`.execute(db);
    for (let index = 0; index < 5; index++) {
      const { rows } = await sql<{ body: string }>`select body from note where id = ${index}`.execute(db);
      expect(rows).toEqual([{ body: `note ${index}` }]);
    }
    const prepared = prepare.mock.calls.map(([text]) => text);
    expect(prepared.filter((text) => text.startsWith('insert into note'))).toHaveLength(1);
    expect(prepared.filter((text) => text.startsWith('select body from note'))).toHaveLength(1);
  });

  it('answers a write with its changes and inserted row id each time', async () => {
    for (let index = 1; index <= 3; index++) {
      const result = await db.insertInto('note' as never).values({ body: `note ${index}` } as never).executeTakeFirst();
      expect(result.insertId).toBe(BigInt(index));
    }
    const updated = await db.updateTable('note' as never).set({ body: sql`body || '!'` } as never).where('id' as never, '>', 1 as never).executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(2n);
  });

  it('runs a kept statement again after it failed', async () => {
    const insert = (body: string) => sql`insert into note (body) values (${body})`.execute(db);
    await insert('same');
    await expect(insert('same')).rejects.toThrow(/UNIQUE/);
    await insert('other');
    expect((await sql<{ n: number }>`select count(*) as n from note`.execute(db)).rows[0]!.n).toBe(2);
  });

  it('sees a column added after the statement was prepared', async () => {
    await sql`insert into note (id, body) values (1, 'x')`.execute(db);
    expect((await sql`select * from note`.execute(db)).rows).toEqual([{ id: 1, body: 'x' }]);
    await sql`alter table note add column tag text`.execute(db);
    expect((await sql`select * from note`.execute(db)).rows).toEqual([{ id: 1, body: 'x', tag: null }]);
  });

  it('keeps a bounded number of statements and still closes cleanly', async () => {
    const finalize = vi.spyOn(sqlite3.Statement.prototype, 'finalize');
    for (let index = 0; index < 260; index++) await sql.raw(`select ${index} as n`).execute(db);
    expect(finalize.mock.calls.length).toBeGreaterThanOrEqual(60);
    await db.destroy();
    // destroy() again in afterEach must not fail: reopen a connection for it.
    db = connectDatabase(path.join(dir, 'prepared.db'), { readConnections: 0 });
  });
});
