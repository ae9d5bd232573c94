/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchChromium, signInAs, startServer, type RunningServer } from '../support/browser.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 1000 }, locale: 'ar' });
  await signInAs(page, server.baseUrl, 'Amira');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the dashboard in Chromium', () => {
  it('changes a status in place, keeps it after a reload, and renders Arabic right to left', async () => {
    await page.goto(`${server.baseUrl}/`);
    const firstRow = page.locator('tr.claim-row').first();
    const rowId = await firstRow.getAttribute('id');
    expect(rowId).toMatch(/^claim-/);
    const row = page.locator(`#${rowId}`);
    await expect.poll(() => row.locator('.verdict-status .badge').getAttribute('data-status')).toBe('unverified');

    // A marker on window survives only if the page is not reloaded.
    await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));
    await row.locator('select[name="status"]').selectOption('misleading');
    await expect.poll(() => row.locator('.verdict-status .badge').getAttribute('data-status')).toBe('misleading');
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page');
    expect(await row.locator('.verdict-status input[name="version"]').inputValue()).toBe('2');
    await expect.poll(() => page.locator('#status-summary .status-misleading .summary-count').textContent()).toBe('1');

    await page.reload();
    await expect.poll(() => page.locator(`#${rowId} .verdict-status .badge`).getAttribute('data-status')).toBe('misleading');

    const claimText = page.locator(`#${rowId} .claim-text`);
    // A live refresh may still replace the row just after the reload, so read the style once it is settled.
    await expect.poll(() => claimText.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    expect(await claimText.getAttribute('lang')).toBe('ar');

    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'dashboard-ar.png'), fullPage: false });
  });

  it('filters with htmx, pushing the URL, and the URL works on its own', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));
    await page.locator('.filters select[name="status"]').selectOption('misleading');
    await page.waitForURL(/[?&]status=misleading/);
    await expect.poll(() => page.locator('tr.claim-row').count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page');

    await page.goto(page.url());
    expect(await page.locator('tr.claim-row').count()).toBe(1);
    expect(await page.locator('.filters select[name="status"]').inputValue()).toBe('misleading');
  });

  it("updates a row on a second reviewer's open dashboard without a reload", async () => {
    const other = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    try {
      const omar = await other.newPage();
      await signInAs(omar, server.baseUrl, 'Omar');
      await page.goto(`${server.baseUrl}/`);
      const rowId = await page.locator('tr.claim-row').nth(1).getAttribute('id');
      const before = await omar.locator(`#${rowId} .verdict-status .badge`).getAttribute('data-status');
      expect(before).not.toBe('false');
      await omar.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));
      // Give the second dashboard's event stream a moment to connect.
      await omar.waitForTimeout(300);

      const row = page.locator(`#${rowId}`);
      await row.locator('select[name="status"]').selectOption('false');
      await expect.poll(() => row.locator('.verdict-status .badge').getAttribute('data-status')).toBe('false');

      await expect.poll(() => omar.locator(`#${rowId} .verdict-status .badge`).getAttribute('data-status'), { timeout: 3000 }).toBe('false');
      expect(await omar.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page');
      await omar.screenshot({ path: path.join(ARTIFACTS_DIR, 'dashboard-live-second-reviewer.png') });
    } finally {
      await other.close();
    }
  });

  it('shows the claim highlighted in its article', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.locator('tr.claim-row a', { hasText: 'فتح الادعاء' }).first().click();
    await page.waitForURL(/\/claims\//);
    const mark = page.locator('mark#claim-span');
    expect((await mark.textContent())!.length).toBeGreaterThan(20);
    expect(await page.locator('.article-body').evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'claim-ar.png'), fullPage: true });
  });
});
