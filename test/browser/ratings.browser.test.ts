/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/features/users/users.service.ts';
import { changeClaimStatus } from '../../src/features/claims/claims.service.ts';
import { TEST_PASSWORD } from '../support/auth.ts';
import { ARTIFACTS_DIR, launchChromium, signInAs, startServer, type RunningServer } from '../support/browser.ts';
import { clippedControls, seriousAccessibilityProblems, sidewaysOverflow } from '../support/page-checks.ts';

const DIR = path.join(ARTIFACTS_DIR, 'ratings');

let server: RunningServer;
let browser: Browser;
let nadia: Page;

beforeAll(async () => {
  server = await startServer();
  await createUser(server.db, { name: 'Nadia', role: 'admin', password: TEST_PASSWORD }, { cost: 10 });
  browser = await launchChromium();
  // axe-core is injected into the page, which the CSP would refuse.
  nadia = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true })).newPage();
  await signInAs(nadia, server.baseUrl, 'Nadia');
  mkdirSync(DIR, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The computed colours of a badge: its text against its own background. */
function badgeContrast(page: Page, selector: string): Promise<number> {
  return page.locator(selector).first().evaluate((element) => {
    const rgb = (value: string) => (value.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
    const luminance = (value: string) => {
      const [r, g, b] = rgb(value).map((c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const style = getComputedStyle(element);
    const [light, dark] = [luminance(style.color), luminance(style.backgroundColor)].sort((a, b) => b - a);
    return (light! + 0.05) / (dark! + 0.05);
  });
}

describe('the rating scale admin page in a browser', () => {
  for (const language of ['ar', 'en'] as const) {
    for (const width of [1280, 390]) {
      it(`reads in ${language} at ${width} px: direction, nothing clipped, no serious accessibility problem`, async () => {
        await nadia.setViewportSize({ width, height: 900 });
        await nadia.goto(`${server.baseUrl}/admin/ratings?lang=${language}`);
        expect(await nadia.getAttribute('html', 'dir')).toBe(language === 'ar' ? 'rtl' : 'ltr');
        expect(await nadia.locator('table.rating-scale tbody tr').count()).toBe(8);
        expect(await sidewaysOverflow(nadia)).toBe(0);
        expect(await clippedControls(nadia)).toEqual([]);
        expect(await seriousAccessibilityProblems(nadia)).toEqual([]);
        // The badges take their colours from the scale's stylesheet.
        expect(await nadia.locator('.badge.status-false').first().evaluate((element) => getComputedStyle(element).color)).not.toBe(
          await nadia.locator('.badge.status-accurate').first().evaluate((element) => getComputedStyle(element).color),
        );
        await nadia.screenshot({ path: path.join(DIR, `admin-ratings-${language}-${width}.png`), fullPage: true });
      });
    }
  }

  it('recolours a label with a pale colour and still reads; the edit form shows the swatch, in Arabic', async () => {
    await nadia.setViewportSize({ width: 1280, height: 900 });
    const claim = await server.db.selectFrom('claim').select(['id', 'version']).orderBy('start_offset').executeTakeFirstOrThrow();
    await changeClaimStatus(server.db, { claimId: claim.id, status: 'misleading', expectedVersion: claim.version, actor: 'Nadia' });
    await nadia.goto(`${server.baseUrl}/admin/ratings/misleading?lang=ar`);
    await nadia.fill('#label-name-ar', 'ينقصه السياق');
    await nadia.fill('#label-name-en', 'Missing context');
    await nadia.locator('#label-colour').evaluate((input: HTMLInputElement) => {
      input.value = '#ffd43b';
    });
    await Promise.all([nadia.waitForURL(/\/admin\/ratings\/misleading/), nadia.click('form.stacked-form button[type="submit"]')]);
    expect(await nadia.locator('.flash-info').textContent()).toContain('ينقصه السياق');
    expect(await badgeContrast(nadia, '.badge.status-misleading')).toBeGreaterThanOrEqual(4.5);
    await nadia.screenshot({ path: path.join(DIR, 'admin-ratings-ar-renamed.png'), fullPage: true });

    // The claim shows the new name and colour; its history, the name the change was made with.
    await nadia.goto(`${server.baseUrl}/claims/${claim.id}?lang=ar`);
    expect(await nadia.locator('.verdict-status form[action$="/status"] select[name="status"] option:checked').textContent()).toBe('ينقصه السياق');
    expect(await nadia.locator('.history .badge.status-misleading').first().textContent()).toBe('مضلل');
    expect(await badgeContrast(nadia, '.history .badge.status-misleading')).toBeGreaterThanOrEqual(4.5);
    await nadia.locator('.history').first().scrollIntoViewIfNeeded();
    await nadia.screenshot({ path: path.join(DIR, 'claim-ar-renamed-label.png'), fullPage: true });
    await nadia.locator('.history').first().screenshot({ path: path.join(DIR, 'claim-ar-history-old-label.png') });

    await nadia.goto(`${server.baseUrl}/admin/ratings/misleading?lang=en`);
    expect(await clippedControls(nadia)).toEqual([]);
    await nadia.screenshot({ path: path.join(DIR, 'admin-rating-edit-en.png'), fullPage: true });

    // A refused form keeps what was typed.
    await nadia.goto(`${server.baseUrl}/admin/ratings?lang=ar`);
    await nadia.fill('#new-label-code', 'Satire!');
    await nadia.fill('#new-label-name-ar', 'سخرية');
    await nadia.fill('#new-label-name-en', 'Satire');
    await Promise.all([nadia.waitForLoadState(), nadia.click('form[action="/admin/ratings"] button[type="submit"]')]);
    expect(await nadia.inputValue('#new-label-code')).toBe('Satire!');
    expect(await nadia.locator('#new-label-code-error').isVisible()).toBe(true);
    await nadia.screenshot({ path: path.join(DIR, 'admin-ratings-ar-refused.png'), fullPage: true });
  });
});
