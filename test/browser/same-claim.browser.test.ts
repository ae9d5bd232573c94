/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestArticle } from '../../src/features/articles/articles.service.ts';
import { changeClaimStatus } from '../../src/features/claims/claims.service.ts';
import { ARTIFACTS_DIR, launchChromium, signInAs, startServer, type RunningServer } from '../support/browser.ts';
import { clippedControls, seriousAccessibilityProblems, sidewaysOverflow } from '../support/page-checks.ts';
import { SAME_CLAIM_ARTICLES, SAME_CLAIM_ARTICLES_AR, ingestSameClaimArticles } from '../support/same-claim-articles.ts';

/**
 * The claim page's "The same claim elsewhere" section in Chromium, in English and in Arabic, on a wide
 * screen and a phone: a suggested match confirmed and a verdict applied from another appearance through
 * htmx (the section and the verification panel swap in place). Screenshots go to test-artifacts/clusters/.
 */

const SCREENSHOTS = path.join(ARTIFACTS_DIR, 'clusters');
const WIDTHS = [1280, 390] as const;

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let omar: Page;
let en: Record<'minister' | 'republished' | 'economist' | 'paraphrase', string>;
let ar: Record<'minister' | 'republished' | 'economist', string>;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer();
  const ingest = (input: Parameters<typeof ingestArticle>[1]) => ingestArticle(server.db, input, { maxBytes: 100_000 });
  en = await ingestSameClaimArticles(server.db, ingest, SAME_CLAIM_ARTICLES, ['minister', 'republished', 'economist', 'paraphrase']);
  ar = await ingestSameClaimArticles(server.db, ingest, SAME_CLAIM_ARTICLES_AR, ['minister', 'republished', 'economist'], 'ar');
  // A final verdict on one appearance of each, to be applied to another.
  await changeClaimStatus(server.db, { claimId: en.republished, status: 'false', expectedVersion: 1, actor: 'Amira' });
  await changeClaimStatus(server.db, { claimId: ar.republished, status: 'misleading', expectedVersion: 1, actor: 'Amira' });
  browser = await launchChromium();
  // bypassCSP lets axe-core's script in.
  context = await browser.newContext({ viewport: { width: WIDTHS[0], height: 1000 }, bypassCSP: true });
  omar = await context.newPage();
  await signInAs(omar, server.baseUrl, 'Omar');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const section = () => omar.locator('#same-claim');

/** Screenshots of the section at each width, with the checks a page must pass there. */
async function shoot(name: string): Promise<void> {
  // axe-core's serious and critical findings on this section's own markup (other sections have tests of their own).
  const ours = /same-claim|appearance|suggestion|reuse-form|finding|similarity/;
  expect((await seriousAccessibilityProblems(omar)).filter((problem) => problem.where.some((where) => ours.test(where))), name).toEqual([]);
  for (const width of WIDTHS) {
    await omar.setViewportSize({ width, height: 1000 });
    expect(await sidewaysOverflow(omar), `${name} at ${width}px`).toBe(0);
    expect((await clippedControls(omar)).filter((problem) => /same-claim|Apply|Confirm|Reject|طبّق|تأكيد|رفض/.test(problem)), `${name} at ${width}px`).toEqual([]);
    await section().screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`) });
  }
  await omar.setViewportSize({ width: WIDTHS[0], height: 1000 });
}

describe('the same claim elsewhere in Chromium', () => {
  it('in English: lists the appearances earliest first, confirms a suggestion and applies a verdict in place', async () => {
    await omar.goto(`${server.baseUrl}/claims/${en.minister}?lang=en`);
    expect(await section().locator('li.appearance').evaluateAll((items) => items.map((item) => item.getAttribute('data-claim')))).toEqual([en.economist, en.minister, en.republished]);
    expect(await section().locator(`li[data-claim="${en.economist}"] .finding`).textContent()).toBe('also attributed to Karim Nasser');
    // Before any decision: the suggestion with its buttons, and the verdict to apply.
    await shoot('same-claim-en-suggested');

    // Confirming the suggested paraphrase swaps the section: the paraphrase joins the list.
    await section().locator(`li.suggestion[data-claim="${en.paraphrase}"] button[value="confirm"]`).click();
    await expect.poll(() => section().locator(`li.appearance[data-claim="${en.paraphrase}"]`).count()).toBe(1);
    expect(await section().locator('.form-notice').textContent()).toContain('Confirmed');
    // The verification panel came with it: its history has the decision.
    expect(await omar.locator('#verification .history').textContent()).toContain('confirmed that the same claim in another article is the same claim');

    // Applying the republished copy's verdict sets this claim's status, shown in its verification panel.
    const apply = section().locator(`li[data-claim="${en.republished}"] .reuse-form button`);
    expect(await apply.textContent()).toContain('Apply this verdict');
    await apply.click();
    await expect.poll(() => omar.locator('#verification .verdict-status .badge').getAttribute('data-status')).toBe('false');
    expect(await section().locator(`li[data-claim="${en.republished}"] .reuse-form`).count()).toBe(0);
    expect(await omar.locator('#verification .history').textContent()).toContain('applied the verdict');
    await shoot('same-claim-en');

    // The dashboard's filter: the economist's copy is already checked elsewhere, and now the republished one
    // too (this claim has a verdict), and the Arabic minister's; the Arabic republished copy holds its cluster's only verdict.
    await omar.goto(`${server.baseUrl}/?cluster=checked&lang=en`);
    const rows = await omar.locator('tr.claim-row').evaluateAll((items) => items.map((item) => item.id.replace('claim-', '')));
    expect(rows).toEqual(expect.arrayContaining([en.economist, en.republished, ar.minister]));
    expect(rows).not.toContain(ar.republished);
    expect(await omar.locator('select[name="cluster"]').inputValue()).toBe('checked');
    await omar.locator('select[name="cluster"]').selectOption('new');
    await expect.poll(() => new URL(omar.url()).searchParams.get('cluster')).toBe('new');
    await expect.poll(() => omar.locator(`#claim-${en.economist}`).count()).toBe(0);
  }, 60_000);

  it('in Arabic: right to left, the finding and the buttons in Arabic, on a phone too', async () => {
    await omar.goto(`${server.baseUrl}/claims/${ar.minister}?lang=ar`);
    expect(await omar.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await section().locator('h2').textContent()).toBe('الادعاء نفسه في مواضع أخرى');
    // The economist's copy is attributed to someone else. Whether the index joined it or only suggested it
    // depends on its thresholds (src/features/clusters/cluster-thresholds.ts): a suggestion is confirmed here.
    const suggested = section().locator(`li.suggestion[data-claim="${ar.economist}"]`);
    if ((await suggested.count()) > 0) {
      expect(await suggested.locator('.finding').textContent()).toBe('منسوب أيضًا إلى كريم ناصر');
      await suggested.locator('button[value="confirm"]').click();
    }
    await expect.poll(() => section().locator(`li.appearance[data-claim="${ar.economist}"] .finding`).textContent()).toBe('منسوب أيضًا إلى كريم ناصر');
    expect(await section().locator('li.appearance').evaluateAll((items) => items.map((item) => item.getAttribute('data-claim')))).toEqual([ar.economist, ar.minister, ar.republished]);
    expect(await section().locator(`li[data-claim="${ar.republished}"] .reuse-form button`).textContent()).toContain('طبّق هذا الحكم');
    expect(await section().evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    await shoot('same-claim-ar');
    // The whole page on a phone, to see the section among the others.
    await omar.setViewportSize({ width: 390, height: 1000 });
    await omar.screenshot({ path: path.join(SCREENSHOTS, 'claim-page-ar-390.png'), fullPage: true });
    await omar.setViewportSize({ width: WIDTHS[0], height: 1000 });
  }, 60_000);
});
