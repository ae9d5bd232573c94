/// <reference lib="dom" />
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchChromium, signInAs, startServer, type RunningServer } from '../support/browser.ts';

let server: RunningServer;
let browser: Browser;
let amira: Page;
let articleId: string;

const NEW_TITLE = 'موسكو وباريس: آفاق التعاون العسكري بعد المقابلة';

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  amira = await (await browser.newContext({ viewport: { width: 1366, height: 1000 }, deviceScaleFactor: 2 })).newPage();
  await signInAs(amira, server.baseUrl, 'Amira');
  articleId = (await server.db.selectFrom('article').select('id').executeTakeFirstOrThrow()).id;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('an editor correcting an article in Chromium', () => {
  it('edits the title in place', async () => {
    const articleUrl = `${server.baseUrl}/articles/${articleId}`;
    await amira.goto(articleUrl);
    await amira.click('#article-header a:has-text("Edit details")');
    await amira.waitForSelector('form#article-header');
    expect(amira.url()).toBe(articleUrl);
    await amira.fill('#edit-title', NEW_TITLE);
    await amira.click('form#article-header button[type="submit"]');
    await amira.waitForSelector('div#article-header .flash-info');
    expect(amira.url()).toBe(articleUrl);
    const heading = amira.locator('#article-header h1');
    expect(await heading.textContent()).toBe(NEW_TITLE);
    expect(await heading.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    await amira.screenshot({ path: path.join(ARTIFACTS_DIR, 'article-edited.png') });

    await amira.reload();
    expect(await amira.locator('#article-header h1').textContent()).toBe(NEW_TITLE);
  });

  it('re-extracts and shows the summary', async () => {
    await amira.goto(`${server.baseUrl}/articles/${articleId}`);
    const claims = await amira.locator('tr.claim-row').count();
    await amira.click('button:has-text("Re-extract claims")');
    const summary = amira.locator('#reextract-result .reextract-counts');
    await summary.waitFor();
    expect(await summary.textContent()).toBe(`0 added, 0 removed, ${claims} kept (0 reviewed), 0 updated`);
    await amira.locator('#reextract-result').screenshot({ path: path.join(ARTIFACTS_DIR, 'article-reextracted.png') });
  });

  it('edits without JavaScript through the plain form', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 1000 }, javaScriptEnabled: false })).newPage();
    await signInAs(page, server.baseUrl, 'Amira');
    await page.goto(`${server.baseUrl}/articles/${articleId}`);
    await Promise.all([page.waitForURL(`${server.baseUrl}/articles/${articleId}/edit`), page.click('#article-header a:has-text("Edit details")')]);
    await page.fill('#edit-publisher', 'سبوتنيك عربي');
    await Promise.all([page.waitForURL(/\/articles\/[^/]+\?edited=1$/), page.click('form#article-header button[type="submit"]')]);
    expect(await page.locator('#article-header').textContent()).toContain('published by سبوتنيك عربي');
    await page.close();
  });

  it('deletes the article through its confirmation', async () => {
    await amira.goto(`${server.baseUrl}/articles/${articleId}`);
    await Promise.all([amira.waitForURL(`${server.baseUrl}/articles/${articleId}/delete`), amira.click('#article-header a:has-text("Delete")')]);
    const counts = await amira.locator('.deletion-counts').textContent();
    expect(counts).toMatch(/\d+ claims with their attribution chains/);
    expect(await amira.locator('main h2').first().evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    await amira.screenshot({ path: path.join(ARTIFACTS_DIR, 'article-delete-confirmation.png') });
    await Promise.all([amira.waitForURL(/\/articles\?deleted=/), amira.click('button.danger-button')]);
    expect(await amira.locator('.flash-info').textContent()).toContain(`Amira deleted «${NEW_TITLE}»`);
    await amira.screenshot({ path: path.join(ARTIFACTS_DIR, 'article-deleted.png') });

    await amira.goto(`${server.baseUrl}/activity`);
    const lines = amira.locator('li.desk-event');
    expect(await lines.count()).toBe(4);
    expect(await lines.first().textContent()).toContain('Article deleted');
    await amira.locator('ol.activity').screenshot({ path: path.join(ARTIFACTS_DIR, 'activity-desk-events.png') });
  });
});
