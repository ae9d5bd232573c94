import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import type { ApiTokenRow } from '../../db/schema.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { msg } from '../../i18n/translate.ts';
import { newId, nowIso } from '../../ids.ts';
import { isRole, type CurrentUser } from '../../domain/roles.ts';
import { nameKey } from '../../text/name-key.ts';
import { findUserByNormalizedName } from '../users/users.repository.ts';
import { findLiveTokenOwner, insertApiToken, listApiTokensOf, revokeApiTokenOf, updateTokenLastUsed } from './api-tokens.repository.ts';

/** Recognisable in logs and by secret scanners; the rest is 32 random bytes. */
export const API_TOKEN_PREFIX = 'isnad_';
const TOKEN_SHAPE = /^isnad_[A-Za-z0-9_-]{43}$/;
export const MAX_TOKEN_LABEL_LENGTH = 100;
// last_used_at is for people reading the account page: a minute's precision spares a write per request.
const LAST_USED_PRECISION_MS = 60_000;

export type ApiTokenListing = Omit<ApiTokenRow, 'token_hash'>;

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface IssuedToken {
  /** Shown once; only its hash is stored. */
  token: string;
  record: ApiTokenListing;
}

export async function issueApiToken(db: Db, userId: string, label: string | undefined): Promise<IssuedToken> {
  const trimmed = label?.trim() || null;
  if (trimmed && trimmed.length > MAX_TOKEN_LABEL_LENGTH) throw new ValidationError({ label: msg('account.tokens.invalid.labelLength', { max: MAX_TOKEN_LABEL_LENGTH }) });
  const token = API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const record = { id: newId(), user_id: userId, label: trimmed, created_at: nowIso(), last_used_at: null, revoked_at: null };
  await insertApiToken(db, { ...record, token_hash: hashApiToken(token) });
  return { token, record };
}

/** For the command line, which names the user rather than knowing its id. */
export async function issueApiTokenForUserName(db: Db, userName: string, label: string | undefined): Promise<IssuedToken & { userName: string }> {
  const user = await findUserByNormalizedName(db, nameKey(userName));
  if (!user) throw new NotFoundError('User', userName);
  if (user.disabled) throw new ValidationError({ user: `${user.name} is disabled; enable the account before giving it a token.` });
  return { ...(await issueApiToken(db, user.id, label)), userName: user.name };
}

/** The user a bearer token acts for, or undefined for an unknown, revoked or malformed token or a disabled user. */
export async function authenticateApiToken(db: Db, token: string): Promise<CurrentUser | undefined> {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  const owner = await findLiveTokenOwner(db, hashApiToken(token));
  if (!owner || !isRole(owner.role)) return undefined;
  const now = Date.now();
  if (!owner.lastUsedAt || now - Date.parse(owner.lastUsedAt) >= LAST_USED_PRECISION_MS) {
    await updateTokenLastUsed(db, owner.tokenId, new Date(now).toISOString());
  }
  return { id: owner.userId, name: owner.name, role: owner.role, mustChangePassword: owner.mustChangePassword === 1 };
}

export async function listApiTokens(db: Db, userId: string): Promise<ApiTokenListing[]> {
  return listApiTokensOf(db, userId);
}

export async function revokeApiToken(db: Db, userId: string, tokenId: string): Promise<void> {
  if (!(await revokeApiTokenOf(db, userId, tokenId, nowIso()))) throw new NotFoundError('Token', tokenId);
}
