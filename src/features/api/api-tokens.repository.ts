import type { Db } from '../../db/connect.ts';
import type { ApiTokenRow } from '../../db/schema.ts';

export async function insertApiToken(db: Db, token: ApiTokenRow): Promise<void> {
  await db.insertInto('api_token').values(token).execute();
}

export interface ApiTokenOwner {
  tokenId: string;
  lastUsedAt: string | null;
  userId: string;
  name: string;
  role: string;
  mustChangePassword: number;
}

/** The owner of a live token: not revoked, and its user not disabled. */
export async function findLiveTokenOwner(db: Db, tokenHash: string): Promise<ApiTokenOwner | undefined> {
  return db
    .selectFrom('api_token')
    .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
    .select([
      'api_token.id as tokenId',
      'api_token.last_used_at as lastUsedAt',
      'app_user.id as userId',
      'app_user.name as name',
      'app_user.role as role',
      'app_user.must_change_password as mustChangePassword',
    ])
    .where('api_token.token_hash', '=', tokenHash)
    .where('api_token.revoked_at', 'is', null)
    .where('app_user.disabled', '=', 0)
    .executeTakeFirst();
}

export async function updateTokenLastUsed(db: Db, tokenId: string, at: string): Promise<void> {
  await db.updateTable('api_token').set({ last_used_at: at }).where('id', '=', tokenId).execute();
}

/** A user's tokens, newest first; the hashes stay in the database. */
export async function listApiTokensOf(db: Db, userId: string): Promise<Array<Omit<ApiTokenRow, 'token_hash'>>> {
  return db
    .selectFrom('api_token')
    .select(['id', 'user_id', 'label', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Revokes one of the user's own live tokens; false when there is no such token (or it was revoked already). */
export async function revokeApiTokenOf(db: Db, userId: string, tokenId: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('api_token')
    .set({ revoked_at: at })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
