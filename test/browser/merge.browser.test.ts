/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findClaimById } from '../../src/features/claims/claims.repository.ts';
import { ARTIFACTS_DIR, launchChromium, signInAs, startServer, type RunningServer } from '../support/browser.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
let target: string;
let junk: string;
let junkClaim: string;

beforeAll(async () => {
  server = await startServer();
  const article = await insertTestArticle(server.db, { title: 'لافروف في باريس', language: 'ar', body: 'قال وزير الخارجية الروسي سيرغي لافروف إن المحادثات كانت بناءة.'.repeat(40) });
  const first = await insertTestClaim(server.db, { article, start: 0, speaker: 'سيرغي لافروف', text: 'المحادثات كانت بناءة' });
  await insertTestClaim(server.db, { article, start: 100, speaker: 'سيرغي لافروف', text: 'الحوار سيستمر في الربيع' });
  junkClaim = await insertTestClaim(server.db, { article, start: 200, speaker: 'لافروف', text: 'لا حل من دون موسكو' });
  target = (await findClaimById(server.db, first))!.speaker_id!;
  junk = (await findClaimById(server.db, junkClaim))!.speaker_id!;
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
  await signInAs(page, server.baseUrl, 'Amira');
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Types into a type-ahead field and waits for its datalist to offer a name. */
async function typeAhead(input: string, datalist: string, typed: string, expected: string): Promise<void> {
  await page.locator(input).fill('');
  await page.locator(input).pressSequentially(typed, { delay: 30 });
  await page.locator(`${datalist} option[value="${expected}"]`).waitFor({ state: 'attached', timeout: 5000 });
}

describe('merging two speakers in Chromium', () => {
  it('picks the target from the type-ahead, confirms, shows the claims under the target, and the old page redirects', async () => {
    await page.goto(`${server.baseUrl}/speakers/${junk}`);
    expect(await page.locator('h1 bdi').evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');

    await typeAhead('#merge-into', '#merge-into-suggestions', 'سيرغي', 'سيرغي لافروف');
    const offered = await page.locator('#merge-into-suggestions option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toEqual(['سيرغي لافروف']);
    // Picking a suggestion puts its value in the field, as the browser's own list does.
    await page.locator('#merge-into').fill(offered[0]!);
    await page.locator('#speaker-merge button[type="submit"]').click();
    await page.locator('#merge-confirmation').waitFor();
    expect(page.url()).toBe(`${server.baseUrl}/speakers/${junk}`);
    expect(await page.locator('#merge-confirmation').textContent()).toContain('سيرغي لافروف');
    await page.locator('#speaker-merge').screenshot({ path: path.join(ARTIFACTS_DIR, 'speaker-merge-confirmation-ar.png') });

    await Promise.all([page.waitForURL(`${server.baseUrl}/speakers/${target}`), page.locator('#speaker-merge button[type="submit"]').click()]);
    await page.locator(`#claim-${junkClaim}`).waitFor();
    expect(await page.locator('h1').textContent()).toBe('سيرغي لافروف');
    // Right to left: the first word of the name is drawn to the right of the second.
    const [first, second] = await page.locator('h1 bdi').evaluate((element) => {
      const text = element.firstChild!;
      const box = (start: number, end: number) => {
        const range = document.createRange();
        range.setStart(text, start);
        range.setEnd(text, end);
        return range.getBoundingClientRect().left;
      };
      return [box(0, 5), box(6, 12)];
    });
    expect(first).toBeGreaterThan(second!);
    expect(await page.locator('#speaker-profile .chip').allTextContents()).toContain('لافروف');
    expect(await page.locator('.claims tbody tr').count()).toBe(3);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'speaker-after-merge-ar.png'), fullPage: true });

    await page.goto(`${server.baseUrl}/speakers/${junk}`);
    expect(page.url()).toBe(`${server.baseUrl}/speakers/${target}`);
  });

  it('filters the dashboard by a speaker picked from the type-ahead', async () => {
    await page.goto(`${server.baseUrl}/`);
    await typeAhead('input[name="speaker"]', '#speaker-suggestions', 'لافر', 'سيرغي لافروف');
    // The merged name is an alias now: typing it suggests the speaker it became, and only that one.
    expect(await page.locator('#speaker-suggestions option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(['سيرغي لافروف']);
    await page.locator('input[name="speaker"]').fill('سيرغي لافروف');
    await page.locator('input[name="speaker"]').press('Enter');
    await page.waitForURL(/speaker=/);
    await page.locator(`#claim-${junkClaim}`).waitFor();
    expect(await page.locator('.claims tbody tr').count()).toBe(3);
    await page.locator('form.filters').screenshot({ path: path.join(ARTIFACTS_DIR, 'dashboard-speaker-filter-ar.png') });
  });
});
