import type { UiLanguage } from '../languages.ts';
import type { MessageText } from './types.ts';
import { vocabulary } from './vocabulary.ts';
import * as en from './en/index.ts';
import * as ar from './ar/index.ts';

/**
 * One catalogue per area of the interface, in each language. The Arabic files are typed against the
 * English ones, so a key missing in either fails the type check; test/unit/catalogues.test.ts checks
 * that every key is used and every key a template names exists.
 */
const english = { ...vocabulary('en'), ...en.common, ...en.errors, ...en.claims, ...en.review, ...en.articles, ...en.directory, ...en.activity, ...en.account, ...en.reports, ...en.search, ...en.ratings, ...en.sameClaim, ...en.charts, ...en.drift };
const arabic: Record<MessageKey, MessageText> = { ...vocabulary('ar'), ...ar.common, ...ar.errors, ...ar.claims, ...ar.review, ...ar.articles, ...ar.directory, ...ar.activity, ...ar.account, ...ar.reports, ...ar.search, ...ar.ratings, ...ar.sameClaim, ...ar.charts, ...ar.drift };

export type MessageKey = keyof typeof english;

export const CATALOGUES: Record<UiLanguage, Record<MessageKey, MessageText>> = { en: english, ar: arabic };

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(english, value);
}
