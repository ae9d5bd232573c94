import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app.ts';
import type { Db } from '../../db/connect.ts';
import { ConflictError, ValidationError, type FieldErrors, type UserMessage } from '../../errors.ts';
import { hasRole } from '../../domain/roles.ts';
import { requireRole } from '../../http/auth.ts';
import { refererPath } from '../../http/referer.ts';
import { renderView, wantsFragment } from '../../http/render.ts';
import { parseDashboardQuery, parseStatusForm } from './claims.schema.ts';
import { readSelection } from '../review/review.schema.ts';
import { EDITED_MEANWHILE_NOTICE } from '../review/verdict-changes.ts';
import { changeClaimStatus, getClaim, getClaimHistory, getStatusCounts, type ClaimView, type ClaimWrite } from './claims.service.ts';
import { getDashboard } from './dashboard.service.ts';
import { getClaimPageContext } from './claim-page.service.ts';
import type { ClaimEditorValues } from '../corrections/claim-edits.schema.ts';
import { msg, type LocalizedText } from '../../i18n/translate.ts';

export function claimsRouter({ db, config, notifier }: AppDeps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    await renderClaimList({ db, config }, req, res, { page: 'pages/dashboard', data: { title: msg('nav.claims') } });
  });

  // The row alone: open dashboards fetch it when the claim changes elsewhere. A selected row sends its
  // checkbox along and stays selected with the version it was selected at, so that a bulk change still
  // sees that the claim moved on after it was chosen.
  router.get('/claims/:id/row', async (req, res) => {
    const claim = await getClaim(db, req.params.id);
    const selected = readSelection(req.query.claim).selection.find((row) => row.id === claim.id);
    renderView(req, res, { page: 'partials/claims/row', data: { claim, feedback: {}, selected: selected !== undefined, selectedVersion: selected?.version } });
  });

  // The counts alone, for the summary that refreshes after a change: no page of claims, no filter options.
  router.get('/claims/status-summary', async (req, res) => {
    const query = parseDashboardQuery(req.query);
    const dashboard = await getStatusCounts(db, query.filters);
    renderView(req, res, { page: 'partials/claims/status-summary', data: { dashboard, params: query.params, after: query.after } });
  });

  router.get('/claims/:id', async (req, res) => {
    const claim = await getClaim(db, req.params.id);
    await renderClaimPage(db, req, res, claim, { editor: { notice: correctionNotice(req.query.corrected) } });
  });

  router.post<{ id: string }>('/claims/:id/status', requireRole('reviewer'), async (req, res) => {
    await respondToClaimChange({ db, notifier }, req, res, 'status', async () => {
      const form = parseStatusForm(req.body);
      const user = res.locals.user!;
      return changeClaimStatus(db, {
        claimId: req.params.id,
        status: form.status,
        expectedVersion: form.version,
        seen: form.seen,
        note: form.note,
        actor: user.name,
        actorId: user.id,
        scale: res.locals.scale,
      });
    });
  });

  return router;
}

/** The controls a single-claim change can come from; each shows its own refusal. */
export type ClaimControl = 'status' | 'attribution' | 'assignee';

/** The form field that carries each control's value, kept selected when the change is refused. */
const CONTROL_FIELDS: Record<ClaimControl, string> = { status: 'status', attribution: 'attributionStatus', assignee: 'assignee' };

/**
 * Runs one change to one claim and answers it: the re-rendered row or verification panel to htmx
 * (or a 303 back without it), 409 with the current state, or 422; a refused change keeps the
 * reviewer's own value and note so that it can be re-applied in one click.
 */
export async function respondToClaimChange(
  { db, notifier }: Pick<AppDeps, 'db' | 'notifier'>,
  req: Request<{ id: string }>,
  res: Response,
  control: ClaimControl,
  change: () => Promise<ClaimWrite>,
): Promise<void> {
  const view: StatusView = req.body?.view === 'detail' ? 'detail' : 'row';
  const submitted = (field: string) => (typeof req.body?.[field] === 'string' ? (req.body[field] as string) : undefined);
  const kept = { control, attempted: submitted(CONTROL_FIELDS[control]), note: submitted('note') };
  let written: ClaimWrite;
  try {
    written = await change();
  } catch (error) {
    if (error instanceof ConflictError) {
      const current = (error.current as { claim: ClaimView }).claim;
      return refuse(409, current, { ...kept, conflict: error.text });
    }
    if (error instanceof ValidationError) return refuse(422, await getClaim(db, req.params.id), { ...kept, errors: error.fieldErrors });
    throw error;
  }
  const { claim } = written;
  notifier.publish(claim.id);
  if (!wantsFragment(req)) return res.redirect(303, `${refererPath(req, `/claims/${claim.id}`)}#claim-${claim.id}`);
  // Lets the status summary on the page refresh its counts.
  res.set('HX-Trigger', 'claimStatusChanged');
  await renderClaimFragment(db, req, res, view, claim, { control, notice: written.editedMeanwhile ? EDITED_MEANWHILE_NOTICE : undefined });

  async function refuse(status: 409 | 422, current: ClaimView, feedback: ClaimFeedback): Promise<void> {
    if (wantsFragment(req)) return renderClaimFragment(db, req, res, view, current, feedback, status);
    await renderClaimPage(db, req, res, current, { feedback, status });
  }
}

async function renderClaimFragment(db: Db, req: Request, res: Response, view: StatusView, claim: ClaimView, feedback: ClaimFeedback, status = 200): Promise<void> {
  if (view === 'detail') {
    const history = await getClaimHistory(db, claim.id);
    return renderView(req, res, { page: 'partials/claims/verification', status, data: { claim, history, feedback } });
  }
  renderView(req, res, { page: 'partials/claims/row', status, data: { claim, feedback } });
}

export interface ClaimListPage {
  page: string;
  /** Filters the page fixes (a speaker page's speaker), on top of those in the query string. */
  fixed?: Record<string, string>;
  data: Record<string, unknown>;
  /** A refused form on the page (422, 409) re-renders the page with its own status. */
  status?: number;
}

/** A page built around the filtered claim list; htmx gets the list fragment alone. */
export async function renderClaimList({ db, config }: Pick<AppDeps, 'db' | 'config'>, req: Request, res: Response, view: ClaimListPage): Promise<void> {
  const query = parseDashboardQuery({ ...req.query, ...view.fixed });
  const dashboard = await getDashboard(db, query.filters, query.after, config.pageSize, query.sort);
  renderView(req, res, {
    page: view.page,
    fragment: 'partials/claims/results',
    status: view.status,
    data: { ...view.data, dashboard, params: query.params, after: query.after },
  });
}

export interface ClaimPageState {
  feedback?: ClaimFeedback;
  noteForm?: { values?: Record<string, string>; errors?: FieldErrors };
  hopForm?: { hopId: string; values?: Record<string, string>; errors?: FieldErrors };
  /** The correction form as the reviewer left it, when it was refused or just saved. */
  editor?: ClaimEditorState;
  /** What the "same claim elsewhere" section says after a decision sent without JavaScript was refused. */
  sameClaim?: { notice?: UserMessage; conflict?: UserMessage; errors?: FieldErrors };
  status?: number;
}

export interface ClaimEditorState {
  values?: ClaimEditorValues;
  errors?: FieldErrors;
  conflict?: UserMessage;
  notice?: UserMessage;
}

/** The claim page, also re-rendered whole when a form posted without JavaScript is refused. */
export async function renderClaimPage(db: Db, req: Request, res: Response, claim: ClaimView, state: ClaimPageState = {}): Promise<void> {
  const user = res.locals.user;
  const context = await getClaimPageContext(db, claim, { mayCorrect: Boolean(user && hasRole(user.role, 'reviewer')) });
  renderView(req, res, {
    page: 'pages/claim',
    status: state.status ?? 200,
    data: { title: claim.text.slice(0, 60), claim, ...context, feedback: state.feedback ?? {}, noteForm: state.noteForm ?? {}, hopForm: state.hopForm, editor: state.editor ?? {}, sameClaimFeedback: state.sameClaim ?? {} },
  });
}

/** Which fragment a status form belongs to: a dashboard row or the claim page's verification panel. */
type StatusView = 'row' | 'detail';

export interface ClaimFeedback {
  control?: ClaimControl;
  errors?: FieldErrors;
  conflict?: UserMessage;
  /** The value the reviewer submitted, kept selected so it can be re-applied in one click. */
  attempted?: string | undefined;
  /** The note the reviewer typed with a refused change, kept in its field. */
  note?: string | undefined;
  /** Said after a change that was saved. */
  notice?: UserMessage | undefined;
}

/** Said on the claim page after a correction form was sent (see the redirect in claim-edits.routes.ts). */
function correctionNotice(corrected: unknown): LocalizedText | undefined {
  if (corrected === 'none') return msg('claims.edit.nothingChanged');
  if (typeof corrected !== 'string' || !/^(span|speaker|cue|kind|chain)(,(span|speaker|cue|kind|chain))*$/.test(corrected)) return undefined;
  return msg('claims.edit.saved', { fields: corrected.split(',').map((field) => msg(`claims.field.${field as CorrectedField}`)) });
}

type CorrectedField = 'span' | 'speaker' | 'cue' | 'kind' | 'chain';
