import { diffArrays } from 'diff';
import { QUOTE_WORD_WEIGHTS, isFunctionWord, quoteWordKind, type QuoteWordKind } from './quote-vocabulary.ts';
import { foldForSearch, indexForm } from './search.ts';

/**
 * Quote drift: how the words of one speaker's quote changed between two appearances (an agency's copy
 * and a republisher's, say). Words are compared on a folded form (the search folding: diacritics,
 * letter variants, case and accents ignored; Arabic prefixes such as و ب ال dropped), so a clitic or
 * punctuation that changed is no drift, while every word keeps its original letters for display.
 */

export interface QuoteWord {
  /** The word as written. */
  text: string;
  /** What follows the word up to the next one (spaces, punctuation, quotation marks), as written. */
  after: string;
  /** The form words are compared on. */
  key: string;
  kind: QuoteWordKind;
}

export interface QuoteTokens {
  /** Whatever precedes the first word (an opening quotation mark), as written. */
  lead: string;
  words: QuoteWord[];
}

/** A number (with its decimal or thousands separators), else a word, with inner apostrophes. */
const TOKEN = /\p{N}+(?:[.,\u066b\u066c]\p{N}+)*|[\p{L}\p{M}\p{N}]+(?:['\u2019\u02bc][\p{L}\p{M}\p{N}]+)*/gu;

/** French elided words (l'économie, n'est, qu'il) stand for their full form. */
const FRENCH_ELISIONS: Readonly<Record<string, string>> = {
  l: 'le', d: 'de', n: 'ne', qu: 'que', j: 'je', s: 'se', c: 'ce', m: 'me', t: 'te', jusqu: 'jusque', lorsqu: 'lorsque', puisqu: 'puisque',
};
/** English contractions split off as their own words: did|n't, minister|'s. */
const ENGLISH_CLITIC = /^(.+?)(n['\u2019\u02bc]t|['\u2019\u02bc](?:s|re|ve|ll|d|m))$/iu;
const ENGLISH_CLITIC_KEYS: Readonly<Record<string, string>> = { "n't": 'not', "'s": "'s", "'re": 'are', "'ve": 'have', "'ll": 'will', "'d": 'would', "'m": 'am' };
/** Bases that change in contraction: can't, won't, shan't. */
const CONTRACTED_BASES: Readonly<Record<string, string>> = { ca: 'can', wo: 'will', sha: 'shall' };
const APOSTROPHES = /['\u2019\u02bc]/gu;

function numberKey(folded: string): string {
  // "1,000" and "1000" are one figure; a remaining comma or Arabic decimal separator is a decimal point.
  return folded.replace(/[,\u066c](?=\d{3}(?!\d))/g, '').replace(/[,\u066b]/g, '.');
}

/** Arabic conjunctions glued to a short function word (ولا, فلن, وقد) are dropped: it is that word. */
function arabicKey(folded: string): string {
  const stem = indexForm(folded);
  if ((stem.startsWith('\u0648') || stem.startsWith('\u0641')) && stem.length > 2 && isFunctionWord(stem.slice(1))) return stem.slice(1);
  return stem;
}

function keyOf(text: string): string {
  const folded = foldForSearch(text);
  if (/^\p{N}/u.test(folded)) return numberKey(folded);
  if (/^[\u0621-\u064a]/.test(folded)) return arabicKey(folded);
  return folded.replace(APOSTROPHES, "'");
}

function word(text: string, key = keyOf(text)): QuoteWord {
  return { text, after: '', key, kind: quoteWordKind(key) };
}

/** A token as one or more words: French elisions and English contractions are split off. */
function splitToken(token: string): QuoteWord[] {
  const apostrophe = token.search(APOSTROPHES);
  if (apostrophe < 0) return [word(token)];
  const head = token.slice(0, apostrophe);
  const elided = FRENCH_ELISIONS[foldForSearch(head)];
  if (elided && apostrophe + 1 < token.length) {
    return [word(token.slice(0, apostrophe + 1), elided), ...splitToken(token.slice(apostrophe + 1))];
  }
  const english = ENGLISH_CLITIC.exec(token);
  if (english) {
    const [, base, clitic] = english as unknown as [string, string, string];
    const baseKey = CONTRACTED_BASES[foldForSearch(base)] ?? keyOf(base);
    const cliticKey = ENGLISH_CLITIC_KEYS[foldForSearch(clitic).replace(APOSTROPHES, "'")] ?? keyOf(clitic);
    return [word(base, baseKey), word(clitic, cliticKey)];
  }
  return [word(token)];
}

/** A quote cut into words, each with what follows it, so that lead + words' text and after rebuild it. */
export function tokenizeQuote(text: string): QuoteTokens {
  const words: QuoteWord[] = [];
  let lead = '';
  let cursor = 0;
  for (const match of text.matchAll(TOKEN)) {
    const gap = text.slice(cursor, match.index);
    if (words.length === 0) lead = gap;
    else words[words.length - 1]!.after = gap;
    words.push(...splitToken(match[0]));
    cursor = match.index + match[0].length;
  }
  if (words.length === 0) lead = text;
  else words[words.length - 1]!.after = text.slice(cursor);
  return { lead, words };
}

export type QuoteDiffOp = 'same' | 'deleted' | 'inserted';

export interface QuoteDiffPart {
  op: QuoteDiffOp;
  /** Words of the later quote (same, inserted) or of the earlier one (deleted), as written. */
  words: QuoteWord[];
}

/** A run of text to show: kept text (words and the spaces and punctuation around them), or changed words. */
export interface QuoteDiffSegment {
  op: QuoteDiffOp;
  text: string;
}

export interface QuoteDiff {
  /** Earlier quote → later quote, in the later quote's order; a replacement is a deletion then an insertion. */
  parts: QuoteDiffPart[];
  /**
   * The later quote as written, with the earlier quote's deleted words in their place: the text of the
   * segments in order is what to show. Changed segments hold whole words only (never the space or
   * punctuation after them), so a mark around them never cuts a word and never underlines a space.
   */
  segments: QuoteDiffSegment[];
  /** Share of the quotes' weighted words that changed, from 0 (same words) to 1 (nothing in common). */
  score: number;
  /** True when the quotes have the same words (the score is 0): only spelling, clitics or punctuation differ. */
  sameWords: boolean;
}

function weight(words: readonly QuoteWord[]): number {
  return words.reduce((sum, w) => sum + QUOTE_WORD_WEIGHTS[w.kind], 0);
}

/**
 * Builds the segments. The spaces and punctuation after a kept or inserted word wait until the next
 * part is known: deleted words go before them (« reculera [pas] », not « reculera », [pas]). A space
 * separates runs from different quotes unless the words were glued in their own quote (did|n't).
 */
class SegmentWriter {
  readonly segments: QuoteDiffSegment[] = [];
  private pendingTail = '';

  private plain(text: string): void {
    if (text === '') return;
    const last = this.segments.at(-1);
    if (last?.op === 'same') last.text += text;
    else this.segments.push({ op: 'same', text });
  }

  private separate(glued: boolean): void {
    const previous = this.segments.at(-1)?.text ?? '';
    if (previous !== '' && !glued && /\S$/u.test(previous)) this.plain(' ');
  }

  lead(text: string): void {
    this.plain(text);
  }

  /** Words of one part; `glued` when the first was written against the previous word in its own quote. */
  words(op: QuoteDiffOp, words: readonly QuoteWord[], glued: boolean): void {
    const inner = words.map((w, i) => (i === words.length - 1 ? w.text : w.text + w.after)).join('');
    if (op === 'deleted') {
      this.separate(glued);
      this.segments.push({ op, text: inner });
      return;
    }
    this.plain(this.pendingTail);
    this.separate(glued);
    if (op === 'same') this.plain(inner);
    else this.segments.push({ op, text: inner });
    this.pendingTail = words.at(-1)!.after;
  }

  finish(): QuoteDiffSegment[] {
    this.plain(this.pendingTail);
    this.pendingTail = '';
    return this.segments;
  }
}

/** The most words deleted and inserted that a diff is worked out for (a quote of 200 words never reaches it). */
export const MAX_DIFF_EDITS = 400;

/**
 * The word-level diff of an earlier quote and a later one, and its drift score: the weighted words
 * deleted and inserted over the weighted words of both quotes. Negations, modals and numbers weigh
 * most, since changing one changes what was said; stop words weigh little.
 */
export function diffQuotes(earlier: string, later: string): QuoteDiff {
  const before = tokenizeQuote(earlier);
  const after = tokenizeQuote(later);
  // Past MAX_DIFF_EDITS changed words the diff is not worked out (its cost grows with the words times the
  // changes: two long claims a third apart took seconds, on every view of their pages): the later quote
  // then replaces the earlier one whole, which scores it as drifted entirely.
  const changes = diffArrays(before.words, after.words, { comparator: (a, b) => a.key === b.key, maxEditLength: MAX_DIFF_EDITS }) ?? [
    { value: before.words, count: before.words.length, removed: true, added: false },
    { value: after.words, count: after.words.length, removed: false, added: true },
  ].filter((change) => change.count > 0);
  const parts: QuoteDiffPart[] = [];
  const writer = new SegmentWriter();
  writer.lead(after.lead);
  let earlierAt = 0;
  let laterAt = 0;
  let changed = 0;
  // A word is glued when nothing separated it from the previous word in its own quote (the n't of didn't).
  const gluedIn = (tokens: QuoteTokens, at: number): boolean => at > 0 && tokens.words[at - 1]!.after === '';
  for (const change of changes) {
    if (change.removed) {
      parts.push({ op: 'deleted', words: change.value });
      changed += weight(change.value);
      // The later quote's spacing and punctuation stand; the deleted words' own are dropped.
      writer.words('deleted', change.value, gluedIn(before, earlierAt));
      earlierAt += change.count;
    } else if (change.added) {
      parts.push({ op: 'inserted', words: change.value });
      changed += weight(change.value);
      writer.words('inserted', change.value, gluedIn(after, laterAt));
      laterAt += change.count;
    } else {
      // Common words are shown as the later quote writes them.
      const words = after.words.slice(laterAt, laterAt + change.count);
      parts.push({ op: 'same', words });
      writer.words('same', words, gluedIn(after, laterAt));
      earlierAt += change.count;
      laterAt += change.count;
    }
  }
  const total = weight(before.words) + weight(after.words);
  const score = total === 0 ? 0 : changed / total;
  return { parts, segments: writer.finish(), score, sameWords: changed === 0 };
}

/** The drift score of two quotes alone. */
export function quoteDrift(earlier: string, later: string): number {
  return diffQuotes(earlier, later).score;
}

/**
 * From this drift on a quote is "high drift", listed on the Quote drift page unless its filter says
 * otherwise; from MODERATE_DRIFT it is "moderate", below that "low", and 0 is "none". Set on quotes of
 * 8 to 20 words written for the purpose (test/unit/quote-diff.test.ts has their kinds): one negation
 * added or dropped, a figure changed, or a hedge turned into a certainty ("could" → "will not") comes out
 * at 0.27 or more; two ordinary words changed in fifteen at about 0.14, one at about 0.09.
 */
export const HIGH_DRIFT = 0.25;
export const MODERATE_DRIFT = 0.12;

export type DriftLevel = 'none' | 'low' | 'moderate' | 'high';

export function driftLevel(score: number): DriftLevel {
  if (score <= 0) return 'none';
  if (score >= HIGH_DRIFT) return 'high';
  return score >= MODERATE_DRIFT ? 'moderate' : 'low';
}

/**
 * The drift in whole percent, as shown: rounded down, so that a quote shown at 29% is one the list's 29% filter
 * keeps (0.29 × 100 is 28.999… in floating point, hence the small allowance); any drift shows as at least 1%.
 */
export function driftPercent(score: number): number {
  return score > 0 ? Math.max(1, Math.floor(score * 100 + 1e-9)) : 0;
}
