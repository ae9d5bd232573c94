import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countClaimsByStatus, findClaimById, listClaims, updateClaimStatus } from '../../src/features/claims/claims.repository.ts';
import { TEST_ENGINES, type TestDatabase } from '../support/database.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';

for (const { engine, open } of TEST_ENGINES) {
  describe(`claim sort keys and status counters on ${engine}`, () => {
    let database: TestDatabase;
    beforeEach(async () => {
      database = await open();
    });
    afterEach(() => database.drop());

    const counters = async () => {
      const rows = await database.db.selectFrom('claim_facet_count').select(['status', 'claims']).where('facet', '=', 'all').where('claims', '<>', 0).orderBy('status').execute();
      return Object.fromEntries(rows.map((row) => [row.status, Number(row.claims)]));
    };

    it('copies the article time onto every claim, and follows the article when its time changes', async () => {
      const { db } = database;
      const article = await insertTestArticle(db, { ingested_at: '2026-03-01T10:00:00.000Z' });
      const id = await insertTestClaim(db, { article, start: 0 });
      expect((await findClaimById(db, id))!.article_ingested_at).toBe('2026-03-01T10:00:00.000Z');
      await db.updateTable('article').set({ ingested_at: '2026-04-01T10:00:00.000Z' }).where('id', '=', article.id).execute();
      expect((await findClaimById(db, id))!.article_ingested_at).toBe('2026-04-01T10:00:00.000Z');
    });

    it('keeps the counters equal to a count of the claims through inserts, status changes and deletions', async () => {
      const { db } = database;
      const first = await insertTestArticle(db);
      const second = await insertTestArticle(db);
      const a = await insertTestClaim(db, { article: first, start: 0 });
      await insertTestClaim(db, { article: first, start: 20, status: 'false' });
      await insertTestClaim(db, { article: second, start: 0 });
      expect(await counters()).toEqual({ false: 1, unverified: 2 });
      expect(await updateClaimStatus(db, { claimId: a, expectedVersion: 1, status: 'accurate', actor: 'Desk', at: '2026-03-02T00:00:00.000Z' })).toMatchObject({ status: 'accurate', version: 2 });
      await db.updateTable('claim').set({ cue: 'stated' }).where('id', '=', a).execute();
      expect(await counters()).toEqual({ accurate: 1, false: 1, unverified: 2 - 1 });
      await db.deleteFrom('article').where('id', '=', first.id).execute();
      expect(await counters()).toEqual({ unverified: 1 });
      const counted = await db.selectFrom('claim').select(['status', sql<number>`count(*)`.as('n')]).groupBy('status').execute();
      expect(Object.fromEntries(counted.map((row) => [row.status, Number(row.n)]))).toEqual(await counters());
      expect(Object.fromEntries((await countClaimsByStatus(db, {})).byStatus)).toMatchObject({ unverified: 1 });
    });

    it('lists an article by position, whatever order the other articles keep', async () => {
      const { db } = database;
      const article = await insertTestArticle(db);
      await insertTestClaim(db, { article, start: 40 });
      await insertTestClaim(db, { article, start: 0 });
      const rows = await listClaims(db, { articleId: article.id }, undefined, 10);
      expect(rows.map((row) => row.start_offset)).toEqual([0, 40]);
    });
  });
}
