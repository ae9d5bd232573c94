import type { Db } from '../../db/connect.ts';
import type { AppUserRow } from '../../db/schema.ts';

export async function findSessionData(db: Db, sid: string, now: string): Promise<string | undefined> {
  const row = await db.selectFrom('session').select('data').where('sid', '=', sid).where('expires_at', '>', now).executeTakeFirst();
  return row?.data;
}

export interface StoredSession {
  data: string;
  /** The account the session row names (session.user_id), read in the same statement; undefined when none. */
  user: AppUserRow | undefined;
}

/** A session and its user in one statement: every signed-in request needs both. */
export async function findSessionWithUser(db: Db, sid: string, now: string): Promise<StoredSession | undefined> {
  const row = await db
    .selectFrom('session')
    .leftJoin('app_user', 'app_user.id', 'session.user_id')
    .selectAll('app_user')
    .select('session.data as session_data')
    .where('session.sid', '=', sid)
    .where('session.expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return undefined;
  const { session_data: data, ...user } = row;
  return { data, user: user.id === null ? undefined : (user as AppUserRow) };
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
