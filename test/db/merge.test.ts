import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.ts';
import { ValidationError } from '../../src/errors.ts';
import { findClaimById, listReviewEvents } from '../../src/features/claims/claims.repository.ts';
import { findOutletById, listOutletAliases } from '../../src/features/outlets/outlets.repository.ts';
import { findOrCreateOutlet, mergeOutlets } from '../../src/features/outlets/outlets.service.ts';
import { findSpeakerById, insertSpeakerAliases, listSpeakerAliases } from '../../src/features/speakers/speakers.repository.ts';
import { findOrCreateSpeaker, mergeSpeakers, suggestSpeakers } from '../../src/features/speakers/speakers.service.ts';
import { TEST_ENGINES, type TestDatabase } from '../support/database.ts';
import { insertTestArticle, insertTestClaim, testActor } from '../support/fixtures.ts';

describe.each(TEST_ENGINES)('merging speakers and outlets on $engine', ({ open }) => {
  let database: TestDatabase;
  let db: Db;
  const amira = testActor('Amira');

  beforeEach(async () => {
    database = await open();
    db = database.db;
  });

  afterEach(() => database.drop());

  async function speakerOf(claimId: string): Promise<string> {
    return (await findClaimById(db, claimId))!.speaker_id!;
  }

  async function twoSpeakers() {
    const article = await insertTestArticle(db, { language: 'ar' });
    const kept = [
      await insertTestClaim(db, { article, start: 0, speaker: 'إيغور ديلانويه' }),
      await insertTestClaim(db, { article, start: 20, speaker: 'إيغور ديلانويه' }),
    ];
    const moved = [
      await insertTestClaim(db, { article, start: 40, speaker: 'ديلانويه' }),
      await insertTestClaim(db, { article, start: 60, speaker: 'ديلانويه' }),
      await insertTestClaim(db, { article, start: 80, speaker: 'ديلانويه' }),
    ];
    const into = await speakerOf(kept[0]!);
    const from = await speakerOf(moved[0]!);
    await insertSpeakerAliases(db, from, [{ alias: 'الخبير الفرنسي', normalizedAlias: 'الخبير الفرنسي' }]);
    await insertSpeakerAliases(db, into, [{ alias: 'Igor', normalizedAlias: 'igor' }]);
    return { kept, moved, into, from };
  }

  it('moves every claim, unites the aliases, marks the merged speaker and writes the events, in one go', async () => {
    const { kept, moved, into, from } = await twoSpeakers();
    const result = await mergeSpeakers(db, from, into, amira);
    expect(result.movedClaimIds.sort()).toEqual([...moved].sort());
    for (const claimId of [...kept, ...moved]) expect(await speakerOf(claimId)).toBe(into);
    const movedClaim = await db.selectFrom('claim').select(['origin', 'edited_by']).where('id', '=', moved[0]!).executeTakeFirstOrThrow();
    expect(movedClaim).toEqual({ origin: 'edited', edited_by: amira.id });
    const keptClaim = await db.selectFrom('claim').select(['origin']).where('id', '=', kept[0]!).executeTakeFirstOrThrow();
    expect(keptClaim.origin).toBe('machine');
    expect(await listSpeakerAliases(db, into)).toEqual(['Igor', 'الخبير الفرنسي', 'ديلانويه']);
    expect((await findSpeakerById(db, from))!.merged_into).toBe(into);
    for (const claimId of moved) {
      const events = await listReviewEvents(db, claimId);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ field: 'speaker', from_value: 'ديلانويه', to_value: 'إيغور ديلانويه', actor_id: amira.id });
    }
    expect(await listReviewEvents(db, kept[0]!)).toEqual([]);
    const desk = await db.selectFrom('desk_event').selectAll().execute();
    expect(desk).toHaveLength(1);
    expect(desk[0]).toMatchObject({ action: 'speaker.merge', target_type: 'speaker', target_id: from, actor: 'Amira' });
    expect(desk[0]!.summary).toBe('Merged speaker «ديلانويه» into «إيغور ديلانويه»: 3 claims moved.');
    expect(JSON.parse(desk[0]!.before_json!).from).toMatchObject({ name: 'ديلانويه', claims: 3, aliases: ['الخبير الفرنسي'] });
    expect(JSON.parse(desk[0]!.after_json!).into.aliases).toContain('ديلانويه');
  });

  it('writes nothing when a step of the merge fails', async () => {
    const { moved, into, from } = await twoSpeakers();
    // The audit row is the last write: without its table the merge fails after moving the claims.
    await sql`drop table desk_event`.execute(db);
    await expect(mergeSpeakers(db, from, into, amira)).rejects.toThrow();
    for (const claimId of moved) {
      expect(await speakerOf(claimId)).toBe(from);
      expect(await listReviewEvents(db, claimId)).toEqual([]);
    }
    expect((await findSpeakerById(db, from))!.merged_into).toBeNull();
    expect(await listSpeakerAliases(db, into)).toEqual(['Igor']);
  });

  it('refuses a merge into itself or into a merged speaker, and re-points earlier merges', async () => {
    const { into, from } = await twoSpeakers();
    await expect(mergeSpeakers(db, from, from, amira)).rejects.toBeInstanceOf(ValidationError);
    const third = await findOrCreateSpeaker(db, { name: 'Third', aliases: [], unnamed: false });
    await mergeSpeakers(db, from, third.id, amira);
    await expect(mergeSpeakers(db, into, from, amira)).rejects.toBeInstanceOf(ValidationError);
    await mergeSpeakers(db, third.id, into, amira);
    expect((await findSpeakerById(db, from))!.merged_into).toBe(into);
    expect((await findSpeakerById(db, third.id))!.merged_into).toBe(into);
    // A later article naming a merged speaker speaks as the speaker it became.
    expect((await findOrCreateSpeaker(db, { name: 'ديلانويه', aliases: [], unnamed: false })).id).toBe(into);
  });

  it('lets only one of two crossed merges through, so no two records point at each other', async () => {
    const { into, from } = await twoSpeakers();
    const outcomes = await Promise.allSettled([mergeSpeakers(db, from, into, amira), mergeSpeakers(db, into, from, amira)]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const merged = [await findSpeakerById(db, from), await findSpeakerById(db, into)].filter((speaker) => speaker!.merged_into !== null);
    expect(merged).toHaveLength(1);
    expect(await db.selectFrom('desk_event').select('id').execute()).toHaveLength(1);
  });

  it('drops merged speakers and speakers without claims from the suggestions', async () => {
    const { into, from } = await twoSpeakers();
    await findOrCreateSpeaker(db, { name: 'ديلانويه بلا تصريح', aliases: [], unnamed: false });
    expect((await suggestSpeakers(db, 'ديلانويه')).map((s) => s.id)).toEqual([from, into]);
    await mergeSpeakers(db, from, into, amira);
    expect(await suggestSpeakers(db, 'ديلانويه')).toEqual([{ id: into, name: 'إيغور ديلانويه', claims: 5 }]);
    expect(await suggestSpeakers(db, '%')).toEqual([]);
  });

  it('merges outlets: hops, publisher, one hop per role, aliases and events', async () => {
    const jazeeraNet = await findOrCreateOutlet(db, { name: 'الجزيرة نت', kind: 'website' });
    const article = await insertTestArticle(db, { language: 'ar', publisher_outlet_id: jazeeraNet.id });
    const both = await insertTestClaim(db, {
      article,
      start: 0,
      outlets: [
        { name: 'Al Jazeera', role: 'interview' },
        { name: 'الجزيرة نت', role: 'interview' },
        { name: 'الجزيرة نت', role: 'republished' },
      ],
    });
    const only = await insertTestClaim(db, { article, start: 20, outlets: [{ name: 'الجزيرة نت', role: 'original' }] });
    const jazeera = (await findOrCreateOutlet(db, { name: 'Al Jazeera', kind: 'broadcaster' })).id;
    const result = await mergeOutlets(db, jazeeraNet.id, jazeera, amira);
    expect(result.movedClaimIds.sort()).toEqual([both, only].sort());
    const hops = await db.selectFrom('attribution_hop').select(['claim_id', 'outlet_id', 'role']).orderBy('claim_id').orderBy('position').execute();
    expect(hops.filter((hop) => hop.claim_id === both).map((hop) => hop.role)).toEqual(['interview', 'republished']);
    expect(new Set(hops.map((hop) => hop.outlet_id))).toEqual(new Set([jazeera]));
    const published = await db.selectFrom('article').select('publisher_outlet_id').where('id', '=', article.id).executeTakeFirstOrThrow();
    expect(published.publisher_outlet_id).toBe(jazeera);
    expect(await listOutletAliases(db, jazeera)).toEqual(['الجزيرة نت']);
    expect((await findOutletById(db, jazeeraNet.id))!.merged_into).toBe(jazeera);
    expect((await listReviewEvents(db, both))[0]!.note).toContain('one hop was kept');
    const desk = await db.selectFrom('desk_event').selectAll().where('action', '=', 'outlet.merge').execute();
    expect(desk).toHaveLength(1);
    expect(JSON.parse(desk[0]!.after_json!).removedHopIds).toHaveLength(1);
  });

  it('leaves outlets as they were when the merge fails', async () => {
    const from = await findOrCreateOutlet(db, { name: 'رويترز', kind: 'agency' });
    const article = await insertTestArticle(db, { publisher_outlet_id: from.id });
    const claim = await insertTestClaim(db, { article, start: 0, outlets: [{ name: 'Reuters', role: 'original' }, { name: 'رويترز', role: 'original' }] });
    const into = (await findOrCreateOutlet(db, { name: 'Reuters', kind: 'agency' })).id;
    await sql`drop table desk_event`.execute(db);
    await expect(mergeOutlets(db, from.id, into, amira)).rejects.toThrow();
    const hops = await db.selectFrom('attribution_hop').select('outlet_id').where('claim_id', '=', claim).orderBy('position').execute();
    expect(hops.map((hop) => hop.outlet_id)).toEqual([into, from.id]);
    const published = await db.selectFrom('article').select('publisher_outlet_id').where('id', '=', article.id).executeTakeFirstOrThrow();
    expect(published.publisher_outlet_id).toBe(from.id);
    expect((await findOutletById(db, from.id))!.merged_into).toBeNull();
    expect(await listOutletAliases(db, into)).toEqual([]);
  });
});
