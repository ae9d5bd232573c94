import { Router, type Request, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { AppDeps } from '../../app.ts';
import { renderView } from '../../http/render.ts';
import { csrfProtection, generateCsrfToken } from '../../http/security.ts';
import { nameKey } from '../../text/name-key.ts';
import { authenticate } from '../users/users.service.ts';

const FAILED_SIGN_IN = 'That name and password do not match an active account.';
export const SIGN_IN_ATTEMPTS = 5;

export function authRouter({ db, config }: AppDeps): Router {
  const router = Router();

  // Counts failures only, per address and name, so one attacker cannot lock a whole desk out.
  const signInLimiter = rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: SIGN_IN_ATTEMPTS,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? '')}|${nameKey(String(req.body?.name ?? ''))}`,
    handler: (req, res) => renderSignIn(req, res, 429, 'Too many failed sign-ins. Wait a quarter of an hour and try again.'),
  });

  router.get('/login', (req, res) => {
    if (res.locals.user) return res.redirect(302, '/');
    renderSignIn(req, res, 200);
  });

  router.post('/login', csrfProtection, signInLimiter, async (req, res) => {
    const name = typeof req.body?.name === 'string' ? req.body.name : '';
    const password = typeof req.body?.password === 'string' ? req.body.password : '';
    const user = await authenticate(db, name, password, { cost: config.passwordHashCost });
    if (!user) return renderSignIn(req, res, 401, FAILED_SIGN_IN, name);
    const returnTo = req.session.returnTo;
    // A new session id at sign-in defeats session fixation; the CSRF token is renewed with it.
    await new Promise<void>((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
    req.session.userId = user.id;
    res.redirect(303, user.mustChangePassword ? '/account/password' : safeReturnPath(returnTo));
  });

  router.post('/logout', (req, res) => {
    req.session.destroy(() => {
      res.clearCookie('isnad.sid');
      res.redirect(303, '/login');
    });
  });

  return router;
}

function renderSignIn(req: Request, res: Response, status: number, error?: string, name = ''): void {
  renderView(req, res, { page: 'pages/login', status, data: { title: 'Sign in', error, name, csrfToken: generateCsrfToken(req) } });
}

function safeReturnPath(path: string | undefined): string {
  return path && path.startsWith('/') && !path.startsWith('//') ? path : '/';
}
