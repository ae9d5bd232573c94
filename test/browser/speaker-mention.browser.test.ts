/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestArticle } from '../../src/features/articles/articles.service.ts';
import { ARTIFACTS_DIR, launchChromium, signInAs, startServer, type RunningServer } from '../support/browser.ts';

// Written for this test: an economist introduced by name, then quoted by role only.
const ARTICLE =
  'قال الباحث المغربي كريم بنسعيد، أستاذ الاقتصاد في جامعة الرباط، لصحيفة "Le Monde" إن أسعار القمح سترتفع خلال الشتاء المقبل.\n' +
  'واعتبر الباحث المغربي أن الحل يكمن في تنويع مصادر الاستيراد قبل نهاية العام، وفي بناء مخزون يكفي ستة أشهر على الأقل.\n';

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
  await signInAs(page, server.baseUrl, 'Vera');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The box of an element, for containment checks. */
function boxOf(selector: string) {
  return page.locator(selector).evaluate((element) => {
    const { left, right, top, bottom } = element.getBoundingClientRect();
    return { left, right, top, bottom };
  });
}

describe('the speaker mention on an Arabic claim page in Chromium', () => {
  it('is marked inside the highlighted claim, right to left, and named in the attribution panel', async () => {
    const { article } = await ingestArticle(server.db, { text: ARTICLE, language: 'ar', title: 'القمح والشتاء' }, { maxBytes: 1_000_000 });
    const claim = await server.db
      .selectFrom('claim')
      .select('id')
      .where('article_id', '=', article.id)
      .where('speaker_mention_text', '=', 'الباحث المغربي')
      .executeTakeFirstOrThrow();
    await page.goto(`${server.baseUrl}/claims/${claim.id}`);

    const mention = page.locator('.article-body #claim-span #speaker-mention');
    expect(await mention.textContent()).toBe('الباحث المغربي');
    expect(await page.locator('.article-body').evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    expect(await mention.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    // Its own colour, distinct from the claim's, and a label for screen readers that takes no room.
    const [mentionColour, claimColour] = await Promise.all([
      mention.evaluate((element) => getComputedStyle(element).backgroundColor),
      page.locator('#claim-span').evaluate((element) => getComputedStyle(element).backgroundColor),
    ]);
    expect(mentionColour).not.toBe(claimColour);
    // The label is the mark's title, which the page writes in the reader's language.
    const title = await mention.getAttribute('title');
    expect(title).toMatch(/^Speaker mention/);
    expect(await mention.evaluate((element) => getComputedStyle(element, '::before').content)).toBe(`"${title}: "`);
    expect(await mention.evaluate((element) => getComputedStyle(element, '::before').position)).toBe('absolute');

    // Right to left: the mention follows the cue word, so it sits to the left of where the claim starts.
    const [mentionBox, claimBox, bodyBox] = await Promise.all([boxOf('#speaker-mention'), boxOf('#claim-span'), boxOf('.article-body')]);
    expect(mentionBox.right).toBeLessThan(claimBox.right);
    for (const box of [mentionBox, claimBox]) {
      expect(box.left).toBeGreaterThanOrEqual(bodyBox.left);
      expect(box.right).toBeLessThanOrEqual(bodyBox.right);
    }

    const note = page.locator('#speaker-mention-note');
    expect(await note.innerText()).toBe('resolved from «الباحث المغربي» → كريم بنسعيد');
    await note.locator('a').click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#speaker-mention');

    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.locator('.claim-main').screenshot({ path: path.join(ARTIFACTS_DIR, 'claim-speaker-mention-ar.png') });
  });
});
