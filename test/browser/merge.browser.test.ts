/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findClaimById } from '../../src/features/claims/claims.repository.ts';
import { findOrCreateOutlet } from '../../src/features/outlets/outlets.service.ts';
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

describe('editing a speaker in Chromium', () => {
  it('refuses an empty name in place with htmx, keeping what was typed, then saves', async () => {
    await page.goto(`${server.baseUrl}/speakers/${target}`);
    await page.locator('#speaker-edit summary').click();
    await page.locator('#speaker-role').fill('وزير الخارجية الروسي');
    await page.locator('#speaker-name').fill(' ');
    // The browser's own check would stop an empty field: this is what a bypassed check sends.
    await page.locator('#speaker-name').evaluate((input) => input.removeAttribute('required'));
    await page.locator('#speaker-edit button[type="submit"]').click();
    await page.locator('#speaker-edit .form-error').first().waitFor();
    expect(page.url()).toBe(`${server.baseUrl}/speakers/${target}`);
    expect(await page.locator('#speaker-role').inputValue()).toBe('وزير الخارجية الروسي');
    expect(await page.locator('#speaker-edit').textContent()).toContain('Enter the speaker’s name.');
    await page.locator('#speaker-profile').screenshot({ path: path.join(ARTIFACTS_DIR, 'speaker-edit-refused-ar.png') });

    await page.locator('#speaker-name').fill('سيرغي لافروف');
    await page.locator('#speaker-latin').fill('Sergei Lavrov');
    await page.locator('#speaker-edit button[type="submit"]').click();
    await page.locator('#speaker-edit .form-notice').waitFor();
    expect(await page.locator('#speaker-profile > p.muted').textContent()).toContain('Sergei Lavrov');
    expect(await page.locator('#speaker-profile > p.muted').textContent()).toContain('وزير الخارجية الروسي');
  });

  it('works without JavaScript: plain forms, redirects and a confirmation page', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const plain = await context.newPage();
    try {
      await signInAs(plain, server.baseUrl, 'Amira');
      const article = await insertTestArticle(server.db, { title: 'بيان', language: 'ar' });
      const claim = await insertTestClaim(server.db, { article, start: 0, speaker: 'الناطق باسم الخارجية' });
      const spokesman = (await findClaimById(server.db, claim))!.speaker_id!;
      await plain.goto(`${server.baseUrl}/speakers/${spokesman}`);
      await plain.locator('#speaker-edit summary').click();
      await plain.locator('#speaker-kind').selectOption('unnamed');
      await Promise.all([plain.waitForURL(`${server.baseUrl}/speakers/${spokesman}`), plain.locator('#speaker-edit button[type="submit"]').click()]);
      expect(await plain.locator('#speaker-profile > p.muted').textContent()).toContain('Unnamed source');

      await plain.locator('#merge-into').fill('سيرغي لافروف');
      await plain.locator('#speaker-merge button[type="submit"]').click();
      await plain.locator('#merge-confirmation').waitFor();
      await Promise.all([plain.waitForURL(`${server.baseUrl}/speakers/${target}`), plain.locator('#speaker-merge button[type="submit"]').click()]);
      await plain.locator(`#claim-${claim}`).waitFor();
    } finally {
      await context.close();
    }
  });
});

describe('merging two outlets in Chromium', () => {
  it('merges an Arabic name of an outlet into its Latin one, keeping one hop per role', async () => {
    const article = await insertTestArticle(server.db, { title: 'نقل عن رويترز', language: 'ar' });
    const claim = await insertTestClaim(server.db, {
      article,
      start: 0,
      speaker: 'سيرغي لافروف',
      outlets: [{ name: 'Reuters', role: 'original' }, { name: 'رويترز', role: 'original' }, { name: 'رويترز', role: 'republished' }],
    });
    const arabicName = (await findOrCreateOutlet(server.db, { name: 'رويترز', kind: 'agency' })).id;
    const reuters = (await findOrCreateOutlet(server.db, { name: 'Reuters', kind: 'agency' })).id;
    await page.goto(`${server.baseUrl}/outlets/${arabicName}`);
    await typeAhead('#merge-into', '#merge-into-suggestions', 'Reu', 'Reuters');
    await page.locator('#merge-into').fill('Reuters');
    await page.locator('#outlet-merge button[type="submit"]').click();
    await page.locator('#merge-confirmation').waitFor();
    await Promise.all([page.waitForURL(`${server.baseUrl}/outlets/${reuters}`), page.locator('#outlet-merge button[type="submit"]').click()]);
    const chips = page.locator(`#claim-${claim} .chip`);
    await chips.first().waitFor();
    expect((await chips.allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim())).toEqual([
      expect.stringContaining('Reuters'),
      expect.stringContaining('Reuters'),
    ]);
    expect(await page.locator('#outlet-profile .chip').allTextContents()).toContain('رويترز');
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'outlet-after-merge.png'), fullPage: true });
  });
});

