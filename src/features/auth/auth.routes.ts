import { Router, type Request, type Response } from 'express';
import { ipKeyGenerator, rateLimit, type Options } from 'express-rate-limit';
import type { AppDeps } from '../../app.ts';
import { BusyError, type UserMessage } from '../../errors.ts';
import { msg } from '../../i18n/translate.ts';
import { dropSession, startSession } from '../../http/auth.ts';
import { sameOriginPath } from '../../http/referer.ts';
import { renderView } from '../../http/render.ts';
import { csrfProtection, generateCsrfToken } from '../../http/security.ts';
import { nameKey } from '../../text/name-key.ts';
import { authenticate } from '../users/users.service.ts';
import { DatabaseRateLimitStore } from './rate-limit-store.ts';

const FAILED_SIGN_IN = msg('account.login.failed');
const TOO_MANY_FAILURES = msg('account.login.tooMany');
const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
/** Failures allowed per address and name in the window. */
export const SIGN_IN_ATTEMPTS = 5;
/** Failures allowed per address, whatever the names, in the window: trying many names is spraying. */
export const SIGN_IN_ATTEMPTS_PER_ADDRESS = 30;
/** An anonymous session exists only for the sign-in form's CSRF token; it need not outlive the form. */
const SIGN_IN_FORM_MAX_AGE_MS = 60 * 60 * 1000;

export function authRouter({ db, config }: AppDeps): Router {
  const router = Router();

  // Both count failures only, so that one attacker cannot lock a whole desk out.
  const failureLimit = (name: string, limit: number, keyGenerator: Options['keyGenerator']) =>
    rateLimit({
      // In the database, so that every instance counts the same failures.
      store: new DatabaseRateLimitStore(db, `sign-in:${name}:`),
      windowMs: SIGN_IN_WINDOW_MS,
      limit,
      skipSuccessfulRequests: true,
      // Refused because the server was busy is not a failed guess.
      requestWasSuccessful: (_req, res) => res.statusCode < 400 || res.statusCode === 503,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      keyGenerator,
      handler: (req, res) => renderSignIn(req, res, { status: 429, error: TOO_MANY_FAILURES, name: submitted(req, 'name') }),
    });
  const addressKey = (req: Request) => ipKeyGenerator(req.ip ?? '');
  const perAddress = failureLimit('address', SIGN_IN_ATTEMPTS_PER_ADDRESS, addressKey);
  const perAddressAndName = failureLimit('address-name', SIGN_IN_ATTEMPTS, (req) => `${addressKey(req)}|${nameKey(submitted(req, 'name'))}`);

  router.get('/login', (req, res) => {
    if (res.locals.user) return res.redirect(302, '/');
    renderSignIn(req, res, { status: 200 });
  });

  router.post('/login', csrfProtection, perAddress, perAddressAndName, async (req, res) => {
    const name = submitted(req, 'name');
    let user;
    try {
      user = await authenticate(db, name, submitted(req, 'password'), { cost: config.passwordHashCost });
    } catch (error) {
      if (!(error instanceof BusyError)) throw error;
      res.set('Retry-After', String(error.retryAfterSeconds));
      return renderSignIn(req, res, { status: 503, error: error.text, name });
    }
    if (!user) return renderSignIn(req, res, { status: 401, error: FAILED_SIGN_IN, name });
    await startSession(req, user.id);
    res.redirect(303, user.mustChangePassword ? '/account/password' : (sameOriginPath(submitted(req, 'returnTo')) ?? '/'));
  });

  router.post('/logout', async (req, res) => {
    await dropSession(req);
    res.clearCookie('isnad.sid');
    res.redirect(303, '/login');
  });

  return router;
}

function submitted(req: Request, field: string): string {
  const value = (req.body as Record<string, unknown> | undefined)?.[field];
  return typeof value === 'string' ? value : '';
}

function renderSignIn(req: Request, res: Response, view: { status: number; error?: UserMessage; name?: string }): void {
  // The form's token is the one thing an anonymous session holds; such a session expires within the hour.
  if (!req.session.userId) req.session.cookie.maxAge = Math.min(req.session.cookie.maxAge ?? Infinity, SIGN_IN_FORM_MAX_AGE_MS);
  const returnTo = sameOriginPath(req.method === 'GET' ? req.query.returnTo : submitted(req, 'returnTo'));
  renderView(req, res, {
    page: 'pages/login',
    status: view.status,
    data: { title: msg('account.login.title'), error: view.error, name: view.name ?? '', returnTo, csrfToken: generateCsrfToken(req) },
  });
}
