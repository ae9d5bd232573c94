import type { RequestHandler } from 'express';
import type { Db } from '../../db/connect.ts';
import { hasRole, type Role } from '../../domain/roles.ts';
import { roleRefusal } from '../../http/auth.ts';
import { authenticateApiToken } from './api-tokens.service.ts';
import { ApiRefusal, unauthorized } from './api-problems.ts';

const BEARER = /^Bearer +([^\s]+) *$/i;

/**
 * Only a bearer token authenticates the API: cookies are never read here (sessions are not even loaded
 * for /api), which is also why the API needs no CSRF token.
 */
export function authenticateBearer(db: Db): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('Authorization');
    if (!header) return next(unauthorized('Send an API token in the Authorization header: "Bearer isnad_…". Create one on your account page.', false));
    const token = BEARER.exec(header)?.[1];
    const user = token ? await authenticateApiToken(db, token) : undefined;
    if (!user) return next(unauthorized('The API token is unknown, revoked, or its account is disabled.', true));
    res.locals.user = user;
    next();
  };
}

export function requireApiRole(minimum: Role): RequestHandler {
  return (_req, res, next) => {
    const user = res.locals.user;
    if (user && hasRole(user.role, minimum)) return next();
    next(new ApiRefusal({ status: 403, detail: String(roleRefusal(minimum, user)) }));
  };
}
