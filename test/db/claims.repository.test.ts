import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.ts';
import {
  countClaimsByStatus,
  findClaimById,
  listClaims,
  listHopsForClaims,
  updateClaimStatus,
  type ClaimCursor,
  type ClaimFilters,
  type ClaimListRow,
  type ClaimSort,
} from '../../src/features/claims/claims.repository.ts';
import { listClaimPage } from '../../src/features/claims/claims.service.ts';
import { listSpeakerAliases } from '../../src/features/speakers/speakers.repository.ts';
import { findOrCreateSpeaker } from '../../src/features/speakers/speakers.service.ts';
import { TEST_ENGINES, type TestDatabase } from '../support/database.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';

describe.each(TEST_ENGINES)('repositories on $engine', ({ open }) => {
  let database: TestDatabase;
  let db: Db;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    database = await open();
    db = database.db;
    const older = await insertTestArticle(db, { title: 'older' });
    const newer = await insertTestArticle(db, { title: 'newer' });
    // Inserted out of reading order on purpose: the list must sort by offset, not insertion.
    ids.older2 = await insertTestClaim(db, { article: older, start: 500, speaker: 'Amnesty International', status: 'false', outlets: [{ name: 'Reuters', role: 'original' }] });
    ids.older1 = await insertTestClaim(db, { article: older, start: 10, speaker: 'Jane Doe', outlets: [{ name: 'CNN', role: 'interview' }, { name: 'Reuters', role: 'republished' }] });
    for (let start = 0; start < 7; start += 1) {
      const checkworthiness = [0.9, 0.1, 0.55, 0.55, 0.3, 0.55, 0.72][start];
      ids[`newer${start}`] = await insertTestClaim(db, { article: newer, start: start * 100, speaker: 'Jane Doe', status: start % 2 ? 'in_review' : 'unverified', checkworthiness });
    }
    ids.newerArticle = newer.id;
  });

  afterAll(() => database.drop());

  async function collectAllPages(filters: ClaimFilters, pageSize: number, sort: ClaimSort = 'newest'): Promise<ClaimListRow[]> {
    const rows: ClaimListRow[] = [];
    let cursor: ClaimCursor | undefined;
    for (let guard = 0; guard < 50; guard += 1) {
      const page = await listClaims(db, filters, cursor, pageSize, sort);
      rows.push(...page.slice(0, pageSize));
      if (page.length <= pageSize) return rows;
      const last = page[pageSize - 1]!;
      cursor =
        sort === 'newest'
          ? { sort, ingestedAt: last.article_ingested_at, articleId: last.article_id, start: last.start_offset, claimId: last.id }
          : { sort, score: last.checkworthiness, claimId: last.id };
    }
    throw new Error('pagination did not end');
  }

  describe('claim listing', () => {
    it('lists the newest article first, each article in reading order', async () => {
      const rows = await listClaims(db, {}, undefined, 100);
      expect(rows.map((row) => row.article_title)).toEqual([...Array(7).fill('newer'), 'older', 'older']);
      expect(rows.slice(7).map((row) => row.start_offset)).toEqual([10, 500]);
      expect(rows[0]).toMatchObject({ speaker_name: 'Jane Doe', article_language: 'en', version: 1 });
    });

    it('pages with a keyset that neither skips nor repeats rows', async () => {
      const all = await listClaims(db, {}, undefined, 100);
      for (const size of [1, 2, 3, 4, 8]) {
        const paged = await collectAllPages({}, size);
        expect(paged.map((row) => row.id)).toEqual(all.map((row) => row.id));
      }
    });

    it('sorts by check-worthiness, paging through ties without loss', async () => {
      const all = await listClaims(db, {}, undefined, 100, 'checkworthiness');
      const scores = all.map((row) => row.checkworthiness);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(scores[0]).toBe(0.9);
      for (const size of [1, 2, 3]) {
        expect((await collectAllPages({}, size, 'checkworthiness')).map((row) => row.id)).toEqual(all.map((row) => row.id));
      }
    });

    it('filters by a minimum check-worthiness and by the role an outlet played', async () => {
      expect((await listClaims(db, { minCheckworthiness: 0.55 }, undefined, 50)).map((row) => row.checkworthiness).sort()).toEqual([0.55, 0.55, 0.55, 0.72, 0.9]);
      const reuters = (await listHopsForClaims(db, [ids.older2!]))[0]!.outlet_id;
      expect((await listClaims(db, { outletId: reuters, outletRole: 'republished' }, undefined, 50)).map((r) => r.id)).toEqual([ids.older1]);
    });

    it('filters by status, speaker, outlet and article', async () => {
      expect((await listClaims(db, { status: 'false' }, undefined, 50)).map((r) => r.id)).toEqual([ids.older2]);
      const reuters = (await listHopsForClaims(db, [ids.older2!]))[0]!.outlet_id;
      expect((await listClaims(db, { outletId: reuters }, undefined, 50)).map((r) => r.id)).toEqual([ids.older1, ids.older2]);
      const jane = (await findClaimById(db, ids.older1!))!.speaker_id!;
      expect(await listClaims(db, { speakerId: jane }, undefined, 50)).toHaveLength(8);
      expect(await listClaims(db, { articleId: ids.newerArticle, status: 'in_review' }, undefined, 50)).toHaveLength(3);
    });

    it('counts claims per status within the other filters', async () => {
      expect(Object.fromEntries((await countClaimsByStatus(db, {})).byStatus)).toEqual({ unverified: 5, in_review: 3, false: 1 });
      expect(Object.fromEntries((await countClaimsByStatus(db, { articleId: ids.newerArticle })).byStatus)).toEqual({ unverified: 4, in_review: 3 });
    });

    it('returns each claim with its attribution chain in order', async () => {
      const page = await listClaimPage(db, { status: 'unverified' }, undefined, 50);
      const older1 = page.claims.find((claim) => claim.id === ids.older1)!;
      expect(older1.hops.map((hop) => [hop.outlet_name, hop.role, hop.position])).toEqual([
        ['CNN', 'interview', 1],
        ['Reuters', 'republished', 2],
      ]);
      expect(page.total).toBe(5);
      expect(page.nextCursor).toBeNull();
    });
  });

  describe('status updates', () => {
    it('apply only to the version the reviewer saw', async () => {
      const claim = (await findClaimById(db, ids.newer0!))!;
      const update = { claimId: claim.id, expectedVersion: claim.version, status: 'accurate', actor: 'amira', at: '2026-11-23T12:00:00.000Z' };
      expect(await updateClaimStatus(db, update)).toEqual({ status: 'accurate', version: claim.version + 1, status_changed_by: 'amira', status_changed_at: update.at });
      expect(await updateClaimStatus(db, { ...update, status: 'false', actor: 'omar' })).toBeUndefined();
      expect(await findClaimById(db, claim.id)).toMatchObject({ status: 'accurate', version: claim.version + 1, status_changed_by: 'amira' });
    });
  });

  describe('speakers', () => {
    it('are one record per canonical name across articles, gathering aliases', async () => {
      const first = await findOrCreateSpeaker(db, { name: 'إيغور ديلانويه', aliases: ['ديلانويه', 'الخبير'], unnamed: false });
      const second = await findOrCreateSpeaker(db, { name: 'ايغور ديلانويه', aliases: ['الخبير الفرنسي', 'ديلانويه'], unnamed: false });
      expect(second.id).toBe(first.id);
      expect(await listSpeakerAliases(db, first.id)).toEqual(['الخبير', 'الخبير الفرنسي', 'ديلانويه'].sort());
    });
  });
});
