import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.ts';
import { ValidationError } from '../../src/errors.ts';
import { listUsers, updateUser } from '../../src/features/users/users.repository.ts';
import { changeUserRole, createUser, setUserDisabled, toCurrentUser } from '../../src/features/users/users.service.ts';
import { TEST_ENGINES, type TestDatabase } from '../support/database.ts';

const ROUNDS = 10;
/** These tests look at the admin rule only; ending sessions is tested over HTTP. */
const noSessions = { endSessionsOf: async () => {} };

describe.each(TEST_ENGINES)('the last admin on $engine', ({ open }) => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await open();
    db = database.db;
  });
  afterAll(() => database.drop());

  /** Two admins and no other active one. */
  async function twoAdmins(round: string) {
    const create = (name: string) => createUser(db, { name, role: 'admin', password: 'a long enough password' }, { cost: 10 }).then(({ user }) => user);
    return [await create(`First admin ${round}`), await create(`Second admin ${round}`)] as const;
  }

  async function activeAdmins() {
    return (await listUsers(db)).filter((user) => user.role === 'admin' && !user.disabled);
  }

  /** Runs both changes at the same moment: exactly one may win, and one active admin is left. */
  async function race(changes: Array<() => Promise<void>>): Promise<void> {
    const outcomes = await Promise.allSettled(changes.map((change) => change()));
    const refused = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(refused.map((outcome) => outcome.reason)).toEqual([expect.any(ValidationError)]);
    const left = await activeAdmins();
    expect(left).toHaveLength(1);
    // Bypasses the rule on purpose, so that the next round starts again from two admins.
    await updateUser(db, left[0]!.id, { role: 'viewer', updated_at: new Date().toISOString() });
  }

  it('keeps one when two admins demote each other at once', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const [first, second] = await twoAdmins(`demote ${round}`);
      await race([() => changeUserRole(db, first.id, 'viewer'), () => changeUserRole(db, second.id, 'viewer')]);
    }
  });

  it('keeps one when an admin is disabled while the other is demoted', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const [first, second] = await twoAdmins(`disable ${round}`);
      await race([() => setUserDisabled(db, toCurrentUser(second), first.id, true, noSessions), () => changeUserRole(db, second.id, 'editor')]);
    }
  });
});
