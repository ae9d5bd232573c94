import type { Request, RequestHandler } from 'express';
import { csrfSync } from 'csrf-sync';
import helmet from 'helmet';
import { InputRejectedError } from '../errors.ts';
import { SAFE_METHODS } from './same-origin.ts';

/** No inline script or style anywhere: htmx's own indicator style is turned off in the layout. */
export const securityHeaders: RequestHandler = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  referrerPolicy: { policy: 'same-origin' },
  strictTransportSecurity: false,
});

const csrf = csrfSync({
  // 256 random bits, 64 hex characters: every form of every row carries one, and csrf-sync's default of
  // 1,024 bits made the tokens an eighth of a dashboard's bytes without making them any harder to guess.
  size: 32,
  // htmx sends the header (hx-headers on <body>); plain forms post a hidden _csrf field.
  getTokenFromRequest: (req: Request) => {
    const header = req.get('x-csrf-token');
    if (header) return header;
    const field = (req.body as Record<string, unknown> | undefined)?._csrf;
    return typeof field === 'string' ? field : undefined;
  },
});

export const csrfProtection = csrf.csrfSynchronisedProtection;
export const generateCsrfToken = csrf.generateToken;

export interface UploadRoute {
  method: string;
  path: string;
}

/**
 * Checks the session's token on every unsafe request. Multipart bodies are accepted only by the routes
 * that expect a file: any other route never parses them, so it would act on an empty body; it gets 415.
 * An upload's token is checked here when it comes as a header (before the body is read); when it comes
 * as a form field, the upload route checks it once it has parsed the body (csrfProtection after multer).
 */
export function csrfProtectionWithUploads(uploadRoutes: readonly UploadRoute[]): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (!req.is('multipart/*')) return csrfProtection(req, res, next);
    if (!uploadRoutes.some((route) => route.method === req.method && route.path === req.path)) {
      return next(new InputRejectedError(415, 'This address takes no file upload: send the form as a plain form.'));
    }
    if (req.get('x-csrf-token')) return csrfProtection(req, res, next);
    next();
  };
}

/**
 * Gives signed-in pages the session's token. Generating a token stores it in the session, so anonymous
 * requests get none and leave no session behind; the sign-in form asks for its own.
 */
export const exposeCsrfToken: RequestHandler = (req, res, next) => {
  if (res.locals.user) res.locals.csrfToken = generateCsrfToken(req);
  next();
};

/** What `OPTIONS *` reports: the methods some route of the server answers. */
const SERVER_METHODS = 'GET, HEAD, POST, OPTIONS';

/**
 * Request targets that are neither a path nor an absolute URL: `OPTIONS *` asks about the server as a
 * whole (RFC 9110, section 9.3.7) and gets 204 with Allow; any other use of such a target is a bad request.
 * Handled before anything that expects a path (sessions, routing), which would otherwise fail on it.
 */
export const answerAsteriskForm: RequestHandler = (req, res, next) => {
  if (req.url.startsWith('/') || /^https?:\/\//i.test(req.url)) return next();
  if (req.method === 'OPTIONS' && req.url === '*') {
    res.set('Allow', SERVER_METHODS).status(204).end();
    return;
  }
  res.status(400).type('text').send('The request target must be a path.');
};
