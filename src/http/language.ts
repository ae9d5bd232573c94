import type { Request, RequestHandler, Response } from 'express';
import { isUiLanguage, UI_LANGUAGES, type UiLanguage } from '../i18n/languages.ts';
import { translatorFor } from '../i18n/translate.ts';

/** Remembers a reader's choice of language where there is no account to keep it (the sign-in page). */
const LANGUAGE_COOKIE = 'isnad_lang';
const LANGUAGE_COOKIE_VALUE = new RegExp(`(?:^|;\\s*)${LANGUAGE_COOKIE}=([a-z]{2})(?:;|$)`);
const COOKIE_MAX_AGE_MS = 365 * 24 * 60 * 60 * 1000;

function cookieLanguage(req: Request): UiLanguage | undefined {
  const match = LANGUAGE_COOKIE_VALUE.exec(req.get('cookie') ?? '');
  return match && isUiLanguage(match[1]) ? match[1] : undefined;
}

function queryLanguage(req: Request): UiLanguage | undefined {
  const value = req.query.lang;
  return isUiLanguage(value) ? value : undefined;
}

/** Accept-Language, with its q-values; a browser that sends none (or `*`) leaves it to the desk. */
function browserLanguage(req: Request): UiLanguage | undefined {
  if (!req.get('accept-language') || req.get('accept-language')!.trim() === '*') return undefined;
  const chosen = req.acceptsLanguages(...UI_LANGUAGES);
  return isUiLanguage(chosen) ? chosen : undefined;
}

export function rememberLanguage(res: Response, language: UiLanguage, secure: boolean): void {
  res.cookie(LANGUAGE_COOKIE, language, { maxAge: COOKIE_MAX_AGE_MS, httpOnly: true, sameSite: 'lax', secure, path: '/' });
}

/** What templates get to write in a language: it.lang, it.dir, it.t(key, params), it.n(number), it.date(iso), it.day(iso). */
export function translationLocals(language: UiLanguage): Record<string, unknown> {
  const { lang, dir, t, n, date, day } = translatorFor(language);
  return { lang, dir, t, n, date, day };
}

function useLanguage(res: Response, language: UiLanguage): void {
  Object.assign(res.locals, translationLocals(language));
}

/**
 * The interface language: `?lang=` for this page (and remembered), else the reader's own choice (their
 * account's, set later by preferAccountLanguage, or the cookie), else what the browser asks for, else the
 * desk's default. Pages vary with the headers that choose it.
 */
export function negotiateLanguage({
  defaultLanguage,
  secureCookies,
  ownLanguageParameter,
}: {
  defaultLanguage: UiLanguage;
  secureCookies: boolean;
  /** Paths whose ?lang= chooses something else (the language of a report), not the interface's. */
  ownLanguageParameter: RegExp;
}): RequestHandler {
  return (req, res, next) => {
    res.vary('Accept-Language');
    const asked = ownLanguageParameter.test(req.path) ? undefined : queryLanguage(req);
    if (asked && asked !== cookieLanguage(req)) rememberLanguage(res, asked, secureCookies);
    res.locals.languageChosen = Boolean(asked);
    useLanguage(res, asked ?? cookieLanguage(req) ?? browserLanguage(req) ?? defaultLanguage);
    next();
  };
}

/** Runs once the signed-in user is known: their saved choice wins over the browser's. */
export const preferAccountLanguage: RequestHandler = (_req, res, next) => {
  const saved = (res.locals.user as { language?: unknown } | undefined)?.language;
  if (!res.locals.languageChosen && isUiLanguage(saved)) useLanguage(res, saved);
  next();
};
