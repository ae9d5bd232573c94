import { Router } from 'express';
import type { AppDeps } from '../../app.ts';
import { renderClaimList } from '../claims/claims.routes.ts';
import { getSpeakerProfile } from './speakers.service.ts';

export function speakersRouter(deps: AppDeps): Router {
  const { db } = deps;
  const router = Router();

  router.get('/speakers/:id', async (req, res) => {
    const profile = await getSpeakerProfile(db, req.params.id);
    await renderClaimList(deps, req, res, {
      page: 'pages/speaker',
      fixed: { speaker: profile.speaker.id },
      data: { title: profile.speaker.name, ...profile },
    });
  });

  return router;
}
