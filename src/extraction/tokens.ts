import type { Phrase, Prepared } from './prepared.ts';
import { splitElision } from './prepared.ts';

// Tokens index into the folded text; `key` is the lower-cased lookup form.

export interface Token {
  text: string;
  key: string;
  start: number;
  end: number;
  word: boolean;
  /** This token was split off the end of a longer word (missing space in the source). */
  glued: boolean;
}

const TOKEN_RE = /[\p{L}\p{N}]+(?:['\-][\p{L}\p{N}]+)*'?|[^\s\p{L}\p{N}]/gu;
const WORD_START_RE = /[\p{L}\p{N}]/u;

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  let m: RegExpExecArray | null;
  TOKEN_RE.lastIndex = from;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    if (m.index + m[0].length > to) break;
    const raw = m[0];
    const word = WORD_START_RE.test(raw[0] ?? '');
    if (word && raw.includes("'")) {
      let at = m.index;
      for (const part of splitElision(raw)) {
        out.push(makeToken(part, at, true));
        at += part.length;
      }
    } else {
      out.push(makeToken(raw, m.index, word));
    }
  }
  return out;
}

function makeToken(text: string, start: number, word: boolean): Token {
  return { text, key: text.toLowerCase(), start, end: start + text.length, word, glued: false };
}

/** Does `phrase` match the tokens starting at i? Returns the index after the match, or -1. */
export function matchPhrase(tokens: readonly Token[], i: number, phrase: Phrase): number {
  for (let k = 0; k < phrase.length; k++) {
    const t = tokens[i + k];
    if (!t || t.key !== phrase[k]) return -1;
  }
  return i + phrase.length;
}

/** Longest phrase of the list matching at i. */
export function matchAny(tokens: readonly Token[], i: number, phrases: readonly Phrase[]): { end: number; phrase: Phrase } | null {
  for (const p of phrases) {
    const e = matchPhrase(tokens, i, p);
    if (e >= 0) return { end: e, phrase: p };
  }
  return null;
}

/** Arabic proclitic conjunction (و، ف) stripped, if what is left is still a word. */
export function stripConjunction(key: string, prefixes: readonly string[]): { prefix: string; stem: string }[] {
  const out = [{ prefix: '', stem: key }];
  for (const p of prefixes) {
    if (key.length > p.length + 1 && key.startsWith(p)) out.push({ prefix: p, stem: key.slice(p.length) });
  }
  return out;
}

/**
 * Scraped Arabic often loses the space between a caption or headline and the
 * next sentence ("هولاندوذكر"). When a long word ends with a conjunction plus
 * a cue verb, or with a sentence-opening particle (فقد) followed by a cue,
 * split it so the cue can be seen. Short left parts are refused because real
 * words can end with those letters.
 */
export function splitGluedWords(tokens: Token[], lex: Prepared): Token[] {
  if (lex.cuePrefixes.length === 0) return tokens;
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const split = t.word && t.key.length >= 6 ? findGluedSplit(t.key, tokens[i + 1], lex, tokens, i) : -1;
    if (split <= 0) {
      out.push(t);
      continue;
    }
    const left = t.text.slice(0, split);
    const right = t.text.slice(split);
    out.push({ text: left, key: left.toLowerCase(), start: t.start, end: t.start + split, word: true, glued: false });
    out.push({ text: right, key: right.toLowerCase(), start: t.start + split, end: t.end, word: true, glued: true });
  }
  return out;
}

const MIN_LEFT = 3;

/** Offset inside `key` where a glued cue starts, or -1. */
export function findGluedSplit(key: string, next: Token | undefined, lex: Prepared, tokens: readonly Token[] = [], at = -1): number {
  for (const prefix of lex.cuePrefixes) {
    // Try the longest verb first so "وأضاف" wins over a shorter accidental match.
    for (let len = Math.min(8, key.length - MIN_LEFT - prefix.length); len >= 3; len--) {
      const verb = key.slice(key.length - len);
      if (!lex.verbWordSet.has(verb) || NOUN_LIKE_ENDING.test(verb)) continue;
      const split = key.length - len - prefix.length;
      if (key.slice(split, split + prefix.length) === prefix && complementFollows(verb, lex, tokens, at)) return split;
    }
  }
  const bare = bareGluedSplit(key, lex, tokens, at);
  if (bare > 0) return bare;
  if (next && next.word) {
    const nextIsCue = stripConjunction(next.key, lex.cuePrefixes).some((v) => lex.verbWordSet.has(v.stem));
    if (nextIsCue) {
      for (const p of lex.preCueParticles) {
        if (p.length !== 1) continue;
        const particle = p[0]!;
        if (particle.length < 3) continue;
        if (key.length - particle.length >= MIN_LEFT && key.endsWith(particle)) return key.length - particle.length;
      }
    }
  }
  return -1;
}

// Verb forms that look like plural/pronoun suffixes or word endings of nouns (رأت ~ تطورات,
// اتهم ~ عائلاتهم, أصر ~ العناصر).
const NOUN_LIKE_ENDING = /(?:ات|ون|ين|يه|ها)$|^(?:اتهم|اصر)$/;
const BARE_SCAN = 16;

/** Does a complement of `verb` (أن، إن، من...) follow token `at` closely? Without tokens, assume yes. */
function complementFollows(verb: string, lex: Prepared, tokens: readonly Token[], at: number): boolean {
  if (at < 0) return true;
  const cues = lex.verbCues.get(verb);
  if (!cues) return false;
  const firsts = new Set<string>();
  for (const c of cues) for (const comp of c.complements) if (comp[0]) firsts.add(comp[0]);
  for (let k = at + 1; k < Math.min(tokens.length, at + 1 + BARE_SCAN); k++) {
    const t = tokens[k]!;
    if (!t.word && /[.!?\u061f]/.test(t.text)) break;
    if (firsts.has(t.key)) return true;
  }
  return false;
}

/**
 * A sentence whose first verb has no conjunction can be glued too
 * ("السودانحذر برنامج ... من أن"). Bare suffixes are much riskier (انتقال
 * ends with قال), so only perfect-tense forms are tried, the left part must
 * be long and not end in ت/م (انتقال، مقال), and the verb's complement must
 * follow within a few words.
 */
function bareGluedSplit(key: string, lex: Prepared, tokens: readonly Token[], at: number): number {
  if (at < 0) return -1;
  for (let len = Math.min(6, key.length - 4); len >= 3; len--) {
    const verb = key.slice(key.length - len);
    // Imperfect forms and noun-like endings are never tried bare.
    if (!lex.verbWordSet.has(verb) || /^[يتن]/.test(verb) || NOUN_LIKE_ENDING.test(verb)) continue;
    const left = key.slice(0, key.length - len);
    if (left.length < 4 || /[تمو]$/.test(left) || /^[وفبلك]*الا?$/.test(left)) continue; // انتقال، مقال، والأرجح
    if (complementFollows(verb, lex, tokens, at)) return key.length - len;
  }
  return -1;
}

/** Index of the first item whose position is ≥ value, in items sorted by that position. */
export function firstAtOrAfter<T>(items: readonly T[], position: (item: T) => number, value: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (position(items[mid]!) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
