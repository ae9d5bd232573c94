import { Router } from 'express';
import type { AppDeps } from '../../app.ts';
import { renderView } from '../../http/render.ts';
import { parseDashboardQuery } from '../claims/claims.schema.ts';
import { getDashboard } from '../claims/dashboard.service.ts';
import { getSpeakerProfile } from './speakers.service.ts';

export function speakersRouter({ db, config }: AppDeps): Router {
  const router = Router();

  router.get('/speakers/:id', async (req, res) => {
    const profile = await getSpeakerProfile(db, req.params.id);
    const query = parseDashboardQuery({ ...req.query, speaker: profile.speaker.id });
    const dashboard = await getDashboard(db, query.filters, query.after, config.pageSize, query.sort);
    renderView(req, res, {
      page: 'pages/speaker',
      fragment: 'partials/claims/results',
      data: { title: profile.speaker.name, ...profile, dashboard, params: query.params, after: query.after },
    });
  });

  return router;
}
