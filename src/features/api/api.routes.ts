import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app.ts';
import { ConflictError } from '../../errors.ts';
import { authenticateBearer, requireApiRole } from './api-auth.ts';
import { jsonBody } from './api-body.ts';
import { apiErrorHandler, apiNotFound, sendProblem } from './api-problems.ts';
import {
  parseArticlePatch,
  parseClaimCreation,
  parseClaimPatch,
  parseClaimsQuery,
  parseDirectoryQuery,
  parseListQuery,
  parseMerge,
  parseNewArticle,
  parseNewClaim,
  parseOutletPatch,
  parseSearchApiQuery,
  parseSpeakerPatch,
  parseVersionQuery,
} from './api.schema.ts';
import {
  addArticle,
  addClaimByHand,
  changeArticle,
  changeClaim,
  getArticleWithClaims,
  getClaimDetail,
  getRatingScale,
  listArticlePage,
  listClaimsPage,
  listOutletsPage,
  listSpeakersPage,
  reextract,
  removeArticle,
  removeClaim,
  searchAll,
} from './api.service.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { createClaim } from './api-claim-creation.service.ts';
import { changeOutlet, changeSpeaker, getOutletDetail, getSpeakerDetail, mergeOutlet, mergeSpeaker } from './api-directory-edits.service.ts';

// An article's text may reach three times its size in JSON (\u escapes of non-ASCII letters); the
// ingestion itself then refuses a text over the article limit in words.
const jsonLimitFor = (maxArticleBytes: number) => 3 * maxArticleBytes + 64 * 1024;

type IdRequest = Request<{ id: string }>;
type ApiActor = { id: string; name: string };

const actorOf = (res: Response): ApiActor => ({ id: res.locals.user!.id, name: res.locals.user!.name });

/**
 * Answers a change with its result; a stale version is answered 409 with the record as it is now
 * (`current` names and reads it), nothing written.
 */
async function answerChange(res: Response, change: () => Promise<unknown>, current: () => Promise<Record<string, unknown>>): Promise<void> {
  try {
    res.json(await change());
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    sendProblem(res, { status: 409, detail: error.message, extensions: await current() });
  }
}

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
  const router = Router();
  const document = buildOpenApiDocument();
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.use(authenticateBearer(deps.db));
  router.use(jsonBody(jsonLimitFor(deps.config.maxArticleBytes)));
  router.use(articleRoutes(deps));
  router.use(claimRoutes(deps));
  router.use(directoryRoutes(deps));
  return router;
}

function articleRoutes({ db, config, notifier }: AppDeps): Router {
  const router = Router();
  const currentArticle = (id: string) => async () => ({ article: await getArticleWithClaims(db, id) });

  router.get('/articles', requireApiRole('viewer'), async (req, res) => {
    res.json(await listArticlePage(db, parseListQuery(req.query)));
  });

  router.post('/articles', requireApiRole('editor'), async (req, res) => {
    const body = parseNewArticle(req.body);
    const { created, article } = await addArticle(db, body, { maxBytes: config.maxArticleBytes, maxClaims: config.maxClaimsPerArticle });
    res.status(created ? 201 : 200).location(`${req.baseUrl}/articles/${article.id}`).json(article);
  });

  router.get('/articles/:id', requireApiRole('viewer'), async (req: IdRequest, res: Response) => {
    res.json(await getArticleWithClaims(db, req.params.id));
  });

  router.patch('/articles/:id', requireApiRole('editor'), async (req: IdRequest, res: Response) => {
    const patch = parseArticlePatch(req.body);
    await answerChange(res, () => changeArticle(db, req.params.id, patch, actorOf(res)), currentArticle(req.params.id));
  });

  router.delete('/articles/:id', requireApiRole('editor'), async (req: IdRequest, res: Response) => {
    const { version } = parseVersionQuery(req.query);
    await answerChange(res, () => removeArticle(db, req.params.id, version, actorOf(res)), currentArticle(req.params.id));
  });

  router.post('/articles/:id/reextract', requireApiRole('editor'), async (req: IdRequest, res: Response) => {
    await answerChange(res, () => reextract(db, req.params.id, actorOf(res), config.maxClaimsPerArticle), currentArticle(req.params.id));
  });

  router.post('/articles/:id/claims', requireApiRole('editor'), async (req: IdRequest, res: Response) => {
    const claim = await addClaimByHand(db, req.params.id, parseNewClaim(req.body), actorOf(res));
    notifier.publish(claim.id);
    res.status(201).location(`${req.baseUrl}/claims/${claim.id}`).json(claim);
  });

  return router;
}

function claimRoutes({ db, notifier }: AppDeps): Router {
  const router = Router();
  const currentClaim = (id: string) => async () => ({ claim: await getClaimDetail(db, id) });

  router.get('/claims', requireApiRole('viewer'), async (req, res) => {
    res.json(await listClaimsPage(db, parseClaimsQuery(req.query)));
  });

  router.get('/search', requireApiRole('viewer'), async (req, res) => {
    res.json(await searchAll(db, parseSearchApiQuery(req.query)));
  });

  router.get('/rating-scale', requireApiRole('viewer'), async (_req, res) => {
    res.json(await getRatingScale(db));
  });

  router.post('/claims', requireApiRole('editor'), async (req, res) => {
    const claim = await createClaim(db, parseClaimCreation(req.body), actorOf(res));
    notifier.publish(claim.id);
    res.status(201).location(`${req.baseUrl}/claims/${claim.id}`).json(claim);
  });

  router.get('/claims/:id', requireApiRole('viewer'), async (req: IdRequest, res: Response) => {
    res.json(await getClaimDetail(db, req.params.id));
  });

  router.patch('/claims/:id', requireApiRole('reviewer'), async (req: IdRequest, res: Response) => {
    const patch = parseClaimPatch(req.body);
    const change = async () => {
      const claim = await changeClaim(db, req.params.id, patch, actorOf(res));
      notifier.publish(claim.id);
      return claim;
    };
    await answerChange(res, change, currentClaim(req.params.id));
  });

  router.delete('/claims/:id', requireApiRole('editor'), async (req: IdRequest, res: Response) => {
    const { version } = parseVersionQuery(req.query);
    const change = async () => {
      const removed = await removeClaim(db, req.params.id, version, actorOf(res));
      notifier.publish(removed.id);
      return removed;
    };
    await answerChange(res, change, currentClaim(req.params.id));
  });

  return router;
}

function directoryRoutes({ db, notifier }: AppDeps): Router {
  const router = Router();
  const currentSpeaker = (id: string) => async () => ({ speaker: await getSpeakerDetail(db, id) });
  const currentOutlet = (id: string) => async () => ({ outlet: await getOutletDetail(db, id) });
  const announceMoves = (moved: string[]) => {
    for (const claimId of moved) notifier.publish(claimId);
  };

  router.get('/speakers', requireApiRole('viewer'), async (req, res) => {
    res.json(await listSpeakersPage(db, parseDirectoryQuery(req.query)));
  });

  router.get('/speakers/:id', requireApiRole('viewer'), async (req: IdRequest, res: Response) => {
    res.json(await getSpeakerDetail(db, req.params.id));
  });

  router.patch('/speakers/:id', requireApiRole('editor'), async (req: IdRequest, res: Response) => {
    const patch = parseSpeakerPatch(req.body);
    await answerChange(res, () => changeSpeaker(db, req.params.id, patch, actorOf(res)), currentSpeaker(req.params.id));
  });

  router.post('/speakers/:id/merge', requireApiRole('editor'), async (req: IdRequest, res: Response) => {
    const { into } = parseMerge(req.body);
    const merge = async () => {
      const { record, movedClaimIds } = await mergeSpeaker(db, req.params.id, into, actorOf(res));
      announceMoves(movedClaimIds);
      return { speaker: record, claimsMoved: movedClaimIds.length };
    };
    await answerChange(res, merge, currentSpeaker(req.params.id));
  });

  router.get('/outlets', requireApiRole('viewer'), async (req, res) => {
    res.json(await listOutletsPage(db, parseDirectoryQuery(req.query)));
  });

  router.get('/outlets/:id', requireApiRole('viewer'), async (req: IdRequest, res: Response) => {
    res.json(await getOutletDetail(db, req.params.id));
  });

  router.patch('/outlets/:id', requireApiRole('editor'), async (req: IdRequest, res: Response) => {
    const patch = parseOutletPatch(req.body);
    await answerChange(res, () => changeOutlet(db, req.params.id, patch, actorOf(res)), currentOutlet(req.params.id));
  });

  router.post('/outlets/:id/merge', requireApiRole('editor'), async (req: IdRequest, res: Response) => {
    const { into } = parseMerge(req.body);
    const merge = async () => {
      const { record, movedClaimIds } = await mergeOutlet(db, req.params.id, into, actorOf(res));
      announceMoves(movedClaimIds);
      return { outlet: record, claimsMoved: movedClaimIds.length };
    };
    await answerChange(res, merge, currentOutlet(req.params.id));
  });

  return router;
}
