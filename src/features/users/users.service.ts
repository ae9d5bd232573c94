import type { UiLanguage } from '../../i18n/languages.ts';
import type { Db } from '../../db/connect.ts';
import type { AppUserRow } from '../../db/schema.ts';
import { NotFoundError, ValidationError, type FieldErrors } from '../../errors.ts';
import { msg } from '../../i18n/translate.ts';
import { newId, nowIso } from '../../ids.ts';
import { nameKey } from '../../text/name-key.ts';
import { generatePassword, hashPassword, verifyPassword } from './passwords.ts';
import { ROLES, hasRole, isRole, type CurrentUser, type UserOption } from '../../domain/roles.ts';

import {
  countUsers,
  findUserById,
  findUserByNormalizedName,
  insertUser,
  listActiveUsersWithRoles,
  listUsers,
  lockActiveAdminIds,
  updateUser,
} from './users.repository.ts';

export const MIN_PASSWORD_LENGTH = 10;
const MAX_NAME_LENGTH = 80;

/** Ends every session of a user, and whatever those sessions hold open (event streams). */
export interface SessionEnder {
  endSessionsOf(userId: string): Promise<void>;
}

export interface HashingOptions {
  /** log2 of scrypt's N. */
  cost: number;
}

export function toCurrentUser(user: AppUserRow): CurrentUser {
  return { id: user.id, name: user.name, role: isRole(user.role) ? user.role : 'viewer', mustChangePassword: user.must_change_password === 1, language: user.language };
}

export interface NewUserInput {
  name: string;
  role: string;
  /** Omitted: a one-time password is generated and must be changed at first sign-in. */
  password?: string | undefined;
}

export async function createUser(db: Db, input: NewUserInput, hashing: HashingOptions): Promise<{ user: AppUserRow; oneTimePassword?: string }> {
  const name = input.name.replace(/\s+/g, ' ').trim();
  const errors: FieldErrors = {};
  if (!name) errors.name = msg('account.users.invalid.name');
  else if (name.length > MAX_NAME_LENGTH) errors.name = msg('account.users.invalid.nameLength', { max: MAX_NAME_LENGTH });
  else if (await findUserByNormalizedName(db, nameKey(name))) errors.name = msg('account.users.invalid.taken', { name });
  if (!isRole(input.role)) errors.role = msg('account.users.invalid.role', { roles: ROLES.join(', ') });
  if (input.password !== undefined && input.password.length < MIN_PASSWORD_LENGTH) errors.password = msg('account.password.invalid.length', { min: MIN_PASSWORD_LENGTH });
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);

  const oneTimePassword = input.password === undefined ? generatePassword() : undefined;
  const at = nowIso();
  const user: AppUserRow = {
    id: newId(),
    name,
    normalized_name: nameKey(name),
    password_hash: await hashPassword(input.password ?? oneTimePassword!, hashing.cost),
    role: input.role,
    must_change_password: oneTimePassword ? 1 : 0,
    disabled: 0,
    language: null,
    created_at: at,
    updated_at: at,
  };
  await insertUser(db, user);
  return oneTimePassword ? { user, oneTimePassword } : { user };
}

// Checked when the name is unknown, so a wrong name takes as long as a wrong password.
let decoyHash: Promise<string> | undefined;

/** The user, or undefined: the caller must not say whether the name or the password was wrong. */
export async function authenticate(db: Db, name: string, password: string, hashing: HashingOptions): Promise<CurrentUser | undefined> {
  const user = await findUserByNormalizedName(db, nameKey(name));
  if (!user || user.disabled) {
    decoyHash ??= hashPassword(generatePassword(), hashing.cost);
    await verifyPassword(password, await decoyHash);
    return undefined;
  }
  return (await verifyPassword(password, user.password_hash)) ? toCurrentUser(user) : undefined;
}

export async function findActiveUser(db: Db, id: string): Promise<CurrentUser | undefined> {
  const user = await findUserById(db, id);
  return user && !user.disabled ? toCurrentUser(user) : undefined;
}

export async function listAllUsers(db: Db): Promise<AppUserRow[]> {
  return listUsers(db);
}

async function existingUser(db: Db, id: string): Promise<AppUserRow> {
  const user = await findUserById(db, id);
  if (!user) throw new NotFoundError('User', id);
  return user;
}

type AdminChange = { role: string } | { disabled: boolean };

/**
 * Applies a change to a user's role or access, refusing it if it would leave no active admin. The check and
 * the write share one transaction with the active admins locked, so two admins demoting each other at
 * the same moment cannot both succeed.
 */
async function changeKeepingAnAdmin(db: Db, id: string, change: AdminChange): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const activeAdmins = await lockActiveAdminIds(trx);
    const user = await existingUser(trx, id);
    const losesAdmin = activeAdmins.includes(user.id) && ('role' in change ? change.role !== 'admin' : change.disabled);
    if (losesAdmin && activeAdmins.length <= 1) {
      throw new ValidationError({ role: msg('account.users.invalid.lastAdmin') });
    }
    const columns = 'role' in change ? { role: change.role } : { disabled: change.disabled ? 1 : 0 };
    await updateUser(trx, id, { ...columns, updated_at: nowIso() });
  });
}

export async function changeUserRole(db: Db, id: string, role: string): Promise<void> {
  if (!isRole(role)) throw new ValidationError({ role: msg('account.users.invalid.role', { roles: ROLES.join(', ') }) });
  await changeKeepingAnAdmin(db, id, { role });
}

/** A disabled account is signed out everywhere at once. */
export async function setUserDisabled(db: Db, actor: CurrentUser, id: string, disabled: boolean, sessions: SessionEnder): Promise<void> {
  if (actor.id === id && disabled) throw new ValidationError({ disabled: msg('account.users.invalid.disableSelf') });
  await changeKeepingAnAdmin(db, id, { disabled });
  if (disabled) await sessions.endSessionsOf(id);
}

/** Whoever knew the old password is signed out: every session of the user ends. */
export async function resetUserPassword(db: Db, id: string, hashing: HashingOptions, sessions: SessionEnder): Promise<string> {
  await existingUser(db, id);
  const oneTimePassword = generatePassword();
  await updateUser(db, id, {
    password_hash: await hashPassword(oneTimePassword, hashing.cost),
    must_change_password: 1,
    updated_at: nowIso(),
  });
  await sessions.endSessionsOf(id);
  return oneTimePassword;
}

/** Ends every session of the user, the current one included: the caller starts a new one for the user. */
export async function changeOwnPassword(
  db: Db,
  userId: string,
  input: { current: string; next: string; confirm: string },
  hashing: HashingOptions,
  sessions: SessionEnder,
): Promise<void> {
  const user = await existingUser(db, userId);
  const errors: FieldErrors = {};
  if (!(await verifyPassword(input.current, user.password_hash))) errors.current = msg('account.password.invalid.current');
  if (input.next.length < MIN_PASSWORD_LENGTH) errors.next = msg('account.password.invalid.length', { min: MIN_PASSWORD_LENGTH });
  else if (input.next === input.current) errors.next = msg('account.password.invalid.same');
  if (input.next !== input.confirm) errors.confirm = msg('account.password.invalid.confirm');
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  await updateUser(db, userId, {
    password_hash: await hashPassword(input.next, hashing.cost),
    must_change_password: 0,
    updated_at: nowIso(),
  });
  await sessions.endSessionsOf(userId);
}

/** A fresh installation gets one admin with a one-time password, printed once by the caller. */
export async function ensureInitialAdmin(db: Db, hashing: HashingOptions): Promise<{ name: string; password: string } | undefined> {
  if ((await countUsers(db)) > 0) return undefined;
  const { user, oneTimePassword } = await createUser(db, { name: 'admin', role: 'admin' }, hashing);
  return { name: user.name, password: oneTimePassword! };
}

/** Who can be given claims to review. */
export async function listAssignableUsers(db: Db): Promise<UserOption[]> {
  return listActiveUsersWithRoles(db, ROLES.filter((role) => hasRole(role, 'reviewer')));
}

export async function isAssignableUser(db: Db, id: string): Promise<boolean> {
  const user = await findUserById(db, id);
  return Boolean(user && !user.disabled && hasRole(user.role, 'reviewer'));
}

/** Every user's name by id, for audit rows that record ids. */
export async function userNamesById(db: Db): Promise<Map<string, string>> {
  return new Map((await listUsers(db)).map((user) => [user.id, user.name]));
}

/** The interface language a user chose; it does not change what they may do, so it is not audited. */
export async function setUserLanguage(db: Db, userId: string, language: UiLanguage): Promise<void> {
  await updateUser(db, userId, { language });
}
