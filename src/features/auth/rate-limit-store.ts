import { createHash } from 'node:crypto';
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { Db } from '../../db/connect.ts';
import {
  decrementRateLimitCounter,
  deleteExpiredRateLimitCounters,
  deleteRateLimitCounter,
  findRateLimitCounter,
  incrementRateLimitCounter,
  type RateLimitCount,
} from './rate-limit.repository.ts';

const PRUNE_EVERY_MS = 3600 * 1000;

/**
 * express-rate-limit's store on the app's own database, so that every instance behind a load balancer
 * counts the same failures, and a restart forgets none. Each limiter needs its own prefix: the keys of
 * two limiters must not meet in the one table.
 */
export class DatabaseRateLimitStore implements Store {
  readonly localKeys = false;
  #windowMs = 60_000;
  #lastPrune = 0;

  constructor(
    private readonly db: Db,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.#windowMs = options.windowMs;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const count = await findRateLimitCounter(this.db, this.#hash(key), new Date().toISOString());
    return count && asInfo(count);
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const now = new Date();
    const count = await incrementRateLimitCounter(this.db, this.#hash(key), now.toISOString(), new Date(now.getTime() + this.#windowMs).toISOString());
    await this.#pruneNowAndThen(now);
    return asInfo(count);
  }

  async decrement(key: string): Promise<void> {
    await decrementRateLimitCounter(this.db, this.#hash(key), new Date().toISOString());
  }

  async resetKey(key: string): Promise<void> {
    await deleteRateLimitCounter(this.db, this.#hash(key));
  }

  #hash(key: string): string {
    return createHash('sha256').update(`${this.prefix}${key}`).digest('hex');
  }

  /** Ended windows are never read; deleting them at most hourly keeps the table small. */
  async #pruneNowAndThen(now: Date): Promise<void> {
    if (now.getTime() - this.#lastPrune < PRUNE_EVERY_MS) return;
    this.#lastPrune = now.getTime();
    await deleteExpiredRateLimitCounters(this.db, now.toISOString());
  }
}

function asInfo({ hits, resetAt }: RateLimitCount): ClientRateLimitInfo {
  return { totalHits: hits, resetTime: new Date(resetAt) };
}
