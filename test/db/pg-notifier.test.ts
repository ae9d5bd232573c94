import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectDatabase, type Db } from '../../src/db/connect.ts';
import { createPgClaimNotifier, type PgClaimNotifier } from '../../src/features/live/pg-claim-notifier.ts';
import { createClaimNotifierFor } from '../../src/features/live/notifier-for-engine.ts';

const POSTGRES_URL = process.env.ISNAD_TEST_POSTGRES_URL;

describe.skipIf(!POSTGRES_URL)('PostgreSQL claim notifier (LISTEN/NOTIFY between instances)', () => {
  let db: Db;
  const opened: PgClaimNotifier[] = [];

  beforeAll(() => {
    db = connectDatabase(POSTGRES_URL!);
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((notifier) => notifier.close()));
  });
  afterAll(async () => {
    await db.destroy();
  });

  /** Channels are database-wide: each test gets its own, so parallel files never hear each other. */
  function channelName(): string {
    return `test_claims_${randomBytes(6).toString('hex')}`;
  }

  async function instance(channel: string, options: { reconnectMs?: number } = {}): Promise<PgClaimNotifier> {
    const notifier = createPgClaimNotifier({ db, connectionString: POSTGRES_URL!, channel, coalesceMs: 10, notifyWindowMs: 10, onError: () => {}, ...options });
    opened.push(notifier);
    await notifier.whenListening();
    return notifier;
  }

  function listenTo(notifier: PgClaimNotifier) {
    const seen = { claims: [] as string[], batches: 0, resyncs: 0, closed: 0 };
    notifier.subscribe(
      (ids) => {
        seen.claims.push(...ids);
        seen.batches += 1;
      },
      () => (seen.closed += 1),
      () => (seen.resyncs += 1),
    );
    return seen;
  }

  it("delivers one instance's changes to the other, and to itself once", async () => {
    const channel = channelName();
    const a = await instance(channel);
    const b = await instance(channel);
    const onA = listenTo(a);
    const onB = listenTo(b);
    const [first, second] = [randomUUID(), randomUUID()];

    a.publish(first);
    a.publish(second);
    a.publish(first);
    await vi.waitFor(() => expect(onB.claims.sort()).toEqual([first, second].sort()), { timeout: 2000, interval: 10 });
    // A's own NOTIFY comes back to it too; it must not deliver the claims a second time.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(onA.claims.sort()).toEqual([first, second].sort());
    expect(onB.batches).toBe(1);
    expect(onB.resyncs).toBe(0);
  });

  it('sends a change too big for one payload as a resync', async () => {
    const channel = channelName();
    const a = await instance(channel);
    const b = await instance(channel);
    const onB = listenTo(b);

    for (let i = 0; i < 300; i++) a.publish(randomUUID());
    await vi.waitFor(() => expect(onB.resyncs).toBe(1), { timeout: 2000, interval: 10 });
    expect(onB.claims).toEqual([]);
  });

  it("passes one instance's resync on to the others", async () => {
    const channel = channelName();
    const a = await instance(channel);
    const b = await instance(channel);
    const onA = listenTo(a);
    const onB = listenTo(b);

    a.resync();
    await vi.waitFor(() => expect(onB.resyncs).toBe(1), { timeout: 2000, interval: 10 });
    expect(onA.resyncs).toBe(1);
  });

  it('ignores what others send on the channel that is not a change message, and keeps listening', async () => {
    const channel = channelName();
    const a = await instance(channel);
    const b = await instance(channel);
    const onB = listenTo(b);
    const claimId = randomUUID();

    for (const garbage of ['not json', '[]', 'null', '{"claims":["x"]}', '{"from":"elsewhere","claims":"x"}', '{"from":"elsewhere","claims":["bad id\\n", 7]}']) {
      await sql`select pg_notify(${channel}, ${garbage})`.execute(db);
    }
    a.publish(claimId);
    await vi.waitFor(() => expect(onB.claims).toEqual([claimId]), { timeout: 2000, interval: 10 });
    expect(onB.resyncs).toBe(0);
  });

  it('reconnects after its listening connection is killed, then tells its streams to resync', async () => {
    const channel = channelName();
    const a = await instance(channel);
    const b = await instance(channel, { reconnectMs: 50 });
    const onB = listenTo(b);

    // Both instances' listening connections go, as in a database restart; the app pool stays.
    const killed = await sql<{ pid: number }>`
      select pg_terminate_backend(pid) as pid from pg_stat_activity where query = ${`LISTEN "${channel}"`}`.execute(db);
    expect(killed.rows).toHaveLength(2);
    await vi.waitFor(() => expect(onB.resyncs).toBe(1), { timeout: 5000, interval: 20 });
    expect(b.subscriberCount()).toBe(1);
    expect(onB.closed).toBe(0);

    // Changes flow again once both are back.
    await a.whenListening();
    const claimId = randomUUID();
    a.publish(claimId);
    await vi.waitFor(() => expect(onB.claims).toEqual([claimId]), { timeout: 3000, interval: 10 });
  });

  it('on close, ends its subscriptions, sends what is pending and stops listening', async () => {
    const channel = channelName();
    const a = await instance(channel);
    const b = await instance(channel);
    const onA = listenTo(a);
    const onB = listenTo(b);
    const claimId = randomUUID();

    a.publish(claimId);
    await a.close();
    expect(onA.closed).toBe(1);
    await vi.waitFor(() => expect(onB.claims).toEqual([claimId]), { timeout: 2000, interval: 10 });
    await vi.waitFor(async () => {
      const left = await sql<{ n: string }>`select count(*) as n from pg_stat_activity where query = ${`LISTEN "${channel}"`}`.execute(db);
      expect(Number(left.rows[0]!.n)).toBe(1);
    });
  });

  it('is the notifier the server picks for a postgres:// database', async () => {
    const notifier = createClaimNotifierFor(db, POSTGRES_URL!, () => {}) as PgClaimNotifier;
    opened.push(notifier);
    expect(typeof notifier.whenListening).toBe('function');
    await notifier.whenListening();
  });

  it('refuses a channel name that is not a plain identifier', () => {
    expect(() => createPgClaimNotifier({ db, connectionString: POSTGRES_URL!, channel: 'Claims; drop table claim' })).toThrow(RangeError);
  });
});

describe('the notifier for an SQLite database', () => {
  it('is the in-memory one: one process serves the file', async () => {
    const db = connectDatabase(':memory:');
    try {
      const notifier = createClaimNotifierFor(db, ':memory:', () => {});
      expect('whenListening' in notifier).toBe(false);
      const delivered: string[] = [];
      notifier.subscribe((ids) => delivered.push(...ids));
      notifier.publish('claim-a');
      await vi.waitFor(() => expect(delivered).toEqual(['claim-a']));
      notifier.close();
    } finally {
      await db.destroy();
    }
  });
});
