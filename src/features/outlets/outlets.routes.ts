import { Router } from 'express';
import type { AppDeps } from '../../app.ts';
import { renderClaimList } from '../claims/claims.routes.ts';
import { getOutletProfile } from './outlets.service.ts';

export function outletsRouter(deps: AppDeps): Router {
  const { db } = deps;
  const router = Router();

  router.get('/outlets/:id', async (req, res) => {
    const profile = await getOutletProfile(db, req.params.id);
    await renderClaimList(deps, req, res, {
      page: 'pages/outlet',
      fixed: { outlet: profile.outlet.id },
      data: { title: profile.outlet.name, ...profile },
    });
  });

  return router;
}
