import { Router, type Request } from 'express';
import type { AppDeps } from '../../app.ts';
import { InputRejectedError, ValidationError } from '../../errors.ts';
import { requireRole } from '../../http/auth.ts';
import { refererPath } from '../../http/referer.ts';
import { renderView, wantsFragment } from '../../http/render.ts';
import { renderClaimList, renderClaimPage, respondToClaimChange } from '../claims/claims.routes.ts';
import { parseSeenVerdicts } from '../claims/claims.schema.ts';
import { getClaim } from '../claims/claims.service.ts';
import { isAssignableUser, listAllUsers } from '../users/users.service.ts';
import { assignClaims, changeAttributionStatus, changeStatusBulk, listActivity, markHop } from './review.service.ts';

function text(req: Request, name: string): string {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

/** Checkbox values arrive as one string or an array of them. */
function selectedIds(req: Request): string[] {
  const value = (req.body as Record<string, unknown> | undefined)?.claim;
  return (Array.isArray(value) ? value : [value]).filter((id): id is string => typeof id === 'string' && id !== '');
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

  /** Selected rows: assign them, or set their status, with one audit row per claim. */
  router.post('/claims/bulk', requireRole('editor'), async (req, res) => {
    const user = res.locals.user!;
    const actor = { id: user.id, name: user.name };
    const claimIds = selectedIds(req);
    const action = text(req, 'action');
    let changed: string[];
    if (action === 'status') {
      changed = (await changeStatusBulk(db, { claimIds, status: text(req, 'status'), actor })).changedClaimIds;
    } else if (action === 'assign') {
      changed = (await assignClaims(db, { claimIds, assigneeId: text(req, 'assignee') || null, actor, assigneeExists: isAssignableUser })).changedClaimIds;
    } else {
      throw new InputRejectedError(400, 'Choose what to do with the selected claims.');
    }
    for (const id of changed) notifier.publish(id);
    if (!wantsFragment(req)) return res.redirect(303, refererPath(req, '/'));
    // The claims panel refreshes itself on this event, keeping the reviewer's filters.
    res.set('HX-Trigger', 'claims:resync');
    const message = `${changed.length} of ${claimIds.length} selected claim${claimIds.length === 1 ? '' : 's'} changed.`;
    renderView(req, res, { page: 'partials/flash', data: { flash: { level: 'info', message } } });
  });

  router.get('/queue', async (req, res) => {
    await renderClaimList(deps, req, res, {
      page: 'pages/queue',
      fixed: { assignee: res.locals.user!.id, open: '1' },
      data: { title: 'My queue' },
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
      data: { title: 'Activity', ...page, users, query, userNames: new Map(users.map((u) => [u.id, u.name])) },
    });
  });

  return router;
}
