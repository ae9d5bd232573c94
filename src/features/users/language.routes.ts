import { Router } from 'express';
import type { AppDeps } from '../../app.ts';
import { isUiLanguage } from '../../i18n/languages.ts';
import { rememberLanguage } from '../../http/language.ts';
import { refererPath } from '../../http/referer.ts';
import { setUserLanguage } from './users.service.ts';

/** The header's language switch: saved on the account (and in a cookie for the sign-in page), then back to the page. */
export function languageRouter({ db, config }: AppDeps): Router {
  const router = Router();
  router.post('/account/language', async (req, res) => {
    const language = (req.body as Record<string, unknown> | undefined)?.language;
    const back = withoutLanguageParameter(refererPath(req, '/'));
    if (!isUiLanguage(language)) {
      res.redirect(303, back);
      return;
    }
    await setUserLanguage(db, res.locals.user!.id, language);
    rememberLanguage(res, language, config.cookieSecure);
    res.redirect(303, back);
  });
  return router;
}

/** A page opened with ?lang= would keep overriding the choice just made. */
function withoutLanguageParameter(path: string): string {
  const url = new URL(path, 'http://isnad.invalid');
  url.searchParams.delete('lang');
  return `${url.pathname}${url.search}`;
}
