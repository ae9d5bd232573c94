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

/** The dashboard, once its live-update stream is connected (or the refreshes a test waits for never come). */
async function openDashboard(page: Page): Promise<void> {
  const connected = page.waitForResponse((response) => new URL(response.url()).pathname === '/events');
  await page.goto(`${server.baseUrl}/`);
  await connected;
}

describe('two reviewers in Chromium', () => {
  it('assign a claim, set both verdicts, and see each other’s changes live', async () => {
    await omar.goto(`${server.baseUrl}/`);
    await amira.goto(`${server.baseUrl}/`);
    const rowId = (await amira.locator('tr.claim-row').nth(2).getAttribute('id'))!;
    const row = amira.locator(`#${rowId}`);
    await omar.waitForTimeout(300);

    // Choosing a value saves it: the row's buttons are only for browsers without JavaScript. Each change also
    // comes back to this dashboard as a live refresh of the row, which must not reset the next select.
    const assignButton = row.locator('.assign-form button');
    expect(await assignButton.count()).toBe(1);
    expect(await assignButton.isVisible()).toBe(false);
    await row.locator('.assign-form select').selectOption({ label: 'Omar' });
    await expect.poll(() => row.locator('.assigned-to').textContent()).toContain('Omar');
    const queue = await omarContext.newPage();
    await queue.goto(`${server.baseUrl}/queue`);
    expect(await queue.locator(`#${rowId}`).count()).toBe(1);
    await queue.close();

    await row.locator('.verdict-attribution select').selectOption('verbatim');
    await expect.poll(() => row.locator('.verdict-attribution .badge').getAttribute('data-attribution')).toBe('verbatim');

    await row.locator('.verdict-status select').selectOption('mostly_accurate');
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
    await expect.poll(() => row.locator('.verdict-status .badge').getAttribute('data-status')).toBe('false');

    const panel = omar.locator('#verification');
    await panel.locator('.verdict-status select').selectOption('misleading');
    await panel.locator('.verdict-status button').click();
    await expect.poll(() => panel.locator('.conflict').textContent()).toContain('Amira set its verification status to "False"');
    expect(await panel.locator('.verdict-status .badge').getAttribute('data-status')).toBe('false');
    expect(await panel.locator('.verdict-status select').inputValue()).toBe('misleading');
    await omar.screenshot({ path: path.join(ARTIFACTS_DIR, 'claim-conflict.png'), fullPage: true });

    await panel.locator('.verdict-status button').click();
    await expect.poll(() => panel.locator('.verdict-status .badge').getAttribute('data-status')).toBe('misleading');
    expect(await panel.locator('.conflict').count()).toBe(0);
  });

  it('save a row’s verdict on choosing it, and hold a live refresh while the reviewer is in a select', async () => {
    await openDashboard(amira);
    const savedId = (await amira.locator('tr.claim-row').nth(4).getAttribute('id'))!.replace('claim-', '');
    const savedRow = amira.locator(`#claim-${savedId}`);

    // Nothing is clicked: the change event sends the form, and the badge follows.
    const saved = amira.waitForResponse((response) => response.url().endsWith(`/claims/${savedId}/attribution`) && response.request().method() === 'POST');
    await savedRow.locator('.verdict-attribution select').selectOption('faithful_paraphrase');
    expect((await saved).status()).toBe(200);
    await expect.poll(() => savedRow.locator('.verdict-attribution .badge').getAttribute('data-attribution')).toBe('faithful_paraphrase');
    expect(await savedRow.locator('.verdict-attribution .save-button').isVisible()).toBe(false);

    // Omar changes another claim while Amira is in its row's status select: the refresh arrives but waits.
    const claimId = (await amira.locator('tr.claim-row').nth(12).getAttribute('id'))!.replace('claim-', '');
    const row = amira.locator(`#claim-${claimId}`);
    await row.evaluate((element) => ((element as unknown as { drawn: string }).drawn = 'before'));
    await row.locator('.verdict-status select').focus();
    const refreshed = amira.waitForResponse((response) => response.url().includes(`/claims/${claimId}/row`));
    await omar.goto(`${server.baseUrl}/claims/${claimId}`);
    await omar.locator('#verification .verdict-status select').selectOption('unverifiable');
    await omar.locator('#verification .verdict-status button').click();
    await refreshed;
    await amira.waitForTimeout(100);
    expect(await row.evaluate((element) => (element as unknown as { drawn?: string }).drawn)).toBe('before');
    expect(await row.locator('.verdict-status .badge').getAttribute('data-status')).toBe('unverified');

    // Choosing now is refused (409) with the choice kept, and the button is there to re-apply it.
    await row.locator('.verdict-status select').selectOption('false');
    await expect.poll(() => row.locator('.verdict-status .conflict').textContent()).toContain('Omar set its verification status to "Unverifiable"');
    expect(await row.locator('.verdict-status select').inputValue()).toBe('false');
    expect(await row.locator('.verdict-status .badge').getAttribute('data-status')).toBe('unverifiable');
    await amira.screenshot({ path: path.join(ARTIFACTS_DIR, 'row-conflict.png'), fullPage: false });
    await row.locator('.verdict-status .save-button').click();
    await expect.poll(() => row.locator('.verdict-status .badge').getAttribute('data-status')).toBe('false');
    expect(await row.locator('.verdict-status .conflict').count()).toBe(0);
  });

  it('hold a waiting refresh until focus leaves the row, then draw it', async () => {
    await openDashboard(amira);
    const rowId = (await amira.locator('tr.claim-row').nth(7).getAttribute('id'))!;
    const claimId = rowId.replace('claim-', '');
    const row = amira.locator(`#${rowId}`);
    await row.locator('.verdict-attribution select').focus();
    const refreshed = amira.waitForResponse((response) => response.url().includes(`/claims/${claimId}/row`));
    await omar.goto(`${server.baseUrl}/claims/${claimId}`);
    await omar.locator('#verification .verdict-attribution select').selectOption('fabricated');
    await omar.locator('#verification .verdict-attribution button').click();
    await refreshed;
    await amira.waitForTimeout(100);
    expect(await row.locator('.verdict-attribution .badge').getAttribute('data-attribution')).toBe('unchecked');

    await amira.locator('h1').click();
    await expect.poll(() => row.locator('.verdict-attribution .badge').getAttribute('data-attribution')).toBe('fabricated');
  });

  it('row controls without JavaScript: the Set button sends the form and the page comes back with the verdict', async () => {
    const plainContext = await browser.newContext({ viewport: { width: 1366, height: 1000 }, javaScriptEnabled: false });
    const plain = await plainContext.newPage();
    await signInAs(plain, server.baseUrl, 'Amira');
    const rowId = (await plain.locator('tr.claim-row').nth(10).getAttribute('id'))!;
    const row = plain.locator(`#${rowId}`);
    await row.locator('.verdict-status select').selectOption('accurate');
    expect(await plain.locator(`#${rowId} .verdict-status .badge`).getAttribute('data-status')).toBe('unverified');
    await Promise.all([plain.waitForURL(`${server.baseUrl}/#${rowId}`), row.locator('.verdict-status').getByRole('button', { name: 'Set' }).click()]);
    expect(await plain.locator(`#${rowId} .verdict-status .badge`).getAttribute('data-status')).toBe('accurate');
    await plain.screenshot({ path: path.join(ARTIFACTS_DIR, 'row-controls-no-js.png'), fullPage: false });
    await plainContext.close();
  });

  it('show every row select’s label whole, Arabic included', async () => {
    await amira.goto(`${server.baseUrl}/`);
    const row = amira.locator('tr.claim-row').first();
    await row.locator('.verdict-attribution select').selectOption('distorted_or_mistranslated');
    await expect.poll(() => row.locator('.verdict-attribution .badge').getAttribute('data-attribution')).toBe('distorted_or_mistranslated');
    // The chosen label laid out in the select's own font must fit inside it, beside the drop-down arrow.
    const clipped = await amira.locator('tr.claim-row select').evaluateAll((selects) => selects.flatMap((element) => {
      const select = element as HTMLSelectElement;
      const style = getComputedStyle(select);
      const probe = document.createElement('span');
      probe.style.cssText = `font: ${style.font}; white-space: pre; position: absolute; visibility: hidden;`;
      probe.textContent = select.selectedOptions[0]!.textContent;
      document.body.append(probe);
      const needed = probe.getBoundingClientRect().width + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
      probe.remove();
      return needed + 16 > select.clientWidth ? [`${select.name}: ${select.selectedOptions[0]!.textContent} (${Math.round(needed)} px in ${select.clientWidth})`] : [];
    }));
    expect(clipped).toEqual([]);
  });

  it('drop a live refresh that lands while the row’s own change is being sent, so its answer is shown', async () => {
    await openDashboard(amira);
    const rowId = (await amira.locator('tr.claim-row').nth(11).getAttribute('id'))!;
    const claimId = rowId.replace('claim-', '');
    const row = amira.locator(`#${rowId}`);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await amira.route(`**/claims/${claimId}/status`, async (route) => {
      await held;
      await route.continue();
    });
    try {
      await row.locator('.verdict-status select').selectOption('accurate');
      await amira.locator('h1').click();
      // Omar changes the attribution meanwhile; his change's refresh reaches Amira before her own answer.
      const refreshed = amira.waitForResponse((response) => response.url().includes(`/claims/${claimId}/row`));
      await omar.goto(`${server.baseUrl}/claims/${claimId}`);
      await omar.locator('#verification .verdict-attribution select').selectOption('not_found_at_source');
      await omar.locator('#verification .verdict-attribution button').click();
      await refreshed;
      await amira.waitForTimeout(100);
      expect(await row.locator('.verdict-attribution .badge').getAttribute('data-attribution')).toBe('unchecked');
      release();
      await expect.poll(() => row.locator('.verdict-status .conflict').textContent()).toContain('Omar set its attribution');
      expect(await row.locator('.verdict-attribution .badge').getAttribute('data-attribution')).toBe('not_found_at_source');
      expect(await row.locator('.verdict-status select').inputValue()).toBe('accurate');
    } finally {
      release();
      await amira.unroute(`**/claims/${claimId}/status`);
    }
  });

  it('bulk: need an explicit choice, report a claim changed after it was selected, and confirm before replacing a verdict', async () => {
    await amira.goto(`${server.baseUrl}/`);
    const firstId = (await amira.locator('tr.claim-row').nth(5).getAttribute('id'))!;
    const secondId = (await amira.locator('tr.claim-row').nth(6).getAttribute('id'))!;
    const first = amira.locator(`#${firstId}`);
    const second = amira.locator(`#${secondId}`);
    const bar = amira.locator('#bulk-form');
    await first.locator('.select-cell input').check();
    await second.locator('.select-cell input').check();

    await bar.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => bar.locator('.form-error').first().textContent()).toContain('Choose what to do with the selected claims');

    // Omar gives the first selected claim a verdict; Amira's row follows live and stays selected.
    await omar.goto(`${server.baseUrl}/claims/${firstId.replace('claim-', '')}`);
    await omar.locator('#verification .verdict-status select').selectOption('false');
    await omar.locator('#verification .verdict-status button').click();
    await expect.poll(() => first.locator('.verdict-status .badge').getAttribute('data-status'), { timeout: 3000 }).toBe('false');
    expect(await first.locator('.select-cell input').isChecked()).toBe(true);

    // Picking a status picks the action that goes with it.
    await bar.locator('select[name="status"]').selectOption('in_review');
    expect(await bar.locator('input[name="action"][value="status"]').isChecked()).toBe(true);
    await bar.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => bar.locator('.bulk-answer.conflict').textContent()).toContain('changed by Omar');
    expect(await second.locator('.verdict-status .badge').getAttribute('data-status')).toBe('unverified');
    expect(await first.locator('.select-cell input').isChecked()).toBe(true);
    expect(await second.locator('.select-cell input').isChecked()).toBe(true);
    expect(await bar.locator('select[name="status"]').inputValue()).toBe('in_review');

    await bar.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => bar.locator('.bulk-answer.confirm').textContent()).toContain('would replace the verdict of this claim');
    expect(await first.locator('.verdict-status .badge').getAttribute('data-status')).toBe('false');
    await amira.screenshot({ path: path.join(ARTIFACTS_DIR, 'bulk-confirmation.png'), fullPage: false });

    await bar.getByRole('button', { name: 'Replace this verdict' }).click();
    await expect.poll(() => amira.locator('#flash').textContent()).toContain('2 of 2 selected claims changed.');
    await expect.poll(() => amira.locator(`#${firstId} .verdict-status .badge`).getAttribute('data-status')).toBe('in_review');
    expect(await amira.locator(`#${secondId} .verdict-status .badge`).getAttribute('data-status')).toBe('in_review');
    expect(await amira.locator(`#${firstId} .select-cell input`).isChecked()).toBe(false);
  });

  it('bulk without JavaScript: the same refusal, confirmation and change, page by page', async () => {
    const plainContext = await browser.newContext({ viewport: { width: 1366, height: 1000 }, javaScriptEnabled: false });
    const plain = await plainContext.newPage();
    await signInAs(plain, server.baseUrl, 'Amira');
    const firstId = (await plain.locator('tr.claim-row').nth(8).getAttribute('id'))!;
    const secondId = (await plain.locator('tr.claim-row').nth(9).getAttribute('id'))!;
    await plain.locator(`#${firstId} .select-cell input`).check();
    await plain.locator(`#${secondId} .select-cell input`).check();

    await omar.goto(`${server.baseUrl}/claims/${firstId.replace('claim-', '')}`);
    await omar.locator('#verification .verdict-status select').selectOption('misleading');
    await omar.locator('#verification .verdict-status button').click();
    await expect.poll(() => omar.locator('#verification .verdict-status .badge').getAttribute('data-status')).toBe('misleading');

    await plain.locator('#bulk-form input[name="action"][value="status"]').check();
    await plain.locator('#bulk-form select[name="status"]').selectOption('accurate');
    await plain.locator('#bulk-form').getByRole('button', { name: 'Apply' }).click();
    expect(await plain.locator('.bulk-answer.conflict').textContent()).toContain('changed by Omar');
    expect(await plain.locator('.bulk-selection input:checked').count()).toBe(2);

    await plain.locator('#bulk-form').getByRole('button', { name: 'Apply' }).click();
    expect(await plain.locator('.bulk-answer.confirm').textContent()).toContain('Misleading');
    await Promise.all([plain.waitForURL(`${server.baseUrl}/`), plain.getByRole('button', { name: 'Replace this verdict' }).click()]);
    expect(await plain.locator(`#${firstId} .verdict-status .badge`).getAttribute('data-status')).toBe('accurate');
    expect(await plain.locator(`#${secondId} .verdict-status .badge`).getAttribute('data-status')).toBe('accurate');
    await plainContext.close();
  });
});
