/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchChromium, signInAs, startServer, type RunningServer } from '../support/browser.ts';
import { insertDriftCluster } from '../support/drift-fixture.ts';
import { clippedControls, seriousAccessibilityProblems, sidewaysOverflow } from '../support/page-checks.ts';

const SHOTS = path.join(ARTIFACTS_DIR, 'drift');
const AR_EARLIER = 'وقال الخبير إن أسعار الغاز في أوروبا قد تتضاعف مرة أخرى خلال الشتاء المقبل، لا سيما إذا توقفت الإمدادات.';
const AR_LATER = 'قال الخبير إن أسعار الغاز في أوروبا قد ترتفع بشكل كبير خلال الشتاء المقبل إذا توقفت الإمدادات.';

let server: RunningServer;
let browser: Browser;
let arabicClaim: string;
let englishClaim: string;

beforeAll(async () => {
  server = await startServer();
  arabicClaim = (await insertDriftCluster(server.db, 'ar', [
    { text: AR_EARLIER, outlet: 'سبوتنيك عربي', day: '2026-05-01', title: 'الخبير: أسعار الغاز قد تتضاعف' },
    { text: AR_LATER, outlet: 'روسيا اليوم', day: '2026-05-03', title: 'أسعار الغاز في أوروبا إلى ارتفاع' },
  ], 'سامي الخطيب')).claimIds[1]!;
  englishClaim = (await insertDriftCluster(server.db, 'en', [
    { text: 'The minister said prices could double again next winter if supplies stop.', outlet: 'Reuters', day: '2026-05-02', title: 'Gas prices could double, minister warns' },
    { text: 'The minister said prices will not double again next winter if supplies stop.', outlet: 'AFP', day: '2026-05-04', title: 'Minister: gas prices will not double' },
  ], 'Jane Holt')).claimIds[1]!;
  await insertDriftCluster(server.db, 'fr', [
    { text: "Le ministre a déclaré que l'économie ne reculera pas cette année.", outlet: 'Le Monde', day: '2026-05-01' },
    { text: "Le ministre a déclaré que l'économie reculera de 2 % cette année.", outlet: 'Libération', day: '2026-05-05' },
  ], 'Paul Morel');
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function reviewerPage(width: number): Promise<Page> {
  // bypassCSP lets axe-core's script in.
  const page = await (await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true })).newPage();
  await signInAs(page, server.baseUrl, 'Omar');
  return page;
}

/**
 * Arabic words of the element whose letters are not shaped as they would be on their own: each word's
 * drawn width (across whatever marks hold it) against the same word drawn alone in the same font. A mark
 * that cut a word would draw its pieces in their isolated forms, wider or narrower than the joined word.
 */
function brokenArabicWords(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluate((element) => {
    const nodes: Array<{ node: Text; start: number }> = [];
    let text = '';
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      if (node.parentElement?.closest('.visually-hidden')) continue;
      nodes.push({ node, start: text.length });
      text += node.data;
    }
    const at = (offset: number): [Text, number] => {
      const found = [...nodes].reverse().find((entry) => entry.start <= offset)!;
      return [found.node, offset - found.start];
    };
    const probe = document.createElement('span');
    probe.style.position = 'absolute';
    probe.style.visibility = 'hidden';
    probe.style.whiteSpace = 'pre';
    element.append(probe);
    const broken: string[] = [];
    for (const match of text.matchAll(/[\u0621-\u064a\u0640]+/g)) {
      const range = document.createRange();
      range.setStart(...at(match.index));
      range.setEnd(...at(match.index + match[0].length - 1));
      range.setEnd(range.endContainer, range.endOffset + 1);
      probe.textContent = match[0];
      const drawn = range.getBoundingClientRect().width;
      const alone = probe.getBoundingClientRect().width;
      if (Math.abs(drawn - alone) > 0.75) broken.push(`${match[0]}: ${drawn.toFixed(1)} px, alone ${alone.toFixed(1)} px`);
    }
    probe.remove();
    return broken;
  });
}

describe('quote drift in the browser', () => {
  it('catches a word cut by a mark (the check used below can fail)', async () => {
    const page = await reviewerPage(1280);
    await page.goto(`${server.baseUrl}/claims/${arabicClaim}?lang=ar`);
    await page.evaluate(() => {
      const cut = document.createElement('p');
      cut.className = 'quote-diff';
      cut.id = 'cut-word';
      cut.lang = 'ar';
      cut.dir = 'rtl';
      cut.innerHTML = 'تتضا<del>عف</del> مرة';
      document.querySelector('#quote-drift')!.append(cut);
    });
    expect(await brokenArabicWords(page, '#cut-word')).toHaveLength(1);
    await page.context().close();
  });

  for (const width of [1280, 390]) {
    it(`shows an Arabic claim's diff right to left, joined and marked without colour, at ${width} px`, async () => {
      const page = await reviewerPage(width);
      await page.goto(`${server.baseUrl}/claims/${arabicClaim}?lang=ar`);
      const section = page.locator('#quote-drift');
      await section.waitFor();
      const diff = section.locator('.quote-diff');
      expect(await diff.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
      expect(await brokenArabicWords(page, '#quote-drift .quote-diff')).toEqual([]);
      // Right to left: the deleted words come first, so they sit to the right of the added ones.
      const [del, ins] = await Promise.all([diff.locator('del').first().boundingBox(), diff.locator('ins').first().boundingBox()]);
      if (width === 1280) expect(del!.x).toBeGreaterThan(ins!.x);
      const marks = await diff.evaluate((element) => {
        const style = (selector: string, pseudo?: string) => getComputedStyle(element.querySelector(selector)!, pseudo);
        return {
          del: style('del').textDecorationLine,
          ins: style('ins').textDecorationLine,
          delSign: style('del', '::before').content,
          insSign: style('ins', '::before').content,
        };
      });
      expect(marks).toEqual({ del: 'line-through', ins: 'underline', delSign: '"−" / ""', insSign: '"+" / ""' });
      expect(await section.locator('.drift-score').innerText()).toMatch(/٪ · انزياح كبير$/);
      expect(await sidewaysOverflow(page)).toBe(0);
      expect(await seriousAccessibilityProblems(page)).toEqual([]);
      await section.screenshot({ path: path.join(SHOTS, `claim-ar-${width}.png`) });
      await page.context().close();
    });

    it(`shows an English claim's diff left to right at ${width} px`, async () => {
      const page = await reviewerPage(width);
      await page.goto(`${server.baseUrl}/claims/${englishClaim}?lang=en`);
      const section = page.locator('#quote-drift');
      const diff = section.locator('.quote-diff');
      expect(await diff.evaluate((element) => getComputedStyle(element).direction)).toBe('ltr');
      expect(await diff.locator('del').allInnerTexts()).toEqual([expect.stringContaining('could')]);
      expect((await diff.locator('ins').allInnerTexts()).join(' ')).toMatch(/will[\s\S]*not/);
      // A mark's sign (drawn before it) is on the line of the mark's first word.
      const signsApart = await diff.evaluate((element) =>
        [...element.querySelectorAll('del, ins')].filter((mark) => {
          const text = [...mark.childNodes].find((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== '')!;
          const range = document.createRange();
          range.setStart(text, 0);
          range.setEnd(text, 1);
          return Math.abs(mark.getClientRects()[0]!.top - range.getClientRects()[0]!.top) > 2;
        }).map((mark) => mark.textContent),
      );
      expect(signsApart).toEqual([]);
      expect(await sidewaysOverflow(page)).toBe(0);
      await section.screenshot({ path: path.join(SHOTS, `claim-en-${width}.png`) });
      await page.context().close();
    });

    for (const lang of ['ar', 'en'] as const) {
      it(`lists drifted quotes on the Quote drift page in ${lang} at ${width} px`, async () => {
        const page = await reviewerPage(width);
        await page.goto(`${server.baseUrl}/drift?lang=${lang}`);
        const rows = page.locator('.drift-row');
        expect(await rows.count()).toBe(3);
        expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
        expect(await brokenArabicWords(page, `#drift-${arabicClaim} .quote-diff`)).toEqual([]);
        expect(await sidewaysOverflow(page)).toBe(0);
        expect(await clippedControls(page)).toEqual([]);
        expect(await seriousAccessibilityProblems(page)).toEqual([]);
        await page.screenshot({ path: path.join(SHOTS, `page-${lang}-${width}.png`), fullPage: true });
        await page.locator(`#drift-${arabicClaim}`).screenshot({ path: path.join(SHOTS, `row-arabic-quote-${lang}-${width}.png`) });
        await page.locator(`#drift-${englishClaim}`).screenshot({ path: path.join(SHOTS, `row-english-quote-${lang}-${width}.png`) });
        await page.context().close();
      });
    }
  }

  it('sets the drifted appearance’s attribution in place from the page', async () => {
    const page = await reviewerPage(1280);
    await page.goto(`${server.baseUrl}/drift?lang=en`);
    const row = page.locator(`#drift-${englishClaim}`);
    await row.locator('select[name="attributionStatus"]').selectOption('distorted_or_mistranslated');
    await row.locator('button[type="submit"]').click();
    await page.locator(`#drift-${englishClaim} .form-notice`).waitFor();
    expect(await page.locator(`#drift-${englishClaim} .badge`).getAttribute('data-attribution')).toBe('distorted_or_mistranslated');
    expect(page.url()).toBe(`${server.baseUrl}/drift?lang=en`);
    await page.locator(`#drift-${englishClaim}`).screenshot({ path: path.join(SHOTS, 'row-after-attribution-en.png') });
    await page.context().close();
  });
});
