import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, type MessageKey } from '../../src/i18n/messages/index.ts';
import { formatMessage, msg, translatorFor } from '../../src/i18n/translate.ts';
import { UI_LANGUAGES } from '../../src/i18n/languages.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MESSAGES_DIR = path.join(ROOT, 'src/i18n/messages');

function filesUnder(dir: string, extension: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(extension))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Templates and code that put messages into words; the catalogues themselves do not count as use. */
const SOURCES = [...filesUnder(path.join(ROOT, 'views'), '.eta'), ...filesUnder(path.join(ROOT, 'src'), '.ts').filter((file) => !file.startsWith(MESSAGES_DIR))].map((file) => ({
  file: path.relative(ROOT, file),
  text: readFileSync(file, 'utf8'),
}));

const KEYS = Object.keys(CATALOGUES.en) as MessageKey[];
/** t('key') and msg('key') with a literal key. */
const LITERAL_KEY = /\b(?:t|msg)\(\s*(['"])([\w.-]+)\1/g;
/** t(`status.${…}`): every key of that family may be asked for. */
const KEY_FAMILY = /\b(?:t|msg)\(\s*`([\w.-]+\.)\$\{/g;

describe('message catalogues', () => {
  it('have the same keys in every language (the type check enforces it; this guards the spread order)', () => {
    for (const language of UI_LANGUAGES) expect(Object.keys(CATALOGUES[language]).sort()).toEqual([...KEYS].sort());
  });

  it('name only keys that exist, wherever a template or the code asks for one', () => {
    const unknown: string[] = [];
    for (const { file, text } of SOURCES) {
      for (const [, , key] of text.matchAll(LITERAL_KEY)) if (!(key! in CATALOGUES.en)) unknown.push(`${file}: ${key}`);
      for (const [, prefix] of text.matchAll(KEY_FAMILY)) if (!KEYS.some((key) => key.startsWith(prefix!))) unknown.push(`${file}: ${prefix}…`);
    }
    expect(unknown).toEqual([]);
  });

  it('hold no key that nothing uses', () => {
    const everything = SOURCES.map(({ text }) => text).join('\n');
    const families = [...everything.matchAll(KEY_FAMILY)].map(([, prefix]) => prefix!);
    const unused = KEYS.filter((key) => !everything.includes(`'${key}'`) && !everything.includes(`"${key}"`) && !families.some((prefix) => key.startsWith(prefix)));
    expect(unused).toEqual([]);
  });

  it('give every text in both languages, never an empty one', () => {
    for (const language of UI_LANGUAGES) {
      for (const key of KEYS) {
        const text = CATALOGUES[language][key];
        const forms = typeof text === 'string' ? [text] : Object.values(text);
        expect(forms.every((form) => typeof form === 'string' && form.trim().length > 0), `${language} ${key}`).toBe(true);
      }
    }
  });

  it('use the same placeholders in Arabic as in English', () => {
    const placeholders = (text: unknown) => [...new Set(JSON.stringify(text).match(/\{\w+\}/g) ?? [])].filter((name) => name !== '{count}').sort();
    for (const key of KEYS) expect(placeholders(CATALOGUES.ar[key]), key).toEqual(placeholders(CATALOGUES.en[key]));
  });

  it('write Arabic plurals with the forms Arabic grammar needs', () => {
    for (const key of KEYS) {
      const text = CATALOGUES.ar[key];
      if (typeof text === 'string') continue;
      expect(Object.keys(text).sort(), key).toEqual(['few', 'many', 'one', 'other', 'two', 'zero']);
    }
  });
});

describe('translator', () => {
  it('puts a key into words in the language asked for', () => {
    expect(translatorFor('en').t('nav.claims')).toBe('Claims');
    expect(translatorFor('ar').t('nav.claims')).toBe('الادعاءات');
    expect(translatorFor('ar').dir).toBe('rtl');
    expect(translatorFor('en').dir).toBe('ltr');
  });

  it('chooses a plural form by Intl.PluralRules and formats the count for the language', () => {
    const plural = KEYS.find((key) => typeof CATALOGUES.ar[key] !== 'string');
    expect(plural, 'at least one plural message').toBeDefined();
    const forms = CATALOGUES.ar[plural!] as Record<string, string>;
    const rules = new Intl.PluralRules('ar');
    for (const count of [0, 1, 2, 3, 11, 100, 1234]) {
      const expected = forms[rules.select(count)]!.replace('{count}', new Intl.NumberFormat('ar').format(count));
      expect(formatMessage('ar', plural!, { count }).startsWith(expected.split('{')[0]!)).toBe(true);
    }
    expect(formatMessage('ar', plural!, { count: 2 })).not.toBe(formatMessage('ar', plural!, { count: 3 }));
  });

  it('keeps a localized text for later and reads as English in logs', () => {
    const text = msg('nav.articles');
    expect(String(text)).toBe('Articles');
    expect(translatorFor('ar').t(text)).toBe('المقالات');
  });

  it('formats numbers and dates with Intl for the language, in UTC', () => {
    expect(translatorFor('en').n(12345)).toBe('12,345');
    expect(translatorFor('en').date('2018-10-08T00:00:00Z')).toBe('Oct 8, 2018, 12:00 AM UTC');
    expect(translatorFor('ar').day('2018-10-08T00:00:00Z')).toBe(new Intl.DateTimeFormat('ar', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date('2018-10-08T00:00:00Z')));
    expect(translatorFor('en').date('not a date')).toBe('not a date');
  });
});
