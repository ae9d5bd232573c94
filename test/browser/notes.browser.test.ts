/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, signInAs, startServer, type RunningServer } from '../support/browser.ts';

let server: RunningServer;
let browser: Browser;
let omar: Page;
let claimUrl: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  omar = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
  await signInAs(omar, server.baseUrl, 'Omar');
  await omar.goto(`${server.baseUrl}/`);
  const claimId = (await omar.locator('tr.claim-row').first().getAttribute('id'))!.slice('claim-'.length);
  claimUrl = `${server.baseUrl}/claims/${claimId}`;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the note form in Chromium', () => {
  it('shows a refused note’s reason in place and keeps what was typed', async () => {
    await omar.goto(claimUrl);
    const body = `${'> '.repeat(17)}too deep`;
    await omar.fill('#note-body', body);
    await omar.locator('.note-form button[type="submit"]').click();
    await expect.poll(() => omar.locator('#note-body-error').textContent()).toMatch(/nested 16 deep at most/);
    expect(await omar.locator('#note-body').inputValue()).toBe(body);
    expect(await omar.locator('#notes .note').count()).toBe(0);
  });

  it('keeps the notes section and the typed text when a request is refused as too large', async () => {
    await omar.goto(claimUrl);
    await omar.locator('#note-body').evaluate((textarea) => textarea.removeAttribute('maxlength'));
    const body = 'x'.repeat(70_000);
    await omar.fill('#note-body', body);
    await omar.locator('.note-form button[type="submit"]').click();
    await expect.poll(() => omar.locator('#flash').textContent()).toMatch(/too large/);
    expect(await omar.locator('#notes .note-form').count()).toBe(1);
    expect(await omar.locator('#note-body').inputValue()).toBe(body);
  });
});
