import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signIn, type SignedIn } from '../support/auth.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';

// Written for this test: an economist named once, then referred to by role.
const ARTICLE =
  'قال الباحث المغربي كريم بنسعيد، أستاذ الاقتصاد في جامعة الرباط، إن أسعار القمح سترتفع خلال الشتاء المقبل.\n' +
  'واعتبر الباحث المغربي أن الحل يكمن في تنويع مصادر الاستيراد.\n';

let context: TestContext;
let viewer: SignedIn;

beforeEach(async () => {
  context = await createTestContext();
  viewer = await signIn(context, 'viewer', 'Salma');
});

afterEach(() => context.close());

async function claimIdByMention(articleId: string, mention: string): Promise<string> {
  const row = await context.db.selectFrom('claim').select('id').where('article_id', '=', articleId).where('speaker_mention_text', '=', mention).executeTakeFirstOrThrow();
  return row.id;
}

/** The article body as the claim page renders it. */
function articleBodyOf(html: string): string {
  return html.match(/<div class="article-body"[^>]*>([\s\S]*?)<\/div>/)?.[1] ?? '';
}

describe('claim page: why this speaker', () => {
  it('says which words the speaker was resolved from and marks them inside the claim', async () => {
    const { article } = await context.ingest({ text: ARTICLE, language: 'ar', title: 'القمح' });
    const id = await claimIdByMention(article.id, 'الباحث المغربي');
    const page = (await viewer.get(`/claims/${id}`).expect(200)).text;

    // The guillemets sit inside the isolate of the quoted words, so neither the page's direction nor a line break parts them.
    expect(page).toContain('<p class="speaker-mention-note" id="speaker-mention-note">resolved from <bdi class="quoted-mention" lang="ar" dir="rtl">«<a href="#speaker-mention">الباحث المغربي</a>»</bdi> → <bdi lang="ar">كريم بنسعيد</bdi></p>');
    const body = articleBodyOf(page);
    expect(body).toMatch(
      /<mark id="claim-span" class="claim-span current">واعتبر <mark id="speaker-mention" class="speaker-mention" title="Speaker mention, resolved to كريم بنسعيد">الباحث المغربي<\/mark> أن الحل/,
    );
  });

  it('marks a mention that is the name itself without the resolved-from line', async () => {
    const { article } = await context.ingest({ text: ARTICLE, language: 'ar', title: 'القمح' });
    const name = 'كريم بنسعيد';
    const start = ARTICLE.indexOf(name);
    await context.db
      .updateTable('claim')
      .set({ speaker_mention_start: start, speaker_mention_end: start + name.length, speaker_mention_text: name })
      .where('article_id', '=', article.id)
      .where('start_offset', '=', 0)
      .execute();
    const id = await claimIdByMention(article.id, 'كريم بنسعيد');
    const page = (await viewer.get(`/claims/${id}`).expect(200)).text;
    expect(page).not.toContain('resolved from');
    expect(articleBodyOf(page)).toContain('<mark id="speaker-mention" class="speaker-mention" title="Speaker mention, resolved to كريم بنسعيد">كريم بنسعيد</mark>');
  });

  it('escapes the mention and keeps the markup nested when the mention crosses the claim boundary', async () => {
    const body = 'Intro. <b>The "mayor"</b> said the bridge would reopen in May.';
    const article = await insertTestArticle(context.db, { body });
    const claimStart = body.indexOf('"mayor"');
    const claimId = await insertTestClaim(context.db, { article, start: claimStart, speaker: 'Daniel <i>Reyes</i>' });
    const mentionStart = body.indexOf('<b>');
    const mentionEnd = body.indexOf('</b>') + 4;
    await context.db
      .updateTable('claim')
      .set({ speaker_mention_start: mentionStart, speaker_mention_end: mentionEnd, speaker_mention_text: body.slice(mentionStart, mentionEnd) })
      .where('id', '=', claimId)
      .execute();
    const page = (await viewer.get(`/claims/${claimId}`).expect(200)).text;

    expect(page).not.toContain('<b>');
    expect(page).not.toContain('<i>');
    expect(page).toContain('resolved from <bdi class="quoted-mention" lang="en" dir="ltr">«<a href="#speaker-mention">&lt;b&gt;The &quot;mayor&quot;&lt;/b&gt;</a>»</bdi> → <bdi lang="en">Daniel &lt;i&gt;Reyes&lt;/i&gt;</bdi>');
    // The fixture's claim covers ten characters from the quote: the mention starts before it and ends
    // after it, so it is marked in three pieces, the middle one nested in the claim's mark.
    const label = 'title="Speaker mention, resolved to Daniel &lt;i&gt;Reyes&lt;/i&gt;"';
    expect(articleBodyOf(page)).toBe(
      `Intro. <mark id="speaker-mention" class="speaker-mention" ${label}>&lt;b&gt;The </mark>` +
        `<mark id="claim-span" class="claim-span current"><mark class="speaker-mention" ${label}>&quot;mayor&quot;&lt;/b</mark></mark>` +
        `<mark class="speaker-mention" ${label}>&gt;</mark> said the bridge would reopen in May.`,
    );
  });

  it('shows no mention for a claim stored without one', async () => {
    const article = await insertTestArticle(context.db, { body: 'The mayor said the bridge would reopen in May.' });
    const claimId = await insertTestClaim(context.db, { article, start: 0, speaker: 'Daniel Reyes' });
    const page = (await viewer.get(`/claims/${claimId}`).expect(200)).text;
    expect(page).not.toContain('speaker-mention');
    expect(page).not.toContain('resolved from');
  });
});
