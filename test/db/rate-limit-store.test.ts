import type { Options } from 'express-rate-limit';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../src/db/connect.ts';
import { DatabaseRateLimitStore } from '../../src/features/auth/rate-limit-store.ts';
import { TEST_ENGINES, type TestDatabase } from '../support/database.ts';

const WINDOW_MS = 15 * 60 * 1000;
const START = new Date('2026-12-01T12:00:00.000Z');

describe.each(TEST_ENGINES)('sign-in rate limit counters on $engine', ({ open }) => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await open();
    db = database.db;
  });
  afterAll(() => database.drop());
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Only the clock is faked: the database still answers on its own time. */
  function at(time: Date): void {
    vi.useFakeTimers({ toFake: ['Date'], now: time });
  }
  const later = (ms: number) => new Date(START.getTime() + ms);

  function store(prefix: string): DatabaseRateLimitStore {
    const created = new DatabaseRateLimitStore(db, prefix);
    created.init({ windowMs: WINDOW_MS } as Options);
    return created;
  }

  it('counts the hits of one key through every store on the database, with the window set by the first', async () => {
    at(START);
    const [first, second] = [store('a:'), store('a:')];
    expect(await first.increment('10.0.0.1|omar')).toEqual({ totalHits: 1, resetTime: later(WINDOW_MS) });
    at(later(60_000));
    expect(await second.increment('10.0.0.1|omar')).toEqual({ totalHits: 2, resetTime: later(WINDOW_MS) });
    expect(await first.get('10.0.0.1|omar')).toEqual({ totalHits: 2, resetTime: later(WINDOW_MS) });
    expect(await first.get('10.0.0.1|amira')).toBeUndefined();
  });

  it('keeps the keys of two limiters apart, and stores neither addresses nor names', async () => {
    at(START);
    await store('sign-in:address:').increment('10.0.0.2');
    expect(await store('sign-in:address-name:').get('10.0.0.2')).toBeUndefined();
    const rows = await db.selectFrom('rate_limit_counter').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain('10.0.0.2');
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.key_hash))).toBe(true);
  });

  it('starts over once the window has ended', async () => {
    at(START);
    const limiter = store('window:');
    await limiter.increment('k');
    await limiter.increment('k');
    at(later(WINDOW_MS));
    expect(await limiter.get('k')).toBeUndefined();
    expect(await limiter.increment('k')).toEqual({ totalHits: 1, resetTime: later(2 * WINDOW_MS) });
  });

  it('takes back a hit (a sign-in that succeeded), never below zero, and forgets a reset key', async () => {
    at(START);
    const limiter = store('decrement:');
    await limiter.increment('k');
    await limiter.increment('k');
    await limiter.decrement('k');
    expect((await limiter.get('k'))?.totalHits).toBe(1);
    await limiter.decrement('k');
    await limiter.decrement('k');
    expect((await limiter.get('k'))?.totalHits).toBe(0);
    await limiter.resetKey('k');
    expect(await limiter.get('k')).toBeUndefined();
    expect(await limiter.increment('k')).toMatchObject({ totalHits: 1 });
  });

  it('loses no hit when many arrive at once', async () => {
    at(START);
    const limiters = [store('burst:'), store('burst:'), store('burst:')];
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => limiters[i % 3]!.increment('10.0.0.3')));
    expect(results.map((result) => result.totalHits).sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('takes a key of any length (a pasted page as a name)', async () => {
    at(START);
    const limiter = store('long:');
    const key = `10.0.0.4|${'س'.repeat(30_000)}`;
    expect(await limiter.increment(key)).toMatchObject({ totalHits: 1 });
    expect(await limiter.get(key)).toMatchObject({ totalHits: 1 });
  });

  it('deletes ended windows now and then', async () => {
    at(START);
    await store('prune-old:').increment('k');
    at(later(2 * WINDOW_MS));
    await store('prune-new:').increment('k');
    const left = await db.selectFrom('rate_limit_counter').select('reset_at').execute();
    expect(left.every((row) => row.reset_at > later(2 * WINDOW_MS).toISOString())).toBe(true);
    expect(left).toHaveLength(1);
  });
});
