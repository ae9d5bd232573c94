/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '../../src/features/api/api-tokens.service.ts';
import { ingestArticle } from '../../src/features/articles/articles.service.ts';
import { addNote } from '../../src/features/notes/notes.service.ts';
import { changeStatusBulk } from '../../src/features/review/review.service.ts';
import { createUser } from '../../src/features/users/users.service.ts';
import { TEST_PASSWORD } from '../support/auth.ts';
import { ARTIFACTS_DIR, launchChromium, signInAs, startServer, type RunningServer } from '../support/browser.ts';
import { clippedControls, labelsBrokenAcrossLines, misdirectedPlaceholders, seriousAccessibilityProblems, sidewaysOverflow } from '../support/page-checks.ts';

/**
 * Every main page of the desk in Arabic and in English, at a desktop and a phone width: the document's
 * language and direction, no sideways scrolling, no control whose label is cut off, no serious or
 * critical axe-core violation. Screenshots go to test-artifacts/languages/ to be looked at.
 */

const LANGUAGES = { ar: 'rtl', en: 'ltr' } as const;
type Language = keyof typeof LANGUAGES;
const WIDTHS = [1280, 390] as const;
const PAGES = ['dashboard', 'claim', 'article', 'articles', 'speaker', 'outlet', 'activity', 'search', 'users', 'tokens', 'sign-in'] as const;
type PageName = (typeof PAGES)[number];
const SCREENSHOTS = path.join(ARTIFACTS_DIR, 'languages');
/** Enough to see a page's layout; encoding the whole of a long article twice per language costs seconds. */
const SCREENSHOT_MAX_HEIGHT = 2400;
/** A page is loaded, checked by axe-core and shot twice: longer than one action on a busy machine. */
const PAGE_TIMEOUT_MS = 60_000;

const ENGLISH_ARTICLE =
  'The foreign minister said on Monday that talks with Paris would resume next week. A spokesman for the ministry told Reuters that "no date has been set".';

let server: RunningServer;
let browser: Browser;
const paths = {} as Record<PageName, string>;
const signedIn = {} as Record<Language, Page>;
const signedOut = {} as Record<Language, Page>;

async function openContext(language: Language): Promise<BrowserContext> {
  // The browser asks for the language, as a reader's would; bypassCSP lets axe-core's script in.
  return browser.newContext({ locale: language, viewport: { width: WIDTHS[0], height: 900 }, bypassCSP: true });
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer();
  const { db } = server;
  const { user: ada } = await createUser(db, { name: 'Ada', role: 'admin', password: TEST_PASSWORD }, { cost: 10 });
  await ingestArticle(db, { text: ENGLISH_ARTICLE, title: 'Talks with Paris to resume', language: 'en', publisher: 'Reuters', publishedAt: '2026-11-30T09:00:00Z' }, { maxBytes: 100_000 });
  const article = await db.selectFrom('article').select('id').where('language', '=', 'ar').executeTakeFirstOrThrow();
  const claim = await db.selectFrom('claim').select(['id', 'version', 'speaker_id']).where('article_id', '=', article.id).where('speaker_id', 'is not', null).orderBy('start_offset').executeTakeFirstOrThrow();
  const hop = await db.selectFrom('attribution_hop').select('outlet_id').where('claim_id', '=', claim.id).executeTakeFirstOrThrow();
  const actor = { id: ada.id, name: ada.name };
  await changeStatusBulk(db, { selection: [{ id: claim.id, version: claim.version }], status: 'in_review', actor, note: 'نراجع المصدر الأصلي' });
  await addNote(db, { claimId: claim.id, author: ada.name, authorId: ada.id, body: 'ملاحظة: المقابلة منشورة في **L’Orient-Le Jour**' });
  await issueApiToken(db, ada.id, 'تقارير الأسبوع');
  Object.assign(paths, {
    dashboard: '/',
    claim: `/claims/${claim.id}`,
    article: `/articles/${article.id}`,
    articles: '/articles',
    speaker: `/speakers/${claim.speaker_id}`,
    outlet: `/outlets/${hop.outlet_id}`,
    activity: '/activity',
    search: `/search?q=${encodeURIComponent('موسكو')}`,
    users: '/admin/users',
    tokens: '/account/tokens',
    'sign-in': '/login',
  });
  browser = await launchChromium();
  for (const language of Object.keys(LANGUAGES) as Language[]) {
    signedIn[language] = await (await openContext(language)).newPage();
    await signInAs(signedIn[language], server.baseUrl, 'Ada');
    signedOut[language] = await (await openContext(language)).newPage();
  }
});

async function screenshot(page: Page, file: string, width: number): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.screenshot({ path: path.join(SCREENSHOTS, file), fullPage: true, clip: { x: 0, y: 0, width, height: Math.min(height, SCREENSHOT_MAX_HEIGHT) } });
}

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

// The two languages run side by side (each in its own pages, one page after another): the server renders
// one language's page while Chromium checks the other's.
describe.concurrent.each(Object.entries(LANGUAGES) as Array<[Language, string]>)('the interface in %s (%s)', (language, direction) => {
  it.sequential.for(PAGES)('the %s page: html lang and dir, placeholders in their direction, no sideways scroll, no clipped control, no broken header label at 1280 and 390 px, no serious axe violation', { timeout: PAGE_TIMEOUT_MS }, async (name, { expect }) => {
    const page = name === 'sign-in' ? signedOut[language] : signedIn[language];
    await page.setViewportSize({ width: WIDTHS[0], height: 900 });
    const response = await page.goto(server.baseUrl + paths[name]);
    expect(response?.status(), `${paths[name]} answers`).toBe(200);
    await page.evaluate(() => document.fonts.ready);

    const html = await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
    expect.soft(html, '<html lang dir>').toEqual({ lang: language, dir: direction });
    expect.soft(await misdirectedPlaceholders(page), 'placeholders drawn against their words').toEqual([]);
    expect.soft(await seriousAccessibilityProblems(page), 'serious or critical axe-core violations').toEqual([]);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `${language}-${name}-${width}.png`, width);
      expect.soft(await sidewaysOverflow(page), `sideways scroll at ${width} px`).toBe(0);
      expect.soft(await clippedControls(page), `clipped controls at ${width} px`).toEqual([]);
      expect.soft(await labelsBrokenAcrossLines(page, '.masthead a, .masthead button'), `header labels broken at ${width} px`).toEqual([]);
    }
  });
});

describe('the checks themselves', () => {
  it('report a cut-off select label or button, a label broken over two lines, a placeholder against its words, a page wider than the window and a serious axe violation, and pass a clean page', async () => {
    const page = await (await openContext('ar')).newPage();
    await page.setContent(`<!doctype html><html lang="ar" dir="rtl"><body>
      <label class="cut" for="status">الحالة</label>
      <select id="status" style="width: 5rem"><option>قيد</option><option>Unverified · لم يُتحقق منه</option></select>
      <button style="width: 2rem; white-space: nowrap; overflow: hidden">حفظ التصحيحات</button>
      <img src="/photo.png">
      <nav style="width: 4rem"><a href="/account/tokens">رموز الواجهة البرمجية</a></nav>
      <input name="q" dir="auto" placeholder='كلمات أو "عبارة"'>
      <div style="width: 2000px">wide</div>
    </body></html>`);
    expect(await clippedControls(page)).toEqual([
      expect.stringMatching(/^button: “حفظ التصحيحات” needs \d+ px, has \d+$/),
      expect.stringMatching(/^select#status: “Unverified · لم يُتحقق منه” needs \d+ px, has \d+$/),
    ]);
    expect(await labelsBrokenAcrossLines(page, 'nav a')).toEqual([expect.stringMatching(/^a: “رموز الواجهة البرمجية” on more than one line$/)]);
    expect(await misdirectedPlaceholders(page)).toEqual(['input[name=q]: “كلمات أو "عبارة"” drawn ltr']);
    expect(await sidewaysOverflow(page)).toBeGreaterThan(0);
    expect((await seriousAccessibilityProblems(page)).map((problem) => problem.rule)).toContain('image-alt');

    await page.setContent(`<!doctype html><html lang="ar" dir="rtl"><head><title>سليم</title></head><body><main>
      <label for="q">بحث</label> <select id="q"><option>لم يُتحقق منه</option></select>
      <label for="sized">الحالة</label> <select id="sized" style="field-sizing: content; max-width: 6rem"><option>قيد</option><option>Unverified · لم يُتحقق منه</option></select>
      <button>حفظ</button> <nav><a href="/account/tokens">رموز الواجهة البرمجية</a></nav>
      <input name="q" dir="rtl" placeholder='كلمات أو "عبارة"'> <input name="url" dir="ltr" placeholder="https://">
    </main></body></html>`);
    expect(await clippedControls(page)).toEqual([]);
    expect(await labelsBrokenAcrossLines(page, 'nav a')).toEqual([]);
    expect(await misdirectedPlaceholders(page)).toEqual([]);
    expect(await sidewaysOverflow(page)).toBe(0);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.context().close();
  });
});
