import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/db/connect.ts';
import { listClaims } from '../../src/features/claims/claims.repository.ts';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'isnad-cli-'));
const env = { ...process.env, DATABASE_URL: path.join(dir, 'cli.db'), LOG_LEVEL: 'silent' };
const SEED = path.resolve('src/seed/article-ar-moscow-paris.txt');

function ingest(...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'src/cli/ingest.ts', ...args], { env }).then(
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
    expect(JSON.parse(second.stdout)).toMatchObject({ articleId: summary.articleId, created: false });
    expect(second.stderr).toContain('already ingested');

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
    expect(await ingest(empty)).toMatchObject({ code: 1, stderr: expect.stringContaining('Paste the article text') });
    expect(await ingest(path.join(dir, 'missing.txt'))).toMatchObject({ code: 2, stderr: expect.stringContaining('No such file') });
    expect(await ingest(SEED, '--lang', 'de')).toMatchObject({ code: 1, stderr: expect.stringContaining('Choose Arabic, English, French') });
    expect(await ingest()).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage') });
  });
});
