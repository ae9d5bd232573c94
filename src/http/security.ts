import type { Request, RequestHandler } from 'express';
import { csrfSync } from 'csrf-sync';
import helmet from 'helmet';

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

/** Multipart bodies are read by the upload route itself, which checks the token after parsing. */
export const csrfProtectionUnlessMultipart: RequestHandler = (req, res, next) => {
  if (req.is('multipart/form-data')) return next();
  csrfProtection(req, res, next);
};

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
