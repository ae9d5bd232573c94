/// <reference lib="dom" />
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestArticle } from '../../src/features/articles/articles.service.ts';
import { createUser } from '../../src/features/users/users.service.ts';
import { TEST_PASSWORD } from '../support/auth.ts';
import { ARTIFACTS_DIR, launchChromium, signInAs, startServer, type RunningServer } from '../support/browser.ts';

const PUBLISHER = 'سكاي نيوز عربية';
const ARTICLE_TEXT =
  'قال وزير الخارجية الإماراتي عبد الله بن زايد إن التعاون مع فرنسا سيستمر. وأضاف المتحدث باسم الحكومة أن الاتفاق "تاريخي" وفق ما نقلت وكالة رويترز.';
const NOTE = 'ملاحظة بالعربية في السطر الأول\n\n- first English item\n- second English item';
const FONT_FILE = '/static/fonts/noto-naskh-arabic/noto-naskh-arabic-arabic-400-normal.woff2';

let server: RunningServer;
let browser: Browser;
let omar: Page;
let articlePath: string;
let claimPath: string;

beforeAll(async () => {
  server = await startServer();
  const { article } = await ingestArticle(
    server.db,
    { text: ARTICLE_TEXT, title: 'عنوان تجريبي عن التعاون', language: 'ar', publisher: PUBLISHER, publishedAt: '2018-10-08T00:00:00Z' },
    { maxBytes: 100_000 },
  );
  articlePath = `/articles/${article.id}`;
  const claim = await server.db.selectFrom('claim').select('id').where('article_id', '=', article.id).orderBy('start_offset').executeTakeFirstOrThrow();
  claimPath = `/claims/${claim.id}`;
  browser = await launchChromium();
  omar = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
  await signInAs(omar, server.baseUrl, 'Omar');
  await omar.goto(server.baseUrl + claimPath);
  await omar.fill('#note-body', NOTE);
  await omar.locator('.note-form button[type="submit"]').click();
  await omar.locator('#notes .note li').first().waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Where a piece of an element's text is drawn: its left and right edges on the screen. */
function textBox(page: Page, selector: string, piece: string): Promise<{ left: number; right: number; top: number }> {
  return page.locator(selector).evaluate((element, wanted) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(wanted);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const box = range.getBoundingClientRect();
      return { left: box.left, right: box.right, top: box.top };
    }
    throw new Error(`“${wanted}” is not in the element`);
  }, piece);
}

describe('Arabic text in Chromium', () => {
  it('draws Arabic in the Arabic face the app serves itself', async () => {
    const fontAnswers: Array<{ url: string; status: number; type: string | undefined }> = [];
    omar.on('response', (response) => {
      if (response.url().includes('/static/fonts/')) fontAnswers.push({ url: new URL(response.url()).pathname, status: response.status(), type: response.headers()['content-type'] });
    });
    await omar.goto(server.baseUrl + articlePath);
    await omar.evaluate(() => document.fonts.ready);
    const faces = await omar.evaluate(() => {
      const found: Array<{ family: string; weight: string; status: string }> = [];
      document.fonts.forEach((face) => found.push({ family: face.family.replace(/"/g, ''), weight: face.weight, status: face.status }));
      return found;
    });
    expect(faces).toContainEqual({ family: 'Noto Naskh Arabic', weight: '400', status: 'loaded' });
    expect(fontAnswers).toContainEqual({ url: FONT_FILE, status: 200, type: 'font/woff2' });
    const titleFont = await omar.locator('#article-header h1').evaluate((element) => getComputedStyle(element).fontFamily);
    expect(titleFont.startsWith('"Noto Naskh Arabic"')).toBe(true);
    expect(await omar.evaluate(() => document.fonts.check('16px "Noto Naskh Arabic"', 'إسناد'))).toBe(true);
  });

  it('reads the article’s details line in order: publisher, then its date', async () => {
    await omar.goto(server.baseUrl + articlePath);
    const line = '#article-header .article-meta';
    expect(await omar.locator(`${line} bdi.article-publisher`).textContent()).toBe(PUBLISHER);
    const published = omar.locator(`${line} time.article-published`);
    expect(await published.getAttribute('datetime')).toBe('2018-10-08T00:00:00.000Z');
    expect(await published.getAttribute('dir')).toBe('ltr');
    expect(await published.textContent()).toBe('Oct 8, 2018, 12:00 AM UTC');

    // Left to right on the screen: the label, the outlet, the date, and the date's own parts in order.
    const label = await textBox(omar, line, 'published by');
    const outlet = await textBox(omar, line, PUBLISHER);
    const day = await textBox(omar, line, 'Oct 8, 2018');
    const hour = await textBox(omar, line, '12:00 AM');
    const utc = await textBox(omar, line, 'UTC');
    expect(new Set([label.top, outlet.top, day.top, hour.top, utc.top]).size).toBe(1);
    expect(label.right).toBeLessThan(outlet.left);
    expect(outlet.right).toBeLessThan(day.left);
    expect(day.right).toBeLessThan(hour.left);
    expect(hour.right).toBeLessThan(utc.left);
    await omar.locator('#article-header').screenshot({ path: path.join(ARTIFACTS_DIR, 'bidi-article-details.png') });
  });

  it('reads the article’s details line in order in Arabic too: right to left, label, publisher, then the date', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'ar', extraHTTPHeaders: { 'Accept-Language': 'ar' } })).newPage();
    await signInAs(page, server.baseUrl, 'Omar');
    await page.goto(server.baseUrl + articlePath);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    const line = '#article-header .article-meta';
    const label = await textBox(page, line, 'نشرته');
    const outlet = await textBox(page, line, PUBLISHER);
    const date = await page.locator(`${line} time.article-published`).boundingBox();
    expect(await page.locator(`${line} time.article-published`).getAttribute('dir')).toBe('rtl');
    expect(label.top).toBe(outlet.top);
    expect(outlet.right).toBeLessThan(label.left);
    expect(date!.x + date!.width).toBeLessThan(outlet.left);
    await page.locator('#article-header').screenshot({ path: path.join(ARTIFACTS_DIR, 'bidi-article-details-ar.png') });
    await page.context().close();
  });

  it('keeps an English list left to right in a note whose first line is Arabic', async () => {
    await omar.goto(server.baseUrl + claimPath);
    const note = omar.locator('#notes .note').first();
    const first = note.locator('.note-body p').first();
    expect(await first.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    const body = await note.locator('.note-body').boundingBox();
    const items = note.locator('.note-body li');
    expect(await items.count()).toBe(2);
    for (const item of await items.all()) {
      expect(await item.evaluate((element) => getComputedStyle(element).direction)).toBe('ltr');
      expect(await item.evaluate((element) => getComputedStyle(element).textAlign)).toBe('start');
      // Its text starts at the left, past the list's indent, and is drawn well short of the right edge.
      const text = await item.evaluate((element) => {
        const range = document.createRange();
        range.selectNodeContents(element);
        const box = range.getBoundingClientRect();
        return { left: box.left, right: box.right };
      });
      expect(text.left - body!.x).toBeLessThan(60);
      expect(body!.x + body!.width - text.right).toBeGreaterThan(body!.width / 2);
    }
    await note.screenshot({ path: path.join(ARTIFACTS_DIR, 'bidi-note-arabic-then-english-list.png') });
  });
});

describe('pages on a 390 px wide screen', () => {
  let narrow: Page;
  const paths: Record<string, string> = {};

  beforeAll(async () => {
    await createUser(server.db, { name: 'Ada', role: 'admin', password: TEST_PASSWORD }, { cost: 10 });
    narrow = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await signInAs(narrow, server.baseUrl, 'Ada');
    await narrow.goto(server.baseUrl + claimPath);
    paths.speaker = (await narrow.locator('a[href^="/speakers/"]').first().getAttribute('href'))!;
    paths.outlet = (await narrow.locator('a[href^="/outlets/"]').first().getAttribute('href'))!;
    const seed = await server.db.selectFrom('article').select('id').where('id', '!=', articlePath.split('/').pop()!).executeTakeFirstOrThrow();
    const seedClaim = await server.db.selectFrom('claim').select('id').where('article_id', '=', seed.id).executeTakeFirstOrThrow();
    Object.assign(paths, {
      dashboard: '/',
      claim: claimPath,
      article: articlePath,
      'sample-article': `/articles/${seed.id}`,
      'sample-claim': `/claims/${seedClaim.id}`,
      articles: '/articles',
      queue: '/queue',
      activity: '/activity',
      'new-article': '/articles/new',
      'edit-article': `${articlePath}/edit`,
      users: '/admin/users',
      tokens: '/account/tokens',
      'article-report': `${articlePath}/report?lang=ar`,
      'claim-report': `${claimPath}/report?lang=en`,
    });
  });

  it.each([
    'dashboard', 'claim', 'article', 'sample-article', 'sample-claim', 'speaker', 'outlet', 'articles', 'queue', 'activity',
    'new-article', 'edit-article', 'users', 'tokens', 'article-report', 'claim-report',
  ])('the %s page does not scroll sideways (tables scroll in their own box)', async (name) => {
    await narrow.goto(server.baseUrl + paths[name]);
    await narrow.evaluate(() => document.fonts.ready);
    await narrow.screenshot({ path: path.join(ARTIFACTS_DIR, `bidi-390-${name}.png`), fullPage: true });
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
