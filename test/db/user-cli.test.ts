import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/db/connect.ts';
import { findUserByNormalizedName } from '../../src/features/users/users.repository.ts';
import { authenticate } from '../../src/features/users/users.service.ts';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'isnad-user-cli-'));
const env = { ...process.env, DATABASE_URL: path.join(dir, 'users.db'), LOG_LEVEL: 'silent', PASSWORD_HASH_COST: '10' };

function userAdd(...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'src/cli/user-add.ts', ...args], { env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run user:add', () => {
  it('creates a user who can sign in, and refuses bad input', async () => {
    expect(await userAdd('--name', 'Hana Saleh', '--password', 'a long enough password', '--role', 'editor')).toMatchObject({ code: 0, stdout: expect.stringContaining('Created editor "Hana Saleh"') });
    const db = connectDatabase(env.DATABASE_URL);
    try {
      expect(await findUserByNormalizedName(db, 'hana saleh')).toMatchObject({ role: 'editor', must_change_password: 0 });
      expect(await authenticate(db, 'Hana Saleh', 'a long enough password', { cost: 10 })).toMatchObject({ role: 'editor' });
    } finally {
      await db.destroy();
    }
    expect(await userAdd('--name', 'Hana Saleh', '--password', 'another long password', '--role', 'viewer')).toMatchObject({ code: 1, stderr: expect.stringContaining('already exists') });
    expect(await userAdd('--name', 'X', '--password', 'short', '--role', 'chief')).toMatchObject({ code: 1, stderr: expect.stringContaining('Choose a role') });
    expect(await userAdd('--name', 'Y')).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage') });
    expect(await userAdd('--name', 'Temp', '--role', 'viewer')).toMatchObject({ code: 0, stdout: expect.stringMatching(/One-time password: \w{16}/) });
  });
});
