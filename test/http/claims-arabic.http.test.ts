import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleRow } from '../../src/db/schema.ts';
import { signIn, type SignedIn } from '../support/auth.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';

const ARABIC = { 'Accept-Language': 'ar' };
const HTMX = { 'HX-Request': 'true', 'HX-Request-Type': 'partial', ...ARABIC };
/** Latin words an Arabic page may show: names of formats and of the other language, the brand, the time zone. */
const LATIN_ALLOWED = new Set(['CSV', 'Markdown', 'ClaimReview', 'Web', 'Annotation', 'English', 'UTC', 'https']);

let context: TestContext;
let editor: SignedIn;
let article: ArticleRow;
let claims: string[];

beforeEach(async () => {
  context = await createTestContext();
  editor = await signIn(context, 'editor', 'أميرة');
  article = await insertTestArticle(context.db, { title: 'مقال عن الاقتصاد', language: 'ar', body: 'قال الوزير إن الاقتصاد ينمو بسرعة. '.repeat(60) });
  claims = [];
  for (const start of [0, 40, 80]) {
    claims.push(await insertTestClaim(context.db, { article, start, speaker: 'الوزير', text: 'قال الوزير إن', outlets: [{ name: 'سكاي نيوز عربية', role: 'republished' }] }));
  }
  // The desk's own words only: the claims' cue is Arabic as well.
  await context.db.updateTable('claim').set({ cue: 'قال' }).execute();
});
afterEach(() => context.close());

/** What a reader sees and hears of the page's main part: its text, and the labels, hints and titles of its controls. */
function shownIn(html: string): string {
  const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';
  const attributes = [...main.matchAll(/\b(?:aria-label|placeholder|title|data-no-selection)="([^"]*)"/g)].map((match) => match[1]);
  const text = main.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<[^>]+>/g, ' ');
  // Character references are punctuation here (quotes, ampersands), not words.
  return [text, ...attributes].join(' ').replace(/&(?:#\d+|#x[0-9a-f]+|[a-z]+);/gi, ' ');
}

function latinWordsIn(html: string): string[] {
  return [...new Set(shownIn(html).match(/[A-Za-z]{2,}/g) ?? [])].filter((word) => !LATIN_ALLOWED.has(word));
}

async function arabicPage(url: string, status = 200): Promise<string> {
  const page = await editor.get(url).set(ARABIC).expect(status);
  expect(page.text).toMatch(/<html lang="ar" dir="rtl">/);
  return page.text;
}

describe('the claims pages in Arabic', () => {
  it('shows the dashboard with its filters, rows, review controls and bulk bar in Arabic only', async () => {
    const page = await arabicPage('/');
    expect(page).toContain('<h1 class="page-title">الادعاءات</h1>');
    expect(page).toContain('<option value="">كل الحالات</option>');
    expect(page).toContain('>فتح الادعاء</a>');
    expect(page).toContain('<span>لم يُتحقق منه</span>');
    expect(page).toContain('في الادعاءات المحدَّدة:');
    expect(page).toContain('3 ادعاءات');
    expect(latinWordsIn(page)).toEqual([]);
  });

  it('shows the queue, the claim page, adding and deleting a claim in Arabic only', async () => {
    await editor.post(`/claims/${claims[0]}/status`).set(ARABIC).type('form').send({ status: 'false', version: '1', note: 'مصدر غير موثوق' }).expect(303);
    await editor.post(`/claims/${claims[0]}/notes`).set(ARABIC).type('form').send({ body: 'ملاحظة **مهمة**' }).expect(303);
    await editor.post(`/claims/${claims[0]}/assignee`).set(ARABIC).type('form').send({ assignee: '' }).expect(303);

    const claim = await arabicPage(`/claims/${claims[0]}`);
    expect(claim).toContain('<h2 id="verification-title">التحقق</h2>');
    expect(claim).toContain('<h2 id="notes-title">ملاحظات المراجعين</h2>');
    expect(claim).toMatch(/<bdi>أميرة<\/bdi> غيّر الحالة من <span class="badge status-unverified">لم يُتحقق منه<\/span> إلى <span class="badge status-false">خاطئ<\/span>/);
    expect(claim).toContain('<option value="republished" selected>إعادة نشر</option>');
    expect(latinWordsIn(claim)).toEqual([]);

    for (const url of ['/queue', `/articles/${article.id}/claims/new`, `/claims/${claims[1]}/delete`]) {
      const page = await arabicPage(url);
      expect(latinWordsIn(page), url).toEqual([]);
    }
  });

  it('answers a bulk change posted without JavaScript in Arabic', async () => {
    const page = await editor.post('/claims/bulk').set(ARABIC).type('form').send({ claim: `${claims[0]}:1`, action: 'status' }).expect(422);
    expect(page.text).toMatch(/<html lang="ar" dir="rtl">/);
    expect(page.text).toContain('اختر الحالة المراد تعيينها.');
    expect(latinWordsIn(page.text)).toEqual([]);

    const done = await editor.post('/claims/bulk').set(HTMX).type('form').send({ claim: claims.map((id) => `${id}:1`), action: 'status', status: 'in_review' }).expect(200);
    expect(done.text).toContain('تغيّر 3 من 3 ادعاءات محدَّدة.');
  });

  it('puts the services’ refusals into the reader’s language', async () => {
    const empty = await editor.post(`/claims/${claims[0]}/notes`).set(ARABIC).type('form').send({ body: '   ' }).expect(422);
    expect(empty.text).toContain('<p id="note-body-error" class="form-error" role="alert">اكتب ملاحظة قبل حفظها.</p>');

    await editor.post(`/claims/${claims[1]}/status`).type('form').send({ status: 'false', version: '1' }).expect(303);
    const stale = await editor.post(`/claims/${claims[1]}/attribution`).set(HTMX).type('form').send({ attributionStatus: 'fabricated', version: '1', seenStatus: 'unverified', view: 'row' }).expect(409);
    expect(stale.text).toContain('جعل أميرة حالة التحقق &quot;خاطئ&quot; بينما كنت تراجعه. لم يُحفظ تغييرك.');

    const span = await editor.post(`/articles/${article.id}/claims`).set(ARABIC).type('form').send({ start: '5', end: '5', speaker: 'الوزير', kind: 'factual' }).expect(422);
    expect(span.text).toContain('النطاق فارغ أو ينتهي قبل أن يبدأ');
  });

  it('keeps the same refusal in English for an English reader', async () => {
    const empty = await editor.post(`/claims/${claims[0]}/notes`).set('Accept-Language', 'en').type('form').send({ body: '' }).expect(422);
    expect(empty.text).toContain('Write a note before saving it.');
  });
});
