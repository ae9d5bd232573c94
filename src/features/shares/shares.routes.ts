import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app.ts';
import { InputRejectedError, NoVerdictError, NotFoundError, ValidationError } from '../../errors.ts';
import { msg } from '../../i18n/translate.ts';
import { requireRole } from '../../http/auth.ts';
import { publicBaseUrl } from '../../http/base-url.ts';
import { problemFor } from '../../http/error-handler.ts';
import { sendProblemJson } from '../../http/problem-json.ts';
import { refererPath } from '../../http/referer.ts';
import { renderTemplate, renderView, wantsFragment } from '../../http/render.ts';
import { directionOf } from '../../text/bidi.ts';
import { shortenAtWord } from '../../text/shorten.ts';
import { solidColour } from '../../domain/rating-scale.ts';
import { buildArticleClaimReviews, buildClaimReview, hasRatedVerdict, jsonForScript, type ClaimReviewJsonLd } from '../reports/claim-review.ts';
import { factCheckPath, getPublishedFactCheck } from '../reports/fact-check.service.ts';
import { reportText, type ReportLanguage } from '../reports/report-labels.ts';
import { claimAnnotation, organizationSite, renderDeskReport, sendAnnotation, reportLanguage, reportPageData, type DeskReportState } from '../reports/reports.routes.ts';
import { getArticleReport, getClaimReport, type Report } from '../reports/reports.service.ts';
import { redactEmailAddresses } from '../../text/redact.ts';
import { CARD_HEIGHT, CARD_WIDTH, renderReportCard, type ReportCard } from './report-card.ts';
import { createShare, isShareTargetType, listShares, resolveShare, revokeShare, type ShareTarget } from './shares.service.ts';

function field(req: Request, name: string): string {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

function reportPath(target: ShareTarget): string {
  return `/${target.type === 'claim' ? 'claims' : 'articles'}/${target.id}/report`;
}

/** Creating and revoking share links: editors and admins, from the report page. */
export function sharesRouter(deps: AppDeps): Router {
  const { db, config } = deps;
  const router = Router();

  router.post('/shares', requireRole('editor'), async (req, res) => {
    const values = { targetType: field(req, 'targetType'), targetId: field(req, 'targetId'), language: field(req, 'language'), expiresOn: field(req, 'expiresOn') };
    if (!isShareTargetType(values.targetType) || values.targetId === '') throw new InputRejectedError(400, msg('reports.shares.invalid.target'));
    const target: ShareTarget = { type: values.targetType, id: values.targetId };
    let state: DeskReportState;
    try {
      const { share, key } = await createShare(db, { ...values, actorId: res.locals.user!.id });
      state = { status: 201, createdShare: { url: `${publicBaseUrl(req, config)}/r/${key}`, language: share.language, expiresAt: share.expires_at } };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      state = { status: 422, shareForm: { values, errors: error.fieldErrors } };
    }
    // The key is in this answer and nowhere else.
    res.set('Cache-Control', 'no-store');
    await respondWithShares(req, res, target, state);
  });

  router.post<{ id: string }>('/shares/:id/revoke', requireRole('editor'), async (req, res) => {
    const share = await revokeShare(db, req.params.id, res.locals.user!.id);
    const target: ShareTarget = { type: share.target_type === 'article' ? 'article' : 'claim', id: share.target_id };
    if (!wantsFragment(req)) return res.redirect(303, `${refererPath(req, reportPath(target))}#shares`);
    await respondWithShares(req, res, target, {});
  });

  /** htmx gets the share panel; a plain form gets the whole report page, which shows a new link's key once. */
  async function respondWithShares(req: Request, res: Response, target: ShareTarget, state: DeskReportState): Promise<void> {
    if (!wantsFragment(req)) return renderDeskReport(deps, req, res, target, state);
    renderView(req, res, {
      page: 'partials/reports/shares',
      status: state.status ?? 200,
      data: { target, canShare: true, shares: await listShares(db, target), shareForm: state.shareForm ?? {}, createdShare: state.createdShare },
    });
  }

  return router;
}

/** A report as the public reads it, at the public address it was reached by. */
interface PublicReport {
  report: Report;
  language: ReportLanguage;
  /** Absolute address of the page. */
  url: string;
}

/** Link previews may be cached a little; a revoked link's card goes stale within this many seconds. */
const CARD_MAX_AGE_SECONDS = 300;

/** Loading public reports by share key or published claim, and answering them as a page or a card. */
function publicReports(deps: Pick<AppDeps, 'db' | 'config'>) {
  const { db, config } = deps;

  async function loadShared(req: Request): Promise<PublicReport> {
    const key = String(req.params.key);
    const share = await resolveShare(db, key);
    const report = share.target_type === 'claim' ? await getClaimReport(db, share.target_id, 'public') : await getArticleReport(db, share.target_id, 'public');
    return { report, language: share.language === 'ar' ? 'ar' : 'en', url: `${publicBaseUrl(req, config)}/r/${key}` };
  }

  async function loadFactCheck(req: Request): Promise<PublicReport> {
    const report = await getPublishedFactCheck(db, String(req.params.id));
    const language = reportLanguage(req, report.article.language);
    return { report, language, url: `${publicBaseUrl(req, config)}${factCheckPath(report.claim.id, language, report.article.language)}` };
  }

  function claimReviews(req: Request, { report, language, url }: PublicReport): ClaimReviewJsonLd[] {
    const options = { language, url, organizationName: config.organizationName, organizationUrl: organizationSite(req, config) };
    if (report.kind === 'article') return buildArticleClaimReviews(report, options);
    return hasRatedVerdict(report.scale, report.claim) ? [buildClaimReview(report, report.claim, options)] : [];
  }

  function sendPage(req: Request, res: Response, shared: PublicReport): void {
    const { report, language, url } = shared;
    const reviews = claimReviews(req, shared);
    const data = reportPageData(report, language, config.organizationName);
    const html = renderTemplate(res, report.kind === 'claim' ? 'pages/claim-report' : 'pages/article-report', {
      ...data,
      shared: true,
      meta: shareMeta(report, language, url, config.organizationName, String(data.title)),
      jsonLd: reviews.length === 0 ? undefined : jsonForScript(report.kind === 'claim' ? reviews[0] : reviews),
      request: { path: req.path, url: req.originalUrl },
    });
    res.status(200).type('html').send(html);
  }

  function sendCard(res: Response, { report, language }: PublicReport): void {
    const png = renderReportCard(reportCard(report, language, config.organizationName));
    res.set('Cache-Control', `public, max-age=${CARD_MAX_AGE_SECONDS}`).type('png').send(png);
  }

  return { loadShared, loadFactCheck, claimReviews, sendPage, sendCard };
}

/**
 * Public reports, for anyone with the address, mounted before sessions: no account, no cookie; always
 * whole pages, whatever htmx headers come with the request; never cached, so a revocation takes effect
 * at once. /r/KEY is a share link; /fact-checks/:claimId a fact-check an editor published.
 */
export function publicSharesRouter(deps: AppDeps): Router {
  const { config } = deps;
  const router = Router();
  const { loadShared, loadFactCheck, claimReviews, sendPage, sendCard } = publicReports(deps);

  router.get('/r/:key.jsonld', async (req, res) => {
    await answerSharedJson(res, async () => {
      const shared = await loadShared(req);
      const reviews = claimReviews(req, shared);
      if (reviews.length === 0) throw new NoVerdictError('Nothing in this report has a rated verdict yet, so there is no ClaimReview to publish.');
      res.set('Content-Type', 'application/ld+json; charset=utf-8').send(JSON.stringify(shared.report.kind === 'claim' ? reviews[0] : reviews, null, 2));
    });
  });

  router.get('/r/:key/card.png', async (req, res) => {
    await answerShared(req, res, async () => sendCard(res, await loadShared(req)));
  });

  /** The article text as stored, redacted as every public output is: what a Web Annotation of it anchors in. */
  router.get('/r/:key/text.txt', async (req, res) => {
    await answerShared(req, res, async () => {
      const { report } = await loadShared(req);
      res.type('text/plain; charset=utf-8').send(redactEmailAddresses(report.article.body));
    });
  });

  router.get('/r/:key/annotation.json', async (req, res) => {
    await answerSharedJson(res, async () => {
      const { report, url } = await loadShared(req);
      if (report.kind !== 'claim') throw new NotFoundError('Annotation', '');
      sendAnnotation(res, report.claim.id, claimAnnotation(report, { id: `${url}/annotation.json`, publicText: `${url}/text.txt`, organizationName: config.organizationName }));
    });
  });

  router.get('/r/:key', async (req, res) => {
    await answerShared(req, res, async () => sendPage(req, res, await loadShared(req)));
  });

  router.get('/fact-checks/:id', async (req, res) => {
    await answerShared(req, res, async () => sendPage(req, res, await loadFactCheck(req)));
  });

  router.get('/fact-checks/:id/card.png', async (req, res) => {
    await answerShared(req, res, async () => sendCard(res, await loadFactCheck(req)));
  });

  router.get('/fact-checks/:id/text.txt', async (req, res) => {
    await answerShared(req, res, async () => {
      const { report } = await loadFactCheck(req);
      res.type('text/plain; charset=utf-8').send(redactEmailAddresses(report.article.body));
    });
  });

  return router;
}

/** twitter:title and twitter:description are cut beyond these lengths. */
export const TWITTER_TITLE_MAX = 70;
export const TWITTER_DESCRIPTION_MAX = 200;

/** Open Graph and Twitter card tags, so that the link previews well where it is posted. */
function shareMeta(report: Report, language: ReportLanguage, url: string, organizationName: string, title: string): Record<string, string> {
  const r = reportText(language, report.scale);
  // The verdicts first: a preview cut short still tells them.
  const description =
    report.kind === 'claim'
      ? `${r.t.verification}: ${r.status(report.claim.status)} · ${r.t.attribution}: ${r.attribution(report.claim.attributionStatus)} · ${report.claim.speaker ? `${report.claim.speaker.name}: ` : ''}«${shortenAtWord(report.claim.text, 280)}»`
      : `${report.progress.reviewed} ${r.t.of} ${report.progress.total} ${r.t.reviewed} · ${r.t.factCheckBy} ${organizationName}`;
  const card = reportCard(report, language, organizationName);
  return {
    title,
    description,
    twitterTitle: shortenAtWord(title, TWITTER_TITLE_MAX),
    twitterDescription: shortenAtWord(description, TWITTER_DESCRIPTION_MAX),
    url,
    siteName: organizationName,
    // The language alone: ar_AR would name Argentina's country code.
    locale: language,
    image: `${url.replace(/[?#].*$/, '')}/card.png${url.includes('?') ? url.slice(url.indexOf('?')) : ''}`,
    imageWidth: String(CARD_WIDTH),
    imageHeight: String(CARD_HEIGHT),
    imageAlt: [card.title, card.verdict, card.byline].filter(Boolean).join(' · '),
  };
}

/** What the preview card of a report shows, in the report's language. */
export function reportCard(report: Report, language: ReportLanguage, organizationName: string): ReportCard {
  const r = reportText(language, report.scale);
  if (report.kind === 'article') {
    return {
      language,
      kicker: `${organizationName} · ${r.t.articleReport}`,
      title: report.article.title,
      titleDirection: directionOf(report.article.language),
      verdict: `${report.progress.reviewed} ${r.t.of} ${report.progress.total} ${r.t.reviewed}`,
      tone: 'progress',
      byline: report.article.publisher_name ? `${r.t.publishedBy} ${report.article.publisher_name}` : undefined,
    };
  }
  const { claim } = report;
  return {
    language,
    kicker: `${organizationName} · ${r.t.claimReport}`,
    title: claim.text,
    titleDirection: directionOf(report.article.language),
    verdict: `${r.t.verification}: ${r.status(claim.status)}`,
    tone: solidColour(report.scale.colour(claim.status)),
    byline: claim.speaker ? `${r.t.speaker}: ${claim.speaker.name}` : undefined,
  };
}

/** The same refusals as problem details, for files a client asked for. */
async function answerSharedJson(res: Response, handle: () => Promise<void>): Promise<void> {
  res.set('Cache-Control', 'no-store');
  try {
    await handle();
  } catch (error) {
    if (problemFor(error).status >= 500) throw error;
    sendProblemJson(res, error);
  }
}

/** Refusals (unknown, gone, unpublished) as whole pages that never hint at what the address pointed to. */
async function answerShared(req: Request, res: Response, handle: () => Promise<void>): Promise<void> {
  res.set('Cache-Control', 'no-store');
  try {
    await handle();
  } catch (error) {
    const problem = problemFor(error);
    if (problem.status >= 500) throw error;
    req.log.info({ status: problem.status }, 'public report refused');
    res.set('Cache-Control', 'no-store');
    const html = renderTemplate(res, 'pages/error', { problem, title: problem.title, request: { path: req.path, url: req.originalUrl } });
    res.status(problem.status).type('html').send(html);
  }
}
