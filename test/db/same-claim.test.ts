import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../src/errors.ts';
import { ingestArticle } from '../../src/features/articles/articles.service.ts';
import { findClaimById, listReviewEvents } from '../../src/features/claims/claims.repository.ts';
import { changeClaimStatus, listClaimPage } from '../../src/features/claims/claims.service.ts';
import { MAX_REPORT_APPEARANCES, decideClusterSuggestion, getClusterSection, reuseVerdict } from '../../src/features/clusters/cluster-desk.service.ts';
import { buildClaimReview } from '../../src/features/reports/claim-review.ts';
import { getClaimReport } from '../../src/features/reports/reports.service.ts';
import { insertCluster, insertMember } from '../../src/features/clusters/clusters.repository.ts';
import { newId } from '../../src/ids.ts';
import { TEST_ENGINES, type TestDatabase } from '../support/database.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';
import { SAME_CLAIM_ARTICLES, ingestSameClaimArticles, type SameClaimKey } from '../support/same-claim-articles.ts';

const OMAR = { id: 'user-omar', name: 'Omar' };

for (const { engine, open } of TEST_ENGINES) {
  describe(`claim clusters on the desk, on ${engine}`, () => {
    let database: TestDatabase;
    let ids: Record<SameClaimKey, string>;

    beforeEach(async () => {
      database = await open();
      const ingest = (input: Parameters<typeof ingestArticle>[1]) => ingestArticle(database.db, input, { maxBytes: 100_000 });
      ids = await ingestSameClaimArticles(database.db, ingest, SAME_CLAIM_ARTICLES, ['minister', 'republished', 'economist', 'paraphrase', 'weather']);
    });
    afterEach(() => database.drop());

    const claimIds = async (filters: Parameters<typeof listClaimPage>[1]) => (await listClaimPage(database.db, filters, undefined, 50)).claims.map((claim) => claim.id).sort();

    it('lists a claim\'s appearances earliest first and its suggestions, marking another speaker', async () => {
      const minister = (await findClaimById(database.db, ids.minister))!;
      const section = await getClusterSection(database.db, minister);
      expect(section.appearances.map((a) => a.claim_id)).toEqual([ids.economist, ids.minister, ids.republished]);
      expect(section.appearances.map((a) => a.otherSpeaker)).toEqual([true, false, false]);
      expect(section.appearances.map((a) => a.dateKind)).toEqual(['published', 'published', 'published']);
      expect(section.suggestions.map((s) => s.other_claim_id)).toEqual([ids.paraphrase]);
      expect(section.suggestions[0]!.similarity).toBeGreaterThan(0);
      expect((await getClusterSection(database.db, (await findClaimById(database.db, ids.weather))!)).appearances).toEqual([]);
    });

    it('puts a cluster of hundreds of appearances in order whole: the earliest first even when it joined last', async () => {
      const clusterId = newId();
      await insertCluster(database.db, clusterId, '2026-07-01T00:00:00.000Z');
      const members: string[] = [];
      for (let i = 0; i < 520; i++) {
        // Published one minute apart from 2026-06-01; the last one added was published first of all.
        const minute = i === 519 ? -1 : i;
        const article = await insertTestArticle(database.db, { published_at: new Date(Date.UTC(2026, 5, 1, 0, minute)).toISOString() });
        const claimId = await insertTestClaim(database.db, { article, start: 0, text: 'Prices may double again next winter' });
        await insertMember(database.db, { claim_id: claimId, cluster_id: clusterId, similarity: 0.9, joined_by: 'index', joined_at: new Date(Date.UTC(2026, 6, 1, 0, 0, i)).toISOString() });
        members.push(claimId);
      }
      const viewed = (await findClaimById(database.db, members[300]!))!;
      const section = await getClusterSection(database.db, viewed);
      expect(section.appearances[0]!.claim_id).toBe(members[519]);
      expect(section.appearances.slice(1, 100).map((a) => a.claim_id)).toEqual(members.slice(0, 99));
      // The claim viewed stays listed, after the first hundred; the rest are counted.
      expect(section.appearances.at(-1)).toMatchObject({ claim_id: members[300], current: true });
      expect(section.more).toBe(520 - 101);
    });

    it('reports the earliest appearances of a cluster of more than 500, and ClaimReview the earliest first, even when it joined last', async () => {
      const clusterId = newId();
      await insertCluster(database.db, clusterId, '2026-07-01T00:00:00.000Z');
      const members: Array<{ claimId: string; title: string }> = [];
      for (let i = 0; i < 520; i++) {
        // Published one minute apart from 2026-06-01; the last one added was published first of all.
        const minute = i === 519 ? -1 : i;
        const article = await insertTestArticle(database.db, { published_at: new Date(Date.UTC(2026, 5, 1, 0, minute)).toISOString() });
        const claimId = await insertTestClaim(database.db, { article, start: 0, status: 'false', text: 'Prices may double again next winter' });
        await insertMember(database.db, { claim_id: claimId, cluster_id: clusterId, similarity: 0.9, joined_by: 'index', joined_at: new Date(Date.UTC(2026, 6, 1, 0, 0, i)).toISOString() });
        members.push({ claimId, title: article.title });
      }
      const report = await getClaimReport(database.db, members[300]!.claimId, 'public');
      const others = [members[519]!, ...members.slice(0, 519).filter((member) => member.claimId !== members[300]!.claimId)];
      expect(report.claim.elsewhere!.map((appearance) => appearance.articleTitle)).toEqual(others.slice(0, MAX_REPORT_APPEARANCES).map((member) => member.title));
      const review = buildClaimReview(report, report.claim, { language: 'en', url: 'https://facts.example/c/1', organizationName: 'Desk', organizationUrl: 'https://facts.example' });
      expect(review.itemReviewed.firstAppearance.name).toBe(members[519]!.title);
    });

    it('records a decision once, in the history of both claims and the desk log, and refuses a second one', async () => {
      await decideClusterSuggestion(database.db, { claimId: ids.paraphrase, otherClaimId: ids.minister, decision: 'confirm', actor: OMAR });
      const section = await getClusterSection(database.db, (await findClaimById(database.db, ids.minister))!);
      expect(section.appearances.map((a) => a.claim_id)).toContain(ids.paraphrase);
      expect((await listReviewEvents(database.db, ids.minister))[0]).toMatchObject({ field: 'cluster_confirmed', to_value: ids.paraphrase, actor_id: OMAR.id });
      expect((await listReviewEvents(database.db, ids.paraphrase))[0]).toMatchObject({ field: 'cluster_confirmed', to_value: ids.minister });
      const desk = await database.db.selectFrom('desk_event').selectAll().execute();
      expect(desk.map((row) => [row.action, row.target_id])).toEqual([['cluster.confirm', ids.paraphrase]]);

      const second = decideClusterSuggestion(database.db, { claimId: ids.minister, otherClaimId: ids.paraphrase, decision: 'reject', actor: OMAR });
      await expect(second).rejects.toBeInstanceOf(ConflictError);
      expect(await database.db.selectFrom('desk_event').select('id').execute()).toHaveLength(1);
      const unknown = decideClusterSuggestion(database.db, { claimId: ids.minister, otherClaimId: '00000000-0000-7000-8000-000000000000', decision: 'reject', actor: OMAR });
      await expect(unknown).rejects.toBeInstanceOf(NotFoundError);
    });

    it('reuses a final verdict as a separate audited decision, leaving the other claim alone, and refuses a stale version', async () => {
      await changeClaimStatus(database.db, { claimId: ids.republished, status: 'false', expectedVersion: 1, actor: 'Amira' });
      const source = await findClaimById(database.db, ids.republished);
      const { claim } = await reuseVerdict(database.db, { claimId: ids.minister, expectedVersion: 1, fromClaimId: ids.republished, fromStatus: 'false', actor: OMAR });
      expect(claim).toMatchObject({ status: 'false', version: 2 });
      expect((await listReviewEvents(database.db, ids.minister)).map((event) => event.field).sort()).toEqual(['status', 'verdict_reused']);
      expect(await findClaimById(database.db, ids.republished)).toEqual(source);
      expect(await database.db.selectFrom('desk_event').select(['action', 'target_id']).execute()).toEqual([{ action: 'claim.reuse_verdict', target_id: ids.minister }]);

      const stale = reuseVerdict(database.db, { claimId: ids.economist, expectedVersion: 7, seen: { status: 'accurate' }, fromClaimId: ids.republished, fromStatus: 'false', actor: OMAR });
      await expect(stale).rejects.toBeInstanceOf(ConflictError);
      expect(await listReviewEvents(database.db, ids.economist)).toEqual([]);
    });

    it('filters the claim list on "checked elsewhere" and "new", alone and with another filter, with matching counts', async () => {
      await changeClaimStatus(database.db, { claimId: ids.republished, status: 'false', expectedVersion: 1, actor: 'Amira' });
      expect(await claimIds({ cluster: 'checked' })).toEqual([ids.minister, ids.economist].sort());
      expect(await claimIds({ cluster: 'new' })).toEqual([ids.paraphrase, ids.weather].sort());
      const haddad = (await findClaimById(database.db, ids.minister))!.speaker_id!;
      expect(await claimIds({ cluster: 'checked', speakerId: haddad })).toEqual([ids.minister]);
      expect(await claimIds({ cluster: 'new', speakerId: haddad })).toEqual([ids.paraphrase]);
      const checked = await listClaimPage(database.db, { cluster: 'checked' }, undefined, 50);
      expect(checked.total).toBe(2);
      expect(checked.countsComplete).toBe(true);
      expect((await listClaimPage(database.db, { cluster: 'new' }, undefined, 50)).total).toBe(2);
      expect((await listClaimPage(database.db, { cluster: 'checked', status: 'false' }, undefined, 50)).total).toBe(0);
    });
  });
}
