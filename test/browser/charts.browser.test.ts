/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ingestArticle } from '../../src/features/articles/articles.service.ts';
import { newId } from '../../src/ids.ts';
import { ARTIFACTS_DIR, launchChromium, signInAs, startServer, type RunningServer } from '../support/browser.ts';
import { seriousAccessibilityProblems, sidewaysOverflow } from '../support/page-checks.ts';

/**
 * The charts in a real browser, in Arabic and English, at a desktop and a phone width: drawn (an SVG with
 * role="img" beside its table), mirrored right to left in Arabic, its Arabic in the served Noto Naskh Arabic
 * face, nothing drawn outside the drawing, the page no wider than the window, and no serious axe violation.
 * Screenshots of every chart go to test-artifacts/charts/ to be looked at.
 */

const LANGUAGES = { ar: 'rtl', en: 'ltr' } as const;
type Language = keyof typeof LANGUAGES;
const WIDTHS = [1280, 390] as const;
const PAGES = ['article', 'speaker', 'outlet', 'overview'] as const;
type PageName = (typeof PAGES)[number];
const SCREENSHOTS = path.join(ARTIFACTS_DIR, 'charts');
const PAGE_TIMEOUT_MS = 60_000;

const ENGLISH_ARTICLE =
  'The foreign minister said on Monday that talks with Paris would resume next week. A spokesman for the ministry told Reuters that "no date has been set". The minister added that the embassy would reopen in March.';

let server: RunningServer;
let browser: Browser;
const paths = {} as Record<PageName, string>;
const pages = {} as Record<Language, Page>;

/** Verdicts as a reviewer leaves them: the claim's status, and the review history's line (in a month of its own). */
async function giveVerdict(claimId: string, status: string, monthsAgo: number): Promise<void> {
  const { db } = server;
  const now = new Date();
  const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, 10, 12)).toISOString();
  await db.updateTable('claim').set((eb) => ({ status, version: eb('version', '+', 1), status_changed_at: at, status_changed_by: 'Ada' })).where('id', '=', claimId).execute();
  await db.insertInto('review_event').values({ id: newId(), claim_id: claimId, actor: 'Ada', field: 'status', from_value: 'unverified', to_value: status, note: null, created_at: at, actor_id: null, hop_id: null, note_id: null }).execute();
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer();
  const { db } = server;
  await ingestArticle(db, { text: ENGLISH_ARTICLE, title: 'Talks with Paris to resume', language: 'en', publisher: 'Reuters', publishedAt: '2026-11-30T09:00:00Z' }, { maxBytes: 100_000 });
  const article = await db.selectFrom('article').select('id').where('language', '=', 'ar').executeTakeFirstOrThrow();
  const claims = await db.selectFrom('claim').select(['id', 'speaker_id']).where('speaker_id', 'is not', null).orderBy('article_id').orderBy('start_offset').execute();
  const verdicts = ['false', 'misleading', 'accurate', 'false', 'mostly_accurate', 'in_review', 'unverifiable', 'false', 'misleading', 'accurate'];
  for (const [index, claim] of claims.entries()) {
    if (index < verdicts.length) await giveVerdict(claim.id, verdicts[index]!, index % 4);
  }
  // The speaker and the outlet with the most verdicts, so that their charts have bars of several labels.
  const speaker = await db.selectFrom('claim').select(['speaker_id']).where('status', 'in', ['false', 'misleading', 'accurate']).groupBy('speaker_id').orderBy((eb) => eb.fn.countAll(), 'desc').executeTakeFirstOrThrow();
  const outlet = await db
    .selectFrom('claim_facet_count')
    .select('value')
    .where('facet', '=', 'outlet')
    .where('status', 'in', ['false', 'misleading', 'accurate'])
    .groupBy('value')
    .orderBy((eb) => eb.fn.sum('claims'), 'desc')
    .executeTakeFirstOrThrow();
  Object.assign(paths, { article: `/articles/${article.id}`, speaker: `/speakers/${speaker.speaker_id}`, outlet: `/outlets/${outlet.value}`, overview: '/overview' });
  browser = await launchChromium();
  for (const language of Object.keys(LANGUAGES) as Language[]) {
    // bypassCSP lets axe-core's script in.
    pages[language] = await (await browser.newContext({ locale: language, viewport: { width: WIDTHS[0], height: 900 }, bypassCSP: true })).newPage();
    await signInAs(pages[language], server.baseUrl, 'Amira');
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface DrawnChart {
  id: string;
  /** Texts drawn outside the drawing's own box, by more than a pixel. */
  outside: string[];
  /** The drawing's box, and its figure's. */
  width: number;
  figureWidth: number;
  /** Category labels with their horizontal centres, left to right as drawn. */
  labels: Array<{ text: string; x: number }>;
  /** The bars' extent, left and right. */
  bars: { left: number; right: number } | null;
  tableRows: number;
  named: string | null;
}

function drawnCharts(page: Page): Promise<DrawnChart[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('section.chart')].flatMap((section) => {
      const svg = section.querySelector<SVGSVGElement>('svg.chart-svg');
      if (!svg) return [];
      const box = svg.getBoundingClientRect();
      const outside = [...svg.querySelectorAll('text')]
        .filter((text) => text.getAttribute('opacity') !== '0' && text.textContent)
        .filter((text) => {
          const r = text.getBoundingClientRect();
          return r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1;
        })
        .map((text) => text.textContent!);
      const labels = [...svg.querySelectorAll('.role-axis-label text')]
        .filter((text) => !/^[\d,.]+$/.test(text.textContent ?? ''))
        .map((text) => ({ text: text.textContent ?? '', x: (text.getBoundingClientRect().left + text.getBoundingClientRect().right) / 2 }))
        .sort((a, b) => a.x - b.x);
      const barBoxes = [...svg.querySelectorAll('.role-mark path')].map((bar) => bar.getBoundingClientRect()).filter((r) => r.width > 0);
      return [
        {
          id: section.id,
          outside,
          width: box.width,
          figureWidth: section.querySelector('figure')!.getBoundingClientRect().width,
          labels,
          bars: barBoxes.length ? { left: Math.min(...barBoxes.map((r) => r.left)), right: Math.max(...barBoxes.map((r) => r.right)) } : null,
          tableRows: section.querySelectorAll('table tbody tr').length,
          named: svg.getAttribute('role') === 'img' ? svg.getAttribute('aria-label') : null,
        },
      ];
    }),
  );
}

describe.each(Object.entries(LANGUAGES) as Array<[Language, string]>)('charts in %s (%s)', (language, direction) => {
  it.for(PAGES)('the %s page: drawn beside its table, mirrored for the direction, nothing outside the drawing, no sideways scroll at 1280 and 390 px, no serious axe violation', { timeout: PAGE_TIMEOUT_MS }, async (name, { expect }) => {
    const page = pages[language];
    await page.setViewportSize({ width: WIDTHS[0], height: 900 });
    const response = await page.goto(server.baseUrl + paths[name]);
    expect(response?.status()).toBe(200);
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe(direction);

    const charts = await drawnCharts(page);
    expect(charts.length, 'charts drawn').toBeGreaterThanOrEqual(name === 'overview' ? 4 : 1);
    for (const chart of charts) {
      expect.soft(chart.named, `${chart.id} named`).toMatch(/./);
      expect.soft(chart.tableRows, `${chart.id} table`).toBeGreaterThan(0);
      expect.soft(chart.outside, `${chart.id}: texts outside the drawing`).toEqual([]);
      if (chart.bars && chart.id !== 'chart-verdicts-over-time') {
        // Bars grow away from the names: the names stand right of the bars in Arabic, left of them in English.
        const names = chart.labels.map((label) => label.x);
        if (direction === 'rtl') expect.soft(Math.min(...names), `${chart.id}: names right of the bars`).toBeGreaterThan(chart.bars.right);
        else expect.soft(Math.max(...names), `${chart.id}: names left of the bars`).toBeLessThan(chart.bars.left);
      }
    }
    if (name === 'overview') {
      // Time runs from right to left in Arabic: the table's first (earliest) month is drawn rightmost.
      const months = charts.find((chart) => chart.id === 'chart-verdicts-over-time')!;
      const earliest = await page.locator('#chart-verdicts-over-time tbody tr th').first().textContent();
      const drawnOrder = months.labels.map((label) => label.text);
      expect(drawnOrder.length).toBeGreaterThan(1);
      // The axis writes a month on two lines (month, year): its text is the table's without the space.
      const first = (earliest ?? '').replace(/\s+/g, '');
      if (direction === 'rtl') expect(drawnOrder.at(-1)).toBe(first);
      else expect(drawnOrder[0]).toBe(first);
    }
    if (language === 'ar') {
      // The Arabic of the drawings is set in the served face, as the page's is.
      const face = await page.evaluate(() => document.fonts.check('13px "Noto Naskh Arabic"', 'خاطئ') && [...document.fonts].some((font) => font.family.includes('Noto Naskh Arabic') && font.status === 'loaded'));
      expect(face, 'Noto Naskh Arabic loaded').toBe(true);
    }
    expect.soft(await seriousAccessibilityProblems(page), 'serious or critical axe-core violations').toEqual([]);

    // Printed, each chart keeps its drawing and its table, captioned.
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() =>
      [...document.querySelectorAll('section.chart')].map((section) => {
        const shown = (selector: string) => {
          const element = section.querySelector(selector);
          const box = element?.getBoundingClientRect();
          return Boolean(box && box.width > 20 && box.height > 10 && getComputedStyle(element!).visibility !== 'hidden');
        };
        return { id: section.id, drawing: shown('svg.chart-svg'), table: shown('table'), caption: shown('caption') };
      }),
    );
    await page.emulateMedia({ media: 'screen' });
    for (const chart of printed) expect.soft(chart, `${chart.id} printed`).toEqual({ id: chart.id, drawing: true, table: true, caption: true });

    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      expect.soft(await sidewaysOverflow(page), `sideways scroll at ${width} px`).toBe(0);
      // Months over time keep their size and scroll in their figure on a phone; every other drawing fits.
      for (const chart of await drawnCharts(page)) {
        if (chart.id !== 'chart-verdicts-over-time') expect.soft(chart.width, `${chart.id} fits its figure at ${width} px`).toBeLessThanOrEqual(chart.figureWidth + 1);
      }
      if (name === 'overview') await page.screenshot({ path: path.join(SCREENSHOTS, `${language}-overview-page-${width}.png`), fullPage: true });
      const sections = page.locator('section.chart');
      for (let index = 0; index < (await sections.count()); index++) {
        const section = sections.nth(index);
        await section.screenshot({ path: path.join(SCREENSHOTS, `${language}-${name}-${(await section.getAttribute('id'))!.replace(/^chart-/, '')}-${width}.png`) });
      }
    }
  });
});
