import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app.ts';
import type { Db } from '../../db/connect.ts';
import { ConflictError, ValidationError } from '../../errors.ts';
import { requireRole } from '../../http/auth.ts';
import { refererPath } from '../../http/referer.ts';
import { renderView, wantsFragment } from '../../http/render.ts';
import { getArticle } from '../articles/articles.service.ts';
import { listRenderedNotes } from '../notes/notes.service.ts';
import { parseDashboardQuery, parseStatusForm } from './claims.schema.ts';
import { changeClaimStatus, getClaim, getClaimHistory, type ClaimView, type StatusConflict } from './claims.service.ts';
import { getDashboard } from './dashboard.service.ts';

export function claimsRouter({ db, config, notifier }: AppDeps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    await renderClaimList({ db, config }, req, res, { page: 'pages/dashboard', data: { title: 'Claims' } });
  });

  // The row alone: open dashboards fetch it when the claim changes elsewhere.
  router.get('/claims/:id/row', async (req, res) => {
    const claim = await getClaim(db, req.params.id);
    renderView(req, res, { page: 'partials/claims/row', data: { claim, feedback: {} } });
  });

  router.get('/claims/:id', async (req, res) => {
    const claim = await getClaim(db, req.params.id);
    await renderClaimPage(db, req, res, claim);
  });

  router.post<{ id: string }>('/claims/:id/status', requireRole('reviewer'), async (req, res) => {
    const view: StatusView = req.body?.view === 'detail' ? 'detail' : 'row';
    try {
      const form = parseStatusForm(req.body);
      const claim = await changeClaimStatus(db, {
        claimId: req.params.id,
        status: form.status,
        expectedVersion: form.version,
        note: form.note,
        actor: res.locals.user!.name,
      });
      notifier.publish(claim.id);
      if (!wantsFragment(req)) return res.redirect(303, `${refererPath(req, `/claims/${claim.id}`)}#claim-${claim.id}`);
      // Lets the status summary on the page refresh its counts.
      res.set('HX-Trigger', 'claimStatusChanged');
      await renderStatusFragment(req, res, view, claim, {});
    } catch (error) {
      if (error instanceof ConflictError) {
        const { claim, attemptedStatus } = error.current as StatusConflict;
        return renderStatusRefusal(req, res, 409, view, claim, { conflict: error.message, attemptedStatus });
      }
      if (error instanceof ValidationError) {
        const claim = await getClaim(db, req.params.id);
        return renderStatusRefusal(req, res, 422, view, claim, { errors: error.fieldErrors, attemptedStatus: req.body?.status });
      }
      throw error;
    }
  });

  async function renderStatusRefusal(
    req: Request,
    res: Response,
    status: 409 | 422,
    view: StatusView,
    claim: ClaimView,
    feedback: StatusFeedback,
  ): Promise<void> {
    if (wantsFragment(req)) return renderStatusFragment(req, res, view, claim, feedback, status);
    await renderClaimPage(db, req, res, claim, { feedback, status });
  }

  async function renderStatusFragment(
    req: Request,
    res: Response,
    view: StatusView,
    claim: ClaimView,
    feedback: StatusFeedback,
    status = 200,
  ): Promise<void> {
    if (view === 'detail') {
      const history = await getClaimHistory(db, claim.id);
      return renderView(req, res, { page: 'partials/claims/verification', status, data: { claim, history, feedback } });
    }
    renderView(req, res, { page: 'partials/claims/row', status, data: { claim, feedback } });
  }

  return router;
}

export interface ClaimListPage {
  page: string;
  /** Filters the page fixes (a speaker page's speaker), on top of those in the query string. */
  fixed?: Record<string, string>;
  data: Record<string, unknown>;
}

/** A page built around the filtered claim list; htmx gets the list fragment alone. */
export async function renderClaimList({ db, config }: Pick<AppDeps, 'db' | 'config'>, req: Request, res: Response, view: ClaimListPage): Promise<void> {
  const query = parseDashboardQuery({ ...req.query, ...view.fixed });
  const dashboard = await getDashboard(db, query.filters, query.after, config.pageSize, query.sort);
  renderView(req, res, {
    page: view.page,
    fragment: 'partials/claims/results',
    data: { ...view.data, dashboard, params: query.params, after: query.after },
  });
}

export interface ClaimPageState {
  feedback?: StatusFeedback;
  noteForm?: { values?: Record<string, string>; errors?: Record<string, string> };
  status?: number;
}

/** The claim page, also re-rendered whole when a form posted without JavaScript is refused. */
export async function renderClaimPage(db: Db, req: Request, res: Response, claim: ClaimView, state: ClaimPageState = {}): Promise<void> {
  const [{ article, noise }, history, notes] = await Promise.all([
    getArticle(db, claim.article_id),
    getClaimHistory(db, claim.id),
    listRenderedNotes(db, claim.id),
  ]);
  renderView(req, res, {
    page: 'pages/claim',
    status: state.status ?? 200,
    data: { title: claim.text.slice(0, 60), claim, article, noise, history, notes, feedback: state.feedback ?? {}, noteForm: state.noteForm ?? {} },
  });
}

/** Which fragment a status form belongs to: a dashboard row or the claim page's verification panel. */
type StatusView = 'row' | 'detail';

export interface StatusFeedback {
  errors?: Record<string, string>;
  conflict?: string;
  attemptedStatus?: string;
}
