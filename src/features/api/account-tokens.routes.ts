import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app.ts';
import { ValidationError, type FieldErrors } from '../../errors.ts';
import { renderView } from '../../http/render.ts';
import { msg } from '../../i18n/translate.ts';
import { issueApiToken, listApiTokens, MAX_TOKEN_LABEL_LENGTH, revokeApiToken, type IssuedToken } from './api-tokens.service.ts';

const TITLE = msg('account.tokens.title');

interface TokenPageState {
  status?: number;
  issued?: IssuedToken;
  errors?: FieldErrors;
  values?: Record<string, string>;
}

/** The signed-in user's own API tokens: listed, created (shown once) and revoked. Plain forms; no script needed. */
export function accountTokensRouter({ db }: Pick<AppDeps, 'db'>): Router {
  const router = Router();

  async function renderTokens(req: Request, res: Response, state: TokenPageState = {}): Promise<void> {
    const tokens = await listApiTokens(db, res.locals.user!.id);
    // A page that shows a token must not be kept by the browser or a proxy.
    if (state.issued) res.set('Cache-Control', 'no-store');
    renderView(req, res, {
      page: 'pages/account-tokens',
      status: state.status ?? 200,
      data: { title: TITLE, tokens, issued: state.issued, errors: state.errors ?? {}, values: state.values ?? {}, maxLabelLength: MAX_TOKEN_LABEL_LENGTH },
    });
  }

  router.get('/account/tokens', async (req, res) => {
    await renderTokens(req, res);
  });

  router.post('/account/tokens', async (req, res) => {
    const label = typeof req.body?.label === 'string' ? (req.body.label as string) : '';
    try {
      await renderTokens(req, res, { issued: await issueApiToken(db, res.locals.user!.id, label), status: 201 });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      await renderTokens(req, res, { status: 422, errors: error.fieldErrors, values: { label } });
    }
  });

  router.post<{ id: string }>('/account/tokens/:id/revoke', async (req, res) => {
    await revokeApiToken(db, res.locals.user!.id, req.params.id);
    res.redirect(303, '/account/tokens');
  });

  return router;
}
