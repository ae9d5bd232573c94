import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Db } from '../db/connect.ts';
import { hasRole, type Role } from '../features/users/roles.ts';
import type { UserOption } from '../features/users/users.repository.ts';
import { findActiveUser, listAssignableUsers, type CurrentUser } from '../features/users/users.service.ts';
import { renderView, wantsFragment } from './render.ts';

declare module 'express-session' {
  interface SessionData {
    userId?: string;
    /** Where to return after signing in. */
    returnTo?: string;
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

/** Reads the user behind the session on every request, so a disabled account loses access at once. */
export function loadCurrentUser(db: Db): RequestHandler {
  return async (req, res, next) => {
    const userId = req.session?.userId;
    if (userId) {
      const user = await findActiveUser(db, userId);
      if (user) res.locals.user = user;
      else delete req.session.userId;
    }
    next();
  };
}

const PUBLIC_PATHS = ['/login', '/healthz'];
const PASSWORD_CHANGE_PATHS = ['/account/password', '/logout'];

/** Anonymous visitors go to the sign-in page; a one-time password must be replaced before anything else. */
export const requireSignIn: RequestHandler = (req, res, next) => {
  if (PUBLIC_PATHS.includes(req.path)) return next();
  const user = res.locals.user;
  if (!user) {
    // Only pages are worth returning to, not the favicon or a fragment the browser fetched on its own.
    if (req.method === 'GET' && !wantsFragment(req) && req.get('Sec-Fetch-Dest') !== 'image' && req.accepts(['html', 'json']) === 'html') {
      req.session.returnTo = req.originalUrl;
    }
    return redirect(req, res, '/login');
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

const ROLE_NEEDS: Record<Role, string> = {
  viewer: 'signed-in users',
  reviewer: 'reviewers, editors and admins',
  editor: 'editors and admins',
  admin: 'admins',
};

/** 403 with a message that says who may do this. */
export function requireRole(minimum: Role): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const user = res.locals.user;
    if (user && hasRole(user.role, minimum)) return next();
    const message = `This action is for ${ROLE_NEEDS[minimum]}; your role is ${user?.role ?? 'none'}.`;
    if (wantsFragment(req)) {
      renderView(req, res, { page: 'partials/flash', status: 403, data: { flash: { level: 'error', message } } });
      return;
    }
    renderView(req, res, { page: 'pages/error', status: 403, data: { title: 'Not allowed', problem: { status: 403, title: 'Not allowed', message } } });
  };
}

/** Rows and claim pages offer editors an assignment control; everyone else never needs the list. */
export function loadAssignees(db: Db): RequestHandler {
  return async (req, res, next) => {
    const user = res.locals.user;
    if (req.method === 'GET' || req.path.startsWith('/claims/')) {
      if (user && hasRole(user.role, 'editor')) res.locals.assignees = await listAssignableUsers(db);
    }
    next();
  };
}
