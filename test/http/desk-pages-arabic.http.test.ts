import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiUser, callApi } from '../support/api.ts';
import { signIn, type SignedIn } from '../support/auth.ts';
import { createTestContext, ingestSeed, type TestContext } from '../support/context.ts';

const HTMX = { 'HX-Request': 'true', 'HX-Request-Type': 'partial' };
const ARABIC = { 'Accept-Language': 'ar' };

let context: TestContext;
let layla: SignedIn;
let articleId: string;
let claimId: string;

beforeEach(async () => {
  context = await createTestContext();
  layla = await signIn(context, 'admin', 'Layla');
  articleId = (await ingestSeed(context)).article.id;
  claimId = (await context.db.selectFrom('claim').select('id').where('article_id', '=', articleId).orderBy('start_offset').executeTakeFirstOrThrow()).id;
});
afterEach(() => context.close());

const htmlLanguage = (html: string) => /<html lang="(\w+)" dir="(\w+)">/.exec(html)?.slice(1);

/** English words of these pages (headings, labels, buttons, hints) that must not be left in the Arabic ones. */
const ENGLISH = [
  'Add an article', 'No article yet', 'Still open', 'Ingested', 'Publisher outlet', 'Source URL', 'Detect automatically', 'Extract claims',
  'published by', 'Edit details', 'Re-extract claims', 'struck-through text', 'Report:', 'Export:',
  'Edit the article’s details', 'cannot be changed', 'Delete this article?', 'Deleting it also deletes', 'with their attribution chains',
  'Also referred to as', 'Also known as', 'Edit this speaker', 'Edit this outlet', 'Latin transliteration', 'Save speaker', 'Save outlet',
  'Merge into another', 'Type a speaker’s name', 'Type an outlet’s name', 'All roles',
  'Everyone', 'Filter', 'Clear', 'open the article',
  'Reset password', 'Add a user', 'one-time password', 'Change your password', 'Current password', 'New password again',
  'Create a token', 'Your tokens', 'You have no API tokens', 'Share links', 'Create share link', 'Last day', 'Back to the claim', 'Print from the browser',
  'Sign in', 'Cancel', 'Save',
];

function englishLeftIn(html: string): string[] {
  // The language switch names English in English; the document title is the layout's.
  const text = html.replace(/<a class="language-switch"[\s\S]*?<\/a>|<button[^>]*name="language"[\s\S]*?<\/button>|<title>[\s\S]*?<\/title>/g, '');
  return ENGLISH.filter((words) => text.includes(words));
}

describe('the desk pages in Arabic', () => {
  it('write every page of articles, the directory, activity and accounts in Arabic, right to left', async () => {
    const speakerId = (await context.db.selectFrom('claim').select('speaker_id').where('id', '=', claimId).executeTakeFirstOrThrow()).speaker_id!;
    const outletId = (await context.db.selectFrom('outlet').select('id').executeTakeFirstOrThrow()).id;
    await layla.post(`/articles/${articleId}/edit`).set(ARABIC).type('form').send({ title: 'عنوان مصحح', language: 'ar', publisher: 'Sputnik', sourceUrl: '', publishedAt: '', version: '1' }).expect(303);
    await layla.post('/account/tokens').set(ARABIC).type('form').send({ label: 'nightly' }).expect(201);
    await layla.post('/shares').set(ARABIC).set(HTMX).type('form').send({ targetType: 'claim', targetId: claimId, language: 'ar', expiresOn: '' }).expect(201);
    const pages: Record<string, string> = {
      '/articles': 'المقالات',
      [`/articles/${articleId}`]: 'نشرته',
      '/articles/new': 'استخراج الادعاءات',
      [`/articles/${articleId}/edit`]: 'تعديل بيانات المقال',
      [`/articles/${articleId}/delete`]: 'حذف هذا المقال؟',
      [`/speakers/${speakerId}`]: 'تعديل المتحدث',
      [`/outlets/${outletId}`]: 'كل الأدوار',
      '/activity': 'عُدّل مقال',
      '/admin/users': 'إعادة تعيين كلمة المرور',
      '/account/password': 'كلمة المرور الحالية',
      '/account/tokens': 'رموزك',
    };
    for (const [path, characteristic] of Object.entries(pages)) {
      const page = await layla.get(path).set(ARABIC).expect(200);
      expect(htmlLanguage(page.text), path).toEqual(['ar', 'rtl']);
      expect(page.text, path).toContain(characteristic);
      expect(englishLeftIn(page.text), path).toEqual([]);
    }
    // Each date of the activity log is an isolate of its own (dir), so that an Arabic name beside it cannot take its digits.
    const activity = await layla.get('/activity').set(ARABIC).expect(200);
    expect(activity.text).toMatch(/<time datetime="[^"]+" dir="rtl">[^<]+<\/time>\s*<bdi>Layla<\/bdi>/);
    expect((await layla.get('/activity').set('Accept-Language', 'en').expect(200)).text).toMatch(/<time datetime="[^"]+" dir="ltr">/);

    // The desk's tools and share links around a report speak the reader's language.
    const report = await layla.get(`/claims/${claimId}/report?lang=ar`).set(ARABIC).expect(200);
    expect(report.text).toMatch(/<nav class="report-tools" aria-label="أدوات التقرير" lang="ar" dir="rtl">/);
    expect(report.text).toMatch(/<section id="shares"[^>]* lang="ar" dir="rtl">/);
    expect(report.text).toContain('إنشاء رابط مشاركة');
    for (const words of ['Share links', 'Create share link', 'Last day', 'Back to the claim', 'Print from the browser', 'Revoke']) expect(report.text).not.toContain(words);

    const login = await request(context.app).get('/login').set(ARABIC).expect(200);
    expect(login.text).toContain('<h1>تسجيل الدخول</h1>');
    expect(englishLeftIn(login.text)).toEqual([]);
  });

  it('puts a refusal raised as a catalogue message into Arabic, on the page and in an htmx fragment', async () => {
    const form = { title: '   ', language: 'ar', publisher: '', sourceUrl: 'ftp://x', publishedAt: '', version: '1' };
    const page = await layla.post(`/articles/${articleId}/edit`).set(ARABIC).type('form').send(form).expect(422);
    expect(page.text).toContain('لم يُعدَّل المقال.');
    expect(page.text).toContain('أعطِ المقال عنوانًا.');
    expect(page.text).toContain('يجب أن يبدأ رابط المصدر بـ');
    expect(page.text).not.toContain('Give the article a title.');
    const fragment = await layla.post(`/articles/${articleId}/edit`).set(ARABIC).set(HTMX).type('form').send(form).expect(422);
    expect(fragment.text).toContain('أعطِ المقال عنوانًا.');

    const english = await layla.post(`/articles/${articleId}/edit`).set('Accept-Language', 'en').type('form').send(form).expect(422);
    expect(english.text).toContain('Give the article a title.');

    const merge = await layla.post(`/speakers/${(await context.db.selectFrom('speaker').select('id').executeTakeFirstOrThrow()).id}/merge`).set(ARABIC).set(HTMX).type('form').send({ into: 'لا أحد' }).expect(422);
    expect(merge.text).toContain('لا متحدث باسم «<bdi>لا أحد</bdi>».');
  });

  it('writes error pages, flashes and the 403 in Arabic, and keeps the JSON API in English', async () => {
    const missing = await layla.get('/nowhere').set(ARABIC).expect(404);
    expect(missing.text).toContain('<h1>غير موجود</h1>');
    expect(missing.text).toContain('لا شيء في هذا العنوان.');
    expect(missing.text).not.toContain('Back to the claims');
    const flash = await layla.get('/articles/nope/edit').set(ARABIC).set(HTMX).expect(404);
    expect(flash.text).toContain('لم يُعثر على المقال.');

    const vera = await signIn(context, 'viewer', 'Vera');
    const refused = await vera.get('/articles/new').set(ARABIC).expect(403);
    expect(refused.text).toContain('هذا الإجراء للمحررين والمديرين؛ دورك: مطّلع.');
    expect((await vera.get('/articles/new').set('Accept-Language', 'en').expect(403)).text).toContain('This action is for editors and admins; your role is viewer.');

    const { token } = await apiUser(context, 'editor');
    const [first, second] = await context.db.selectFrom('speaker').select(['id', 'name']).orderBy('name').limit(2).execute();
    const read = await callApi(context.app, 'get', `/api/v1/speakers/${first!.id}`, { token });
    const api = await callApi(context.app, 'patch', `/api/v1/speakers/${first!.id}`, { token, headers: ARABIC, body: { version: read.body.version, name: second!.name } });
    expect(api.status).toBe(422);
    expect(api.body.errors).toContainEqual({ field: 'name', message: `Another speaker is already called «${second!.name}». To make them one, merge this speaker into it.` });
  });
});
