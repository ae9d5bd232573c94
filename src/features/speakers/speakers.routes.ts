import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app.ts';
import { ConflictError, ValidationError, type FieldErrors, type UserMessage } from '../../errors.ts';
import { requireRole } from '../../http/auth.ts';
import { renderView, wantsFragment } from '../../http/render.ts';
import { SPEAKER_KINDS } from '../../domain/speaker-kinds.ts';
import { renderClaimList } from '../claims/claims.routes.ts';
import { facetVerdictsChart } from '../charts/charts.service.ts';
import type { UiLanguage } from '../../i18n/languages.ts';
import { countSpeakerClaims } from './speakers.repository.ts';
import { parseMergeForm, parseSpeakerForm, readSpeakerForm, readSuggestQuery, type SpeakerEditForm } from './speakers.schema.ts';
import {
  editSpeaker,
  getSpeakerProfile,
  mergeSpeakers,
  planSpeakerMerge,
  suggestSpeakers,
  type SpeakerMergePlan,
  type SpeakerProfile,
} from './speakers.service.ts';

/** What the edit and merge panels show besides the speaker: a refused form as typed, with why. */
interface SpeakerPageState {
  edit?: { form?: SpeakerEditForm; errors?: FieldErrors; conflict?: UserMessage; saved?: boolean };
  merge?: { typed?: string; errors?: FieldErrors; conflict?: UserMessage; plan?: SpeakerMergePlan };
  status?: number;
}

export function speakersRouter(deps: AppDeps): Router {
  const { db, notifier } = deps;
  const router = Router();

  router.get('/speakers/suggest', async (req, res) => {
    const { q, limit } = readSuggestQuery(req.query, ['speaker', 'into']);
    const suggestions = await suggestSpeakers(db, q, limit);
    res.vary('Accept');
    if (req.accepts(['html', 'json']) === 'json') return void res.json(suggestions);
    renderView(req, res, { page: 'partials/speakers/suggestions', data: { suggestions } });
  });

  router.get('/speakers/:id', async (req, res) => {
    const profile = await getSpeakerProfile(db, req.params.id);
    if (profile.speaker.merged_into) return res.redirect(301, `/speakers/${encodeURIComponent(profile.speaker.merged_into)}`);
    await renderSpeakerPage(deps, req, res, profile, {});
  });

  router.post<{ id: string }>('/speakers/:id/edit', requireRole('editor'), async (req, res) => {
    const user = res.locals.user!;
    let profile: SpeakerProfile;
    try {
      profile = await editSpeaker(db, req.params.id, parseSpeakerForm(req.body), { id: user.id, name: user.name });
    } catch (error) {
      const form = readSpeakerForm(req.body);
      if (error instanceof ValidationError) return refuse(deps, req, res, await getSpeakerProfile(db, req.params.id), { edit: { form, errors: error.fieldErrors }, status: 422 });
      if (error instanceof ConflictError) return refuse(deps, req, res, error.current as SpeakerProfile, { edit: { form, conflict: error.text }, status: 409 });
      throw error;
    }
    if (!wantsFragment(req)) return res.redirect(303, `/speakers/${encodeURIComponent(profile.speaker.id)}`);
    await renderProfile(deps, req, res, profile, { edit: { saved: true } });
  });

  router.post<{ id: string }>('/speakers/:id/merge', requireRole('editor'), async (req, res) => {
    const user = res.locals.user!;
    const typed = typeof req.body?.into === 'string' ? req.body.into : '';
    try {
      const target = parseMergeForm(req.body);
      const plan = await planSpeakerMerge(db, req.params.id, target);
      if (!target.confirmed) return respondWithMergePanel(deps, req, res, await getSpeakerProfile(db, req.params.id), { merge: { typed, plan } });
      const { into, movedClaimIds } = await mergeSpeakers(db, plan.from.id, plan.into.id, { id: user.id, name: user.name });
      for (const claimId of movedClaimIds) notifier.publish(claimId);
      const location = `/speakers/${encodeURIComponent(into.id)}`;
      if (wantsFragment(req)) return void res.set('HX-Redirect', location).status(204).end();
      res.redirect(303, location);
    } catch (error) {
      const profile = await getSpeakerProfile(db, req.params.id);
      if (error instanceof ValidationError) return respondWithMergePanel(deps, req, res, profile, { merge: { typed, errors: error.fieldErrors }, status: 422 });
      if (error instanceof ConflictError) return respondWithMergePanel(deps, req, res, profile, { merge: { typed, conflict: error.text }, status: 409 });
      throw error;
    }
  });

  return router;
}

/** The whole page without htmx, the panel that was submitted with it. */
async function refuse(deps: AppDeps, req: Request, res: Response, profile: SpeakerProfile, state: SpeakerPageState): Promise<void> {
  if (wantsFragment(req)) return renderProfile(deps, req, res, profile, state);
  await renderSpeakerPage(deps, req, res, profile, state);
}

async function respondWithMergePanel(deps: AppDeps, req: Request, res: Response, profile: SpeakerProfile, state: SpeakerPageState): Promise<void> {
  if (!wantsFragment(req)) return renderSpeakerPage(deps, req, res, profile, state);
  renderView(req, res, { page: 'partials/speakers/merge', status: state.status, data: { ...profile, ...panelData(state) } });
}

async function renderProfile(deps: AppDeps, req: Request, res: Response, profile: SpeakerProfile, state: SpeakerPageState): Promise<void> {
  const claimCount = await countSpeakerClaims(deps.db, profile.speaker.id);
  renderView(req, res, { page: 'partials/speakers/profile', status: state.status, data: { ...profile, claimCount, ...panelData(state) } });
}

async function renderSpeakerPage(deps: AppDeps, req: Request, res: Response, profile: SpeakerProfile, state: SpeakerPageState): Promise<void> {
  const claimCount = await countSpeakerClaims(deps.db, profile.speaker.id);
  const verdictChart = wantsFragment(req) ? undefined : await facetVerdictsChart(deps.db, 'speaker', profile.speaker.id, res.locals.lang as UiLanguage);
  await renderClaimList(deps, req, res, {
    page: 'pages/speaker',
    fixed: { speaker: profile.speaker.id },
    status: state.status,
    data: { title: profile.speaker.name, ...profile, claimCount, verdictChart, ...panelData(state) },
  });
}

function panelData(state: SpeakerPageState): Record<string, unknown> {
  return { edit: state.edit ?? {}, merge: state.merge ?? {}, kinds: SPEAKER_KINDS };
}
