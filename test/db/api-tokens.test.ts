import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type Db } from '../../src/db/connect.ts';
import { NotFoundError, ValidationError } from '../../src/errors.ts';
import { updateUser } from '../../src/features/users/users.repository.ts';
import { createUser } from '../../src/features/users/users.service.ts';
import {
  authenticateApiToken,
  hashApiToken,
  issueApiToken,
  issueApiTokenForUserName,
  listApiTokens,
  revokeApiToken,
} from '../../src/features/api/api-tokens.service.ts';
import { TEST_ENGINES, type TestDatabase } from '../support/database.ts';

describe.each(TEST_ENGINES)('API tokens on $engine', ({ open }) => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await open();
    db = database.db;
  });
  afterAll(() => database.drop());

  const newUser = (name: string, role = 'reviewer') => createUser(db, { name, role, password: 'a long enough password' }, { cost: 10 }).then(({ user }) => user);

  it('stores only the hash and authenticates the token as its user, noting when it was used', async () => {
    const user = await newUser('Token Owner');
    const { token, record } = await issueApiToken(db, user.id, '  newsroom script  ');
    expect(token).toMatch(/^isnad_[A-Za-z0-9_-]{43}$/);
    expect(record.label).toBe('newsroom script');
    const stored = await db.selectFrom('api_token').selectAll().where('id', '=', record.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(hashApiToken(token));
    expect(JSON.stringify(stored)).not.toContain(token.slice(6));
    expect(stored.last_used_at).toBeNull();

    expect(await authenticateApiToken(db, token)).toEqual({ id: user.id, name: 'Token Owner', role: 'reviewer', mustChangePassword: false });
    const [listed] = await listApiTokens(db, user.id);
    expect(listed).toMatchObject({ id: record.id, label: 'newsroom script', revoked_at: null, last_used_at: expect.any(String) });
    expect(listed).not.toHaveProperty('token_hash');
  });

  it('refuses unknown, malformed, revoked tokens and tokens of disabled users', async () => {
    const user = await newUser('Revoker');
    const other = await newUser('Someone Else');
    const { token, record } = await issueApiToken(db, user.id, undefined);
    // One character changed (never to itself: the token's own last character may be the replacement).
    const altered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(await authenticateApiToken(db, altered)).toBeUndefined();
    expect(await authenticateApiToken(db, 'not a token')).toBeUndefined();
    expect(await authenticateApiToken(db, `isnad_${'x'.repeat(500)}`)).toBeUndefined();

    // Nobody revokes another user's token.
    await expect(revokeApiToken(db, other.id, record.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await authenticateApiToken(db, token)).toBeDefined();
    await revokeApiToken(db, user.id, record.id);
    expect(await authenticateApiToken(db, token)).toBeUndefined();
    await expect(revokeApiToken(db, user.id, record.id)).rejects.toBeInstanceOf(NotFoundError);

    const second = await issueApiToken(db, user.id, 'second');
    expect(await authenticateApiToken(db, second.token)).toBeDefined();
    await updateUser(db, user.id, { disabled: 1 });
    expect(await authenticateApiToken(db, second.token)).toBeUndefined();
    await updateUser(db, user.id, { disabled: 0 });
    expect(await authenticateApiToken(db, second.token)).toBeDefined();
  });

  it('follows the user: a role change applies to existing tokens', async () => {
    const user = await newUser('Promoted', 'viewer');
    const { token } = await issueApiToken(db, user.id, undefined);
    expect(await authenticateApiToken(db, token)).toMatchObject({ role: 'viewer' });
    await updateUser(db, user.id, { role: 'editor' });
    expect(await authenticateApiToken(db, token)).toMatchObject({ role: 'editor' });
  });

  it('issues by user name and refuses unknown users, disabled users and long labels', async () => {
    await newUser('Amira Haddad', 'editor');
    expect(await issueApiTokenForUserName(db, 'amira haddad', 'cli')).toMatchObject({ userName: 'Amira Haddad', record: { label: 'cli' } });
    await expect(issueApiTokenForUserName(db, 'Nobody', undefined)).rejects.toBeInstanceOf(NotFoundError);
    await expect(issueApiTokenForUserName(db, 'Amira Haddad', 'x'.repeat(101))).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('npm run token:add', () => {
  const run = promisify(execFile);
  const dir = mkdtempSync(path.join(tmpdir(), 'isnad-token-cli-'));
  const env = { ...process.env, DATABASE_URL: path.join(dir, 'tokens.db'), LOG_LEVEL: 'silent', PASSWORD_HASH_COST: '10' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function tokenAdd(...args: string[]) {
    return run(process.execPath, ['--import', 'tsx', 'src/cli/token-add.ts', ...args], { env }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );
  }

  it('prints a working token once, and refuses unknown users and missing arguments', async () => {
    await run(process.execPath, ['--import', 'tsx', 'src/cli/user-add.ts', '--name', 'Hana Saleh', '--password', 'a long enough password', '--role', 'reviewer'], { env });
    const added = await tokenAdd('--user', 'Hana Saleh', '--label', 'fact-check bot');
    expect(added).toMatchObject({ code: 0, stderr: expect.stringContaining('not shown again') });
    const token = added.stdout.trim();
    expect(token).toMatch(/^isnad_[A-Za-z0-9_-]{43}$/);
    const db = connectDatabase(env.DATABASE_URL);
    try {
      expect(await authenticateApiToken(db, token)).toMatchObject({ name: 'Hana Saleh', role: 'reviewer' });
    } finally {
      await db.destroy();
    }
    expect(await tokenAdd('--user', 'Nobody')).toMatchObject({ code: 1, stderr: expect.stringContaining('No user named') });
    expect(await tokenAdd('--label', 'x')).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage') });
  });
});
