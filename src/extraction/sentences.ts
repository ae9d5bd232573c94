// Sentence segmentation on the folded text. Offsets stay in folded
// coordinates; callers map back to the original at the very end.

export interface Span {
  start: number;
  end: number;
}

const TERMINAL = new Set(['.', '!', '?', '\u061f', '\u2026']);
const CLOSERS = new Set(['"', "'", ')', ']', '»']);

// Abbreviations whose trailing dot does not end a sentence.
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'gen', 'sen', 'rep', 'gov', 'lt', 'col', 'sgt', 'capt', 'no', 'vs', 'jr', 'sr',
  'inc', 'ltd', 'co', 'corp', 'u.s', 'u.k', 'u.n', 'e.g', 'i.e', 'etc', 'm', 'mme', 'mlle', 'me', 'st', 'av', 'approx',
  'jan', 'feb', 'mar', 'apr', 'aug', 'sept', 'sep', 'oct', 'nov', 'dec',
]);

export function isAbbreviation(word: string): boolean {
  return ABBREVIATIONS.has(word.toLowerCase());
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\n';
}

/** True when the dot at i belongs to an abbreviation, an initial or a number. */
export function isNonTerminalDot(text: string, i: number): boolean {
  const next = text[i + 1];
  if (next === '.' || text[i - 1] === '.') return true; // ".." separators and ellipses
  if (next !== undefined && /[\p{L}\p{N}]/u.test(next)) return true; // 3.5, u.s, example.com
  let j = i;
  while (j > 0 && /[\p{L}.]/u.test(text[j - 1] ?? '')) j--;
  const word = text.slice(j, i).toLowerCase();
  if (ABBREVIATIONS.has(word)) return true;
  if (/^\p{Lu}$/u.test(text.slice(j, i))) return true; // "J. Smith"
  return false;
}

/**
 * Split [from, to) into sentences. Line breaks always end a sentence; so do
 * the positions in `breaks` (glued boundaries found by the noise pass).
 */
export function splitSentences(text: string, from: number, to: number, breaks: readonly number[] = []): Span[] {
  const out: Span[] = [];
  const breakSet = new Set(breaks);
  let start = from;
  const push = (s: number, e: number): void => {
    while (s < e && isSpace(text[s])) s++;
    while (e > s && isSpace(text[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  // End of the quotation open at i, when it closes on the same line; -1 otherwise.
  let quoteEnd = -1;
  for (let i = from; i < to; i++) {
    const c = text[i]!;
    if (breakSet.has(i) && i > start) {
      push(start, i);
      start = i;
    }
    if (c === '\n') {
      push(start, i);
      start = i + 1;
      quoteEnd = -1;
      continue;
    }
    if (c === '"') {
      quoteEnd = i === quoteEnd ? -1 : closingQuote(text, i + 1, to);
      continue;
    }
    if (!TERMINAL.has(c)) continue;
    if (c === '.' && isNonTerminalDot(text, i)) continue;
    // A quotation of several sentences is one statement: "… هنا. العقوبات …".
    if (i < quoteEnd) continue;
    let j = i + 1;
    while (j < to && (TERMINAL.has(text[j]!) || CLOSERS.has(text[j]!))) j++;
    if (j < to && !isSpace(text[j])) continue;
    push(start, j);
    start = j;
    i = j - 1;
  }
  push(start, to);
  return out;
}

// Quotations of several sentences are rarely longer than this (99% of those in scraped news are
// under 510 characters); a quote mark farther away on the line belongs to another quotation.
const MAX_QUOTATION = 600;

/** Offset of the next double quote on the same line from i, within MAX_QUOTATION, or -1. */
function closingQuote(text: string, i: number, to: number): number {
  for (let j = i; j < Math.min(to, i + MAX_QUOTATION); j++) {
    const c = text[j];
    if (c === '"') return j;
    if (c === '\n') return -1;
  }
  return -1;
}

/** Remove whitespace and trailing full stops/commas: claims end before the final full stop. */
export function trimClaimSpan(text: string, s: number, e: number): Span {
  while (s < e && /[\s,،;؛:\-]/.test(text[s]!)) s++;
  while (e > s && /[\s.,،;؛:\-]/.test(text[e - 1]!)) e--;
  return { start: s, end: e };
}
