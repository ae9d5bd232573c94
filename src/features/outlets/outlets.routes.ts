import { Router } from 'express';
import type { AppDeps } from '../../app.ts';
import { renderView } from '../../http/render.ts';
import { parseDashboardQuery } from '../claims/claims.schema.ts';
import { getDashboard } from '../claims/dashboard.service.ts';
import { getOutletProfile } from './outlets.service.ts';

export function outletsRouter({ db, config }: AppDeps): Router {
  const router = Router();

  router.get('/outlets/:id', async (req, res) => {
    const profile = await getOutletProfile(db, req.params.id);
    const query = parseDashboardQuery({ ...req.query, outlet: profile.outlet.id });
    const dashboard = await getDashboard(db, query.filters, query.after, config.pageSize, query.sort);
    renderView(req, res, {
      page: 'pages/outlet',
      fragment: 'partials/claims/results',
      data: { title: profile.outlet.name, ...profile, dashboard, params: query.params, after: query.after },
    });
  });

  return router;
}
