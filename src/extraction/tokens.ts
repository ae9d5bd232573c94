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
    const split = t.word && t.key.length >= 6 ? findGluedSplit(t.key, tokens[i + 1], lex) : -1;
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
export function findGluedSplit(key: string, next: Token | undefined, lex: Prepared): number {
  for (const prefix of lex.cuePrefixes) {
    // Try the longest verb first so "وأضاف" wins over a shorter accidental match.
    for (let len = Math.min(8, key.length - MIN_LEFT - prefix.length); len >= 3; len--) {
      const verb = key.slice(key.length - len);
      if (!lex.verbWordSet.has(verb)) continue;
      const at = key.length - len - prefix.length;
      if (key.slice(at, at + prefix.length) === prefix) return at;
    }
  }
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
