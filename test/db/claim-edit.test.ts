import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleRow } from '../../src/db/schema.ts';
import { ConflictError, ValidationError } from '../../src/errors.ts';
import { listClaims, listHopsForClaims, listReviewEvents } from '../../src/features/claims/claims.repository.ts';
import { getClaim } from '../../src/features/claims/claims.service.ts';
import type { ClaimEditorValues } from '../../src/features/corrections/claim-edits.schema.ts';
import { addClaim, deleteClaim, editClaim } from '../../src/features/corrections/claim-edits.service.ts';
import { TEST_ENGINES, type TestDatabase } from '../support/database.ts';
import { insertTestArticle, insertTestClaim, testActor } from '../support/fixtures.ts';

// Written for this test.
const BODY = 'صرّح رئيس البلدية نادر سليم بأن الجسر سيُفتح في أيار 🌉 بعد الترميم، وفق ما نقلته إذاعة المدينة.';

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

for (const { engine, open } of TEST_ENGINES) {
  describe(`claim corrections on ${engine}`, () => {
    let database: TestDatabase;
    let article: ArticleRow;
    let claimId: string;
    const amira = testActor('Amira');
    const omar = testActor('Omar');

    beforeEach(async () => {
      database = await open();
      article = await insertTestArticle(database.db, { body: BODY, language: 'ar' });
      claimId = await insertTestClaim(database.db, { article, start: BODY.indexOf('الجسر'), speaker: 'نادر سليم', outlets: [{ name: 'إذاعة المدينة', role: 'original' }] });
    });
    afterEach(() => database.drop());

    async function values(changes: Partial<ClaimEditorValues> = {}): Promise<ClaimEditorValues> {
      const claim = await getClaim(database.db, claimId);
      return {
        start: String(claim.start_offset),
        end: String(claim.end_offset),
        speaker: claim.speaker_name ?? '',
        newSpeaker: false,
        cue: claim.cue,
        kind: claim.kind,
        hops: claim.hops.map((hop) => ({ id: hop.id, outlet: hop.outlet_name, role: hop.role })),
        newHopOutlet: '',
        newHopRole: 'original',
        ...changes,
      };
    }

    it('writes the claim and one audit row per changed field in one step, bumping the version once', async () => {
      const start = BODY.indexOf('الجسر');
      const end = BODY.indexOf('🌉') + 2;
      const result = await editClaim(database.db, {
        claimId,
        expectedVersion: 1,
        actor: omar,
        values: await values({ start: String(start), end: String(end), cue: 'صرّح', speaker: 'رئيس البلدية', newSpeaker: true, newHopOutlet: 'وكالة الأنباء', newHopRole: 'republished' }),
      });
      expect(result.changed.sort()).toEqual(['chain', 'cue', 'span', 'speaker']);
      expect(result.claim).toMatchObject({ version: 2, origin: 'edited', text: BODY.slice(start, end), speaker_name: 'رئيس البلدية', cue: 'صرّح' });
      expect(result.claim.text.endsWith('🌉')).toBe(true);
      const claim = await database.db.selectFrom('claim').selectAll().where('id', '=', claimId).executeTakeFirstOrThrow();
      expect(claim).toMatchObject({ edited_by: omar.id, prefix: BODY.slice(Math.max(0, start - 32), start), suffix: BODY.slice(end, end + 32) });
      const events = await listReviewEvents(database.db, claimId);
      expect(events).toHaveLength(4);
      expect(new Set(events.map((event) => event.created_at)).size).toBe(1);
      expect(events.every((event) => event.actor_id === omar.id && event.created_at === claim.edited_at)).toBe(true);
      expect(events.find((event) => event.field === 'chain')).toMatchObject({ from_value: 'إذاعة المدينة (original)', to_value: 'إذاعة المدينة (original) → وكالة الأنباء (republished)' });
    });

    it('lets one of two edits made on the same version through and rolls the other back whole', async () => {
      const [first, second] = await Promise.allSettled([
        editClaim(database.db, { claimId, expectedVersion: 1, actor: omar, values: await values({ speaker: 'متحدث أول', newSpeaker: true, cue: 'قال' }) }),
        editClaim(database.db, { claimId, expectedVersion: 1, actor: amira, values: await values({ speaker: 'متحدث ثان', newSpeaker: true, kind: 'opinion' }) }),
      ]);
      const outcomes = [first, second];
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(ConflictError);
      const loser = outcomes.indexOf(refused) === 0 ? 'متحدث أول' : 'متحدث ثان';
      expect(await database.db.selectFrom('speaker').select('id').where('name', '=', loser).execute()).toEqual([]);
      const claim = await getClaim(database.db, claimId);
      expect(claim.version).toBe(2);
      expect((await listReviewEvents(database.db, claimId)).map((event) => event.field).sort()).toEqual(outcomes.indexOf(refused) === 0 ? ['kind', 'speaker'] : ['cue', 'speaker']);
    });

    it('refuses a stale version with the current claim and a bad span with a field message, writing nothing', async () => {
      await editClaim(database.db, { claimId, expectedVersion: 1, actor: amira, values: await values({ kind: 'prediction' }) });
      const stale = await caught(editClaim(database.db, { claimId, expectedVersion: 1, actor: omar, values: await values({ cue: 'أكد' }) }));
      expect(stale).toBeInstanceOf(ConflictError);
      expect(((stale as ConflictError).current as { claim: { version: number; kind: string } }).claim).toMatchObject({ version: 2, kind: 'prediction' });
      const emoji = BODY.indexOf('🌉');
      const cut = await caught(editClaim(database.db, { claimId, expectedVersion: 2, actor: omar, values: await values({ start: String(emoji + 1), end: String(emoji + 5) }) }));
      expect(String((cut as ValidationError).fieldErrors.span)).toContain('cuts a character in half');
      expect((await getClaim(database.db, claimId)).version).toBe(2);
      expect(await listReviewEvents(database.db, claimId)).toHaveLength(1);
    });

    it('adds a claim by hand and deletes one, keeping its record in the desk log and its review events', async () => {
      const start = BODY.indexOf('بعد');
      const added = await addClaim(database.db, { articleId: article.id, actor: amira, values: { ...(await values()), start: String(start), end: String(start + 'بعد الترميم'.length), speaker: 'نادر سليم', hops: [] } });
      expect(added).toMatchObject({ origin: 'manual', status: 'unverified', text: 'بعد الترميم', version: 1, editor_name: null });
      expect(await listReviewEvents(database.db, added.id)).toMatchObject([{ field: 'created', actor: 'Amira' }]);

      expect((await listClaims(database.db, { articleId: article.id, origin: 'manual' }, undefined, 10)).map((row) => row.id)).toEqual([added.id]);
      expect((await listClaims(database.db, { articleId: article.id, origin: 'machine' }, undefined, 10)).map((row) => row.id)).toEqual([claimId]);

      expect(await caught(deleteClaim(database.db, { claimId, expectedVersion: 7, actor: amira }))).toBeInstanceOf(ConflictError);
      await deleteClaim(database.db, { claimId, expectedVersion: 1, actor: amira });
      expect(await database.db.selectFrom('claim').select('id').where('id', '=', claimId).execute()).toEqual([]);
      expect(await listHopsForClaims(database.db, [claimId])).toEqual([]);
      const log = await database.db.selectFrom('desk_event').selectAll().where('target_id', '=', claimId).execute();
      expect(log).toHaveLength(1);
      expect(JSON.parse(log[0]!.before_json!)).toMatchObject({ speaker: 'نادر سليم', status: 'unverified', chain: [{ outlet: 'إذاعة المدينة', role: 'original' }] });
    });
  });
}
