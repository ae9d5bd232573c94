import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.ts';
import { InputRejectedError } from '../../src/errors.ts';
import { editArticle } from '../../src/features/articles/article-corrections.service.ts';
import { parseArticleEdit } from '../../src/features/articles/articles.schema.ts';
import { ingestArticle } from '../../src/features/articles/articles.service.ts';
import { getClaim } from '../../src/features/claims/claims.service.ts';
import { deleteClaim, editClaim } from '../../src/features/corrections/claim-edits.service.ts';
import { insertCluster, insertMember } from '../../src/features/clusters/clusters.repository.ts';
import { indexClaims } from '../../src/features/clusters/clusters.service.ts';
import {
  fillMissingQuoteDrift,
  getClaimQuoteDrift,
  listQuoteDrift,
  quoteOf,
  refreshQuoteDrift,
  refreshQuoteDriftOfClaims,
} from '../../src/features/clusters/quote-drift.service.ts';
import { mergeSpeakers } from '../../src/features/speakers/speakers.service.ts';
import { newId } from '../../src/ids.ts';
import { quoteDrift } from '../../src/text/quote-diff.ts';
import { TEST_ENGINES, type TestDatabase } from '../support/database.ts';
import { insertDriftCluster } from '../support/drift-fixture.ts';
import { insertTestArticle, insertTestClaim, testActor } from '../support/fixtures.ts';

interface Appearance {
  id: string;
  text: string;
}

/** A claim in an article of its own, published on the given day of January 2026. */
async function appearance(db: Db, day: number, speaker: string, text: string): Promise<Appearance> {
  const article = await insertTestArticle(db, { published_at: `2026-01-${String(day).padStart(2, '0')}T08:00:00.000Z` });
  return { id: await insertTestClaim(db, { article, start: 0, speaker, text }), text };
}

async function cluster(db: Db, members: Appearance[], joinedAt = (i: number) => `2026-02-01T00:00:0${i}.000Z`): Promise<string> {
  const id = newId();
  await insertCluster(db, id, joinedAt(0));
  for (const [i, member] of members.entries()) {
    await insertMember(db, { claim_id: member.id, cluster_id: id, similarity: 0.9, joined_by: 'index', joined_at: joinedAt(i) });
  }
  return id;
}

async function driftOf(db: Db, claimId: string): Promise<number | null> {
  const row = await db.selectFrom('claim_cluster_member').select('quote_drift').where('claim_id', '=', claimId).executeTakeFirstOrThrow();
  return row.quote_drift === null ? null : Number(row.quote_drift);
}

const drift = (earlier: Appearance, later: Appearance) => quoteDrift(quoteOf({ text: earlier.text, cue: 'said' }), quoteOf({ text: later.text, cue: 'said' }));

for (const { engine, open } of TEST_ENGINES) {
  describe(`quote drift on ${engine}`, () => {
    let database: TestDatabase;
    let db: Db;

    beforeEach(async () => {
      database = await open();
      db = database.db;
    });

    afterEach(async () => {
      await database.drop();
    });

    it("scores each later quote of a speaker against the speaker's earliest appearance in the cluster", async () => {
      // Inserted out of order: the earliest publication is the reference, not the first row.
      const hedged = await appearance(db, 3, 'Smith', 'Smith said prices would not double again next year');
      const original = await appearance(db, 1, 'Smith', 'Smith said prices may double again next year');
      const same = await appearance(db, 5, 'Smith', 'Smith said: "Prices may double again, next year."');
      const other = await appearance(db, 2, 'Haddad', 'Haddad said prices may triple again next year');
      const otherLater = await appearance(db, 4, 'Haddad', 'Haddad said prices may triple again');
      const clusterId = await cluster(db, [hedged, original, same, other, otherLater]);

      await refreshQuoteDrift(db, clusterId);

      expect(await driftOf(db, original.id)).toBeNull();
      expect(await driftOf(db, other.id)).toBeNull();
      expect(await driftOf(db, same.id)).toBe(0);
      expect(await driftOf(db, hedged.id)).toBeCloseTo(drift(original, hedged), 9);
      expect(await driftOf(db, hedged.id)).toBeGreaterThan(0);
      // Haddad's later quote is compared with Haddad's, not with Smith's earlier one.
      expect(await driftOf(db, otherLater.id)).toBeCloseTo(drift(other, otherLater), 9);
      expect(drift(other, otherLater)).not.toBeCloseTo(drift(original, otherLater), 3);
    });

    it('is computed when ingestion clusters a republished quote of the same speaker', async () => {
      const limits = { maxBytes: 100_000 };
      const first = await ingestArticle(db, {
        text: 'Energy minister Laura Benn said on Monday that gas prices could double again next winter if the pipeline stays closed.',
        title: 'Gas prices could double',
        language: 'en',
        publisher: 'Wire One',
        publishedAt: '2026-04-01T08:00:00Z',
      }, limits);
      const second = await ingestArticle(db, {
        text: 'Energy minister Laura Benn said on Tuesday that gas prices will double again next winter if the pipeline stays closed.',
        title: 'Gas prices will double',
        language: 'en',
        publisher: 'Daily Two',
        publishedAt: '2026-04-02T08:00:00Z',
      }, limits);
      const claimOf = async (articleId: string) => db.selectFrom('claim').select(['id', 'text', 'cue']).where('article_id', '=', articleId).executeTakeFirstOrThrow();
      const [earlier, later] = [await claimOf(first.article.id), await claimOf(second.article.id)];
      const members = await db.selectFrom('claim_cluster_member').select(['claim_id', 'cluster_id', 'quote_drift']).where('claim_id', 'in', [earlier.id, later.id]).execute();
      expect(members).toHaveLength(2);
      expect(new Set(members.map((m) => m.cluster_id)).size).toBe(1);
      expect(members.find((m) => m.claim_id === earlier.id)!.quote_drift).toBeNull();
      const drifted = Number(members.find((m) => m.claim_id === later.id)!.quote_drift);
      expect(drifted).toBeGreaterThan(0);
      expect(drifted).toBeCloseTo(quoteDrift(quoteOf(earlier), quoteOf(later)), 9);
      expect((await getClaimQuoteDrift(db, later.id))?.diff.parts.filter((p) => p.op === 'deleted').flatMap((p) => p.words.map((w) => w.text))).toContain('could');
    });

    it("follows a claim's correction and deletion", async () => {
      const limits = { maxBytes: 100_000 };
      const tail = 'again next winter in the northern regions if the pipeline from the eastern fields stays closed until the spring thaw finally arrives';
      const ingest = (day: number, publisher: string, text: string) =>
        ingestArticle(db, { text, title: `${publisher} on gas`, language: 'en', publisher, publishedAt: `2026-04-0${day}T08:00:00Z` }, limits);
      const articles = [
        await ingest(1, 'Wire One', `Energy minister Laura Benn said on Monday that gas prices could double ${tail}.`),
        await ingest(2, 'Daily Two', `Energy minister Laura Benn said on Tuesday that gas prices will double ${tail}.`),
        await ingest(3, 'Weekly Three', `Energy minister Laura Benn said on Wednesday that gas prices will not double ${tail}.`),
      ];
      const claimIds = await Promise.all(articles.map(async ({ article }) => (await db.selectFrom('claim').select('id').where('article_id', '=', article.id).executeTakeFirstOrThrow()).id));
      const [first, second, third] = claimIds as [string, string, string];
      expect(await driftOf(db, first)).toBeNull();
      expect(await driftOf(db, second)).toBeGreaterThan(0);
      const before = await driftOf(db, third);
      expect(before).toBeGreaterThan(0);

      // A correction that keeps the claim in its cluster: its quote is scored again.
      const claim = await getClaim(db, third);
      const end = claim.end_offset - ' finally arrives'.length;
      await editClaim(db, {
        claimId: third,
        expectedVersion: claim.version,
        actor: testActor('Amira'),
        values: { start: String(claim.start_offset), end: String(end), speaker: claim.speaker_name!, newSpeaker: false, cue: claim.cue, kind: claim.kind, hops: [], newHopOutlet: '', newHopRole: '' },
      });
      const corrected = await getClaim(db, third);
      expect(corrected.text.endsWith('spring thaw')).toBe(true);
      const firstClaim = await getClaim(db, first);
      expect(await driftOf(db, third)).toBeCloseTo(quoteDrift(quoteOf(firstClaim), quoteOf(corrected)), 9);
      expect(await driftOf(db, third)).not.toBeCloseTo(before!, 6);

      // A claim whose words changed in place some other way is scored again on asking.
      await db.updateTable('claim').set({ text: firstClaim.text }).where('id', '=', third).execute();
      await refreshQuoteDriftOfClaims(db, [third]);
      expect(await driftOf(db, third)).toBe(0);

      // Deleting the speaker's earliest appearance makes the next one the reference.
      await deleteClaim(db, { claimId: first, expectedVersion: firstClaim.version, actor: testActor('Amira') });
      expect(await driftOf(db, second)).toBeNull();
      expect(await driftOf(db, third)).toBeCloseTo(quoteDrift(quoteOf(await getClaim(db, second)), quoteOf(firstClaim)), 9);
    });

    it("moves the reference when an appearance's publication date is corrected to an earlier day", async () => {
      const original = await appearance(db, 1, 'Smith', 'Smith said prices may double again next year');
      const hedged = await appearance(db, 3, 'Smith', 'Smith said prices would not double again next year');
      await refreshQuoteDrift(db, await cluster(db, [original, hedged]));
      expect(await driftOf(db, original.id)).toBeNull();
      expect(await driftOf(db, hedged.id)).toBeGreaterThan(0);

      const { article_id: articleId } = await db.selectFrom('claim').select('article_id').where('id', '=', hedged.id).executeTakeFirstOrThrow();
      const { title } = await db.selectFrom('article').select('title').where('id', '=', articleId).executeTakeFirstOrThrow();
      const edit = parseArticleEdit({ title, language: 'en', publisher: '', sourceUrl: '', publishedAt: '2025-12-30' });
      expect((await editArticle(db, articleId, 1, edit, testActor('Amira'))).changed).toContain('publishedAt');

      expect(await driftOf(db, hedged.id)).toBeNull();
      expect(await driftOf(db, original.id)).toBeCloseTo(drift(hedged, original), 9);
    });

    it('compares the quotes of two speakers once they are merged into one', async () => {
      const { claimIds } = await insertDriftCluster(db, 'en', [
        // Close enough for the index to keep them together when the merge indexes them again.
        { text: 'Fuel prices in the northern provinces may double again next year', outlet: 'Reuters', day: '2026-05-01', speaker: 'Laura Benn' },
        { text: 'Fuel prices in the northern provinces will double again next year', outlet: 'AFP', day: '2026-05-02', speaker: 'L. Benn' },
      ]);
      // As the index would have them: read by it, and kept together by it.
      await indexClaims(db, claimIds);
      expect(await driftOf(db, claimIds[1]!)).toBeNull();
      const speakerId = async (name: string) => (await db.selectFrom('speaker').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
      await mergeSpeakers(db, await speakerId('L. Benn'), await speakerId('Laura Benn'), testActor('Amira'));
      expect(await driftOf(db, claimIds[0]!)).toBeNull();
      expect(await driftOf(db, claimIds[1]!)).toBeCloseTo(quoteDrift('Fuel prices in the northern provinces may double again next year', 'Fuel prices in the northern provinces will double again next year'), 9);
    });

    it('moves the reference when an earlier appearance joins, and leaves a lone speaker without drift', async () => {
      const first = await appearance(db, 10, 'Dupont', "Dupont said l'économie ne reculera pas");
      const second = await appearance(db, 12, 'Dupont', "Dupont said l'économie reculera");
      const clusterId = await cluster(db, [first, second]);
      await refreshQuoteDrift(db, clusterId);
      expect(await driftOf(db, first.id)).toBeNull();
      expect(await driftOf(db, second.id)).toBeGreaterThan(0);

      const earlier = await appearance(db, 8, 'Dupont', "Dupont said l'économie ne reculera pas");
      await insertMember(db, { claim_id: earlier.id, cluster_id: clusterId, similarity: 1, joined_by: 'index', joined_at: '2026-02-02T00:00:00.000Z' });
      await refreshQuoteDrift(db, clusterId);
      expect(await driftOf(db, earlier.id)).toBeNull();
      expect(await driftOf(db, first.id)).toBe(0);
      expect(await driftOf(db, second.id)).toBeCloseTo(drift(earlier, second), 9);

      const loneA = await appearance(db, 1, 'Nakamura', 'Nakamura said the bridge will reopen in May');
      const loneB = await appearance(db, 2, 'Haddad', 'Haddad said the bridge will reopen in June');
      const otherCluster = await cluster(db, [loneA, loneB]);
      await refreshQuoteDrift(db, otherCluster);
      expect(await driftOf(db, loneA.id)).toBeNull();
      expect(await driftOf(db, loneB.id)).toBeNull();
    });

    it('fills the drift of clusters formed before it was computed, once', async () => {
      const a = await appearance(db, 1, 'Smith', 'Smith said unemployment fell to 5 percent');
      const b = await appearance(db, 2, 'Smith', 'Smith said unemployment fell to 7 percent');
      const c = await appearance(db, 3, 'Haddad', 'Haddad said the port will open');
      const d = await appearance(db, 4, 'Smith', 'Smith said the port will open');
      const unscored = await cluster(db, [a, b]);
      const noRepeat = await cluster(db, [c, d]);
      expect(await driftOf(db, b.id)).toBeNull();

      expect(await fillMissingQuoteDrift(db, { batchSize: 1 })).toBe(1);
      expect(await driftOf(db, b.id)).toBeCloseTo(drift(a, b), 9);
      expect(await driftOf(db, b.id)).toBeGreaterThan(0);
      expect(await fillMissingQuoteDrift(db)).toBe(0);
      expect([unscored, noRepeat]).toHaveLength(2);
    });

    it("gives a claim page the diff from its speaker's earliest appearance, and nothing for that appearance itself", async () => {
      const earlier = await appearance(db, 1, 'Smith', 'Smith said prices could double again');
      const later = await appearance(db, 2, 'Smith', 'Smith said prices double again');
      const alone = await appearance(db, 3, 'Smith', 'Smith said something else entirely');
      const clusterId = await cluster(db, [earlier, later]);
      await refreshQuoteDrift(db, clusterId);

      const view = await getClaimQuoteDrift(db, later.id);
      expect(view?.earlier.claim_id).toBe(earlier.id);
      expect(view?.later.claim_id).toBe(later.id);
      expect(view?.diff.parts.filter((p) => p.op === 'deleted').flatMap((p) => p.words.map((w) => w.text))).toEqual(['could']);
      expect(view?.percent).toBe(Math.floor(drift(earlier, later) * 100));
      expect(await getClaimQuoteDrift(db, earlier.id)).toBeNull();
      expect(await getClaimQuoteDrift(db, alone.id)).toBeNull();
    });

    it('lists drifted quotes newest first, from a threshold, a page at a time', async () => {
      const made: Array<{ id: string; drifted: boolean }> = [];
      for (let i = 0; i < 5; i += 1) {
        const base = await appearance(db, 1, `Speaker ${i}`, `Speaker ${i} said the dam holds ${i} million cubic metres`);
        // Even rows change the figure and drop words: high drift; odd rows change a stop word only.
        const text = i % 2 === 0 ? `Speaker ${i} said the dam holds ${i + 10}` : `Speaker ${i} said that dam holds ${i} million cubic metres`;
        const later = await appearance(db, 2, `Speaker ${i}`, text);
        const clusterId = await cluster(db, [base, later], (j) => `2026-03-0${i + 1}T00:00:0${j}.000Z`);
        await refreshQuoteDrift(db, clusterId);
        made.push({ id: later.id, drifted: i % 2 === 0 });
      }
      const newestFirst = [...made].reverse();

      const high = await listQuoteDrift(db, { minPercent: 30, pageSize: 10 });
      expect(high.rows.map((row) => row.later.claim_id)).toEqual(newestFirst.filter((m) => m.drifted).map((m) => m.id));
      expect(high.rows.every((row) => row.percent >= 30 && row.level === 'high')).toBe(true);
      expect(high.nextCursor).toBeNull();

      const all = await listQuoteDrift(db, { minPercent: 0, pageSize: 10 });
      expect(all.rows.map((row) => row.later.claim_id)).toEqual(newestFirst.map((m) => m.id));

      const first = await listQuoteDrift(db, { minPercent: 0, pageSize: 2 });
      expect(first.rows.map((row) => row.later.claim_id)).toEqual(newestFirst.slice(0, 2).map((m) => m.id));
      const second = await listQuoteDrift(db, { minPercent: 0, pageSize: 2, after: first.nextCursor! });
      expect(second.rows.map((row) => row.later.claim_id)).toEqual(newestFirst.slice(2, 4).map((m) => m.id));
      const third = await listQuoteDrift(db, { minPercent: 0, pageSize: 2, after: second.nextCursor! });
      expect(third.rows.map((row) => row.later.claim_id)).toEqual(newestFirst.slice(4).map((m) => m.id));
      expect(third.nextCursor).toBeNull();

      await expect(listQuoteDrift(db, { minPercent: 0, pageSize: 2, after: 'not-a-cursor' })).rejects.toBeInstanceOf(InputRejectedError);
    });
  });
}
