import { CATALOGUES, isMessageKey, type MessageKey } from './messages/index.ts';
import type { MessageText } from './messages/types.ts';
import { directionOfLanguage, type UiLanguage } from './languages.ts';

/**
 * Placeholder values: numbers are formatted for the language, a localized text (a verdict's label, say) is
 * put into it too, and a list of them is joined as the language lists things.
 */
export type MessageParam = string | number | LocalizedText | NamedInBoth;
export type MessageParams = Readonly<Record<string, MessageParam | readonly MessageParam[]>>;

/**
 * A message chosen where it arises (a service's validation error, say) and put into words only where the
 * reader's language is known. Its string form is the English text, for logs and the API.
 */
export class LocalizedText {
  constructor(readonly key: MessageKey, readonly params: MessageParams = {}) {}

  toString(): string {
    return formatMessage('en', this.key, this.params);
  }

  /** The API and the logs stay in English, wherever the message ends up in a JSON body. */
  toJSON(): string {
    return this.toString();
  }
}

/**
 * Words the desk itself wrote in both languages (a rating label's name, from the database rather than the
 * catalogues): put into a message in the reader's language. Its string form is the English one.
 */
export class NamedInBoth {
  constructor(readonly names: Readonly<Record<UiLanguage, string>>) {}

  toString(): string {
    return this.names.en;
  }

  toJSON(): string {
    return this.names.en;
  }
}

export function msg(key: MessageKey, params?: MessageParams): LocalizedText {
  return new LocalizedText(key, params);
}

/**
 * What a view may be asked to put into words: a key or a localized text. Text that is no key (a message
 * from below that is not localized yet) is shown as it is rather than failing the page; the catalogue
 * test checks every literal key a template names.
 */
export type Translatable = MessageKey | LocalizedText | (string & {});

const numberFormats = new Map<UiLanguage, Intl.NumberFormat>();
const pluralRules = new Map<UiLanguage, Intl.PluralRules>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const listFormats = new Map<UiLanguage, Intl.ListFormat>();

function cached<Key, Value>(cache: Map<Key, Value>, key: Key, make: () => Value): Value {
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = make()));
  return value;
}

export function formatNumber(language: UiLanguage, value: number): string {
  return cached(numberFormats, language, () => new Intl.NumberFormat(language)).format(value);
}

function pluralText(language: UiLanguage, text: MessageText, count: unknown): string {
  if (typeof text === 'string') return text;
  const rule = typeof count === 'number' ? cached(pluralRules, language, () => new Intl.PluralRules(language)).select(count) : 'other';
  return text[rule] ?? text.other;
}

const PLACEHOLDER = /\{(\w+)\}/g;

export function formatMessage(language: UiLanguage, key: MessageKey, params: MessageParams = {}): string {
  const text = pluralText(language, CATALOGUES[language][key], params.count);
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (!Array.isArray(value)) return formatParam(language, value as MessageParam);
    const list = cached(listFormats, language, () => new Intl.ListFormat(language, { type: 'unit', style: 'short' }));
    return list.format(value.map((item: MessageParam) => formatParam(language, item)));
  });
}

function formatParam(language: UiLanguage, value: MessageParam): string {
  if (value instanceof LocalizedText) return formatMessage(language, value.key, value.params);
  if (value instanceof NamedInBoth) return value.names[language];
  return typeof value === 'number' ? formatNumber(language, value) : value;
}

const DATE_TIME_STYLES = {
  dateTime: { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' },
  date: { dateStyle: 'medium', timeZone: 'UTC' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/** Dates are shown in UTC, said so, as the desk's members may sit in several time zones. */
export function formatDate(language: UiLanguage, iso: string | null | undefined, style: keyof typeof DATE_TIME_STYLES = 'dateTime'): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const format = cached(dateTimeFormats, `${language}:${style}`, () => new Intl.DateTimeFormat(language, DATE_TIME_STYLES[style]));
  return style === 'dateTime' ? `${format.format(date)} UTC` : format.format(date);
}

export interface Translator {
  lang: UiLanguage;
  dir: 'rtl' | 'ltr';
  /** A message in the reader's language. */
  t(message: Translatable, params?: MessageParams): string;
  n(value: number): string;
  date(iso: string | null | undefined): string;
  day(iso: string | null | undefined): string;
}

const translators = new Map<UiLanguage, Translator>();

export function translatorFor(language: UiLanguage): Translator {
  return cached(translators, language, () => ({
    lang: language,
    dir: directionOfLanguage(language),
    t(message, params) {
      if (message instanceof LocalizedText) return formatMessage(language, message.key, { ...message.params, ...params });
      return isMessageKey(message) ? formatMessage(language, message, params) : String(message);
    },
    n: (value) => formatNumber(language, value),
    date: (iso) => formatDate(language, iso),
    day: (iso) => formatDate(language, iso, 'date'),
  }));
}
