import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.ts';
import { ConflictError } from '../../src/errors.ts';
import { closeExtractionWorkers } from '../../src/features/articles/article-extractor.ts';
import { deleteArticle, describeArticleDeletion } from '../../src/features/articles/article-corrections.service.ts';
import { ingestArticle } from '../../src/features/articles/articles.service.ts';
import { reextractArticle } from '../../src/features/articles/reextraction.service.ts';
import { deleteUntouchedClaims, listStoredClaims, listStoredHops, updateUntouchedClaim } from '../../src/features/articles/reextraction.repository.ts';
import { changeClaimStatus } from '../../src/features/claims/claims.service.ts';
import { addNote } from '../../src/features/notes/notes.service.ts';
import { assignClaims, changeAttributionStatus, listActivity } from '../../src/features/review/review.service.ts';
import { createShare, resolveShare } from '../../src/features/shares/shares.service.ts';
import { GoneError } from '../../src/errors.ts';
import { SEED_TEXT } from '../support/context.ts';
import { TEST_ENGINES, type TestDatabase } from '../support/database.ts';
import { testActor } from '../support/fixtures.ts';

afterAll(() => closeExtractionWorkers());

const amira = testActor('Amira');
const omar = testActor('Omar');

async function ingestSeed(db: Db): Promise<string> {
  const { article } = await ingestArticle(db, { text: SEED_TEXT, language: 'ar', publisher: 'Sputnik', title: 'آفاق التعاون العسكري بين موسكو وباريس' }, { maxBytes: 1 << 20 });
  return article.id;
}

async function snapshot(db: Db, articleId: string) {
  const claims = await listStoredClaims(db, articleId);
  const versions = await db.selectFrom('claim').select(['id', 'version']).where('article_id', '=', articleId).execute();
  return { claims, hops: await listStoredHops(db, claims.map((claim) => claim.id)), versions: new Map(versions.map((row) => [row.id, row.version])) };
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

for (const { engine, open } of TEST_ENGINES) {
  describe(`articles on ${engine}`, () => {
    let database: TestDatabase;
    let db: Db;
    let articleId: string;

    beforeEach(async () => {
      database = await open();
      db = database.db;
      articleId = await ingestSeed(db);
    });
    afterEach(() => database.drop());

    describe('re-extraction', () => {
      it('of an unchanged body by the same engine changes no claim', async () => {
        const before = await snapshot(db, articleId);
        const { summary, article } = await reextractArticle(db, articleId, amira, 2000);
        expect(summary).toMatchObject({ added: 0, removed: 0, updated: 0, kept: before.claims.length, reviewed: 0, addedClaims: [], removedClaims: [] });
        expect(await snapshot(db, articleId)).toEqual(before);
        expect(article.version).toBe(2);
        const event = await db.selectFrom('desk_event').selectAll().where('action', '=', 'article.reextract').executeTakeFirstOrThrow();
        expect(event).toMatchObject({ actor: 'Amira', actor_id: amira.id, target_type: 'article', target_id: articleId });
        expect(JSON.parse(event.after_json!)).toMatchObject({ added: 0, removed: 0, kept: before.claims.length });
      });

      it('keeps what the desk touched and follows the engine for the rest', async () => {
        const original = await snapshot(db, articleId);
        const [reviewed, assigned, edited, missing, changed] = original.claims;
        const n = original.claims.length;
        expect(n).toBeGreaterThan(6);

        await changeClaimStatus(db, { claimId: reviewed!.id, status: 'false', expectedVersion: 1, actor: 'Omar', actorId: omar.id, note: 'contradicted by the transcript' });
        await addNote(db, { claimId: reviewed!.id, author: 'Omar', authorId: omar.id, body: 'The interview says otherwise.' });
        await assignClaims(db, { claimIds: [assigned!.id], assigneeId: omar.id, actor: amira, assigneeExists: async () => true });
        // A person moved the span of this claim: the engine's span still overlaps it, so it is the same claim.
        const shifted = { start: edited!.start_offset + 2, end: edited!.end_offset };
        await db.updateTable('claim').set({ origin: 'edited', edited_by: amira.id, start_offset: shifted.start, end_offset: shifted.end }).where('id', '=', edited!.id).execute();
        // An older engine: one claim it did not find, one it found where the current one finds nothing, one with an older cue and no chain.
        await db.deleteFrom('attribution_hop').where('claim_id', 'in', [missing!.id, changed!.id]).execute();
        await db.deleteFrom('claim').where('id', '=', missing!.id).execute();
        await db.updateTable('claim').set({ cue: 'older cue' }).where('id', '=', changed!.id).execute();
        const stale = { ...changed!, id: '00000000-0000-7000-8000-000000000001', start_offset: 0, end_offset: 12, text: SEED_TEXT.slice(0, 12) };
        await db.insertInto('claim').values({ ...withoutTouched(stale), article_id: articleId, status: 'unverified', version: 1, created_at: '2026-11-01T00:00:00.000Z' }).execute();

        const eventsBefore = await db.selectFrom('review_event').selectAll().where('claim_id', '=', reviewed!.id).orderBy('id').execute();
        const { summary } = await reextractArticle(db, articleId, amira, 2000);
        expect(summary).toMatchObject({ added: 1, removed: 1, updated: 1, kept: n - 1, reviewed: 3 });
        expect(summary.addedClaims).toEqual([{ start: missing!.start_offset, end: missing!.end_offset, text: missing!.text }]);
        expect(summary.removedClaims).toEqual([{ start: 0, end: 12, text: SEED_TEXT.slice(0, 12) }]);

        const after = await db.selectFrom('claim').selectAll().where('article_id', '=', articleId).execute();
        expect(after).toHaveLength(n);
        const byId = new Map(after.map((claim) => [claim.id, claim]));
        expect(byId.get(reviewed!.id)).toMatchObject({ status: 'false', version: 2 });
        expect(await db.selectFrom('note').select('body').where('claim_id', '=', reviewed!.id).execute()).toEqual([{ body: 'The interview says otherwise.' }]);
        expect(await db.selectFrom('review_event').selectAll().where('claim_id', '=', reviewed!.id).orderBy('id').execute()).toEqual(eventsBefore);
        expect(byId.get(assigned!.id)).toMatchObject({ assignee_id: omar.id });
        expect(byId.get(edited!.id)).toMatchObject({ start_offset: shifted.start, origin: 'edited' });
        expect(after.filter((claim) => claim.start_offset === edited!.start_offset)).toEqual([]);
        expect(byId.has(stale.id)).toBe(false);
        expect(byId.has(missing!.id)).toBe(false);
        expect(after.find((claim) => claim.start_offset === missing!.start_offset)).toMatchObject({ end_offset: missing!.end_offset, origin: 'machine', status: 'unverified' });
        expect(byId.get(changed!.id)).toMatchObject({ cue: changed!.cue, version: 2 });
        const chain = (hops: typeof original.hops) => hops.filter((hop) => hop.claim_id === changed!.id).map(({ outlet_id, role, position }) => ({ outlet_id, role, position }));
        expect(chain(await listStoredHops(db, [changed!.id]))).toEqual(chain(original.hops));

        const again = await reextractArticle(db, articleId, amira, 2000);
        expect(again.summary).toMatchObject({ added: 0, removed: 0, updated: 0, kept: n, reviewed: 3 });
        expect(again.article.version).toBe(3);
      });
    });

    it('never removes or rewrites a claim touched after the plan was made', async () => {
      const [claim] = await listStoredClaims(db, articleId);
      const hops = await listStoredHops(db, [claim!.id]);
      await addNote(db, { claimId: claim!.id, author: 'Omar', authorId: omar.id, body: 'Written while the engine ran.' });
      expect(await deleteUntouchedClaims(db, [claim!.id])).toBe(0);
      const fields = { speaker_id: claim!.speaker_id, cue: 'other cue', kind: 'opinion', checkworthiness: 0, prefix: '', suffix: '', speaker_mention_start: null, speaker_mention_end: null, speaker_mention_text: null };
      expect(await updateUntouchedClaim(db, claim!.id, fields, [])).toBe(false);
      expect(await db.selectFrom('claim').select(['cue', 'kind']).where('id', '=', claim!.id).executeTakeFirst()).toEqual({ cue: claim!.cue, kind: claim!.kind });
      expect(await listStoredHops(db, [claim!.id])).toEqual(hops);
    });

    describe('deletion', () => {
      it('takes the claims, chains, notes and noise, keeps the history, revokes share links and records what went', async () => {
        const [first, second, third] = await listStoredClaims(db, articleId);
        const n = (await listStoredClaims(db, articleId)).length;
        await changeClaimStatus(db, { claimId: first!.id, status: 'misleading', expectedVersion: 1, actor: 'Omar', actorId: omar.id });
        await changeAttributionStatus(db, { claimId: second!.id, status: 'verbatim', expectedVersion: 1, actor: omar });
        await addNote(db, { claimId: third!.id, author: 'Omar', authorId: omar.id, body: 'Source found.' });
        const claimShare = await createShare(db, { targetType: 'claim', targetId: first!.id, language: 'en', actorId: amira.id });
        const articleShare = await createShare(db, { targetType: 'article', targetId: articleId, language: 'ar', actorId: amira.id });

        const { dependents } = await describeArticleDeletion(db, articleId);
        expect(dependents).toEqual({ claims: n, verdicts: 2, notes: 1 });
        expect(await caught(deleteArticle(db, articleId, 2, amira))).toBeInstanceOf(ConflictError);
        expect((await listStoredClaims(db, articleId)).length).toBe(n);

        await deleteArticle(db, articleId, 1, amira);
        for (const table of ['article', 'claim', 'noise_span', 'note', 'attribution_hop'] as const) {
          expect(await db.selectFrom(table).selectAll().execute(), table).toEqual([]);
        }
        expect(await db.selectFrom('review_event').select('field').orderBy('field').execute()).toEqual([{ field: 'attribution_status' }, { field: 'note' }, { field: 'status' }]);
        for (const { key } of [claimShare, articleShare]) expect(await caught(resolveShare(db, key))).toBeInstanceOf(GoneError);
        const event = await db.selectFrom('desk_event').selectAll().where('action', '=', 'article.delete').executeTakeFirstOrThrow();
        expect(event.summary).toBe(`deleted «آفاق التعاون العسكري بين موسكو وباريس» with ${n} claims, 2 verdicts and 1 note`);
        expect(JSON.parse(event.before_json!)).toMatchObject({ title: 'آفاق التعاون العسكري بين موسكو وباريس', publisher: 'Sputnik', claims: n, verdicts: 2, notes: 1 });
        expect(JSON.parse(event.before_json!).checksum).toMatch(/^[0-9a-f]{64}$/);

        const { events } = await listActivity(db, {});
        expect(events[0]).toMatchObject({ kind: 'desk', action: 'article.delete', target_id: articleId, target_exists: 0, actor: 'Amira' });
        expect(events.filter((event) => event.kind === 'claim').map((event) => event.claim_text)).toEqual([null, null, null]);
      });
    });
  });
}

function withoutTouched<T extends { touched: boolean }>(claim: T): Omit<T, 'touched'> {
  const { touched: _touched, ...rest } = claim;
  return rest;
}
