import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { connectDatabase, type Db } from '../../src/db/connect.ts';
import { createLogger } from '../../src/logger.ts';
import { createUser } from '../../src/features/users/users.service.ts';
import { createInMemoryClaimNotifier } from '../../src/features/live/claim-notifier.ts';
import type { Role } from '../../src/domain/roles.ts';
import { seedIfEmpty } from '../../src/seed.ts';
import { TEST_PASSWORD } from './auth.ts';

/** Accounts every browser test can sign in with. */
export const BROWSER_USERS: Array<[string, Role]> = [
  ['Amira', 'editor'],
  ['Omar', 'reviewer'],
  ['Vera', 'viewer'],
];

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS_DIR = path.resolve('test-artifacts');

export interface RunningServer {
  baseUrl: string;
  db: Db;
  stop(): Promise<void>;
}

/** The real app on a fresh SQLite file, started the way `npm start` starts it. */
export async function startServer(): Promise<RunningServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'isnad-browser-'));
  const config = loadConfig({
    DATABASE_URL: path.join(dir, 'isnad.db'),
    LOG_LEVEL: 'silent',
    SESSION_SECRET: 'browser-test-secret-long-enough-0123456789',
    PASSWORD_HASH_COST: '10',
  });
  const logger = createLogger('silent');
  // A copy of the run's migrated file is what migrating a new file would give.
  copyFileSync(inject('sqliteTemplate'), config.databaseUrl);
  const db = connectDatabase(config.databaseUrl);
  await seedIfEmpty(db, logger, config.maxArticleBytes);
  for (const [name, role] of BROWSER_USERS) await createUser(db, { name, role, password: TEST_PASSWORD }, { cost: config.passwordHashCost });
  const notifier = createInMemoryClaimNotifier();
  const server = createApp({ db, config, logger, notifier }).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    db,
    async stop() {
      notifier.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the real form; the page is on the dashboard afterwards. */
export async function signInAs(page: Page, baseUrl: string, name: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill('#login-name', name);
  await page.fill('#login-password', TEST_PASSWORD);
  await Promise.all([page.waitForURL(`${baseUrl}/`), page.click('button[type="submit"]')]);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
