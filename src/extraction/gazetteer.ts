import type { OutletKind } from './types.ts';
import type { NewsOutlet } from './lexicon/news-outlets.ts';
import { newsOutlets } from './lexicon/news-outlets.ts';
import { notNewsOutlets } from './lexicon/outlet-context.ts';
import type { Phrase } from './prepared.ts';
import { phraseOf, splitWords } from './prepared.ts';
import { foldText } from './normalize.ts';
import type { Token } from './tokens.ts';

// The outlet gazetteer folded once into a first-word index, so looking up a
// name at a token costs one map access whatever the size of the list.

export interface GazetteerOutlet {
  /** Canonical Latin-script name. */
  name: string;
  kind: OutletKind;
  country: string;
  photoAgency: boolean;
}

export interface GazetteerAlias {
  outlet: GazetteerOutlet;
  words: Phrase;
  /** Latin spellings match on case ("Le Monde", not "le monde"). */
  caseSensitive: boolean;
  /** Name to show when this spelling is written: the outlet's name in the same script. */
  display: string;
  /** Also an ordinary word: only trusted after an outlet keyword or a speech construction. */
  contextOnly: boolean;
}

export interface KnownMatch {
  outlet: GazetteerOutlet;
  alias: GazetteerAlias;
  /** Display name of the outlet in the script it was written in. */
  name: string;
  end: number;
  /** A preposition or conjunction is glued to the first word ("لبي بي سي", "للأناضول"). */
  prefixed: boolean;
}

interface Gazetteer {
  byFirstWord: Map<string, GazetteerAlias[]>;
  byPhrase: Map<string, GazetteerAlias>;
  notNews: Set<string>;
}

let cached: Gazetteer | null = null;

const isLatin = (s: string): boolean => /[A-Za-z]/.test(s);

function aliasWords(spelling: string): { words: Phrase; caseSensitive: boolean } {
  if (!isLatin(spelling)) return { words: phraseOf(spelling), caseSensitive: false };
  return { words: splitWords(foldText(spelling.normalize('NFC'))), caseSensitive: true };
}

function aliasesOf(entry: NewsOutlet, outlet: GazetteerOutlet): GazetteerAlias[] {
  const contextOnly = new Set(entry.contextOnly ?? []);
  // "Al Watan (Syria)": the bracket only tells homonyms apart in the list.
  const latinName = entry.name.includes('(') ? (entry.latin?.[0] ?? entry.name.replace(/\s*\(.*\)\s*$/, '')) : entry.name;
  const arName = entry.ar?.[0] ?? latinName;
  const frName = entry.fr?.[0] ?? latinName;
  const spellings: { spelling: string; display: string }[] = [
    ...[latinName, ...(entry.latin ?? [])].map((spelling) => ({ spelling, display: latinName })),
    ...(entry.fr ?? []).map((spelling) => ({ spelling, display: frName })),
    ...(entry.ar ?? []).map((spelling) => ({ spelling, display: arName })),
  ];
  return spellings.map(({ spelling, display }) => ({
    outlet,
    ...aliasWords(spelling),
    display,
    contextOnly: (entry.ambiguous ?? false) || contextOnly.has(spelling),
  }));
}

const indexKey = (word: string): string => word.toLowerCase();

function build(): Gazetteer {
  const byFirstWord = new Map<string, GazetteerAlias[]>();
  const byPhrase = new Map<string, GazetteerAlias>();
  for (const entry of newsOutlets) {
    const outlet: GazetteerOutlet = { name: entry.name, kind: entry.kind, country: entry.country, photoAgency: entry.photoAgency ?? false };
    for (const alias of aliasesOf(entry, outlet)) {
      const first = alias.words[0];
      if (!first) continue;
      const list = byFirstWord.get(indexKey(first)) ?? [];
      list.push(alias);
      byFirstWord.set(indexKey(first), list);
      const phrase = alias.words.join(' ').toLowerCase();
      if (!byPhrase.has(phrase)) byPhrase.set(phrase, alias);
    }
  }
  // Longest spelling first, so "Sky News Arabia" wins over "Sky News".
  for (const list of byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  const notNews = new Set(notNewsOutlets.map((n) => aliasWords(n).words.join(' ').toLowerCase()));
  return { byFirstWord, byPhrase, notNews };
}

function gazetteer(): Gazetteer {
  cached ??= build();
  return cached;
}

function matchesAt(tokens: readonly Token[], i: number, alias: GazetteerAlias, first: { key: string; written: string }): boolean {
  for (let k = 0; k < alias.words.length; k++) {
    const t = tokens[i + k];
    if (!t || !t.word) return false;
    const last = k === alias.words.length - 1 && k > 0;
    const written = k === 0 ? first.written : last ? t.text.replace(/'s$/, '') : t.text;
    const key = k === 0 ? first.key : last ? t.key.replace(/'s$/, '') : t.key;
    if ((alias.caseSensitive ? written : key) !== alias.words[k]) return false;
  }
  return true;
}

/** Keys to look the first word up by: as written, and without a glued Arabic preposition or conjunction (لـ، بـ، و، للـ). */
function firstWordKeys(t: Token): { key: string; written: string }[] {
  const keys = [{ key: t.key, written: t.text }];
  // "The BBC's correspondent": the possessive is not part of the name.
  if (/'s$/.test(t.key)) keys.push({ key: t.key.slice(0, -2), written: t.text.slice(0, -2) });
  // "لبي بي سي": the preposition may sit on a short first word of a longer name.
  if (/^[لبوف]/.test(t.key) && t.key.length >= 3) {
    keys.push({ key: t.key.slice(1), written: t.text.slice(1) });
    if (t.key.startsWith('لل')) keys.push({ key: 'ا' + t.key.slice(1), written: 'ا' + t.text.slice(1) });
    if (/^[وف][لب]/.test(t.key)) keys.push({ key: t.key.slice(2), written: t.text.slice(2) });
  }
  return keys;
}

/** Known outlet whose spelling starts at token i; context-only spellings need `inContext`. */
export function knownOutletAt(tokens: readonly Token[], i: number, inContext: boolean): KnownMatch | null {
  const t = tokens[i];
  if (!t || !t.word) return null;
  const g = gazetteer();
  for (const first of firstWordKeys(t)) {
    const list = g.byFirstWord.get(first.key);
    if (!list) continue;
    for (const alias of list) {
      if (alias.contextOnly && !inContext) continue;
      // A bare letter or two left after stripping a prefix is no name of its own ("لبي" → "بي").
      if (first.key !== t.key && first.key.length < 3 && alias.words.length === 1) continue;
      if (matchesAt(tokens, i, alias, first)) return { outlet: alias.outlet, alias, name: alias.display, end: i + alias.words.length, prefixed: first.key !== t.key };
    }
  }
  return null;
}

/** Known outlet for a free-form name ("Sputnik", "رويترز"), if any. */
export function outletByName(name: string): GazetteerAlias | null {
  const words = aliasWords(name.trim()).words.join(' ').toLowerCase();
  return gazetteer().byPhrase.get(words) ?? null;
}

/** Does this name (as words) start with a social network, rating agency or other non-news name ("السويس ممر الشحن")? */
export function isNotNews(words: readonly string[]): boolean {
  const notNews = gazetteer().notNews;
  const folded = words.map((w) => aliasWords(w).words.join(' ').toLowerCase());
  for (let n = 1; n <= folded.length; n++) if (notNews.has(folded.slice(0, n).join(' '))) return true;
  return false;
}

/** Number of distinct outlets and spellings, for tests and documentation. */
export function gazetteerSize(): { outlets: number; spellings: number } {
  let spellings = 0;
  for (const list of gazetteer().byFirstWord.values()) spellings += list.length;
  return { outlets: newsOutlets.length, spellings };
}
