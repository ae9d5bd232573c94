import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.ts';
import { newId, nowIso } from '../../src/ids.ts';
import { nameKey } from '../../src/text/name-key.ts';
import { ingestArticle } from '../../src/features/articles/articles.service.ts';
import { changeClaimStatus } from '../../src/features/claims/claims.service.ts';
import { findClaimProvenance, searchOutlets, searchSpeakers } from '../../src/features/api/api-directory.repository.ts';
import { findSpeakerKinds, listClaimIdsWithHumanVerdict } from '../../src/features/api/gold-export.repository.ts';
import { SEED_TEXT } from '../support/context.ts';
import { TEST_ENGINES, type TestDatabase } from '../support/database.ts';

describe.each(TEST_ENGINES)('API queries on $engine', ({ open }) => {
  let database: TestDatabase;
  let db: Db;
  let articleId: string;

  beforeAll(async () => {
    database = await open();
    db = database.db;
    articleId = (await ingestArticle(db, { text: SEED_TEXT, language: 'ar', publisher: 'Sputnik' }, { maxBytes: 1 << 20 })).article.id;
    const speaker = (name: string) => ({ id: newId(), name, normalized_name: nameKey(name), kind: 'person', unnamed: 0, role: null, created_at: nowIso() });
    await db.insertInto('speaker').values([speaker('Ali 100% Sure'), speaker('Ali_Underscore'), speaker('Alix Plain')]).execute();
  });
  afterAll(() => database.drop());

  it('finds speakers by a part of the name or an alias, taking % and _ literally, page by page', async () => {
    const all = await searchSpeakers(db, { key: undefined, after: undefined, limit: 100 });
    expect(all.length).toBe(5);
    expect(all.map((row) => row.normalized_name)).toEqual([...all.map((row) => row.normalized_name)].sort());

    expect((await searchSpeakers(db, { key: nameKey('ديلانويه'), after: undefined, limit: 10 })).map((row) => row.name)).toEqual(['إيغور ديلانويه']);
    const alias = await db.selectFrom('speaker_alias').select(['normalized_alias', 'speaker_id']).executeTakeFirst();
    if (alias) expect((await searchSpeakers(db, { key: alias.normalized_alias, after: undefined, limit: 10 })).map((row) => row.id)).toContain(alias.speaker_id);

    expect((await searchSpeakers(db, { key: '%', after: undefined, limit: 10 })).map((row) => row.name)).toEqual(['Ali 100% Sure']);
    expect((await searchSpeakers(db, { key: '_', after: undefined, limit: 10 })).map((row) => row.name)).toEqual(['Ali_Underscore']);

    const [first] = await searchSpeakers(db, { key: 'ali', after: undefined, limit: 1 });
    const rest = await searchSpeakers(db, { key: 'ali', after: { key: first!.normalized_name, id: first!.id }, limit: 10 });
    expect([first!, ...rest].map((row) => row.name).sort()).toEqual(['Ali 100% Sure', 'Ali_Underscore', 'Alix Plain']);
  });

  it('leaves merged records out of searches', async () => {
    const [kept, merged] = await searchSpeakers(db, { key: 'ali', after: undefined, limit: 2 });
    await db.updateTable('speaker').set({ merged_into: kept!.id }).where('id', '=', merged!.id).execute();
    expect((await searchSpeakers(db, { key: 'ali', after: undefined, limit: 10 })).map((row) => row.id)).not.toContain(merged!.id);
    const outlets = await searchOutlets(db, { key: nameKey('orient'), after: undefined, limit: 10 });
    expect(outlets.map((row) => row.name)).toEqual(["L'Orient le Jour"]);
  });

  it('finds outlets by a part of an alias too, taking % literally', async () => {
    const outlet = await db.selectFrom('outlet').selectAll().where('name', '=', 'Sputnik').executeTakeFirstOrThrow();
    await db.insertInto('outlet_alias').values([{ outlet_id: outlet.id, alias: 'سبوتنيك 100%', normalized_alias: nameKey('سبوتنيك 100%') }]).execute();
    expect((await searchOutlets(db, { key: nameKey('سبوتنيك'), after: undefined, limit: 10 })).map((row) => row.id)).toEqual([outlet.id]);
    expect((await searchOutlets(db, { key: '%', after: undefined, limit: 10 })).map((row) => row.id)).toEqual([outlet.id]);
    expect(await searchOutlets(db, { key: nameKey('سبوتنيكس'), after: undefined, limit: 10 })).toEqual([]);
  });

  it('reads provenance, speaker kinds and the claims a person gave a verdict', async () => {
    const claims = await db.selectFrom('claim').select(['id', 'version', 'speaker_id']).where('article_id', '=', articleId).orderBy('start_offset').execute();
    await db.updateTable('claim').set({ origin: 'edited', edited_by: 'someone', edited_at: nowIso() }).where('id', '=', claims[0]!.id).execute();
    const provenance = await findClaimProvenance(db, claims.map((claim) => claim.id));
    expect(provenance.get(claims[0]!.id)).toMatchObject({ origin: 'edited', edited_by: 'someone' });
    expect(provenance.get(claims[1]!.id)).toMatchObject({ origin: 'machine', edited_by: null });
    expect(await findClaimProvenance(db, [])).toEqual(new Map());

    expect(await listClaimIdsWithHumanVerdict(db, articleId)).toEqual(new Set());
    await changeClaimStatus(db, { claimId: claims[1]!.id, status: 'false', expectedVersion: claims[1]!.version, actor: 'Hana' });
    expect(await listClaimIdsWithHumanVerdict(db, articleId)).toEqual(new Set([claims[1]!.id]));

    const kinds = await findSpeakerKinds(db, [claims[0]!.speaker_id!]);
    expect(kinds.get(claims[0]!.speaker_id!)).toMatchObject({ kind: expect.any(String), unnamed: expect.any(Number) });
  });
});
