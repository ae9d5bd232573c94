import { sql } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.ts';
import { ConflictError, NotFoundError } from '../../src/errors.ts';
import { closeExtractionWorkers } from '../../src/features/articles/article-extractor.ts';
import { deleteArticle } from '../../src/features/articles/article-corrections.service.ts';
import { ingestArticle } from '../../src/features/articles/articles.service.ts';
import { reextractArticle } from '../../src/features/articles/reextraction.service.ts';
import { changeClaimStatus } from '../../src/features/claims/claims.service.ts';
import { decideClusterSuggestion, reuseVerdict } from '../../src/features/clusters/cluster-desk.service.ts';
import { indexClaims } from '../../src/features/clusters/clusters.service.ts';
import { deleteClaim } from '../../src/features/corrections/claim-edits.service.ts';
import { POSTGRES_URL, TEST_ENGINES, type TestDatabase } from '../support/database.ts';
import { insertTestArticle, insertTestClaim, testActor } from '../support/fixtures.ts';

// Texts written for these tests (no corpus text): a borderline pair between two speakers (a suggestion),
// the same words twice (a join).
const ORIGINAL = 'The harbour authority said container traffic through the northern port fell by a third during the autumn strike';
const BORDERLINE = 'The harbour authority said container traffic through the northern port dropped sharply during the long autumn strike';

// The body of an article whose engine finds one unrelated claim, after its first line.
const UNRELATED_BODY = 'Morning edition.\nThe finance ministry said tax revenue from the tourism sector rose by a quarter during the winter season.';

const ROUNDS = 15;

afterAll(() => closeExtractionWorkers());
const OMAR = testActor('Omar');

/** A refusal the desk shows as such (404 or 409); anything else would be a 500. */
function isCleanRefusal(reason: unknown): boolean {
  return reason instanceof ConflictError || reason instanceof NotFoundError;
}

function expectCleanOutcomes(results: PromiseSettledResult<unknown>[]): void {
  const unclean = results.filter((result) => result.status === 'rejected' && !isCleanRefusal(result.reason));
  expect(unclean.map((result) => String((result as PromiseRejectedResult).reason))).toEqual([]);
}

describe.each(TEST_ENGINES)('claim clusters under simultaneous writes on $engine', ({ open }) => {
  let database: TestDatabase;
  let db: Db;

  beforeEach(async () => {
    database = await open();
    db = database.db;
  });
  afterEach(() => database.drop());

  /** Two claims of two articles, indexed: a pending suggestion between them. */
  async function suggestedPair() {
    // The claims of earlier rounds would match these ones too.
    await db.deleteFrom('claim').execute();
    const firstArticle = await insertTestArticle(db);
    const secondArticle = await insertTestArticle(db);
    const first = await insertTestClaim(db, { article: firstArticle, start: 0, text: ORIGINAL, speaker: 'Amal Saleh' });
    const second = await insertTestClaim(db, { article: secondArticle, start: 0, text: BORDERLINE, speaker: 'Omar Nasser' });
    await indexClaims(db, [first, second]);
    const pending = await db.selectFrom('claim_cluster_suggestion').select('state').where('claim_id', 'in', [first, second]).execute();
    expect(pending).toEqual([{ state: 'pending' }]);
    return { first, second, secondArticle };
  }

  it('deletes a claim while a suggestion naming it is decided: one of the two wins, the other is refused cleanly', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { first, second } = await suggestedPair();
      const deleted = round % 2 === 0 ? first : second;
      const results = await Promise.allSettled([
        decideClusterSuggestion(db, { claimId: first, otherClaimId: second, decision: round % 3 === 0 ? 'reject' : 'confirm', actor: OMAR }),
        deleteClaim(db, { claimId: deleted, expectedVersion: 1, actor: OMAR }),
      ]);
      expectCleanOutcomes(results);
      expect(results[1].status).toBe('fulfilled');
      // Whatever won, nothing of the deleted claim is left in the clusters.
      expect(await db.selectFrom('claim_cluster_member').select('claim_id').where('claim_id', '=', deleted).execute()).toEqual([]);
    }
  });

  it('deletes an article while a suggestion naming its claim is decided', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { first, second, secondArticle } = await suggestedPair();
      const results = await Promise.allSettled([
        decideClusterSuggestion(db, { claimId: first, otherClaimId: second, decision: 'confirm', actor: OMAR }),
        deleteArticle(db, secondArticle.id, 1, OMAR),
      ]);
      expectCleanOutcomes(results);
      expect(results[1].status).toBe('fulfilled');
    }
  });

  it('re-extracts an article, removing a claim the engine no longer finds, while a suggestion naming it is decided', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      await db.deleteFrom('claim').execute();
      const { article } = await ingestArticle(db, { text: UNRELATED_BODY, language: 'en' }, { maxBytes: 100_000 });
      // A claim an older engine found in the first line: the current one finds nothing there and removes it.
      const stale = await insertTestClaim(db, { article, start: 0, text: ORIGINAL, speaker: 'Amal Saleh' });
      const other = await insertTestClaim(db, { article: await insertTestArticle(db), start: 0, text: BORDERLINE, speaker: 'Omar Nasser' });
      await indexClaims(db, [stale, other]);
      expect(await db.selectFrom('claim_cluster_suggestion').select('state').where('claim_id', 'in', [stale, other]).execute()).toEqual([{ state: 'pending' }]);
      const results = await Promise.allSettled([
        decideClusterSuggestion(db, { claimId: other, otherClaimId: stale, decision: 'confirm', actor: OMAR }),
        reextractArticle(db, article.id, OMAR, 2000),
      ]);
      expectCleanOutcomes(results);
    }
  });

  it('deletes a claim while it, or a claim it matches, is indexed again', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { first, second } = await suggestedPair();
      const results = await Promise.allSettled([
        indexClaims(db, round % 2 === 0 ? [first] : [second]),
        deleteClaim(db, { claimId: second, expectedVersion: 1, actor: OMAR }),
        indexClaims(db, [first, second]),
      ]);
      expectCleanOutcomes(results);
      expect(results[1].status).toBe('fulfilled');
      expect(await db.selectFrom('claim_cluster_suggestion').select('claim_id').execute()).toEqual([]);
      expect(await db.selectFrom('claim_lsh_bucket').select('claim_id').where('claim_id', '=', second).execute()).toEqual([]);
    }
  });
});

describe.skipIf(!POSTGRES_URL)('verdict reuse under a simultaneous status change, on postgres', () => {
  let database: TestDatabase;
  let db: Db;

  beforeEach(async () => {
    database = await TEST_ENGINES.find((engine) => engine.engine === 'postgres')!.open();
    db = database.db;
    // The status counters' triggers make two status changes naming one status wait for each other (the
    // counter's row): off here, in this test's own database, so the reuse's own guarantee is what is tested.
    await sql`alter table claim disable trigger user`.execute(db);
  });
  afterEach(() => database.drop());

  /** Two claims joined in one cluster (the same words), the source with a final verdict. */
  async function joinedPair() {
    await db.deleteFrom('claim').execute();
    const claims: string[] = [];
    for (const speaker of ['Amal Saleh', 'Amal Saleh']) {
      claims.push(await insertTestClaim(db, { article: await insertTestArticle(db), start: 0, text: ORIGINAL, speaker }));
    }
    await indexClaims(db, claims);
    const [target, source] = claims as [string, string];
    await changeClaimStatus(db, { claimId: source, status: 'false', expectedVersion: 1, actor: 'Amira' });
    return { target, source };
  }

  /** Until another session waits on a row lock, or the given work settles first. */
  async function someoneWaitsOrSettles(work: Promise<unknown>): Promise<'waiting' | 'settled'> {
    let settled = false;
    void work.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (;;) {
      if (settled) return 'settled';
      const { rows } = await sql<{ waiting: string }>`select count(*) as waiting from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
      if (Number(rows[0]!.waiting) > 0) return 'waiting';
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Until a session of this database sits in an open transaction (the status change, held at its gate). */
  async function untilATransactionIsOpen(): Promise<void> {
    for (;;) {
      const { rows } = await sql<{ open: string }>`select count(*) as open from pg_stat_activity
        where datname = current_database() and state = 'idle in transaction'`.execute(db);
      if (Number(rows[0]!.open) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  it('sees a change of the other claim\'s verdict made at the same moment: the reuse waits for it and is refused', async () => {
    const { target, source } = await joinedPair();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The source's verdict changes in a transaction still open when the reuse reads it.
    const change = changeClaimStatus(db, { claimId: source, status: 'accurate', expectedVersion: 2, actor: 'Amira', alsoInTransaction: () => gate });
    await untilATransactionIsOpen();
    const reuse = reuseVerdict(db, { claimId: target, expectedVersion: 1, fromClaimId: source, fromStatus: 'false', actor: OMAR });
    const state = await someoneWaitsOrSettles(reuse);
    release();
    await change;
    expect(state).toBe('waiting');
    await expect(reuse).rejects.toBeInstanceOf(ConflictError);
    const after = await db.selectFrom('claim').select(['id', 'status']).where('id', 'in', [target, source]).orderBy('id').execute();
    expect(Object.fromEntries(after.map((row) => [row.id, row.status]))).toEqual({ [target]: 'unverified', [source]: 'accurate' });
  });

  it('reuses each other\'s verdicts at the same moment without a deadlock: one wins, the other is refused', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { target, source } = await joinedPair();
      await changeClaimStatus(db, { claimId: target, status: 'accurate', expectedVersion: 1, actor: 'Amira' });
      const results = await Promise.allSettled([
        reuseVerdict(db, { claimId: target, expectedVersion: 2, fromClaimId: source, fromStatus: 'false', actor: OMAR }),
        reuseVerdict(db, { claimId: source, expectedVersion: 2, fromClaimId: target, fromStatus: 'accurate', actor: OMAR }),
      ]);
      expectCleanOutcomes(results);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    }
  });
});
