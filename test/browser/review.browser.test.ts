/// <reference lib="dom" />
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchChromium, signInAs, startServer, type RunningServer } from '../support/browser.ts';

let server: RunningServer;
let browser: Browser;
let amiraContext: BrowserContext;
let omarContext: BrowserContext;
let amira: Page;
let omar: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  amiraContext = await browser.newContext({ viewport: { width: 1366, height: 1000 } });
  omarContext = await browser.newContext({ viewport: { width: 1366, height: 1000 } });
  amira = await amiraContext.newPage();
  omar = await omarContext.newPage();
  await signInAs(amira, server.baseUrl, 'Amira');
  await signInAs(omar, server.baseUrl, 'Omar');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('two reviewers in Chromium', () => {
  it('assign a claim, set both verdicts, and see each other’s changes live', async () => {
    await omar.goto(`${server.baseUrl}/`);
    await amira.goto(`${server.baseUrl}/`);
    const rowId = (await amira.locator('tr.claim-row').nth(2).getAttribute('id'))!;
    const row = amira.locator(`#${rowId}`);
    await omar.waitForTimeout(300);

    await row.locator('.assign-form select').selectOption({ label: 'Omar' });
    await row.locator('.assign-form button').click();
    await expect.poll(() => row.locator('.assigned-to').textContent()).toContain('Omar');
    const queue = await omarContext.newPage();
    await queue.goto(`${server.baseUrl}/queue`);
    expect(await queue.locator(`#${rowId}`).count()).toBe(1);
    await queue.close();

    await row.locator('.verdict-attribution select').selectOption('verbatim');
    await row.locator('.verdict-attribution button').click();
    await expect.poll(() => row.locator('.verdict-attribution .badge').getAttribute('data-attribution')).toBe('verbatim');

    await row.locator('.verdict-status select').selectOption('mostly_accurate');
    await row.locator('.verdict-status button').click();
    await expect.poll(() => row.locator('.verdict-status .badge').getAttribute('data-status')).toBe('mostly_accurate');

    const omarRow = omar.locator(`#${rowId}`);
    await expect.poll(() => omarRow.locator('.verdict-status .badge').getAttribute('data-status'), { timeout: 3000 }).toBe('mostly_accurate');
    expect(await omarRow.locator('.verdict-attribution .badge').getAttribute('data-attribution')).toBe('verbatim');
    expect(await omarRow.locator('.assigned-to').textContent()).toContain('Omar');

    // A verdict closes the claim, so it leaves the queue.
    await omar.goto(`${server.baseUrl}/queue`);
    expect(await omar.locator(`#${rowId}`).count()).toBe(0);
  });

  it('show a conflicting edit to the second reviewer and let them re-apply it in one click', async () => {
    await amira.goto(`${server.baseUrl}/`);
    const rowId = (await amira.locator('tr.claim-row').nth(3).getAttribute('id'))!;
    const claimId = rowId.replace('claim-', '');
    await omar.goto(`${server.baseUrl}/claims/${claimId}`);

    const row = amira.locator(`#${rowId}`);
    await row.locator('.verdict-status select').selectOption('false');
    await row.locator('.verdict-status button').click();
    await expect.poll(() => row.locator('.verdict-status .badge').getAttribute('data-status')).toBe('false');

    const panel = omar.locator('#verification');
    await panel.locator('.verdict-status select').selectOption('misleading');
    await panel.locator('.verdict-status button').click();
    await expect.poll(() => panel.locator('.conflict').textContent()).toContain('by Amira');
    expect(await panel.locator('.verdict-status .badge').getAttribute('data-status')).toBe('false');
    expect(await panel.locator('.verdict-status select').inputValue()).toBe('misleading');
    await omar.screenshot({ path: path.join(ARTIFACTS_DIR, 'claim-conflict.png'), fullPage: true });

    await panel.locator('.verdict-status button').click();
    await expect.poll(() => panel.locator('.verdict-status .badge').getAttribute('data-status')).toBe('misleading');
    expect(await panel.locator('.conflict').count()).toBe(0);
  });
});
