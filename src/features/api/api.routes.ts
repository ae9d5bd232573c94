import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app.ts';
import { ConflictError } from '../../errors.ts';
import { authenticateBearer, requireApiRole } from './api-auth.ts';
import { jsonBody } from './api-body.ts';
import { apiErrorHandler, apiNotFound, sendProblem } from './api-problems.ts';
import { parseArticleDeletionQuery, parseArticlePatch, parseClaimPatch, parseClaimsQuery, parseDirectoryQuery, parseListQuery, parseNewArticle } from './api.schema.ts';
import {
  addArticle,
  changeArticle,
  changeClaim,
  getArticleWithClaims,
  getClaimDetail,
  getOutletDetail,
  getSpeakerDetail,
  listArticlePage,
  listClaimsPage,
  listOutletsPage,
  listSpeakersPage,
  reextract,
  removeArticle,
} from './api.service.ts';
import { buildOpenApiDocument } from './openapi.ts';

// An article's text may reach three times its size in JSON (\u escapes of non-ASCII letters); the
// ingestion itself then refuses a text over the article limit in words.
const jsonLimitFor = (maxArticleBytes: number) => 3 * maxArticleBytes + 64 * 1024;

/**
 * The JSON API, mounted at /api before sessions, CSRF and the HTML error pages: bearer tokens only,
 * problem+json for every refusal, its own body limit.
 */
export function apiRouter(deps: AppDeps): Router {
  const api = Router();
  api.use('/v1', apiV1Router(deps));
  api.use(apiNotFound);
  api.use(apiErrorHandler);
  return api;
}

function apiV1Router(deps: AppDeps): Router {
  const { db, config } = deps;
  const router = Router();
  const document = buildOpenApiDocument();

  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });

  router.use(authenticateBearer(db));
  router.use(jsonBody(jsonLimitFor(config.maxArticleBytes)));

  router.get('/articles', requireApiRole('viewer'), async (req, res) => {
    res.json(await listArticlePage(db, parseListQuery(req.query)));
  });

  router.post('/articles', requireApiRole('editor'), async (req, res) => {
    const body = parseNewArticle(req.body);
    const { created, article } = await addArticle(db, body, { maxBytes: config.maxArticleBytes, maxClaims: config.maxClaimsPerArticle });
    res.status(created ? 201 : 200).location(`${req.baseUrl}/articles/${article.id}`).json(article);
  });

  router.get<{ id: string }>('/articles/:id', requireApiRole('viewer'), async (req, res) => {
    res.json(await getArticleWithClaims(db, req.params.id));
  });

  /** Runs a change to an article; a stale version is answered 409 with the article as it is now. */
  async function answerArticleChange(req: Request<{ id: string }>, res: Response, change: (actor: { id: string; name: string }) => Promise<unknown>): Promise<void> {
    const user = res.locals.user!;
    try {
      res.json(await change({ id: user.id, name: user.name }));
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      sendProblem(res, { status: 409, detail: error.message, extensions: { article: await getArticleWithClaims(db, req.params.id) } });
    }
  }

  router.patch('/articles/:id', requireApiRole('editor'), async (req: Request<{ id: string }>, res: Response) => {
    const patch = parseArticlePatch(req.body);
    await answerArticleChange(req, res, (actor) => changeArticle(db, req.params.id, patch, actor));
  });

  router.delete('/articles/:id', requireApiRole('editor'), async (req: Request<{ id: string }>, res: Response) => {
    const { version } = parseArticleDeletionQuery(req.query);
    await answerArticleChange(req, res, (actor) => removeArticle(db, req.params.id, version, actor));
  });

  router.post('/articles/:id/reextract', requireApiRole('editor'), async (req: Request<{ id: string }>, res: Response) => {
    await answerArticleChange(req, res, (actor) => reextract(db, req.params.id, actor, config.maxClaimsPerArticle));
  });

  router.get('/claims', requireApiRole('viewer'), async (req, res) => {
    res.json(await listClaimsPage(db, parseClaimsQuery(req.query)));
  });

  router.get<{ id: string }>('/claims/:id', requireApiRole('viewer'), async (req, res) => {
    res.json(await getClaimDetail(db, req.params.id));
  });

  router.patch('/claims/:id', requireApiRole('reviewer'), async (req: Request<{ id: string }>, res: Response) => {
    const patch = parseClaimPatch(req.body);
    const user = res.locals.user!;
    try {
      const claim = await changeClaim(db, req.params.id, patch, { id: user.id, name: user.name });
      deps.notifier.publish(claim.id);
      res.json(claim);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      sendProblem(res, { status: 409, detail: error.message, extensions: { claim: await getClaimDetail(db, req.params.id) } });
    }
  });

  router.get('/speakers', requireApiRole('viewer'), async (req, res) => {
    res.json(await listSpeakersPage(db, parseDirectoryQuery(req.query)));
  });

  router.get<{ id: string }>('/speakers/:id', requireApiRole('viewer'), async (req, res) => {
    res.json(await getSpeakerDetail(db, req.params.id));
  });

  router.get('/outlets', requireApiRole('viewer'), async (req, res) => {
    res.json(await listOutletsPage(db, parseDirectoryQuery(req.query)));
  });

  router.get<{ id: string }>('/outlets/:id', requireApiRole('viewer'), async (req, res) => {
    res.json(await getOutletDetail(db, req.params.id));
  });

  return router;
}
