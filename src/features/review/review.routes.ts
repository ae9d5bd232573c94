import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app.ts';
import type { Db } from '../../db/connect.ts';
import { ConflictError, ValidationError, type FieldErrors, type UserMessage } from '../../errors.ts';
import { requireRole } from '../../http/auth.ts';
import { refererPath } from '../../http/referer.ts';
import { renderView, wantsFragment } from '../../http/render.ts';
import { renderClaimList, renderClaimPage, respondToClaimChange } from '../claims/claims.routes.ts';
import { parseSeenVerdicts } from '../claims/claims.schema.ts';
import { getClaim } from '../claims/claims.service.ts';
import { isAssignableUser, listAllUsers } from '../users/users.service.ts';
import type { ClaimSummary } from './review.repository.ts';
import { bulkAssignee, bulkFormErrors, confirmedReplacing, readBulkForm, type BulkForm } from './review.schema.ts';
import { msg } from '../../i18n/translate.ts';
import {
  assignClaims,
  changeAttributionStatus,
  changeStatusBulk,
  isBulkStaleSelection,
  listActivity,
  listSelectedClaims,
  markHop,
  type Actor,
  type BulkStatusOutcome,
  type ChangedClaim,
} from './review.service.ts';

function text(req: Request, name: string): string {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

function version(req: Request): number {
  const value = Number(text(req, 'version'));
  return Number.isInteger(value) && value > 0 ? value : -1;
}

export function reviewRouter(deps: AppDeps): Router {
  const { db, config, notifier } = deps;
  const router = Router();

  router.post<{ id: string }>('/claims/:id/attribution', requireRole('reviewer'), async (req, res) => {
    await respondToClaimChange(deps, req, res, 'attribution', () => {
      const user = res.locals.user!;
      return changeAttributionStatus(db, {
        claimId: req.params.id,
        status: text(req, 'attributionStatus'),
        expectedVersion: version(req),
        seen: parseSeenVerdicts(req.body),
        note: text(req, 'note') || undefined,
        actor: { id: user.id, name: user.name },
      });
    });
  });

  router.post<{ id: string }>('/claims/:id/assignee', requireRole('editor'), async (req, res) => {
    await respondToClaimChange(deps, req, res, 'assignee', async () => {
      const user = res.locals.user!;
      await assignClaims(db, {
        claimIds: [req.params.id],
        assigneeId: text(req, 'assignee') || null,
        actor: { id: user.id, name: user.name },
        assigneeExists: isAssignableUser,
      });
      return { claim: await getClaim(db, req.params.id), editedMeanwhile: false };
    });
  });

  router.post<{ id: string; hopId: string }>('/claims/:id/hops/:hopId', requireRole('reviewer'), async (req, res) => {
    const user = res.locals.user!;
    let claim;
    try {
      claim = await markHop(db, {
        claimId: req.params.id,
        hopId: req.params.hopId,
        status: text(req, 'status'),
        evidenceUrl: text(req, 'evidenceUrl'),
        actor: { id: user.id, name: user.name },
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const current = await getClaim(db, req.params.id);
      const hopForm = { hopId: req.params.hopId, errors: error.fieldErrors, values: { evidenceUrl: text(req, 'evidenceUrl'), status: text(req, 'status') } };
      if (wantsFragment(req)) return renderView(req, res, { page: 'partials/claims/chain', status: 422, data: { claim: current, hopForm } });
      return renderClaimPage(db, req, res, current, { status: 422, hopForm });
    }
    notifier.publish(claim.id);
    if (!wantsFragment(req)) return res.redirect(303, `/claims/${claim.id}#chain`);
    renderView(req, res, { page: 'partials/claims/chain', data: { claim } });
  });

  /** Selected rows: assign them, or set their status (see changeStatusBulk), with one audit row per claim. */
  router.post('/claims/bulk', requireRole('editor'), async (req, res) => {
    const form = readBulkForm(req.body);
    const user = res.locals.user!;
    let outcome: BulkStatusOutcome;
    try {
      outcome = await applyBulkForm(db, form, { id: user.id, name: user.name });
    } catch (error) {
      if (error instanceof ValidationError) return renderBulkAnswer(db, req, res, form, 422, { errors: error.fieldErrors });
      if (error instanceof ConflictError && isBulkStaleSelection(error.current)) {
        return renderBulkAnswer(db, req, res, form, 409, { message: error.text, changed: error.current.changed });
      }
      throw error;
    }
    if (outcome.kind === 'confirm') return renderBulkAnswer(db, req, res, form, 200, { replacing: outcome.replacing });
    for (const id of outcome.changedClaimIds) notifier.publish(id);
    if (!wantsFragment(req)) return res.redirect(303, form.back ?? refererPath(req, '/'));
    // The claims panel refreshes itself on this event, keeping the reviewer's filters and clearing the selection.
    res.set({ 'HX-Trigger': 'claims:resync', 'HX-Retarget': '#flash', 'HX-Reswap': 'innerHTML' });
    const message = msg('review.bulk.done', { changed: outcome.changedClaimIds.length, count: outcome.claimIds.length });
    renderView(req, res, { page: 'partials/flash', data: { flash: { level: 'info', message } } });
  });

  router.get('/queue', async (req, res) => {
    await renderClaimList(deps, req, res, {
      page: 'pages/queue',
      fixed: { assignee: res.locals.user!.id, open: '1' },
      data: { title: msg('nav.queue') },
    });
  });

  router.get('/activity', async (req, res) => {
    const query = {
      actorId: typeof req.query.user === 'string' && req.query.user ? req.query.user : undefined,
      from: typeof req.query.from === 'string' && req.query.from ? req.query.from : undefined,
      to: typeof req.query.to === 'string' && req.query.to ? req.query.to : undefined,
      before: typeof req.query.before === 'string' && req.query.before ? req.query.before : undefined,
    };
    const [page, users] = await Promise.all([listActivity(db, { ...query, limit: config.pageSize }), listAllUsers(db)]);
    renderView(req, res, {
      page: 'pages/activity',
      data: { title: msg('nav.activity'), ...page, users, query, userNames: new Map(users.map((u) => [u.id, u.name])) },
    });
  });

  return router;
}

async function applyBulkForm(db: Db, form: BulkForm, actor: Actor): Promise<BulkStatusOutcome> {
  const errors = bulkFormErrors(form);
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  if (form.action === 'status') {
    return changeStatusBulk(db, { selection: form.selection, status: form.status, actor, confirmedReplacing: confirmedReplacing(form) });
  }
  const claimIds = form.selection.map((selected) => selected.id);
  return { kind: 'applied', ...(await assignClaims(db, { claimIds, assigneeId: bulkAssignee(form), actor, assigneeExists: isAssignableUser })) };
}

interface BulkAnswer {
  errors?: FieldErrors;
  message?: UserMessage;
  changed?: ChangedClaim[];
  replacing?: ClaimSummary[];
}

/**
 * The bulk bar again, with the user's choices and the answer. htmx gets the bar alone, plus the rows of
 * claims changed meanwhile re-drawn as they are now and still selected; without it, a page lists the
 * selection, checked, under the bar.
 */
async function renderBulkAnswer(db: Db, req: Request, res: Response, form: BulkForm, status: number, answer: BulkAnswer): Promise<void> {
  const bulk: Record<string, unknown> = { ...answer, values: { action: form.action, status: form.status, assignee: form.assignee }, back: form.back };
  if (wantsFragment(req)) {
    bulk.rows = await Promise.all((answer.changed ?? []).map((claim) => getClaim(db, claim.id)));
  } else {
    const currentVersions = new Map((answer.changed ?? []).map((claim) => [claim.id, claim.version]));
    const claims = await listSelectedClaims(db, form.selection.map((selected) => selected.id));
    const submitted = new Map(form.selection.map((selected) => [selected.id, selected.version]));
    bulk.selection = claims.map((claim) => ({ claim, version: currentVersions.get(claim.id) ?? submitted.get(claim.id) }));
  }
  renderView(req, res, { page: 'pages/bulk', fragment: 'partials/claims/bulk-form', status, data: { title: msg('review.bulk.title'), bulk } });
}
