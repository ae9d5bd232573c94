import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { hasRole, type CurrentUser, type Role, type UserOption } from '../domain/roles.ts';
import { msg, type Translator, type LocalizedText } from '../i18n/translate.ts';
import { renderView, wantsFragment } from './render.ts';

declare module 'express-session' {
  interface SessionData {
    userId?: string;
    /** When a signed-in session last had its expiry pushed back (ms since the epoch). */
    renewedAt?: number;
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      user?: CurrentUser;
      /** For those who may assign claims: who can be assigned. */
      assignees?: UserOption[];
      csrfToken?: string;
    }
  }
}

/**
 * Signs the user in under a new session id: at sign-in it defeats session fixation, after a password
 * change it replaces the session that was ended. The CSRF token is renewed with the session.
 */
export function startSession(req: Request, userId: string): Promise<void> {
  return new Promise((resolve, reject) =>
    req.session.regenerate((error) => {
      if (error) return reject(error);
      req.session.userId = userId;
      req.session.renewedAt = Date.now();
      resolve();
    }),
  );
}

/** Drops the request's session for good: express-session then saves nothing at the end of the response. */
export function dropSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.destroy((error) => (error ? reject(error) : resolve())));
}

/**
 * Reads the user behind the session on every request, so a disabled account loses access at once.
 * findActiveUser answers undefined for an unknown or disabled account.
 */
export function loadCurrentUser(findActiveUser: (req: Request, id: string) => Promise<CurrentUser | undefined>): RequestHandler {
  return async (req, res, next) => {
    const userId = req.session?.userId;
    if (userId) {
      const user = await findActiveUser(req, userId);
      if (user) res.locals.user = user;
      else delete req.session.userId;
    }
    next();
  };
}

/**
 * Pushes a signed-in session's expiry back (store and cookie), at most once per interval: an idle
 * timeout that costs one write per interval instead of one per request. Anonymous sessions never roll.
 */
export function renewSignedInSession(maxAgeMs: number): RequestHandler {
  // Never more than once a minute, however short the sessions: each renewal is a write.
  const intervalMs = Math.max(60_000, Math.min(maxAgeMs / 12, 15 * 60_000));
  return (req, res, next) => {
    if (!res.locals.user || Date.now() - (req.session.renewedAt ?? 0) < intervalMs) return next();
    req.session.renewedAt = Date.now();
    // Saved now, with its new expiry, rather than when the response ends: for an event stream that may be
    // hours away, or never if the connection drops.
    req.session.touch();
    req.session.save(next);
  };
}

/** Where the sign-in page sends someone who first asked for `path`. */
function signInPathFor(path: string | undefined): string {
  return path && path !== '/' ? `/login?returnTo=${encodeURIComponent(path)}` : '/login';
}

const PUBLIC_PATHS = ['/login', '/healthz'];
const PASSWORD_CHANGE_PATHS = ['/account/password', '/logout'];

/** Anonymous visitors go to the sign-in page; a one-time password must be replaced before anything else. */
export const requireSignIn: RequestHandler = (req, res, next) => {
  if (PUBLIC_PATHS.includes(req.path)) return next();
  const user = res.locals.user;
  if (!user) {
    // Only pages are worth returning to, not the favicon or a fragment the browser fetched on its own.
    // The page travels in the sign-in URL, not the session: anonymous requests store nothing.
    const isPage = req.method === 'GET' && !wantsFragment(req) && req.get('Sec-Fetch-Dest') !== 'image' && req.accepts(['html', 'json']) === 'html';
    return redirect(req, res, signInPathFor(isPage ? req.originalUrl : undefined));
  }
  if (user.mustChangePassword && !PASSWORD_CHANGE_PATHS.includes(req.path)) return redirect(req, res, '/account/password');
  next();
};

function redirect(req: Request, res: Response, location: string): void {
  if (req.get('HX-Request') === 'true') {
    // htmx would swap a redirect's target into the fragment; ask it to navigate instead.
    res.set('HX-Redirect', location).status(401).end();
    return;
  }
  res.redirect(req.method === 'GET' ? 302 : 303, location);
}

/** Why a user may not do what needs `minimum`: who may, and the user's own role (its code, as the API names it). */
export function roleRefusal(minimum: Role, user: CurrentUser | undefined): LocalizedText {
  return msg(`errors.forbidden.${minimum}`, { role: user?.role ?? 'none' });
}

/** The refusal in the reader's language, the role by its name in that language (in running text, so lower case). */
function pageRoleRefusal(res: Response, minimum: Role, user: CurrentUser | undefined): string {
  const t = res.locals.t as Translator['t'] | undefined;
  if (!t) return String(roleRefusal(minimum, user));
  const role = user ? t(`role.${user.role}`).toLocaleLowerCase(res.locals.lang as string) : t('errors.forbidden.noRole');
  return t(roleRefusal(minimum, user), { role });
}

/** 403 with a message that says who may do this. */
export function requireRole(minimum: Role): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const user = res.locals.user;
    if (user && hasRole(user.role, minimum)) return next();
    const message = pageRoleRefusal(res, minimum, user);
    if (wantsFragment(req)) {
      renderView(req, res, { page: 'partials/flash', status: 403, data: { flash: { level: 'error', message } } });
      return;
    }
    renderView(req, res, { page: 'pages/error', status: 403, data: { title: msg('errors.forbidden.title'), problem: { status: 403, title: msg('errors.forbidden.title'), message } } });
  };
}

/** Rows and claim pages offer editors an assignment control; everyone else never needs the list. */
export function loadAssignees(listAssignableUsers: () => Promise<UserOption[]>): RequestHandler {
  return async (req, res, next) => {
    const user = res.locals.user;
    if (req.method === 'GET' || req.path.startsWith('/claims/')) {
      if (user && hasRole(user.role, 'editor')) res.locals.assignees = await listAssignableUsers();
    }
    next();
  };
}
