import { Router } from 'express';
import type { AppDeps } from '../../app.ts';
import { renderView } from '../../http/render.ts';
import { readSearchParameter, SearchQueryError, type SearchInput } from './search.schema.ts';
import { searchEverything } from './search.service.ts';

export function searchRouter({ db }: AppDeps): Router {
  const router = Router();

  // A refused query keeps the page, its form and what was typed, with the reason in place of results.
  router.get('/search', async (req, res) => {
    let input: SearchInput | undefined;
    let problem: SearchQueryError | undefined;
    try {
      input = readSearchParameter(req.query.q);
    } catch (error) {
      if (!(error instanceof SearchQueryError)) throw error;
      problem = error;
    }
    const results = input ? await searchEverything(db, input.query) : undefined;
    const typed = typeof req.query.q === 'string' ? req.query.q : '';
    renderView(req, res, {
      page: 'pages/search',
      fragment: 'partials/search/results',
      status: problem ? 400 : 200,
      data: { title: input?.text, q: typed, search: input, results, problem },
    });
  });

  return router;
}
