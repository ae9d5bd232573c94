import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app.ts';
import { ConflictError, ValidationError, type FieldErrors, type UserMessage } from '../../errors.ts';
import { requireRole } from '../../http/auth.ts';
import { renderView, wantsFragment } from '../../http/render.ts';
import { msg } from '../../i18n/translate.ts';
import { HIGH_DRIFT } from '../../text/quote-diff.ts';
import { parseSeenVerdicts } from '../claims/claims.schema.ts';
import { getClaim } from '../claims/claims.service.ts';
import { changeAttributionStatus } from '../review/review.service.ts';
import { DEFAULT_MIN_DRIFT_PERCENT, getClaimQuoteDrift, listQuoteDrift, type DriftPage } from './quote-drift.service.ts';

/** What a row's attribution form shows after it was sent: the refusal and the reviewer's own choice, or the notice. */
export interface DriftRowFeedback {
  conflict?: UserMessage;
  errors?: FieldErrors;
  attempted?: string;
  note?: string;
  notice?: UserMessage;
}

interface DriftQuery {
  /** The filter as typed, shown back in its field. */
  min: string;
  minPercent: number;
  after: string | undefined;
  errors: FieldErrors;
}

/** The least drift listed: a whole percentage, 0 to 100; an empty field is the default. */
function readDriftQuery(query: Request['query']): DriftQuery {
  const raw = typeof query.min === 'string' ? query.min.trim() : query.min === undefined ? '' : undefined;
  const after = typeof query.after === 'string' && query.after !== '' ? query.after : undefined;
  if (raw === '') return { min: '', minPercent: DEFAULT_MIN_DRIFT_PERCENT, after, errors: {} };
  if (raw !== undefined && /^\d{1,3}$/.test(raw) && Number(raw) <= 100) return { min: raw, minPercent: Number(raw), after, errors: {} };
  return { min: raw?.slice(0, 20) ?? '', minPercent: DEFAULT_MIN_DRIFT_PERCENT, after: undefined, errors: { min: msg('drift.filter.invalid') } };
}

function bodyText(req: Request, name: string): string {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

export function quoteDriftRouter({ db, config, notifier }: AppDeps): Router {
  const router = Router();

  router.get('/drift', requireRole('reviewer'), async (req, res) => {
    const query = readDriftQuery(req.query);
    const page: DriftPage = Object.keys(query.errors).length > 0 ? { rows: [], nextCursor: null } : await listQuoteDrift(db, { minPercent: query.minPercent, after: query.after, pageSize: config.pageSize });
    renderDriftPage(req, res, { query, page, status: Object.keys(query.errors).length > 0 ? 422 : 200 });
  });

  // The claim page's section alone; a browser without htmx gets the page at the section.
  router.get('/claims/:id/drift', async (req, res) => {
    if (!wantsFragment(req)) return res.redirect(303, `/claims/${encodeURIComponent(req.params.id)}#quote-drift`);
    const drift = await getClaimQuoteDrift(db, req.params.id);
    // No drift is an empty section for a claim that exists; a claim that does not is not found (404).
    if (!drift) await getClaim(db, req.params.id);
    renderView(req, res, { page: 'partials/drift/claim-drift', data: { drift } });
  });

  // The attribution verdict of a drifted appearance, set from its row: the review service's own change
  // (version check, audit row), answered with the row.
  router.post<{ id: string }>('/drift/claims/:id/attribution', requireRole('reviewer'), async (req, res) => {
    const user = res.locals.user!;
    const version = Number(bodyText(req, 'version'));
    const attempted = bodyText(req, 'attributionStatus');
    const note = bodyText(req, 'note');
    const query = readDriftQuery({ min: bodyText(req, 'min') });
    let feedback: DriftRowFeedback;
    let status = 200;
    try {
      await changeAttributionStatus(db, {
        claimId: req.params.id,
        status: attempted,
        expectedVersion: Number.isInteger(version) && version > 0 ? version : -1,
        seen: parseSeenVerdicts(req.body),
        note: note || undefined,
        actor: { id: user.id, name: user.name },
      });
      notifier.publish(req.params.id);
      if (!wantsFragment(req)) return res.redirect(303, `/drift${query.min ? `?min=${encodeURIComponent(query.min)}` : ''}#drift-${req.params.id}`);
      feedback = { notice: msg('drift.row.saved') };
    } catch (error) {
      if (error instanceof ConflictError) [status, feedback] = [409, { conflict: error.text, attempted, note }];
      else if (error instanceof ValidationError) [status, feedback] = [422, { errors: error.fieldErrors, attempted, note }];
      else throw error;
    }
    const view = await getClaimQuoteDrift(db, req.params.id);
    if (wantsFragment(req)) {
      renderView(req, res, { page: 'partials/drift/row', status, data: { view, feedback, min: query.min } });
      return;
    }
    // Without htmx a refusal comes back as the page, the refused row first whatever its place in the list.
    const page = await listQuoteDrift(db, { minPercent: query.minPercent, pageSize: config.pageSize });
    const rows = view ? [view, ...page.rows.filter((row) => row.later.claim_id !== view.later.claim_id)] : page.rows;
    renderDriftPage(req, res, { query, page: { ...page, rows }, status, feedback: { [req.params.id]: feedback } });
  });

  return router;
}

function renderDriftPage(
  req: Request,
  res: Response,
  { query, page, status, feedback = {} }: { query: DriftQuery; page: DriftPage; status: number; feedback?: Record<string, DriftRowFeedback> },
): void {
  renderView(req, res, {
    page: 'pages/drift',
    fragment: 'partials/drift/list',
    status,
    data: {
      title: msg('drift.page.title'),
      drift: page,
      min: query.min,
      minPercent: query.minPercent,
      highPercent: Math.round(HIGH_DRIFT * 100),
      errors: query.errors,
      after: query.after,
      feedback,
    },
  });
}

