import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app.ts';
import { ConflictError, ValidationError, type FieldErrors, type UserMessage } from '../../errors.ts';
import { requireRole } from '../../http/auth.ts';
import { renderView, wantsFragment } from '../../http/render.ts';
import { OUTLET_KINDS } from '../../domain/outlet-kinds.ts';
import { renderClaimList } from '../claims/claims.routes.ts';
import { facetVerdictsChart } from '../charts/charts.service.ts';
import type { UiLanguage } from '../../i18n/languages.ts';
import { parseMergeForm, readSuggestQuery } from '../speakers/speakers.schema.ts';
import { countOutletClaims } from './outlets.repository.ts';
import { parseOutletForm, readOutletForm, type OutletEditForm } from './outlets.schema.ts';
import { editOutlet, getOutletProfile, mergeOutlets, planOutletMerge, suggestOutlets, type OutletMergePlan, type OutletProfile } from './outlets.service.ts';

/** What the edit and merge panels show besides the outlet: a refused form as typed, with why. */
interface OutletPageState {
  edit?: { form?: OutletEditForm; errors?: FieldErrors; conflict?: UserMessage; saved?: boolean };
  merge?: { typed?: string; errors?: FieldErrors; conflict?: UserMessage; plan?: OutletMergePlan };
  status?: number;
}

export function outletsRouter(deps: AppDeps): Router {
  const { db, notifier } = deps;
  const router = Router();

  router.get('/outlets/suggest', async (req, res) => {
    const { q, limit } = readSuggestQuery(req.query, ['outlet', 'into']);
    const suggestions = await suggestOutlets(db, q, limit);
    res.vary('Accept');
    if (req.accepts(['html', 'json']) === 'json') return void res.json(suggestions);
    renderView(req, res, { page: 'partials/outlets/suggestions', data: { suggestions } });
  });

  router.get('/outlets/:id', async (req, res) => {
    const profile = await getOutletProfile(db, req.params.id);
    if (profile.outlet.merged_into) return res.redirect(301, `/outlets/${encodeURIComponent(profile.outlet.merged_into)}`);
    await renderOutletPage(deps, req, res, profile, {});
  });

  router.post<{ id: string }>('/outlets/:id/edit', requireRole('editor'), async (req, res) => {
    const user = res.locals.user!;
    let profile: OutletProfile;
    try {
      profile = await editOutlet(db, req.params.id, parseOutletForm(req.body), { id: user.id, name: user.name });
    } catch (error) {
      const form = readOutletForm(req.body);
      if (error instanceof ValidationError) return refuse(deps, req, res, await getOutletProfile(db, req.params.id), { edit: { form, errors: error.fieldErrors }, status: 422 });
      if (error instanceof ConflictError) return refuse(deps, req, res, error.current as OutletProfile, { edit: { form, conflict: error.text }, status: 409 });
      throw error;
    }
    if (!wantsFragment(req)) return res.redirect(303, `/outlets/${encodeURIComponent(profile.outlet.id)}`);
    await renderProfile(deps, req, res, profile, { edit: { saved: true } });
  });

  router.post<{ id: string }>('/outlets/:id/merge', requireRole('editor'), async (req, res) => {
    const user = res.locals.user!;
    const typed = typeof req.body?.into === 'string' ? req.body.into : '';
    try {
      const target = parseMergeForm(req.body);
      const plan = await planOutletMerge(db, req.params.id, target);
      if (!target.confirmed) return respondWithMergePanel(deps, req, res, await getOutletProfile(db, req.params.id), { merge: { typed, plan } });
      const { into, movedClaimIds } = await mergeOutlets(db, plan.from.id, plan.into.id, { id: user.id, name: user.name });
      for (const claimId of movedClaimIds) notifier.publish(claimId);
      const location = `/outlets/${encodeURIComponent(into.id)}`;
      if (wantsFragment(req)) return void res.set('HX-Redirect', location).status(204).end();
      res.redirect(303, location);
    } catch (error) {
      const profile = await getOutletProfile(db, req.params.id);
      if (error instanceof ValidationError) return respondWithMergePanel(deps, req, res, profile, { merge: { typed, errors: error.fieldErrors }, status: 422 });
      if (error instanceof ConflictError) return respondWithMergePanel(deps, req, res, profile, { merge: { typed, conflict: error.text }, status: 409 });
      throw error;
    }
  });

  return router;
}

async function refuse(deps: AppDeps, req: Request, res: Response, profile: OutletProfile, state: OutletPageState): Promise<void> {
  if (wantsFragment(req)) return renderProfile(deps, req, res, profile, state);
  await renderOutletPage(deps, req, res, profile, state);
}

async function respondWithMergePanel(deps: AppDeps, req: Request, res: Response, profile: OutletProfile, state: OutletPageState): Promise<void> {
  if (!wantsFragment(req)) return renderOutletPage(deps, req, res, profile, state);
  renderView(req, res, { page: 'partials/outlets/merge', status: state.status, data: { ...profile, ...panelData(state) } });
}

async function renderProfile(deps: AppDeps, req: Request, res: Response, profile: OutletProfile, state: OutletPageState): Promise<void> {
  const claimCount = await countOutletClaims(deps.db, profile.outlet.id);
  renderView(req, res, { page: 'partials/outlets/profile', status: state.status, data: { ...profile, claimCount, ...panelData(state) } });
}

async function renderOutletPage(deps: AppDeps, req: Request, res: Response, profile: OutletProfile, state: OutletPageState): Promise<void> {
  const claimCount = await countOutletClaims(deps.db, profile.outlet.id);
  const verdictChart = wantsFragment(req) ? undefined : await facetVerdictsChart(deps.db, 'outlet', profile.outlet.id, res.locals.lang as UiLanguage);
  await renderClaimList(deps, req, res, {
    page: 'pages/outlet',
    fixed: { outlet: profile.outlet.id },
    status: state.status,
    data: { title: profile.outlet.name, ...profile, claimCount, verdictChart, ...panelData(state) },
  });
}

function panelData(state: OutletPageState): Record<string, unknown> {
  return { edit: state.edit ?? {}, merge: state.merge ?? {}, kinds: OUTLET_KINDS };
}
