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

/** Makes the session's token available to every template. */
export const exposeCsrfToken: RequestHandler = (req, res, next) => {
  res.locals.csrfToken = generateCsrfToken(req);
  next();
};
