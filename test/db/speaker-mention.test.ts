import { describe, expect, it } from 'vitest';
import { ingestArticle } from '../../src/features/articles/articles.service.ts';
import { getClaim, getSpeakerMention } from '../../src/features/claims/claims.service.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';
import { TEST_ENGINES } from '../support/database.ts';

// Written for this test: an economist named once, then referred to by role and by a bare verb.
const ARTICLE =
  'قال الباحث المغربي كريم بنسعيد، أستاذ الاقتصاد في جامعة الرباط، إن أسعار القمح سترتفع خلال الشتاء المقبل.\n' +
  'وأضاف أن الحكومة لم تستعد لذلك بما يكفي.\n' +
  'واعتبر الباحث المغربي أن الحل يكمن في تنويع مصادر الاستيراد.\n';

describe.each(TEST_ENGINES)('speaker mentions on $engine', ({ open }) => {
  it('are stored with each ingested claim and point at their words in the article body', async () => {
    const { db, drop } = await open();
    try {
      const result = await ingestArticle(db, { text: ARTICLE, language: 'ar', title: 'القمح' }, { maxBytes: 1_000_000 });
      const rows = await db
        .selectFrom('claim')
        .innerJoin('article', 'article.id', 'claim.article_id')
        .select(['claim.id', 'claim.start_offset', 'article.body', 'speaker_mention_start', 'speaker_mention_end', 'speaker_mention_text'])
        .where('claim.article_id', '=', result.article.id)
        .orderBy('claim.start_offset')
        .execute();
      expect(rows.map((row) => row.speaker_mention_text)).toEqual(expect.arrayContaining(['الباحث المغربي كريم بنسعيد', 'أضاف', 'الباحث المغربي']));
      for (const row of rows) expect(row.body.slice(Number(row.speaker_mention_start), Number(row.speaker_mention_end))).toBe(row.speaker_mention_text);

      const byRole = rows.find((row) => row.speaker_mention_text === 'الباحث المغربي')!;
      expect(await getSpeakerMention(db, await getClaim(db, byRole.id), byRole.body)).toMatchObject({ text: 'الباحث المغربي', differsFromSpeaker: true });
    } finally {
      await drop();
    }
  });

  it('are absent, not invented, for claims stored without one or whose offsets no longer fit the text', async () => {
    const { db, drop } = await open();
    try {
      const article = await insertTestArticle(db, { body: 'The mayor said the bridge would reopen in May.' });
      const claimId = await insertTestClaim(db, { article, start: 0, speaker: 'Daniel Reyes' });
      const claim = await getClaim(db, claimId);
      expect(await getSpeakerMention(db, claim, article.body)).toBeNull();

      await db.updateTable('claim').set({ speaker_mention_start: 4, speaker_mention_end: 9, speaker_mention_text: 'mayor' }).where('id', '=', claimId).execute();
      expect(await getSpeakerMention(db, claim, article.body)).toEqual({ start: 4, end: 9, text: 'mayor', differsFromSpeaker: true });
      expect(await getSpeakerMention(db, claim, 'A different text altogether')).toBeNull();
    } finally {
      await drop();
    }
  });
});
