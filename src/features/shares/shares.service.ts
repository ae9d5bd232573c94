import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import type { ReportShareRow } from '../../db/schema.ts';
import { GoneError, NotFoundError, ValidationError, type FieldErrors } from '../../errors.ts';
import { msg } from '../../i18n/translate.ts';
import { newId, nowIso } from '../../ids.ts';
import { findArticleById } from '../articles/articles.repository.ts';
import { findClaimById } from '../claims/claims.repository.ts';
import { isReportLanguage, type ReportLanguage } from '../reports/report-labels.ts';
import { findShareById, findShareByKeyHash, insertShare, listSharesForTarget, markShareRevoked, type ShareListRow } from './shares.repository.ts';

export const SHARE_TARGET_TYPES = ['claim', 'article'] as const;
export type ShareTargetType = (typeof SHARE_TARGET_TYPES)[number];

export interface ShareTarget {
  type: ShareTargetType;
  id: string;
}

export function isShareTargetType(value: unknown): value is ShareTargetType {
  return typeof value === 'string' && (SHARE_TARGET_TYPES as readonly string[]).includes(value);
}

/** 32 random bytes in base64url: 256 bits, 43 characters. */
export const SHARE_KEY_BYTES = 32;
const SHARE_KEY = /^[A-Za-z0-9_-]{43}$/;
/** The furthest an expiry may be set. */
export const MAX_SHARE_DAYS = 5 * 366;
const DAY_MS = 24 * 60 * 60 * 1000;

export function generateShareKey(): string {
  return randomBytes(SHARE_KEY_BYTES).toString('base64url');
}

/** Only this is stored: a leaked database does not open the links. */
export function hashShareKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export interface ShareInput {
  targetType: string;
  targetId: string;
  language: string;
  /** Last day the link works, YYYY-MM-DD (UTC); empty or omitted: no expiry. */
  expiresOn?: string | undefined;
  actorId: string;
}

export interface CreatedShare {
  share: ReportShareRow;
  /** The secret part of the link, shown once: only its hash is kept. */
  key: string;
}

export async function createShare(db: Db, input: ShareInput, now: Date = new Date()): Promise<CreatedShare> {
  const errors: FieldErrors = {};
  if (!isShareTargetType(input.targetType)) errors.targetType = msg('reports.shares.invalid.target');
  if (!isReportLanguage(input.language)) errors.language = msg('reports.shares.invalid.language');
  const expiresAt = expiryInstant(input.expiresOn, now, errors);
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  const target = { type: input.targetType as ShareTargetType, id: input.targetId };
  await assertTargetExists(db, target);
  const key = generateShareKey();
  const share: ReportShareRow = {
    id: newId(),
    key_hash: hashShareKey(key),
    target_type: target.type,
    target_id: target.id,
    language: input.language as ReportLanguage,
    created_by: input.actorId,
    created_at: now.toISOString(),
    expires_at: expiresAt,
    revoked_by: null,
    revoked_at: null,
  };
  await insertShare(db, share);
  return { share, key };
}

/** The link stops working at the end of its last day (UTC). */
function expiryInstant(expiresOn: string | undefined, now: Date, errors: FieldErrors): string | null {
  const value = expiresOn?.trim() ?? '';
  if (value === '') return null;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00.000Z`) : undefined;
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) {
    errors.expiresOn = msg('reports.shares.invalid.expiryFormat');
    return null;
  }
  const end = new Date(day.getTime() + DAY_MS);
  if (end.getTime() <= now.getTime()) {
    errors.expiresOn = msg('reports.shares.invalid.expiryPast');
    return null;
  }
  if (end.getTime() - now.getTime() > MAX_SHARE_DAYS * DAY_MS) {
    errors.expiresOn = msg('reports.shares.invalid.expiryTooFar');
    return null;
  }
  return end.toISOString();
}

async function assertTargetExists(db: Db, target: ShareTarget): Promise<void> {
  if (target.type === 'claim') {
    if (!(await findClaimById(db, target.id))) throw new NotFoundError('Claim', target.id);
  } else if (!(await findArticleById(db, target.id))) {
    throw new NotFoundError('Article', target.id);
  }
}

/**
 * The share behind a key from a URL. A key that is malformed or matches nothing is "not found"; a
 * revoked or expired one is "gone". Neither answer says which of the two cases it is, or what the link
 * pointed to. The lookup is by hash, so no comparison of secrets happens here.
 */
export async function resolveShare(db: Db, key: string, now: Date = new Date()): Promise<ReportShareRow> {
  const share = SHARE_KEY.test(key) ? await findShareByKeyHash(db, hashShareKey(key)) : undefined;
  if (!share) throw new NotFoundError('Shared report', '');
  if (share.revoked_at !== null || (share.expires_at !== null && share.expires_at <= now.toISOString())) throw new GoneError('This shared report');
  return share;
}

export type ShareState = 'active' | 'expired' | 'revoked';

export interface ShareListItem extends ShareListRow {
  state: ShareState;
}

export function shareState(share: Pick<ReportShareRow, 'revoked_at' | 'expires_at'>, now: Date = new Date()): ShareState {
  if (share.revoked_at !== null) return 'revoked';
  if (share.expires_at !== null && share.expires_at <= now.toISOString()) return 'expired';
  return 'active';
}

export async function listShares(db: Db, target: ShareTarget, now: Date = new Date()): Promise<ShareListItem[]> {
  const rows = await listSharesForTarget(db, target.type, target.id);
  return rows.map((row) => ({ ...row, state: shareState(row, now) }));
}

/** Revoking twice keeps the first revocation. */
export async function revokeShare(db: Db, shareId: string, actorId: string): Promise<ReportShareRow> {
  const share = await findShareById(db, shareId);
  if (!share) throw new NotFoundError('Share link', shareId);
  if (share.revoked_at === null) await markShareRevoked(db, share.id, actorId, nowIso());
  return (await findShareById(db, share.id))!;
}
