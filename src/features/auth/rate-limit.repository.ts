import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

export interface RateLimitCount {
  hits: number;
  resetAt: string;
}

/**
 * Counts one hit in one statement, so that instances hitting the same key at once never lose a count:
 * a window that has ended starts over at 1 (both assignments read the row as it was).
 */
export async function incrementRateLimitCounter(db: Db, keyHash: string, now: string, newResetAt: string): Promise<RateLimitCount> {
  const expired = sql<boolean>`rate_limit_counter.reset_at <= ${now}`;
  const row = await db
    .insertInto('rate_limit_counter')
    .values({ key_hash: keyHash, hits: 1, reset_at: newResetAt })
    .onConflict((oc) =>
      oc.column('key_hash').doUpdateSet({
        hits: sql<number>`case when ${expired} then 1 else rate_limit_counter.hits + 1 end`,
        reset_at: sql<string>`case when ${expired} then ${newResetAt} else rate_limit_counter.reset_at end`,
      }),
    )
    .returning(['hits', 'reset_at'])
    .executeTakeFirstOrThrow();
  return { hits: Number(row.hits), resetAt: row.reset_at };
}

export async function decrementRateLimitCounter(db: Db, keyHash: string, now: string): Promise<void> {
  await db
    .updateTable('rate_limit_counter')
    .set({ hits: sql<number>`hits - 1` })
    .where('key_hash', '=', keyHash)
    .where('hits', '>', 0)
    .where('reset_at', '>', now)
    .execute();
}

export async function findRateLimitCounter(db: Db, keyHash: string, now: string): Promise<RateLimitCount | undefined> {
  const row = await db.selectFrom('rate_limit_counter').select(['hits', 'reset_at']).where('key_hash', '=', keyHash).where('reset_at', '>', now).executeTakeFirst();
  return row && { hits: Number(row.hits), resetAt: row.reset_at };
}

export async function deleteRateLimitCounter(db: Db, keyHash: string): Promise<void> {
  await db.deleteFrom('rate_limit_counter').where('key_hash', '=', keyHash).execute();
}

export async function deleteExpiredRateLimitCounters(db: Db, now: string): Promise<void> {
  await db.deleteFrom('rate_limit_counter').where('reset_at', '<=', now).execute();
}
