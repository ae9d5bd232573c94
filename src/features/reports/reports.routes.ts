import { once } from 'node:events';
import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app.ts';
import { InputRejectedError } from '../../errors.ts';
import { nowIso } from '../../ids.ts';
import { publicBaseUrl } from '../../http/base-url.ts';
import { renderView, type ViewOptions } from '../../http/render.ts';
import { parseDashboardQuery } from '../claims/claims.schema.ts';
import { renderMarkdown } from '../notes/markdown.ts';
import { hasRole } from '../users/roles.ts';
import { listShares, type ShareTarget } from '../shares/shares.service.ts';
import { buildClaimReview, hasRatedVerdict } from './claim-review.ts';
import { csvHeader, csvRow } from './claims-csv.ts';
import { defaultReportLanguage, isReportLanguage, isoDate, reportText, type ReportLanguage } from './report-labels.ts';
import { reportMarkdown } from './report-markdown.ts';
import { eachClaimCsvChunk, getArticleReport, getClaimReport, type Report } from './reports.service.ts';
import { buildClaimAnnotation } from './web-annotation.ts';

/** ?lang=ar|en; without it, the report speaks the article's language when that is Arabic, else English. */
export function reportLanguage(req: Request, articleLanguage: string): ReportLanguage {
  const value = req.query.lang;
  if (value === undefined || value === '') return defaultReportLanguage(articleLanguage);
  if (isReportLanguage(value)) return value;
  throw new InputRejectedError(400, 'The report language (lang) must be ar or en.');
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
    const chunks = eachClaimCsvChunk(db, query.filters, query.sort, (claim) => csvRow(claim, `${base}/claims/${claim.id}`));
    // Read the first batch before answering, so that a failing query still gets a proper error page.
    let next = await chunks.next();
    res.attachment(`isnad-claims-${isoDate(nowIso())}.csv`).set('Content-Type', 'text/csv; charset=utf-8');
    res.write(csvHeader());
    try {
      while (!next.done) {
        if (!res.write(next.value)) await once(res, 'drain');
        next = await chunks.next();
      }
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

  router.get('/claims/:id/claimreview.jsonld', async (req, res) => {
    const report = await getClaimReport(db, req.params.id, 'public');
    const language = reportLanguage(req, report.article.language);
    const base = publicBaseUrl(req, config);
    const review = buildClaimReview(report, report.claim, {
      language,
      url: `${base}/claims/${report.claim.id}/report?lang=${language}`,
      organizationName: config.organizationName,
      organizationUrl: config.publicBaseUrl,
    });
    download(res, 'application/ld+json; charset=utf-8', `claimreview-${report.claim.id}-${language}.jsonld`, JSON.stringify(review, null, 2));
  });

  router.get('/claims/:id/annotation.json', async (req, res) => {
    const { article, claim } = await getClaimReport(db, req.params.id, 'public');
    const base = publicBaseUrl(req, config);
    const annotation = buildClaimAnnotation({
      articleBody: article.body,
      articleSourceUrl: article.source_url,
      claim,
      id: `${base}/claims/${claim.id}/annotation.json`,
      source: `${base}/articles/${article.id}`,
      organizationName: config.organizationName,
      created: claim.createdAt,
    });
    download(res, 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"; charset=utf-8', `annotation-${claim.id}.json`, JSON.stringify(annotation, null, 2));
  });

  return router;
}

export interface DeskReportState {
  shareForm?: { values?: Record<string, string>; errors?: Record<string, string> };
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
    },
  };
  renderView(req, res, view);
}

/** What the report templates need, the same for the desk and for a shared link. */
export function reportPageData(report: Report, language: ReportLanguage, organizationName: string): Record<string, unknown> {
  const r = reportText(language);
  const title = report.kind === 'claim' ? `${r.t.claimReport}: ${shorten(report.claim.text, 70)}` : `${r.t.articleReport}: ${shorten(report.article.title, 70)}`;
  return { title, report, r, org: organizationName, preparedAt: nowIso() };
}

function exportLinks(report: Report, language: ReportLanguage): Record<string, string | null> {
  const other: ReportLanguage = language === 'ar' ? 'en' : 'ar';
  if (report.kind === 'claim') {
    const base = `/claims/${report.claim.id}`;
    return {
      back: base,
      otherLanguage: `${base}/report?lang=${other}`,
      markdown: `${base}/report.md?lang=${language}`,
      claimReview: hasRatedVerdict(report.claim) ? `${base}/claimreview.jsonld?lang=${language}` : null,
      annotation: `${base}/annotation.json`,
    };
  }
  const base = `/articles/${report.article.id}`;
  return { back: base, otherLanguage: `${base}/report?lang=${other}`, markdown: `${base}/report.md?lang=${language}`, claimReview: null, annotation: null };
}

export function shorten(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= length ? flat : `${flat.slice(0, length - 1).trimEnd()}…`;
}
