import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app.ts';
import { InputRejectedError, NoVerdictError, ValidationError } from '../../errors.ts';
import { requireRole } from '../../http/auth.ts';
import { publicBaseUrl } from '../../http/base-url.ts';
import { problemFor } from '../../http/error-handler.ts';
import { refererPath } from '../../http/referer.ts';
import { renderTemplate, renderView, wantsFragment } from '../../http/render.ts';
import { buildArticleClaimReviews, buildClaimReview, hasRatedVerdict, jsonForScript, type ClaimReviewJsonLd } from '../reports/claim-review.ts';
import { reportText, type ReportLanguage } from '../reports/report-labels.ts';
import { renderDeskReport, reportPageData, shorten, type DeskReportState } from '../reports/reports.routes.ts';
import { getArticleReport, getClaimReport, type Report } from '../reports/reports.service.ts';
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
    if (!isShareTargetType(values.targetType) || values.targetId === '') throw new InputRejectedError(400, 'A share link is for a claim report or an article report.');
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

/**
 * /r/KEY: a shared report, for anyone with the link. Mounted before sessions, so it needs no account and
 * sets no cookie; always a whole page, whatever htmx headers come with the request; never cached, so a
 * revocation takes effect at once.
 */
export function publicSharesRouter(deps: AppDeps): Router {
  const { db, config } = deps;
  const router = Router();

  router.get('/r/:key.jsonld', async (req, res) => {
    await answerShared(req, res, 'json', async () => {
      const shared = await loadShared(req);
      const reviews = claimReviews(shared.report, shared.language, shared.url);
      if (reviews.length === 0) throw new NoVerdictError('Nothing in this report has a rated verdict yet, so there is no ClaimReview to publish.');
      res.set('Content-Type', 'application/ld+json; charset=utf-8').send(JSON.stringify(shared.report.kind === 'claim' ? reviews[0] : reviews, null, 2));
    });
  });

  router.get('/r/:key', async (req, res) => {
    await answerShared(req, res, 'html', async () => {
      const { report, language, url } = await loadShared(req);
      const reviews = claimReviews(report, language, url);
      const data = reportPageData(report, language, config.organizationName);
      const html = renderTemplate(res, report.kind === 'claim' ? 'pages/claim-report' : 'pages/article-report', {
        ...data,
        shared: true,
        meta: shareMeta(report, language, url, config.organizationName, String(data.title)),
        jsonLd: reviews.length === 0 ? undefined : jsonForScript(report.kind === 'claim' ? reviews[0] : reviews),
        request: { path: req.path, url: req.originalUrl },
      });
      res.status(200).type('html').send(html);
    });
  });

  async function loadShared(req: Request): Promise<{ report: Report; language: ReportLanguage; url: string }> {
    const key = String(req.params.key);
    const share = await resolveShare(db, key);
    const report = share.target_type === 'claim' ? await getClaimReport(db, share.target_id, 'public') : await getArticleReport(db, share.target_id, 'public');
    return { report, language: share.language === 'ar' ? 'ar' : 'en', url: `${publicBaseUrl(req, config)}/r/${key}` };
  }

  function claimReviews(report: Report, language: ReportLanguage, url: string): ClaimReviewJsonLd[] {
    const options = { language, url, organizationName: config.organizationName, organizationUrl: config.publicBaseUrl };
    if (report.kind === 'article') return buildArticleClaimReviews(report, options);
    return hasRatedVerdict(report.claim) ? [buildClaimReview(report, report.claim, options)] : [];
  }

  return router;
}

/** Open Graph and Twitter card tags, so that the link previews well where it is posted. */
function shareMeta(report: Report, language: ReportLanguage, url: string, organizationName: string, title: string): Record<string, string> {
  const r = reportText(language);
  const description =
    report.kind === 'claim'
      ? `${report.claim.speaker ? `${report.claim.speaker.name}: ` : ''}«${shorten(report.claim.text, 140)}» · ${r.t.verification}: ${r.status(report.claim.status)} · ${r.t.attribution}: ${r.attribution(report.claim.attributionStatus)}`
      : `${report.progress.reviewed} ${r.t.of} ${report.progress.total} ${r.t.reviewed} · ${r.t.factCheckBy} ${organizationName}`;
  return { title, description, url, siteName: organizationName, locale: language === 'ar' ? 'ar_AR' : 'en_US' };
}

/** Refusals (unknown, gone, no verdict) as whole pages, or JSON, that never hint at what the link pointed to. */
async function answerShared(req: Request, res: Response, format: 'html' | 'json', handle: () => Promise<void>): Promise<void> {
  res.set('Cache-Control', 'no-store');
  try {
    await handle();
  } catch (error) {
    const problem = problemFor(error);
    if (problem.status >= 500) throw error;
    req.log.info({ status: problem.status }, 'shared report refused');
    if (format === 'json') {
      res.status(problem.status).json({ status: problem.status, title: problem.title, message: problem.message });
      return;
    }
    const html = renderTemplate(res, 'pages/error', { problem, title: problem.title, request: { path: req.path, url: req.originalUrl } });
    res.status(problem.status).type('html').send(html);
  }
}
