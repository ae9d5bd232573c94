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
 * Arabic prefixes that attach to the next word (conjunctions, prepositions, the article): a word is
 * indexed and looked up without them, so الرئيس, والرئيس, بالرئيس and رئيس are one term. Longest first;
 * a prefix is taken off only when at least three letters remain (Arabic roots have three), so that
 * short words such as بلد and ولد stay apart. لل is ل + ال with the alef dropped (للرئيس).
 */
const CLITIC_PREFIXES = ['وبال', 'وال', 'فال', 'بال', 'كال', 'ولل', 'لل', 'ال', 'و', 'ف', 'ب', 'ل'];
const ARABIC_LETTER = /^[\u0621-\u064a]/;
const MIN_STEM = 3;

/** The one form a folded word is indexed and looked up under: Arabic words lose their prefixes. */
export function indexForm(word: string): string {
  if (!ARABIC_LETTER.test(word)) return word;
  let rest = word;
  for (let stripped = true; stripped; ) {
    stripped = false;
    const prefix = CLITIC_PREFIXES.find((candidate) => rest.startsWith(candidate) && rest.length - candidate.length >= MIN_STEM);
    if (prefix) {
      rest = rest.slice(prefix.length);
      stripped = true;
    }
  }
  return rest;
}

/**
 * The copy of a text a full-text index keeps: every word folded and reduced to its index form, one
 * term per word in the text's order, so that phrases are matched by position.
 */
export function searchIndexText(text: string): string {
  return (foldForSearch(text).match(WORD) ?? []).map(indexForm).join(' ');
}

export interface SearchQuery {
  /** Folded words that must each be found (under any of their forms). */
  words: string[];
  /** Folded phrases ("in quotes") that must be found word for word, each as its list of words. */
  phrases: string[][];
}

/** At most this many words and phrases are taken from a query; the desk's forms refuse a longer one. */
export const MAX_QUERY_PARTS = 12;

/** Longest query the forms take, in characters. */
export const MAX_QUERY_LENGTH = 200;

function readQueryParts(input: string): SearchQuery {
  const folded = foldForSearch(input.slice(0, 500));
  const phrases: string[][] = [];
  const outside = folded.replace(/"([^"]*)"/g, (_match, inner: string) => {
    const words = inner.match(WORD) ?? [];
    if (words.length > 1) phrases.push(words);
    // A quoted single word is a word.
    return words.length === 1 ? ` ${words[0]} ` : ' ';
  });
  return { words: [...new Set(outside.match(WORD) ?? [])], phrases };
}

/** Reads what a reviewer typed: quoted parts are phrases, the rest are words; punctuation is ignored. */
export function parseSearchQuery(input: string): SearchQuery {
  const { words, phrases } = readQueryParts(input);
  return { words: words.slice(0, MAX_QUERY_PARTS), phrases: phrases.slice(0, Math.max(0, MAX_QUERY_PARTS - words.length)) };
}

/** How many words and phrases a query has before parseSearchQuery cuts it. */
export function countQueryParts(input: string): number {
  const { words, phrases } = readQueryParts(input);
  return words.length + phrases.length;
}

/** A query as the index holds its terms: each word in its index form, once. */
export function indexedQuery(query: SearchQuery): SearchQuery {
  return { words: [...new Set(query.words.map(indexForm))], phrases: query.phrases.map((phrase) => phrase.map(indexForm)) };
}

export function isEmptyQuery(query: SearchQuery): boolean {
  return query.words.length === 0 && query.phrases.length === 0;
}

/**
 * Where a query's words and phrases occur in an original text, as [start, end) offsets into it, sorted
 * and without overlaps: for highlighting a result in context. A word matches a whole word of the text,
 * or the text's word with other Arabic prefixes (the same index form).
 */
export function matchRanges(original: string, query: SearchQuery): Array<[number, number]> {
  const folded = foldWithOffsets(original);
  const words = [...folded.text.matchAll(WORD)].map((match) => ({ text: match[0], start: match.index! }));
  const ranges: Array<[number, number]> = [];
  const wordMatch = (word: { text: string; start: number }, wanted: string): [number, number] | undefined => {
    if (indexForm(word.text) !== indexForm(wanted)) return undefined;
    // The prefix stays outside the highlight when the wanted form is the word's tail.
    const tail = word.text !== wanted && word.text.endsWith(wanted) ? word.text.length - wanted.length : 0;
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
      if (!first || !phrase.every((wanted, i) => i === 0 || wordMatch(words[at + i]!, wanted))) continue;
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

export interface HighlightPart {
  text: string;
  /** A match of the query, shown marked. */
  match: boolean;
}

/**
 * The text cut into matched and unmatched parts for a result line: whole when short, else about
 * `maxLength` characters around the first match, with an ellipsis where it was cut.
 */
export function highlightParts(original: string, query: SearchQuery, maxLength = 240): HighlightPart[] {
  const ranges = matchRanges(original, query);
  let from = 0;
  let to = original.length;
  if (to > maxLength) {
    const first = ranges[0]?.[0] ?? 0;
    from = Math.max(0, Math.min(first - Math.floor(maxLength / 3), original.length - maxLength));
    to = from + maxLength;
  }
  const parts: HighlightPart[] = [];
  if (from > 0) parts.push({ text: '…', match: false });
  let cursor = from;
  for (const [start, end] of ranges) {
    if (end <= cursor || start >= to) continue;
    if (start > cursor) parts.push({ text: original.slice(cursor, start), match: false });
    parts.push({ text: original.slice(Math.max(start, cursor), Math.min(end, to)), match: true });
    cursor = Math.min(end, to);
  }
  if (cursor < to) parts.push({ text: original.slice(cursor, to), match: false });
  if (to < original.length) parts.push({ text: '…', match: false });
  return parts;
}
