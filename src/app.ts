import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express, type Request, type RequestHandler, type Response } from 'express';
import compression from 'compression';
import session from 'express-session';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Db } from './db/connect.ts';
import { articlesRouter } from './features/articles/articles.routes.ts';
import { claimsRouter } from './features/claims/claims.routes.ts';
import { searchRouter } from './features/search/search.routes.ts';
import { chartsRouter } from './features/charts/charts.routes.ts';
import { claimEditsRouter } from './features/corrections/claim-edits.routes.ts';
import { notesRouter } from './features/notes/notes.routes.ts';
import { outletsRouter } from './features/outlets/outlets.routes.ts';
import { speakersRouter } from './features/speakers/speakers.routes.ts';
import { errorHandler, notFoundHandler } from './http/error-handler.ts';
import { negotiateLanguage, preferAccountLanguage } from './http/language.ts';
import { languageRouter } from './features/users/language.routes.ts';
import { createRenderer, templateReloadRequested } from './http/render.ts';
import { loadAssignees, loadCurrentUser, renewSignedInSession, requireSignIn } from './http/auth.ts';
import { answerAsteriskForm, csrfProtectionWithUploads, exposeCsrfToken, securityHeaders } from './http/security.ts';
import { authRouter } from './features/auth/auth.routes.ts';
import { DatabaseSessionStore } from './features/auth/session-store.ts';
import { usersRouter } from './features/users/users.routes.ts';
import { findActiveUser, listAssignableUsers } from './features/users/users.service.ts';
import { reviewRouter } from './features/review/review.routes.ts';
import { clusterDeskRouter } from './features/clusters/cluster-desk.routes.ts';
import { quoteDriftRouter } from './features/clusters/quote-drift.routes.ts';
import { MAX_BULK_CLAIMS } from './features/review/review.service.ts';
import type { ClaimNotifier } from './features/live/claim-notifier.ts';
import { liveRouter } from './features/live/live.routes.ts';
import { createLiveStreams } from './features/live/live-streams.ts';
import { createSessionEnder } from './features/auth/user-sessions.ts';
import { rejectCrossSiteWrites } from './http/same-origin.ts';
import { refuseNulCharacters } from './http/nul-characters.ts';
import { reportsRouter } from './features/reports/reports.routes.ts';
import { publicSharesRouter, sharesRouter } from './features/shares/shares.routes.ts';
import { apiRouter } from './features/api/api.routes.ts';
import { accountTokensRouter } from './features/api/account-tokens.routes.ts';
import { loadScaleForViews, ratingStylesheet, ratingsRouter } from './features/ratings/ratings.routes.ts';

export interface AppDeps {
  db: Db;
  config: Config;
  logger: Logger;
  /** Tells open dashboards which claims changed. */
  notifier: ClaimNotifier;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HTMX_DIST = path.join(ROOT, 'node_modules', 'htmx.org', 'dist');
// The Arabic text face, served from its package: the CSP allows fonts from this origin only.
const ARABIC_FONT_FILES = path.join(ROOT, 'node_modules', '@fontsource', 'noto-naskh-arabic', 'files');

function missingSecret(): never {
  throw new Error('createApp needs config.sessionSecret: resolve it with resolveSessionSecret() first');
}

/** Event streams stay uncompressed: a compressor would hold each event back until its buffer filled. */
function compressibleResponse(req: Request, res: Response): boolean {
  if (req.path === '/events' || String(res.getHeader('Content-Type') ?? '').startsWith('text/event-stream')) return false;
  return compression.filter(req, res);
}

/** One line per request, with its id; a silent logger (LOG_LEVEL=silent) gets no per-request child logger to write nothing with. */
function requestLogging(logger: Logger): RequestHandler {
  if (!logger.isLevelEnabled('fatal')) {
    return (req, res, next) => {
      req.log = res.log = logger;
      next();
    };
  }
  return pinoHttp({
    logger,
    genReqId: (req) => (typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'] : randomUUID()),
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    autoLogging: { ignore: (req) => req.url?.startsWith('/static/') ?? false },
  });
}

/** Reports are written in the language their link asks for (?lang=), whatever the reader's interface is in. */
const REPORT_LANGUAGE_PATHS = /^\/(?:claims|articles)\/[^/]+\/(?:report(?:\.md)?|claimreview\.jsonld|summary|publication)$|^\/shares(?:\/[^/]+\/revoke)?$/;

export function createApp(deps: AppDeps): Express {
  const app = express();
  const liveStreams = createLiveStreams();
  app.disable('x-powered-by');
  // X-Forwarded-For decides the client address rate limits count by: believed only from configured proxies.
  app.set('trust proxy', deps.config.trustProxy);
  app.locals.defaultLanguage = deps.config.defaultLanguage;
  app.locals.renderer = createRenderer(path.join(ROOT, 'views'), { reload: templateReloadRequested() });

  app.use(requestLogging(deps.logger));
  app.use(compression({ threshold: '4kb', filter: compressibleResponse }));
  app.use(answerAsteriskForm);
  app.use(securityHeaders);
  app.use('/static', express.static(path.join(ROOT, 'public'), { maxAge: '1h' }));
  app.use('/static/htmx', express.static(HTMX_DIST, { maxAge: '1d', immutable: true }));
  app.use('/static/fonts/noto-naskh-arabic', express.static(ARABIC_FONT_FILES, { maxAge: '1d', immutable: true }));
  app.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  // The badges' colours of the desk's rating scale, for desk and shared pages alike.
  app.get('/ratings.css', ratingStylesheet(deps));
  // Shared reports (/r/KEY): no account, no session, no cookie.
  app.use(['/r', '/fact-checks'], refuseNulCharacters);
  app.use(publicSharesRouter(deps));
  // The JSON API authenticates by bearer token only: it comes before sessions (a cookie never signs in
  // to it) and CSRF (no ambient credential to forge), with its own body limit and problem+json errors.
  app.use('/api', apiRouter(deps));

  app.use(negotiateLanguage({ defaultLanguage: deps.config.defaultLanguage, secureCookies: deps.config.cookieSecure, ownLanguageParameter: REPORT_LANGUAGE_PATHS }));
  app.use(rejectCrossSiteWrites);
  // A full bulk selection is one field per claim; twice the limit leaves room for the form's other fields
  // and lets an oversize selection reach the service, which refuses it in words rather than with a bare 413.
  app.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 2 * MAX_BULK_CLAIMS }));
  app.use(refuseNulCharacters);
  const sessionStore = new DatabaseSessionStore(deps.db);
  app.use(
    session({
      name: 'isnad.sid',
      secret: deps.config.sessionSecret ?? missingSecret(),
      store: sessionStore,
      resave: false,
      saveUninitialized: false,
      // Not rolling: only signed-in sessions are renewed (renewSignedInSession), and not on every request.
      rolling: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure: deps.config.cookieSecure, maxAge: deps.config.sessionMaxAgeMs },
    }),
  );
  // The session's read brings its user along; a session that names no user, or another one, asks again.
  app.use(loadCurrentUser(async (req, id) => (sessionStore.activeUserReadWith(req, id) ?? { user: await findActiveUser(deps.db, id) }).user));
  app.use(preferAccountLanguage);
  app.use(renewSignedInSession(deps.config.sessionMaxAgeMs));
  app.use(csrfProtectionWithUploads([{ method: 'POST', path: '/articles/new' }]));
  app.use(exposeCsrfToken);
  app.use(loadScaleForViews(deps));

  app.use(authRouter(deps));
  app.use(requireSignIn);
  app.use(liveRouter({ notifier: deps.notifier, streams: liveStreams }));
  app.use(loadAssignees(() => listAssignableUsers(deps.db)));
  app.use(usersRouter(deps, createSessionEnder(deps.db, (userId) => liveStreams.endStreamsOf(userId))));
  app.use(ratingsRouter(deps));
  app.use(accountTokensRouter(deps));
  app.use(languageRouter(deps));
  app.use(claimsRouter(deps));
  app.use(searchRouter(deps));
  app.use(chartsRouter(deps));
  app.use(claimEditsRouter(deps));
  app.use(reviewRouter(deps));
  app.use(clusterDeskRouter(deps));
  app.use(quoteDriftRouter(deps));
  app.use(notesRouter(deps));
  app.use(articlesRouter(deps));
  app.use(speakersRouter(deps));
  app.use(outletsRouter(deps));
  app.use(reportsRouter(deps));
  app.use(sharesRouter(deps));

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
