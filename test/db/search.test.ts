import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.ts';
import { countClaimsByStatus, listClaims } from '../../src/features/claims/claims.repository.ts';
import { editArticle } from '../../src/features/articles/article-corrections.service.ts';
import { parseArticleEdit } from '../../src/features/articles/articles.schema.ts';
import { getClaim } from '../../src/features/claims/claims.service.ts';
import { editClaim } from '../../src/features/corrections/claim-edits.service.ts';
import { editSpeaker, getSpeakerProfile, mergeSpeakers } from '../../src/features/speakers/speakers.service.ts';
import { ingestArticle } from '../../src/features/articles/articles.service.ts';
import { SEED_TEXT } from '../support/context.ts';
import { fillMissingSearchText } from '../../src/features/search/search.repository.ts';
import { searchEverything } from '../../src/features/search/search.service.ts';
import { parseSearchQuery } from '../../src/text/search.ts';
import { TEST_ENGINES, type TestDatabase } from '../support/database.ts';
import { insertTestArticle, insertTestClaim, testActor } from '../support/fixtures.ts';

const CLAIMS = {
  announced: 'أعلن الرئيس الفرنسي أن باريس ستشارك في التحالف',
  official: 'قال مسئول في الوزارة إن الاتفاق سيوقع غدا',
  withArticle: 'وقال والرئيس الروسي إن موسكو مستعدة',
  elysee: 'Au palais de l’Élysée, le président a reçu le ministre',
  english: 'The Minister said the border would reopen next week',
  reversed: 'الفرنسي قال الرئيس في المؤتمر',
  script: 'He wrote <script>alert(1)</script> in the comment',
};

describe.each(TEST_ENGINES)('full-text search on $engine', ({ open }) => {
  let database: TestDatabase;
  let db: Db;
  const ids: Record<keyof typeof CLAIMS, string> = {} as never;

  beforeEach(async () => {
    database = await open();
    db = database.db;
    const body = Object.values(CLAIMS).join(' ');
    const article = await insertTestArticle(db, { language: 'ar', title: 'آفاق التعاون العسكري بين موسكو وباريس', body });
    for (const [key, text] of Object.entries(CLAIMS)) {
      const speaker = key === 'elysee' ? 'Emmanuel Macron' : 'إيغور ديلانويه';
      ids[key as keyof typeof CLAIMS] = await insertTestClaim(db, { article, start: body.indexOf(text), text, speaker });
    }
  });

  afterEach(() => database.drop());

  async function claimIds(query: string): Promise<string[]> {
    const results = await searchEverything(db, parseSearchQuery(query), 50);
    return results.claims.items.map((item) => item.id).sort();
  }

  async function dashboardIds(query: string): Promise<string[]> {
    const rows = await listClaims(db, { search: parseSearchQuery(query) }, undefined, 50);
    return rows.map((row) => row.id).sort();
  }

  const CASES: Array<[string, Array<keyof typeof CLAIMS>]> = [
    ['اعلن', ['announced']],
    ['مسؤول', ['official']],
    ['أَعْلَنَ', ['announced']],
    ['الرئيس', ['announced', 'withArticle', 'reversed']],
    ['elysee', ['elysee']],
    ['MINISTER', ['english']],
    ['ministre', ['elysee']],
    ['"الرئيس الفرنسي"', ['announced']],
    ['الرئيس الفرنسي', ['announced', 'reversed']],
    ['"palais de l’Élysée"', ['elysee']],
    ['غائب', []],
    ['script', ['script']],
  ];

  it('finds what each query should, on /search and on the dashboard, and nothing else', async () => {
    for (const [query, expected] of CASES) {
      const wanted = expected.map((key) => ids[key]).sort();
      expect(await claimIds(query), query).toEqual(wanted);
      expect(await dashboardIds(query), query).toEqual(wanted);
    }
  });

  it('counts each group and highlights the original letters', async () => {
    const results = await searchEverything(db, parseSearchQuery('اعلن'), 10);
    expect(results.claims.count).toBe(1);
    expect(results.claims.complete).toBe(true);
    const marked = results.claims.items[0]!.text.filter((part) => part.match).map((part) => part.text);
    expect(marked).toEqual(['أعلن']);
    expect((await searchEverything(db, parseSearchQuery('موسكو'), 10)).articles.count).toBe(1);
    expect((await searchEverything(db, parseSearchQuery('ديلانويه'), 10)).speakers.count).toBe(1);
    expect((await searchEverything(db, parseSearchQuery('macron'), 10)).speakers.items[0]!.name.map((part) => part.text)).toEqual(['Emmanuel ', 'Macron']);
  });

  it('caps the status summary of a search like other combinations', async () => {
    const counts = await countClaimsByStatus(db, { search: parseSearchQuery('الرئيس') }, 2);
    expect(counts.complete).toBe(false);
    const all = await countClaimsByStatus(db, { search: parseSearchQuery('الرئيس') });
    expect(await countClaimsByStatus(db, { search: parseSearchQuery('الرئيس'), speakerId: 'nobody' })).toEqual({ byStatus: new Map(), complete: true });
    expect(all).toEqual({ byStatus: new Map([['unverified', 3]]), complete: true });
  });

  it('fills in the folded copy of rows written before the index, once', async () => {
    await sql`update claim set search_text = null`.execute(db);
    await sql`update speaker set search_text = null`.execute(db);
    await sql`update article set search_text = null`.execute(db);
    expect(await claimIds('اعلن')).toEqual([]);
    expect(await fillMissingSearchText(db, 3)).toBe(Object.keys(CLAIMS).length + 2 + 1);
    expect(await fillMissingSearchText(db, 3)).toBe(0);
    expect(await claimIds('اعلن')).toEqual([ids.announced]);
    expect((await searchEverything(db, parseSearchQuery('ديلانويه'), 10)).speakers.count).toBe(1);
    expect((await searchEverything(db, parseSearchQuery('التعاون'), 10)).articles.count).toBe(1);
  });

  it('follows a corrected claim text', async () => {
    const claim = await getClaim(db, ids.english);
    const values = {
      start: String(claim.start_offset),
      end: String(claim.start_offset + 'The'.length),
      speaker: claim.speaker_name ?? '',
      newSpeaker: false,
      cue: claim.cue,
      kind: claim.kind,
      hops: [],
      newHopOutlet: '',
      newHopRole: 'original',
    };
    await editClaim(db, { claimId: claim.id, expectedVersion: claim.version, values, actor: testActor('Amira') });
    expect(await claimIds('minister')).toEqual([]);
    expect(await claimIds('the')).toContain(ids.english);
  });

  it('follows a speaker renamed and a speaker merged', async () => {
    const macron = (await searchEverything(db, parseSearchQuery('macron'), 10)).speakers.items[0]!.id;
    const { speaker, aliases } = await getSpeakerProfile(db, macron);
    const seen = { name: speaker.name, latinName: speaker.latin_name ?? '', role: speaker.role ?? '', kind: speaker.kind };
    const fields = { ...seen, name: 'Président Macron' };
    await editSpeaker(db, macron, { fields, aliases: ['Le locataire de l’Élysée'], seen, seenAliases: aliases }, testActor('Amira'));
    expect((await searchEverything(db, parseSearchQuery('locataire'), 10)).speakers.items.map((item) => item.id)).toEqual([macron]);
    expect((await searchEverything(db, parseSearchQuery('president'), 10)).speakers.count).toBe(1);

    const delanoe = (await searchEverything(db, parseSearchQuery('ديلانويه'), 10)).speakers.items[0]!.id;
    await mergeSpeakers(db, delanoe, macron, testActor('Amira'));
    const merged = await searchEverything(db, parseSearchQuery('ديلانويه'), 10);
    expect(merged.speakers.items.map((item) => item.id)).toEqual([macron]);
    expect(merged.speakers.items[0]!.aliases.map((alias) => alias.map((part) => part.text).join(''))).toEqual(['إيغور ديلانويه']);
  });

  it('follows an edited article title', async () => {
    const found = (await searchEverything(db, parseSearchQuery('موسكو'), 10)).articles.items[0]!;
    const edit = parseArticleEdit({ title: 'Moscou et Paris face à l’État islamique', language: 'fr', publisher: '', sourceUrl: '', publishedAt: '' });
    await editArticle(db, found.id, 1, edit, testActor('Amira'));
    expect((await searchEverything(db, parseSearchQuery('موسكو'), 10)).articles.count).toBe(0);
    expect((await searchEverything(db, parseSearchQuery('etat islamique'), 10)).articles.items.map((item) => item.id)).toEqual([found.id]);
  });

  it('finds a speaker by an alias an ingested article gave them', async () => {
    await ingestArticle(db, { text: SEED_TEXT, language: 'ar', publisher: 'Sputnik' }, { maxBytes: 1024 * 1024 });
    const aliases = await db.selectFrom('speaker_alias').select(['speaker_id', 'alias']).execute();
    expect(aliases.length).toBeGreaterThan(0);
    for (const { speaker_id, alias } of aliases) {
      const found = await searchEverything(db, parseSearchQuery(`"${alias}"`), 50);
      expect(found.speakers.items.map((item) => item.id), alias).toContain(speaker_id);
    }
  });
});
