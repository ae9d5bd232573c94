/// <reference lib="dom" />
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchChromium, signInAs, startServer, type RunningServer } from '../support/browser.ts';
import { claimReviewProblems } from '../support/claim-review.ts';

const PRIVATE_NOTE = 'ملاحظة خاصة: المصدر قريب من الوزارة';
const PUBLIC_NOTE = 'نشرت **وكالة سبوتنيك** البيان كاملا، ولم تنشره هيئة الأركان على موقعها.';

let server: RunningServer;
let browser: Browser;
let amira: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  amira = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
  await signInAs(amira, server.baseUrl, 'Amira');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a shared claim report in Chromium', () => {
  it('opens from its link in a fresh context with no session, right to left, with its ClaimReview and no private note', async () => {
    // An editor reviews the first claim of the seeded Arabic article: a verdict, a public and a private note.
    await amira.goto(`${server.baseUrl}/`);
    const claimId = (await amira.locator('tr.claim-row').first().getAttribute('id'))!.slice('claim-'.length);
    await amira.goto(`${server.baseUrl}/claims/${claimId}`);
    await amira.locator('#verification .verdict-status select').selectOption('misleading');
    await amira.locator('#verification .verdict-status button[type="submit"]').click();
    await expect.poll(() => amira.locator('#verification .verdict-status .badge').getAttribute('data-status')).toBe('misleading');
    for (const [body, isPrivate] of [[PUBLIC_NOTE, false], [PRIVATE_NOTE, true]] as const) {
      await amira.fill('#note-body', body);
      if (isPrivate) await amira.check('.note-form input[name="private"]');
      await amira.locator('.note-form button[type="submit"]').click();
      await expect.poll(() => amira.locator('#notes .note').count()).toBe(isPrivate ? 2 : 1);
    }

    // The share link is created in place on the Arabic report page, and shown once.
    await amira.goto(`${server.baseUrl}/claims/${claimId}/report?lang=ar`);
    expect(await amira.locator('.report-claim .private-note .private-tag').count()).toBe(1);
    await amira.locator('.share-form select[name="language"]').selectOption('ar');
    await amira.locator('.share-form button[type="submit"]').click();
    const link = await amira.locator('#created-share-url').inputValue();
    expect(link).toMatch(new RegExp(`^${server.baseUrl}/r/[A-Za-z0-9_-]{43}$`));
    expect(await amira.locator('#shares [data-share-state="active"]').count()).toBe(1);

    const visitor = await browser.newContext({ viewport: { width: 1100, height: 1400 }, locale: 'ar' });
    try {
      const page = await visitor.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      const response = await page.goto(link);
      expect(response!.status()).toBe(200);
      expect(page.url()).toBe(link);
      expect(await visitor.cookies()).toEqual([]);

      expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
      expect(await page.locator('.report-facts').evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
      expect(await page.locator('h1.report-title').evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
      expect(await page.locator('.report-claim .badge[data-status]').textContent()).toBe('مضلل');
      const text = await page.locator('body').innerText();
      expect(text).toContain('وكالة سبوتنيك');
      expect(text).not.toContain(PRIVATE_NOTE);
      expect(text).not.toContain('Amira');
      expect(await page.locator('form, input, script[src]').count()).toBe(0);

      const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
      expect(claimReviewProblems(jsonLd)).toEqual([]);
      expect(jsonLd.reviewRating.alternateName).toBe('مضلل');
      expect(await page.locator('meta[property="og:url"]').getAttribute('content')).toBe(link);
      // The preview card its og:image names is a PNG the visitor can load too; kept for a look in test-artifacts.
      const cardUrl = (await page.locator('meta[property="og:image"]').getAttribute('content'))!;
      const card = await visitor.request.get(cardUrl);
      expect(card.status()).toBe(200);
      expect(card.headers()['content-type']).toBe('image/png');
      mkdirSync(ARTIFACTS_DIR, { recursive: true });
      writeFileSync(path.join(ARTIFACTS_DIR, 'shared-claim-card-ar.png'), await card.body());

      // Arabic is shaped: the same word takes less room joined than as isolated letters.
      const widths = await page.evaluate(() => {
        const measure = (content: string) => {
          const span = document.createElement('span');
          span.lang = 'ar';
          span.textContent = content;
          document.body.append(span);
          const width = span.getBoundingClientRect().width;
          span.remove();
          return width;
        };
        return { joined: measure('التحقق'), isolated: measure('ا ل ت ح ق ق'.replace(/ /g, '\u200c')) };
      });
      expect(widths.joined).toBeLessThan(widths.isolated);
      expect(problems).toEqual([]);

      mkdirSync(ARTIFACTS_DIR, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'shared-claim-report-ar.png'), fullPage: true });

      // Printed, the page keeps its direction and loses its colours.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.report-masthead').evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgba(0, 0, 0, 0)');
      expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe('rtl');
      await page.pdf({ path: path.join(ARTIFACTS_DIR, 'shared-claim-report-ar.pdf'), format: 'A4', printBackground: true });

      // Revoked, the same link is gone.
      await amira.locator('#shares form[action$="/revoke"] button').click();
      await expect.poll(() => amira.locator('#shares [data-share-state="revoked"]').count()).toBe(1);
      expect((await page.goto(link))!.status()).toBe(410);
    } finally {
      await visitor.close();
    }
  });
});

/** WCAG 2 contrast ratio of two rgb()/rgba() colours (the second one opaque). */
function contrastRatio(foreground: string, background: string): number {
  const luminance = (color: string) => {
    const [r, g, b] = color.match(/[\d.]+/g)!.slice(0, 3).map((channel) => {
      const value = Number(channel) / 255;
      return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a);
  return (light! + 0.05) / (dark! + 0.05);
}

describe('accessibility of the desk pages', () => {
  it('the role tag beside the signed-in name reads at 4.5:1 or more against the masthead', async () => {
    await amira.goto(`${server.baseUrl}/`);
    const colors = await amira.locator('.masthead .role-tag').evaluate((element) => {
      let backdrop: Element | null = element;
      while (backdrop && getComputedStyle(backdrop).backgroundColor === 'rgba(0, 0, 0, 0)') backdrop = backdrop.parentElement;
      return { text: getComputedStyle(element).color, background: backdrop ? getComputedStyle(backdrop).backgroundColor : 'rgb(255, 255, 255)' };
    });
    expect(colors.text).not.toMatch(/rgba\(.*, 0(\.\d+)?\)$/);
    expect(contrastRatio(colors.text, colors.background)).toBeGreaterThanOrEqual(4.5);
  });

  it('the Markdown preview’s summary holds no link or other control, and the download stays one click away once open', async () => {
    await amira.goto(`${server.baseUrl}/`);
    const claimId = (await amira.locator('tr.claim-row').first().getAttribute('id'))!.slice('claim-'.length);
    await amira.goto(`${server.baseUrl}/claims/${claimId}/report?lang=en`);
    const summary = amira.locator('details.markdown-preview > summary');
    expect(await summary.locator('a, button, input, select, textarea, [tabindex]').count()).toBe(0);
    await summary.click();
    const download = amira.locator('details.markdown-preview[open] a[download]');
    expect(await download.isVisible()).toBe(true);
    expect(await download.getAttribute('href')).toBe(`/claims/${claimId}/report.md?lang=en`);
  });
});
