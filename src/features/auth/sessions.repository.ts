import type { Db } from '../../db/connect.ts';

export async function findSessionData(db: Db, sid: string, now: string): Promise<string | undefined> {
  const row = await db.selectFrom('session').select('data').where('sid', '=', sid).where('expires_at', '>', now).executeTakeFirst();
  return row?.data;
}

export async function upsertSession(db: Db, sid: string, data: string, expiresAt: string, userId: string | null): Promise<void> {
  await db
    .insertInto('session')
    .values({ sid, data, expires_at: expiresAt, user_id: userId })
    .onConflict((oc) => oc.column('sid').doUpdateSet({ data, expires_at: expiresAt, user_id: userId }))
    .execute();
}

export async function deleteSessionsOfUser(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('session').where('user_id', '=', userId).execute();
}

export async function deleteSession(db: Db, sid: string): Promise<void> {
  await db.deleteFrom('session').where('sid', '=', sid).execute();
}

export async function deleteExpiredSessions(db: Db, now: string): Promise<void> {
  await db.deleteFrom('session').where('expires_at', '<=', now).execute();
}

export async function findSetting(db: Db, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('app_setting').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** Keeps the first value written, so that concurrent starts agree. */
export async function insertSettingIfMissing(db: Db, key: string, value: string): Promise<void> {
  await db.insertInto('app_setting').values({ key, value }).onConflict((oc) => oc.column('key').doNothing()).execute();
}
