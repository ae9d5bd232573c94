/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestArticle } from '../../src/features/articles/articles.service.ts';
import { ARTIFACTS_DIR, launchChromium, signInAs, startServer, type RunningServer } from '../support/browser.ts';

// Written for this test: two attributed statements and a sentence the engine has no cue for.
const ARTICLE =
  'قال وزير النقل سامر الحلبي إن القطار السريع سيصل إلى الميناء قبل نهاية العام 🚆.\n' +
  'وأضافت المهندسة ريم العطار أن الأعمال تسير وفق الجدول.\n' +
  'الكلفة الإجمالية للمشروع تتجاوز ملياري دولار بحسب تقديرات أولية.\n';
const MISSED = 'الكلفة الإجمالية للمشروع تتجاوز ملياري دولار';

let server: RunningServer;
let browser: Browser;
let page: Page;
let articleId: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 1100 } })).newPage();
  await signInAs(page, server.baseUrl, 'Amira');
  ({ article: { id: articleId } } = await ingestArticle(server.db, { text: ARTICLE, language: 'ar', title: 'القطار السريع' }, { maxBytes: 1_000_000 }));
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Selects words of the article text as a reader's drag would, across whatever marks they fall in. */
async function selectWords(container: string, words: string): Promise<void> {
  await page.evaluate(
    ({ container, words }) => {
      const root = document.querySelector(`${container} .article-body`)!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
      const text = nodes.map((node) => node.data).join('');
      const at = (offset: number): [Text, number] => {
        let seen = 0;
        for (const node of nodes) {
          if (offset <= seen + node.data.length) return [node, offset - seen];
          seen += node.data.length;
        }
        throw new Error('offset out of the text');
      };
      const start = text.indexOf(words);
      const range = document.createRange();
      range.setStart(...at(start));
      range.setEnd(...at(start + words.length));
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
    },
    { container, words },
  );
}

async function noHorizontalClipping(selector: string): Promise<void> {
  const overflow = await page.locator(selector).evaluate((element) => element.scrollWidth - element.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

describe('correcting claims in Chromium', () => {
  it('adds a claim from words selected in an Arabic article', async () => {
    await page.goto(`${server.baseUrl}/articles/${articleId}`);
    const text = page.locator('#article-text .article-body');
    expect(await text.evaluate((element) => element.textContent)).toBe(ARTICLE);
    expect(await text.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');

    const form = page.locator('#claim-add');
    await form.getByRole('button', { name: 'Use selection as the claim' }).click();
    expect(await form.locator('[data-span-preview]').textContent()).toBe('Select words in the article text first.');
    // A selection dragged past the end of the text counts up to the text's last word.
    await page.evaluate((words) => {
      const body = document.querySelector('#article-text .article-body')!;
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      let node = walker.nextNode() as Text | null;
      while (node && !node.data.includes(words)) node = walker.nextNode() as Text | null;
      const range = document.createRange();
      range.setStart(node!, node!.data.indexOf(words));
      range.setEndAfter(document.querySelector('#claim-add-title')!);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
    }, 'الكلفة');
    await form.getByRole('button', { name: 'Use selection as the claim' }).click();
    expect(await form.locator('input[name="start"]').inputValue()).toBe(String(ARTICLE.indexOf('الكلفة')));
    expect(await form.locator('input[name="end"]').inputValue()).toBe(String(ARTICLE.trimEnd().length));

    await selectWords('#article-text', MISSED);
    await form.getByRole('button', { name: 'Use selection as the claim' }).click();
    expect(await form.locator('input[name="start"]').inputValue()).toBe(String(ARTICLE.indexOf(MISSED)));
    expect(await form.locator('input[name="end"]').inputValue()).toBe(String(ARTICLE.indexOf(MISSED) + MISSED.length));
    const preview = form.locator('[data-span-preview]');
    expect(await preview.textContent()).toBe(`«${MISSED}»`);
    expect(await preview.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');

    await form.locator('input[name="speaker"]').fill('تقديرات أولية');
    await form.locator('input[name="newSpeaker"]').check();
    await form.locator('input[name="cue"]').fill('بحسب');
    await form.locator('select[name="kind"]').selectOption('factual');
    await noHorizontalClipping('#claim-add');
    await form.screenshot({ path: path.join(ARTIFACTS_DIR, 'claim-add-ar.png') });

    await Promise.all([page.waitForURL(/\/claims\/[0-9a-f-]{36}$/), form.getByRole('button', { name: 'Add the claim' }).click()]);
    expect(await page.locator('h1.claim-heading').innerText()).toBe(MISSED);
    expect(await page.locator('dd.provenance .badge').innerText()).toBe('Added by hand');
    expect(await page.locator('#claim-span').innerText()).toBe(MISSED);
    await page.locator('.claim-main').screenshot({ path: path.join(ARTIFACTS_DIR, 'claim-added-ar.png') });
  });

  it('changes a claim’s speaker through the type-ahead field and shows the correction in its history', async () => {
    const claim = await server.db
      .selectFrom('claim')
      .innerJoin('speaker', 'speaker.id', 'claim.speaker_id')
      .select(['claim.id', 'claim.start_offset', 'speaker.name'])
      .where('claim.article_id', '=', articleId)
      .where('claim.origin', '=', 'machine')
      .orderBy('claim.start_offset', 'desc')
      .executeTakeFirstOrThrow();
    await page.goto(`${server.baseUrl}/claims/${claim.id}`);
    const editor = page.locator('#claim-editor');
    const speaker = editor.locator('input[name="speaker"]');

    // Arrow keys move the span's end by one character, and the preview follows.
    const end = editor.locator('input[name="end"]');
    const before = Number(await end.inputValue());
    await end.focus();
    await page.keyboard.press('ArrowDown');
    expect(Number(await end.inputValue())).toBe(before - 1);
    await page.keyboard.press('ArrowUp');
    expect(Number(await end.inputValue())).toBe(before);

    const suggestion = page.waitForRequest((request) => request.url().includes('/speakers/suggest?'));
    await speaker.fill('');
    await speaker.pressSequentially('سامر', { delay: 20 });
    expect(new URL((await suggestion).url()).searchParams.get('q')).toBe('سامر');
    const offered = () => page.locator('#edit-speaker-options option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    await expect.poll(offered).toEqual(['سامر الحلبي']);
    await speaker.fill('سامر الحلبي');
    const outletSuggestion = page.waitForRequest((request) => request.url().includes('/outlets/suggest?'));
    await editor.locator('input[name="newHopOutlet"]').pressSequentially('رو', { delay: 20 });
    expect(new URL((await outletSuggestion).url()).searchParams.get('q')).toBe('رو');
    await editor.locator('input[name="newHopOutlet"]').fill('');
    await editor.locator('select[name="kind"]').selectOption('prediction');
    await noHorizontalClipping('#claim-editor');
    await editor.screenshot({ path: path.join(ARTIFACTS_DIR, 'claim-editor-ar.png') });

    await Promise.all([page.waitForURL(/corrected=/), editor.getByRole('button', { name: 'Save corrections' }).last().click()]);
    expect(page.url()).toContain('corrected=speaker,kind');
    expect(await page.locator('.facts dd').first().innerText()).toContain('سامر الحلبي');
    expect(await page.locator('dd.provenance').innerText()).toContain('last edited by Amira');
    const history = page.locator('#verification .history');
    expect(await history.innerText()).toContain(`corrected the speaker from ${claim.name} to سامر الحلبي`);
    expect(await history.innerText()).toContain('corrected the kind from Factual to Prediction');
    await page.locator('#verification').screenshot({ path: path.join(ARTIFACTS_DIR, 'claim-history-ar.png') });
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'claim-corrected-ar.png'), fullPage: true });
  });

  it('moves a hop of a seeded claim’s chain up with its arrow button', async () => {
    const [hop] = await server.db
      .selectFrom('attribution_hop')
      .select(['claim_id', (eb) => eb.fn.countAll().as('hops')])
      .groupBy('claim_id')
      .having((eb) => eb.fn.countAll(), '>=', 2)
      .limit(1)
      .execute();
    await page.goto(`${server.baseUrl}/claims/${hop!.claim_id}`);
    const outlets = () => page.locator('#claim-editor input[name="hopOutlet"]').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    const before = await outlets();
    await page.locator('#claim-editor .chain-editor').screenshot({ path: path.join(ARTIFACTS_DIR, 'chain-editor-ar.png') });
    await Promise.all([page.waitForURL(/corrected=chain/), page.getByRole('button', { name: 'Move hop 2 up and save' }).click()]);
    expect(await outlets()).toEqual([before[1], before[0], ...before.slice(2)]);
    expect(await page.locator('#chain li.hop').first().innerText()).toContain(before[1]!);
    await noHorizontalClipping('#claim-editor');
  });

  it('filters the dashboard on provenance and badges the rows', async () => {
    await page.goto(`${server.baseUrl}/?article=${articleId}`);
    await Promise.all([page.waitForURL(/provenance=manual/), page.locator('select[name="provenance"]').selectOption('manual')]);
    const rows = page.locator('tr.claim-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().locator('.claim-text').innerText()).toBe(MISSED);
    expect(await rows.first().locator('.badge.origin-manual').innerText()).toBe('Added by hand');
    await noHorizontalClipping('.claims-panel');
    await page.locator('.claims-panel').screenshot({ path: path.join(ARTIFACTS_DIR, 'dashboard-provenance-ar.png') });
  });
});
