import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signIn } from '../support/auth.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { translatorFor } from '../../src/i18n/translate.ts';

let context: TestContext;
beforeEach(async () => {
  context = await createTestContext();
});
afterEach(async () => {
  await context.close();
});

const htmlLanguage = (html: string) => /<html lang="(\w+)" dir="(\w+)">/.exec(html)?.slice(1);

describe('the interface language', () => {
  it('follows Accept-Language, with its q-values, and says the page varies with it', async () => {
    const arabic = await request(context.app).get('/login').set('Accept-Language', 'ar-EG,ar;q=0.9,en;q=0.5').expect(200);
    expect(htmlLanguage(arabic.text)).toEqual(['ar', 'rtl']);
    expect(arabic.headers.vary).toMatch(/Accept-Language/i);
    const english = await request(context.app).get('/login').set('Accept-Language', 'fr;q=1,en;q=0.8,ar;q=0.3').expect(200);
    expect(htmlLanguage(english.text)).toEqual(['en', 'ltr']);
  });

  it('falls back to the desk default when the browser asks for neither language', async () => {
    const arabicDesk = await createTestContext({ DEFAULT_LANGUAGE: 'ar' });
    try {
      for (const header of [undefined, 'de-DE,fr;q=0.5', '*']) {
        const page = request(arabicDesk.app).get('/login');
        if (header) page.set('Accept-Language', header);
        expect(htmlLanguage((await page.expect(200)).text)).toEqual(['ar', 'rtl']);
      }
    } finally {
      await arabicDesk.close();
    }
    expect(htmlLanguage((await request(context.app).get('/login').expect(200)).text)).toEqual(['en', 'ltr']);
  });

  it('takes ?lang= for the page and remembers it in a cookie for the next ones', async () => {
    const agent = request.agent(context.app);
    const chosen = await agent.get('/login?lang=ar').set('Accept-Language', 'en').expect(200);
    expect(htmlLanguage(chosen.text)).toEqual(['ar', 'rtl']);
    expect(String(chosen.headers['set-cookie'])).toMatch(/isnad_lang=ar;.*HttpOnly/i);
    expect(htmlLanguage((await agent.get('/login').set('Accept-Language', 'en').expect(200)).text)).toEqual(['ar', 'rtl']);
    expect(htmlLanguage((await agent.get('/login?lang=xx').set('Accept-Language', 'en').expect(200)).text)).toEqual(['ar', 'rtl']);
  });

  it('offers the other language on the sign-in page and in the header', async () => {
    const login = await request(context.app).get('/login').set('Accept-Language', 'ar').expect(200);
    expect(login.text).toMatch(/<a class="language-switch" href="\?lang=en"[^>]*>English<\/a>/);
    const editor = await signIn(context, 'editor');
    const page = await editor.get('/').set('Accept-Language', 'en').expect(200);
    expect(page.text).toMatch(/<button[^>]*name="language" value="ar"[^>]*>العربية<\/button>/);
    expect(page.text).toContain('>Claims</a>');
  });

  it('saves a signed-in user’s choice on the account, above what the browser asks for', async () => {
    const editor = await signIn(context, 'editor');
    await editor.post('/account/language').set('Host', 'desk.example').set('Referer', 'http://desk.example/articles?lang=en').type('form').send({ language: 'ar' }).expect(303).expect('Location', '/articles');
    const saved = await context.db.selectFrom('app_user').select('language').where('name', '=', editor.name).executeTakeFirstOrThrow();
    expect(saved.language).toBe('ar');

    const fresh = request.agent(context.app);
    const login = await fresh.get('/login').set('Accept-Language', 'en').expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(login.text)![1];
    await fresh.post('/login').type('form').send({ name: editor.name, password: 'correct horse battery', _csrf: token }).expect(303);
    const page = await fresh.get('/').set('Accept-Language', 'en').expect(200);
    expect(htmlLanguage(page.text)).toEqual(['ar', 'rtl']);
    expect(page.text).toContain('>الادعاءات</a>');
  });

  it('puts page titles into the reader’s language, and leaves a title that is a name as it is', async () => {
    const admin = await signIn(context, 'admin');
    const arabic = await admin.get('/admin/users').set('Accept-Language', 'ar').expect(200);
    expect(/<title>([^<]*)<\/title>/.exec(arabic.text)![1]).toBe(`${translatorFor('ar').t('account.users.title')} · إسناد`);
    await context.ingest({ text: 'قال الوزير إن المحادثات ستستأنف.', language: 'ar', title: 'nav.claims', publisher: 'Sputnik' });
    const article = await context.db.selectFrom('article').select('id').where('title', '=', 'nav.claims').executeTakeFirstOrThrow();
    const page = await admin.get(`/articles/${article.id}`).set('Accept-Language', 'ar').expect(200);
    expect(/<title>([^<]*)<\/title>/.exec(page.text)![1]).toBe('nav.claims · إسناد');
  });

  it('says which filter was refused, in the reader’s language', async () => {
    const viewer = await signIn(context, 'viewer');
    const arabic = await viewer.get('/?status=bogus').set('Accept-Language', 'ar').expect(400);
    expect(arabic.text).toContain('قيمة «الحالة» في التصفية غير صالحة.');
    const english = await viewer.get('/?check=lots').set('Accept-Language', 'en').expect(400);
    expect(english.text).toContain('The filter “Check-worthiness” is not valid.');
  });

  it('names a refused query’s problem on the error page in the reader’s language', async () => {
    const viewer = await signIn(context, 'viewer');
    const arabic = await viewer.get('/activity?from=2026-12-02&to=2026-12-01').set('Accept-Language', 'ar').expect(422);
    expect(arabic.text).toContain(translatorFor('ar').t('review.error.daysReversed'));
  });

  it('leaves the interface alone when ?lang= chooses a report’s language', async () => {
    await context.ingest({ text: 'قال الوزير إن المحادثات ستستأنف الأسبوع المقبل.', language: 'ar', title: 'محادثات', publisher: 'Sputnik' });
    const article = await context.db.selectFrom('article').select('id').executeTakeFirstOrThrow();
    const editor = await signIn(context, 'editor');
    const report = await editor.get(`/articles/${article.id}/report?lang=ar`).set('Accept-Language', 'en').expect(200);
    expect(report.headers['set-cookie']).toBeUndefined();
    expect(htmlLanguage((await editor.get('/').set('Accept-Language', 'en').expect(200)).text)).toEqual(['en', 'ltr']);
  });

  it('ignores a language it does not offer', async () => {
    const editor = await signIn(context, 'editor');
    await editor.post('/account/language').type('form').send({ language: 'de' }).expect(303);
    const saved = await context.db.selectFrom('app_user').select('language').where('name', '=', editor.name).executeTakeFirstOrThrow();
    expect(saved.language).toBeNull();
  });
});
