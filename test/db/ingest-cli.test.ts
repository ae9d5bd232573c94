import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { listClaims } from '../../src/features/claims/claims.repository.ts';
import { articleWithClaims } from '../support/synthetic-article.ts';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'isnad-cli-'));
const env = { ...process.env, DATABASE_URL: path.join(dir, 'cli.db'), LOG_LEVEL: 'silent' };
const SEED = path.resolve('src/seed/article-ar-moscow-paris.txt');

function ingest(...args: string[]) {
  return ingestWith(env, ...args);
}

function ingestWith(environment: NodeJS.ProcessEnv, ...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'src/cli/ingest.ts', ...args], { env: environment }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run ingest', () => {
  it('ingests a file through the same path as the web form, once', async () => {
    const first = await ingest(SEED, '--outlet', 'Sputnik', '--lang', 'ar', '--title', 'موسكو وباريس');
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary).toMatchObject({ created: true, language: 'ar', title: 'موسكو وباريس' });
    expect(summary.claims).toBeGreaterThanOrEqual(11);

    const second = await ingest(SEED);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ articleId: summary.articleId, created: false, duplicate: true, claims: summary.claims });
    expect(second.stderr).toContain(`already ingested as article ${summary.articleId} (${summary.claims} claims)`);

    const db = connectDatabase(env.DATABASE_URL);
    try {
      expect(await listClaims(db, {}, undefined, 1000)).toHaveLength(summary.claims);
    } finally {
      await db.destroy();
    }
  });

  it('explains bad input and exits non-zero', async () => {
    const empty = path.join(dir, 'empty.txt');
    writeFileSync(empty, '  \n');
    // Four processes that write nothing: started together, they cost one process start, not four.
    const [blank, missing, language, usage] = await Promise.all([ingest(empty), ingest(path.join(dir, 'missing.txt')), ingest(SEED, '--lang', 'de'), ingest()]);
    expect(blank).toMatchObject({ code: 1, stderr: expect.stringContaining('Paste the article text') });
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('No such file') });
    expect(language).toMatchObject({ code: 1, stderr: expect.stringContaining('Choose Arabic, English, French') });
    expect(usage).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage') });
  }, 60_000);

  it('says how many control characters it removed', async () => {
    const file = path.join(dir, 'controls.txt');
    writeFileSync(file, 'The minister\u0002 said that inflation would fall.\u0007');
    const result = await ingest(file);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ created: true, controlCharactersRemoved: 2 });
    expect(result.stderr).toContain('2 control characters were removed from the text.');
  });

  it('refuses an article over the claim limit with the figures', async () => {
    const file = path.join(dir, 'many-claims.txt');
    writeFileSync(file, articleWithClaims(6));
    const result = await ingestWith({ ...env, MAX_CLAIMS_PER_ARTICLE: '5' }, file);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr.trim()).toBe('The article has 6 attributed claims; Isnad takes at most 5 per article. Split it into shorter articles.');
  });

  it('prints one line, not a stack trace, when the database cannot be opened', async () => {
    const result = await ingestWith({ ...env, DATABASE_URL: dir }, SEED);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^Failed: .*SQLITE_CANTOPEN/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('waits for another process holding the write lock, and retries until it is released', async () => {
    const file = path.join(dir, 'busy.db');
    const holder = connectDatabase(file);
    try {
      await migrateToLatest(holder);
      // A raw transaction on the holder's single connection keeps the write lock until it commits.
      await sql`begin immediate`.execute(holder);
      const text = path.join(dir, 'busy.txt');
      writeFileSync(text, articleWithClaims(4));
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/ingest.ts', text], { env: { ...env, DATABASE_URL: file, SQLITE_BUSY_TIMEOUT_MS: '50' } });
      let stdout = '';
      let stderr = '';
      let released = false;
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
        // Let go once the command has met the lock and said it will try again.
        if (!released && stderr.includes('The database is busy; trying again')) {
          released = true;
          void sql`commit`.execute(holder);
        }
      });
      const [code] = (await once(child, 'close')) as [number];
      expect(released).toBe(true);
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({ created: true, claims: 4 });
    } finally {
      await holder.destroy();
    }
  });
});
