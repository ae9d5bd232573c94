import { PostgresAdapter } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { AppUserRow } from '../../db/schema.ts';
import type { UserOption } from '../../domain/roles.ts';

export async function findUserByNormalizedName(db: Db, normalizedName: string): Promise<AppUserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('normalized_name', '=', normalizedName).executeTakeFirst();
}

export async function findUserById(db: Db, id: string): Promise<AppUserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Db, user: AppUserRow): Promise<void> {
  await db.insertInto('app_user').values(user).execute();
}

export async function updateUser(db: Db, id: string, changes: Partial<Omit<AppUserRow, 'id'>>): Promise<void> {
  await db.updateTable('app_user').set(changes).where('id', '=', id).execute();
}

export async function listUsers(db: Db): Promise<AppUserRow[]> {
  return db.selectFrom('app_user').selectAll().orderBy('normalized_name').execute();
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('app_user').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * The active admins' ids, locked until the transaction ends: a concurrent change of an admin waits, then
 * sees the admins as they are after this one. SQLite has no row locks and needs none: the driver opens
 * every transaction with BEGIN IMMEDIATE, so write transactions already run one at a time.
 */
export async function lockActiveAdminIds(trx: Db): Promise<string[]> {
  const rows = await trx
    .selectFrom('app_user')
    .select('id')
    .where('role', '=', 'admin')
    .where('disabled', '=', 0)
    .$if(trx.getExecutor().adapter instanceof PostgresAdapter, (query) => query.forUpdate())
    .execute();
  return rows.map((row) => row.id);
}


export async function listActiveUsersWithRoles(db: Db, roles: readonly string[]): Promise<UserOption[]> {
  return db
    .selectFrom('app_user')
    .select(['id', 'name'])
    .where('disabled', '=', 0)
    .where('role', 'in', roles)
    .orderBy('normalized_name')
    .execute();
}
