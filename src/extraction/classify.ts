import type { ClaimKind } from './types.ts';
import type { CueHint } from './lexicon/types.ts';
import type { Prepared } from './prepared.ts';
import type { Token } from './tokens.ts';
import { matchAny } from './tokens.ts';
import { isArabicDefinite } from './arabic.ts';

// Kind and check-worthiness of a claim from its own words. An inherited cue
// (a clause split off a longer attribution) does not pass its hint on: "he
// wondered about X, but Y happened" has a factual second half.

export interface ClaimFeatures {
  numbers: number;
  dates: number;
  entities: number;
  comparisons: number;
  quantities: number;
  future: boolean;
  evaluative: boolean;
  question: boolean;
  words: number;
}

// Arabic future prefix: سـ on an imperfect verb (سيكون، ستمثل). Nouns that
// happen to start with سي/ست are excluded by shape (feminine/plural endings).
const AR_FUTURE_VERB = /^[وف]?س[يتن][\u0621-\u064a]{2,}$/;
const AR_NOT_VERB = /(?:ه|ات|يه|ين)$|^[وف]?(?:سياس|سيار|سيطر|سيد|سين|ستين|سنو|ستار|سيول|سيف)/;

export function isArabicFutureVerb(key: string): boolean {
  return AR_FUTURE_VERB.test(key) && !AR_NOT_VERB.test(key);
}

export function features(tokens: readonly Token[], a: number, b: number, lex: Prepared, endsWithQuestion: boolean): ClaimFeatures {
  const f: ClaimFeatures = { numbers: 0, dates: 0, entities: 0, comparisons: 0, quantities: 0, future: false, evaluative: false, question: endsWithQuestion, words: 0 };
  const entities = new Set<string>();
  for (let i = a; i < b; i++) {
    const t = tokens[i]!;
    if (!t.word) {
      if (t.text === '?' || t.text === '\u061f') f.question = true;
      if (t.text === '%') f.quantities++;
      continue;
    }
    f.words++;
    if (/\d/.test(t.key)) {
      f.numbers++;
      if (/^(?:1[89]|20)\d\d$/.test(t.key.replace(/^ال/, ''))) f.dates++;
    }
    const bare = lex.language === 'ar' ? t.key.replace(/^[وفبل]/, '') : t.key;
    if (lex.months.has(t.key) || lex.months.has(bare)) f.dates++;
    if (lex.comparisonWords.has(t.key) || lex.comparisonWords.has(bare)) f.comparisons++;
    if (matchAny(tokens, i, lex.quantityPhrases)) f.quantities++;
    if (matchAny(tokens, i, lex.futureMarkers) || (lex.language === 'ar' && isArabicFutureVerb(t.key))) f.future = true;
    if (lex.evaluativeWords.has(t.key) || lex.evaluativeWords.has(bare) || matchAny(tokens, i, lex.evaluativePhrases)) f.evaluative = true;
    if (isEntity(tokens, i, a, lex)) entities.add(t.key);
  }
  f.entities = entities.size;
  return f;
}

/** Capitalised mid-sentence words (Latin) or definite place/people names are entity-like. */
function isEntity(tokens: readonly Token[], i: number, a: number, lex: Prepared): boolean {
  const t = tokens[i]!;
  if (lex.language === 'ar') {
    // No capitals in Arabic: Latin words count, and so do indefinite words
    // that are neither function words nor verb-shaped (imperfect prefix,
    // perfect plural/feminine endings): mostly names and places.
    if (/^[A-Za-z]/.test(t.text)) return true;
    return !isArabicDefinite(t.key) && !lex.functionWords.has(t.key) && t.key.length >= 4 && !/^[وف]?[يتن]/.test(t.key) && !/(?:ت|وا)$/.test(t.key);
  }
  const prev = tokens[i - 1];
  const sentenceStart = i === a || (prev && !prev.word && /^[."]$/.test(prev.text));
  return /^\p{Lu}/u.test(t.text) && !sentenceStart && !lex.functionWords.has(t.key);
}

export function classifyKind(hint: CueHint | null, f: ClaimFeatures): ClaimKind {
  if (hint === 'question' || f.question) return 'question';
  if (hint === 'prediction' || f.future) return 'prediction';
  if (hint === 'opinion' || f.evaluative) return 'opinion';
  return 'factual';
}

/**
 * 0..1 score: verifiable specifics (numbers, dates, names, comparisons,
 * quantities) raise it; opinions and questions lower it. Each feature only
 * ever adds, so adding a specific never lowers the score.
 */
export function checkworthiness(kind: ClaimKind, f: ClaimFeatures): number {
  let s = 0.3;
  s += Math.min(0.2, f.numbers * 0.1);
  s += Math.min(0.15, f.dates * 0.08);
  s += Math.min(0.15, f.entities * 0.04);
  s += Math.min(0.1, f.comparisons * 0.05);
  s += Math.min(0.15, f.quantities * 0.08);
  if (f.words >= 8) s += 0.05;
  if (kind === 'opinion') s -= 0.15;
  else if (kind === 'question') s -= 0.25;
  else if (kind === 'prediction') s -= 0.05;
  return Math.round(Math.max(0, Math.min(1, s)) * 100) / 100;
}
