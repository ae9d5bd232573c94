/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchChromium, signInAs, startServer, type RunningServer } from '../support/browser.ts';

let server: RunningServer;
let browser: Browser;
let vera: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  vera = await (await browser.newContext({ viewport: { width: 1100, height: 800 }, javaScriptEnabled: false })).newPage();
  await signInAs(vera, server.baseUrl, 'Vera');
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const callClaims = (token: string) => fetch(`${server.baseUrl}/api/v1/claims?limit=1`, { headers: { Authorization: `Bearer ${token}` } });

describe('API tokens on the account page, without JavaScript', () => {
  it('creates a token shown once, with an Arabic label shown right to left, and revokes it', async () => {
    await vera.goto(`${server.baseUrl}/`);
    await Promise.all([vera.waitForURL(`${server.baseUrl}/account/tokens`), vera.click('header a[href="/account/tokens"]')]);
    await vera.fill('#token-label', 'نشرة الصباح الآلية');
    await Promise.all([vera.waitForLoadState(), vera.click('form[action="/account/tokens"] button[type="submit"]')]);

    const token = (await vera.locator('code.issued-token').textContent())!.trim();
    expect(token).toMatch(/^isnad_[A-Za-z0-9_-]{43}$/);
    expect((await callClaims(token)).status).toBe(200);

    const label = vera.locator('#issued-token-heading bdi');
    expect(await label.textContent()).toBe('نشرة الصباح الآلية');
    expect(await label.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    const tokenBox = await vera.locator('code.issued-token').evaluate((element) => ({ width: element.scrollWidth, visible: element.getBoundingClientRect().right <= window.innerWidth }));
    expect(tokenBox.visible).toBe(true);
    await vera.screenshot({ path: path.join(ARTIFACTS_DIR, 'account-tokens-issued.png'), fullPage: true });

    await vera.goto(`${server.baseUrl}/account/tokens`);
    expect(await vera.locator('code.issued-token').count()).toBe(0);
    await Promise.all([vera.waitForURL(`${server.baseUrl}/account/tokens`), vera.click('form[action$="/revoke"] button')]);
    expect(await vera.locator('table.tokens').textContent()).toContain('Revoked');
    await vera.screenshot({ path: path.join(ARTIFACTS_DIR, 'account-tokens-revoked.png'), fullPage: true });
    expect((await callClaims(token)).status).toBe(401);
  });
});
