import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { BusyError } from '../../errors.ts';
import { msg } from '../../i18n/translate.ts';

const KEY_LENGTH = 64;
// OWASP's scrypt recommendation is N=2^17, r=8, p=1 (128 MiB); maxmem must allow it.
export const DEFAULT_COST = 17;

/**
 * At most `concurrency` tasks run at once; up to `maxWaiting` more wait their turn, and any beyond that
 * are refused at once with a BusyError rather than piling up.
 */
export class Semaphore {
  #active = 0;
  #peakActive = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(readonly concurrency: number, readonly maxWaiting: number, readonly retryAfterSeconds = 2) {}

  /** The most tasks ever seen running together. */
  get peakActive(): number {
    return this.#peakActive;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#active >= this.concurrency) {
      if (this.#waiting.length >= this.maxWaiting) throw new BusyError(this.retryAfterSeconds, msg('account.login.busy'));
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#active += 1;
    }
    this.#peakActive = Math.max(this.#peakActive, this.#active);
    try {
      return await task();
    } finally {
      // A waiting task inherits the slot, so #active stays as it is.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#active -= 1;
    }
  }
}

// Each check holds 128 MiB at the default cost: a few at a time keep a burst of sign-ins within memory.
// Memory is per process, so the limit is too: with several instances each checks its own few at a time.
export const passwordChecks = new Semaphore(2, 16);

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return passwordChecks.run(
    () =>
      new Promise((resolve, reject) => {
        scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...options, maxmem: 256 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key)));
      }),
  );
}

/** A self-describing hash, so the cost can be raised later without breaking stored hashes. */
export async function hashPassword(password: string, cost: number = DEFAULT_COST): Promise<string> {
  const parameters = { N: 2 ** cost, r: 8, p: 1 };
  const salt = randomBytes(16);
  const key = await derive(password, salt, parameters);
  return ['scrypt', parameters.N, parameters.r, parameters.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Easy to read out and type: no 0/O or 1/l. */
export function generatePassword(length = 16): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}
