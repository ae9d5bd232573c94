import { randomBytes } from 'node:crypto';
import session from 'express-session';
import type { Db } from '../../db/connect.ts';
import { deleteExpiredSessions, deleteSession, findSessionData, findSetting, insertSettingIfMissing, upsertSession } from './sessions.repository.ts';

const DAY_MS = 24 * 3600 * 1000;

/**
 * express-session's store on the app's own database, so sessions survive restarts and work across instances.
 * It has no `touch`: express-session would call it on every request. A session's expiry moves only when the
 * session is saved, which renewSignedInSession (src/http/auth.ts) makes happen once in a while.
 */
export class DatabaseSessionStore extends session.Store {
  #lastPrune = 0;

  constructor(private readonly db: Db) {
    super();
  }

  override get(sid: string, callback: (error: unknown, session?: session.SessionData | null) => void): void {
    findSessionData(this.db, sid, new Date().toISOString()).then(
      (data) => callback(null, data ? (JSON.parse(data) as session.SessionData) : null),
      (error) => callback(error),
    );
  }

  override set(sid: string, data: session.SessionData, callback?: (error?: unknown) => void): void {
    upsertSession(this.db, sid, JSON.stringify(data), expiryOf(data), data.userId ?? null)
      .then(() => this.#pruneNowAndThen())
      .then(() => callback?.(), (error) => callback?.(error));
  }

  override destroy(sid: string, callback?: (error?: unknown) => void): void {
    deleteSession(this.db, sid).then(() => callback?.(), (error) => callback?.(error));
  }

  /** Expired rows are never read; deleting them at most hourly keeps the table small. */
  async #pruneNowAndThen(): Promise<void> {
    if (Date.now() - this.#lastPrune < 3600 * 1000) return;
    this.#lastPrune = Date.now();
    await deleteExpiredSessions(this.db, new Date().toISOString());
  }
}

function expiryOf(data: session.SessionData): string {
  const expires = data.cookie?.expires;
  return (expires ? new Date(expires) : new Date(Date.now() + DAY_MS)).toISOString();
}

/** The configured secret, or one generated on first start and kept, so restarts keep people signed in. */
export async function resolveSessionSecret(db: Db, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  await insertSettingIfMissing(db, 'session_secret', randomBytes(32).toString('base64url'));
  return (await findSetting(db, 'session_secret'))!;
}
