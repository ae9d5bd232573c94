import { Router } from 'express';
import type { AppDeps } from '../../app.ts';
import { renderView } from '../../http/render.ts';
import type { UiLanguage } from '../../i18n/languages.ts';
import { msg } from '../../i18n/translate.ts';
import { overviewCharts } from './charts.service.ts';

export function chartsRouter({ db }: AppDeps): Router {
  const router = Router();

  router.get('/overview', async (req, res) => {
    const charts = await overviewCharts(db, res.locals.lang as UiLanguage);
    renderView(req, res, { page: 'pages/overview', data: { title: msg('overview.title'), charts } });
  });

  return router;
}
