import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import session from 'express-session';
import type { Db } from '../../db/connect.ts';
import type { AppUserRow } from '../../db/schema.ts';
import type { CurrentUser } from '../../domain/roles.ts';
import { toCurrentUser } from '../users/users.service.ts';
import { deleteExpiredSessions, deleteSession, findSessionWithUser, findSetting, insertSettingIfMissing, upsertSession } from './sessions.repository.ts';

const DAY_MS = 24 * 3600 * 1000;

/** A symbol, so that express-session neither copies the user into the session nor saves it with it. */
const USER_READ_WITH_SESSION = Symbol('user read with the session');
type SessionDataWithUser = session.SessionData & { [USER_READ_WITH_SESSION]?: AppUserRow };

/**
 * express-session's store on the app's own database, so sessions survive restarts and work across instances.
 * It has no `touch`: express-session would call it on every request. A session's expiry moves only when the
 * session is saved, which renewSignedInSession (src/http/auth.ts) makes happen once in a while.
 */
export class DatabaseSessionStore extends session.Store {
  #lastPrune = 0;
  #usersReadWithSession = new WeakMap<Request, AppUserRow>();

  constructor(private readonly db: Db) {
    super();
  }

  /** Reads the session's user in the same statement, for activeUserReadWith. */
  override get(sid: string, callback: (error: unknown, session?: session.SessionData | null) => void): void {
    findSessionWithUser(this.db, sid, new Date().toISOString()).then(
      (stored) => {
        if (!stored) return callback(null, null);
        const data = JSON.parse(stored.data) as SessionDataWithUser;
        if (stored.user) data[USER_READ_WITH_SESSION] = stored.user;
        callback(null, data);
      },
      (error) => callback(error),
    );
  }

  override createSession(req: Request, data: session.SessionData): session.Session & session.SessionData {
    const user = (data as SessionDataWithUser)[USER_READ_WITH_SESSION];
    if (user) this.#usersReadWithSession.set(req, user);
    return super.createSession(req, data);
  }

  /**
   * The account read with this request's session, when it is the one asked for: `{ user }`, undefined in
   * it when the account is disabled (as findActiveUser answers). Undefined when it was not read, and the
   * caller looks it up itself.
   */
  activeUserReadWith(req: Request, userId: string): { user: CurrentUser | undefined } | undefined {
    const row = this.#usersReadWithSession.get(req);
    if (!row || row.id !== userId) return undefined;
    return { user: row.disabled ? undefined : toCurrentUser(row) };
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
