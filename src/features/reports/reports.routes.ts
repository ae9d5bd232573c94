import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app.ts';
import type { Config } from '../../config.ts';
import { InputRejectedError, ValidationError, type FieldErrors, type UserMessage } from '../../errors.ts';
import { requireRole } from '../../http/auth.ts';
import { nowIso } from '../../ids.ts';
import { publicBaseUrl } from '../../http/base-url.ts';
import { sendProblemJson } from '../../http/problem-json.ts';
import { renderView, type ViewOptions } from '../../http/render.ts';
import { parseDashboardQuery } from '../claims/claims.schema.ts';
import { renderMarkdown } from '../notes/markdown.ts';
import { hasRole } from '../../domain/roles.ts';
import { listShares, type ShareTarget } from '../shares/shares.service.ts';
import { buildClaimReview, hasRatedVerdict } from './claim-review.ts';
import type { RatingScale } from '../../domain/rating-scale.ts';
import { loadRatingScale } from '../ratings/ratings.service.ts';
import { refuseUnknownStatusFilter } from '../claims/claims.service.ts';
import { MAX_CLAIM_SUMMARY, defaultClaimSummary } from './claim-summary.ts';
import { factCheckPath, getClaimReportForClaimReview, saveClaimSummary, setFactCheckPublished } from './fact-check.service.ts';
import { csvHeader, csvRow, pipeCsvChunks } from './claims-csv.ts';
import { defaultReportLanguage, isReportLanguage, isoDate, reportText, type ReportLanguage } from './report-labels.ts';
import { shortenAtWord } from '../../text/shorten.ts';
import { reportMarkdown } from './report-markdown.ts';
import { eachClaimCsvChunk, getArticleReport, getClaimReport, type ClaimReport, type Report } from './reports.service.ts';
import { findEmailAddresses, redactSlice } from '../../text/redact.ts';
import { buildClaimAnnotation } from './web-annotation.ts';

/** ?lang=ar|en; without it, the report speaks the article's language when that is Arabic, else English. */
export function reportLanguage(req: Request, articleLanguage: string): ReportLanguage {
  const value = req.query.lang;
  if (value === undefined || value === '') return defaultReportLanguage(articleLanguage);
  if (isReportLanguage(value)) return value;
  throw new InputRejectedError(400, 'The report language (lang) must be ar or en.');
}

/** The desk's own site, credited as the author of its ClaimReviews. */
export function organizationSite(req: Request, config: Pick<Config, 'organizationUrl' | 'publicBaseUrl'>): string {
  return config.organizationUrl ?? publicBaseUrl(req, config);
}

function download(res: Response, type: string, filename: string, body: string): void {
  // attachment() sets a type from the extension: ours comes after it.
  res.attachment(filename).set('Content-Type', type).send(body);
}

export function reportsRouter(deps: AppDeps): Router {
  const { db, config } = deps;
  const router = Router();

  /** The dashboard's current view, every page of it: the same query string as the dashboard. */
  router.get('/claims.csv', async (req, res) => {
    const query = parseDashboardQuery(req.query);
    const base = publicBaseUrl(req, config);
    const scale = await loadRatingScale(db);
    refuseUnknownStatusFilter(scale, query.filters.status);
    const chunks = eachClaimCsvChunk(db, query.filters, query.sort, (claim) => csvRow(claim, `${base}/claims/${claim.id}`, scale));
    // Read the first batch before answering, so that a failing query still gets a proper error page.
    const next = await chunks.next();
    res.attachment(`isnad-claims-${isoDate(nowIso())}.csv`).set('Content-Type', 'text/csv; charset=utf-8');
    res.write(csvHeader());
    try {
      await pipeCsvChunks(chunks, next, res);
      res.end();
    } catch (error) {
      req.log.error({ err: error }, 'CSV export failed mid-stream');
      res.destroy(error as Error);
    }
  });

  router.get('/claims/:id/report', async (req, res) => {
    await renderDeskReport(deps, req, res, { type: 'claim', id: req.params.id });
  });

  router.get('/articles/:id/report', async (req, res) => {
    await renderDeskReport(deps, req, res, { type: 'article', id: req.params.id });
  });

  router.get('/claims/:id/report.md', async (req, res) => {
    const report = await getClaimReport(db, req.params.id, 'public');
    const language = reportLanguage(req, report.article.language);
    const markdown = reportMarkdown(report, { language, organizationName: config.organizationName, preparedAt: nowIso() });
    download(res, 'text/markdown; charset=utf-8', `claim-report-${report.claim.id}-${language}.md`, markdown);
  });

  router.get('/articles/:id/report.md', async (req, res) => {
    const report = await getArticleReport(db, req.params.id, 'public');
    const language = reportLanguage(req, report.article.language);
    const markdown = reportMarkdown(report, { language, organizationName: config.organizationName, preparedAt: nowIso() });
    download(res, 'text/markdown; charset=utf-8', `article-report-${report.article.id}-${language}.md`, markdown);
  });

  /** Refusals answer as problem details: whoever asked for a JSON file gets JSON back. */
  router.get('/claims/:id/claimreview.jsonld', async (req, res) => {
    try {
      const report = await getClaimReportForClaimReview(db, req.params.id);
      const language = reportLanguage(req, report.article.language);
      const review = buildClaimReview(report, report.claim, {
        language,
        url: `${publicBaseUrl(req, config)}${factCheckPath(report.claim.id, language, report.article.language)}`,
        organizationName: config.organizationName,
        organizationUrl: organizationSite(req, config),
      });
      download(res, 'application/ld+json; charset=utf-8', `claimreview-${report.claim.id}-${language}.jsonld`, JSON.stringify(review, null, 2));
    } catch (error) {
      sendProblemJson(res, error);
    }
  });

  router.post<{ id: string }>('/claims/:id/summary', requireRole('editor'), async (req, res) => {
    const summary = typeof req.body?.summary === 'string' ? req.body.summary : '';
    try {
      await saveClaimSummary(db, req.params.id, summary);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderDeskReport(deps, req, res, { type: 'claim', id: req.params.id }, { status: 422, summaryForm: { value: summary, error: error.fieldErrors.summary } });
    }
    res.redirect(303, `/claims/${encodeURIComponent(req.params.id)}/report${languageQuery(req)}#fact-check`);
  });

  router.post<{ id: string }>('/claims/:id/publication', requireRole('editor'), async (req, res) => {
    try {
      await setFactCheckPublished(db, req.params.id, req.body?.publish === '1');
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderDeskReport(deps, req, res, { type: 'claim', id: req.params.id }, { status: 422, publicationError: error.fieldErrors.publish ?? error.message });
    }
    res.redirect(303, `/claims/${encodeURIComponent(req.params.id)}/report${languageQuery(req)}#fact-check`);
  });

  router.get('/claims/:id/annotation.json', async (req, res) => {
    try {
      const report = await getClaimReport(db, req.params.id, 'public');
      const base = publicBaseUrl(req, config);
      const publicText = report.claim.publishedAt ? `${base}/fact-checks/${encodeURIComponent(report.claim.id)}/text.txt` : null;
      sendAnnotation(res, report.claim.id, claimAnnotation(report, { id: `${base}/claims/${report.claim.id}/annotation.json`, publicText, organizationName: config.organizationName }));
    } catch (error) {
      sendProblemJson(res, error);
    }
  });

  return router;
}

/**
 * The Web Annotation of a claim, anchored in the article text as its public copy serves it: e-mail
 * addresses redacted, so positions count in the redacted text.
 */
export function claimAnnotation(report: ClaimReport, where: { id: string; publicText: string | null; organizationName: string }) {
  const { article, claim } = report;
  // Cut from the whole text's addresses, so the three pieces join into exactly the served copy.
  const addresses = findEmailAddresses(article.body);
  const before = redactSlice(article.body, addresses, 0, claim.startOffset);
  const exact = redactSlice(article.body, addresses, claim.startOffset, claim.endOffset);
  const after = redactSlice(article.body, addresses, claim.endOffset, article.body.length);
  return buildClaimAnnotation({
    articleBody: before + exact + after,
    articleSourceUrl: article.source_url,
    articleLanguage: article.language,
    claim: { ...claim, startOffset: before.length, endOffset: before.length + exact.length, statusName: report.scale.name(claim.status, 'en') },
    id: where.id,
    publicText: where.publicText,
    organizationName: where.organizationName,
    created: claim.createdAt,
  });
}

export function sendAnnotation(res: Response, claimId: string, annotation: ReturnType<typeof buildClaimAnnotation>): void {
  download(res, 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"; charset=utf-8', `annotation-${claimId}.json`, JSON.stringify(annotation, null, 2));
}

/** Back to the report in the language it was read in. */
function languageQuery(req: Request): string {
  return isReportLanguage(req.query.lang) ? `?lang=${req.query.lang}` : '';
}

export interface DeskReportState {
  shareForm?: { values?: Record<string, string>; errors?: FieldErrors };
  /** The short claim as the editor typed it, kept when refused. */
  summaryForm?: { value: string; error?: UserMessage | undefined };
  publicationError?: UserMessage;
  /** A link created just now: its key is shown this once. */
  createdShare?: { url: string; language: string; expiresAt: string | null };
  status?: number;
}

/** The report as the desk sees it (private notes tagged), with exports, a Markdown preview and, for editors, its share links. */
export async function renderDeskReport(deps: Pick<AppDeps, 'db' | 'config'>, req: Request, res: Response, target: ShareTarget, state: DeskReportState = {}): Promise<void> {
  const { db, config } = deps;
  const [report, publicReport] =
    target.type === 'claim'
      ? await Promise.all([getClaimReport(db, target.id, 'desk'), getClaimReport(db, target.id, 'public')])
      : await Promise.all([getArticleReport(db, target.id, 'desk'), getArticleReport(db, target.id, 'public')]);
  const language = reportLanguage(req, report.article.language);
  const canShare = Boolean(res.locals.user && hasRole(res.locals.user.role, 'editor'));
  const shares = canShare ? await listShares(db, target) : [];
  const markdown = reportMarkdown(publicReport, { language, organizationName: config.organizationName, preparedAt: nowIso() });
  const view: ViewOptions = {
    // Always the whole page: htmx asks for the share panel through POST /shares only.
    page: target.type === 'claim' ? 'pages/claim-report' : 'pages/article-report',
    status: state.status ?? 200,
    data: {
      ...reportPageData(report, language, config.organizationName),
      shared: false,
      target,
      exports: exportLinks(report, language),
      markdownHtml: renderMarkdown(markdown),
      canShare,
      shares,
      shareForm: state.shareForm ?? { values: { language } },
      createdShare: state.createdShare,
      factCheck: report.kind === 'claim' ? factCheckPanel(req, config, report.scale, report.claim, report.article.language, language, state) : undefined,
    },
  };
  renderView(req, res, view);
}

/** What the report templates need, the same for the desk and for a shared link. */
export function reportPageData(report: Report, language: ReportLanguage, organizationName: string): Record<string, unknown> {
  const r = reportText(language, report.scale);
  const title = report.kind === 'claim' ? `${r.t.claimReport}: ${shortenAtWord(report.claim.text, 70)}` : `${r.t.articleReport}: ${shortenAtWord(report.article.title, 70)}`;
  return { title, report, r, org: organizationName, preparedAt: nowIso() };
}

/** The claim's ClaimReview wording and publication, as the fact-check panel shows them. */
function factCheckPanel(req: Request, config: Config, scale: RatingScale, claim: ClaimReport['claim'], articleLanguage: string, language: ReportLanguage, state: DeskReportState): Record<string, unknown> {
  return {
    rated: hasRatedVerdict(scale, claim),
    summary: state.summaryForm?.value ?? claim.summary ?? '',
    summaryError: state.summaryForm?.error,
    derivedSummary: defaultClaimSummary(claim.text, claim.cue),
    maxSummary: MAX_CLAIM_SUMMARY,
    publishedAt: claim.publishedAt,
    publicUrl: `${publicBaseUrl(req, config)}${factCheckPath(claim.id, language, articleLanguage)}`,
    publicationError: state.publicationError,
    language,
  };
}

function exportLinks(report: Report, language: ReportLanguage): Record<string, string | null> {
  const other: ReportLanguage = language === 'ar' ? 'en' : 'ar';
  if (report.kind === 'claim') {
    const base = `/claims/${report.claim.id}`;
    return {
      back: base,
      otherLanguage: `${base}/report?lang=${other}`,
      markdown: `${base}/report.md?lang=${language}`,
      claimReview: hasRatedVerdict(report.scale, report.claim) && report.claim.publishedAt !== null ? `${base}/claimreview.jsonld?lang=${language}` : null,
      // An annotation needs a public source: the publisher's page or the published fact-check's text.
      annotation: report.article.source_url || report.claim.publishedAt ? `${base}/annotation.json` : null,
    };
  }
  const base = `/articles/${report.article.id}`;
  return { back: base, otherLanguage: `${base}/report?lang=${other}`, markdown: `${base}/report.md?lang=${language}`, claimReview: null, annotation: null };
}
