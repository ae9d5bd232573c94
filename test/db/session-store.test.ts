import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.ts';
import { findSessionWithUser, upsertSession } from '../../src/features/auth/sessions.repository.ts';
import { createUser } from '../../src/features/users/users.service.ts';
import { TEST_ENGINES, type TestDatabase } from '../support/database.ts';

const LATER = '2999-01-01T00:00:00.000Z';
const NOW = '2026-12-01T00:00:00.000Z';

describe.each(TEST_ENGINES)('sessions read with their user on $engine', ({ open }) => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await open();
    db = database.db;
  });
  afterAll(() => database.drop());

  it('answers the session data and the account it names', async () => {
    const { user } = await createUser(db, { name: 'Layla', role: 'reviewer', password: 'a long enough password' }, { cost: 4 });
    await upsertSession(db, 'signed-in', JSON.stringify({ userId: user.id }), LATER, user.id);
    const stored = await findSessionWithUser(db, 'signed-in', NOW);
    expect(JSON.parse(stored!.data)).toEqual({ userId: user.id });
    expect(stored!.user).toMatchObject({ id: user.id, name: 'Layla', role: 'reviewer' });
  });

  it('answers no user for an anonymous session, and nothing for an expired or unknown one', async () => {
    await upsertSession(db, 'anonymous', '{}', LATER, null);
    await upsertSession(db, 'expired', '{}', '2000-01-01T00:00:00.000Z', null);
    expect(await findSessionWithUser(db, 'anonymous', NOW)).toEqual({ data: '{}', user: undefined });
    expect(await findSessionWithUser(db, 'expired', NOW)).toBeUndefined();
    expect(await findSessionWithUser(db, 'unknown', NOW)).toBeUndefined();
  });
});
