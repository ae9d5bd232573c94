import { normalize } from '../extraction/normalize.ts';

/**
 * Search folds text the way extraction does (diacritics and tatweel dropped, alef variants to bare alef,
 * alef maqsura to yaa, taa marbuta to haa, Arabic-Indic digits to ASCII, Latin accents dropped) and
 * further: lower case, and hamza on a carrier (ؤ ئ) to bare hamza, since مسؤول and مسئول are the same
 * word spelt by two desks. Every step maps one code unit to one, so offsets in the folded copy are those
 * of extraction's folded copy, which maps them back to the original text.
 */
function foldCodeUnit(ch: string): string {
  if (ch === '\u0624' || ch === '\u0626') return '\u0621';
  const lower = ch.toLowerCase();
  return lower.length === 1 ? lower : ch;
}

interface FoldedText {
  /** The folded copy. */
  text: string;
  /** The original span of the folded code unit at each index. */
  originalSpan: (start: number, end: number) => [number, number];
}

function foldWithOffsets(original: string): FoldedText {
  const normalized = normalize(original);
  let text = '';
  for (const ch of normalized.text) text += ch.length === 1 ? foldCodeUnit(ch) : ch;
  return {
    text,
    originalSpan: (start, end) => [normalized.starts[start]!, normalized.ends[end - 1]!],
  };
}

/** The folded form of a text or a query, as stored beside the rows it searches. */
export function foldForSearch(text: string): string {
  return foldWithOffsets(text).text;
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Arabic prefixes that attach to the next word: a word is found under its bare form and its form with
 * the article, so الرئيس finds والرئيس and بالرئيس, and رئيس finds them all. Longest first; a prefix is
 * taken off only when at least two letters remain. لل is ل + ال with the alef dropped (للرئيس).
 */
const CLITIC_PREFIXES = ['وبال', 'وال', 'فال', 'بال', 'كال', 'ولل', 'لل', 'ال', 'و', 'ف', 'ب', 'ل'];
const ARABIC_LETTER = /^[\u0621-\u064a]/;

/** A folded word and the forms it is found under: itself, without its prefixes, and with the article. */
export function wordForms(word: string): string[] {
  const forms = new Set([word]);
  if (!ARABIC_LETTER.test(word)) return [...forms];
  let rest = word;
  for (let stripped = true; stripped; ) {
    stripped = false;
    for (const prefix of CLITIC_PREFIXES) {
      if (rest.startsWith(prefix) && rest.length - prefix.length >= 2) {
        rest = rest.slice(prefix.length);
        forms.add(rest);
        if (prefix.endsWith('ال') || prefix.endsWith('لل')) forms.add(`ال${rest}`);
        stripped = true;
        break;
      }
    }
  }
  return [...forms];
}

/**
 * The words a text is found by, folded, each with its prefix-free forms: what a full-text index keeps
 * beside the folded copy that phrases are matched against.
 */
export function searchTerms(text: string): string {
  const terms = new Set<string>();
  for (const word of foldForSearch(text).match(WORD) ?? []) for (const form of wordForms(word)) terms.add(form);
  return [...terms].join(' ');
}

export interface SearchQuery {
  /** Folded words that must each be found (under any of their forms). */
  words: string[];
  /** Folded phrases ("in quotes") that must be found word for word, each as its list of words. */
  phrases: string[][];
}

/** At most this many words and phrases are taken from a query: a longer one is cut, never refused. */
export const MAX_QUERY_PARTS = 12;

/** Reads what a reviewer typed: quoted parts are phrases, the rest are words; punctuation is ignored. */
export function parseSearchQuery(input: string): SearchQuery {
  const folded = foldForSearch(input.slice(0, 500));
  const phrases: string[][] = [];
  const outside = folded.replace(/"([^"]*)"/g, (_match, inner: string) => {
    const words = inner.match(WORD) ?? [];
    if (words.length > 1) phrases.push(words);
    // A quoted single word is a word.
    return words.length === 1 ? ` ${words[0]} ` : ' ';
  });
  const words = [...new Set(outside.match(WORD) ?? [])];
  return { words: words.slice(0, MAX_QUERY_PARTS), phrases: phrases.slice(0, Math.max(0, MAX_QUERY_PARTS - words.length)) };
}

export function isEmptyQuery(query: SearchQuery): boolean {
  return query.words.length === 0 && query.phrases.length === 0;
}

/**
 * Where a query's words and phrases occur in an original text, as [start, end) offsets into it, sorted
 * and without overlaps: for highlighting a result in context. A word matches a whole word of the text,
 * or the text's word after one of its Arabic prefixes.
 */
export function matchRanges(original: string, query: SearchQuery): Array<[number, number]> {
  const folded = foldWithOffsets(original);
  const words = [...folded.text.matchAll(WORD)].map((match) => ({ text: match[0], start: match.index! }));
  const ranges: Array<[number, number]> = [];
  const wordMatch = (word: { text: string; start: number }, wanted: string): [number, number] | undefined => {
    if (word.text === wanted) return [word.start, word.start + word.text.length];
    if (!wordForms(word.text).includes(wanted)) return undefined;
    // The prefix stays outside the highlight when the wanted form is the word's tail.
    const tail = word.text.endsWith(wanted) ? word.text.length - wanted.length : 0;
    return [word.start + tail, word.start + word.text.length];
  };
  for (const wanted of query.words) {
    for (const word of words) {
      const found = wordMatch(word, wanted);
      if (found) ranges.push(found);
    }
  }
  for (const phrase of query.phrases) {
    for (let at = 0; at + phrase.length <= words.length; at += 1) {
      const first = wordMatch(words[at]!, phrase[0]!);
      if (!first || !phrase.every((wanted, i) => i === 0 || words[at + i]!.text === wanted)) continue;
      const last = words[at + phrase.length - 1]!;
      ranges.push([first[0], last.start + last.text.length]);
    }
  }
  return mergeRanges(ranges).map(([start, end]) => folded.originalSpan(start, end));
}

function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}
