/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/features/users/users.service.ts';
import { createLogger } from '../../src/logger.ts';
import { seedIfEmpty } from '../../src/seed.ts';
import { TEST_PASSWORD } from '../support/auth.ts';
import { ARTIFACTS_DIR, launchChromium, signInAs } from '../support/browser.ts';
import { POSTGRES_URL, startInstancesOnPostgres, type Instance, type SharedDatabase } from '../support/instances.ts';

describe.skipIf(!POSTGRES_URL)('two app instances on one PostgreSQL database, in Chromium', () => {
  let shared: SharedDatabase;
  let a: Instance;
  let b: Instance;
  let browser: Browser;

  beforeAll(async () => {
    shared = await startInstancesOnPostgres(2);
    [a, b] = shared.instances as [Instance, Instance];
    await seedIfEmpty(a.db, createLogger('silent'), 1024 * 1024);
    for (const [name, role] of [['Amira', 'editor'], ['Omar', 'reviewer']] as const) await createUser(a.db, { name, role, password: TEST_PASSWORD }, { cost: 10 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await shared?.stop();
  });

  it('refreshes a row on a dashboard served by one instance when the status is changed through the other', async () => {
    const onA = await (await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'ar' })).newPage();
    const onB = await (await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'ar' })).newPage();
    await signInAs(onA, a.url, 'Amira');
    await signInAs(onB, b.url, 'Omar');

    const rowId = await onA.locator('tr.claim-row').first().getAttribute('id');
    expect(rowId).toMatch(/^claim-/);
    const rowOnB = onB.locator(`#${rowId}`);
    expect(await rowOnB.locator('.verdict-status .badge').getAttribute('data-status')).toBe('unverified');
    await onB.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));
    // Give B's event stream a moment to connect.
    await onB.waitForTimeout(300);

    const rowOnA = onA.locator(`#${rowId}`);
    await rowOnA.locator('select[name="status"]').selectOption('misleading');
    await expect.poll(() => rowOnA.locator('.verdict-status .badge').getAttribute('data-status'), { timeout: 5000 }).toBe('misleading');

    await expect.poll(() => rowOnB.locator('.verdict-status .badge').getAttribute('data-status'), { timeout: 3000 }).toBe('misleading');
    expect(await onB.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page');
    // The status counts follow the batch event too.
    await expect.poll(() => onB.locator('#status-summary .status-misleading .summary-count').textContent(), { timeout: 3000 }).toBe('1');
    const claimText = rowOnB.locator('.claim-text');
    expect(await claimText.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');

    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await onB.screenshot({ path: path.join(ARTIFACTS_DIR, 'two-instances-dashboard-b.png') });
    // Two browser contexts and two sign-ins: more than the default bound when the machine is busy.
  }, 60_000);
});
