import type { Language } from './types.ts';
import { foldKey } from './normalize.ts';
import { phraseOf, splitWords } from './prepared.ts';
import { speakerWords, type SpeakerWordLists } from './lexicon/speaker-words.ts';

// A speaker name must be able to speak: a person, an organisation or a role
// description. Scraped news often leaves the cue scanner with a fragment
// instead (a relative pronoun, a date, an amount, a whole clause); this module
// says why such a phrase cannot be a speaker so the caller can drop it.

export type SpeakerRejection =
  | 'empty'
  | 'function word'
  | 'pronoun'
  | 'verb'
  | 'number'
  | 'date'
  | 'amount'
  | 'clause'
  | 'single letter'
  | 'title';

interface PreparedWords {
  neverFirst: Set<string>;
  functionWords: Set<string>;
  pronouns: Set<string>;
  verbs: Set<string>;
  dateWords: Set<string>;
  amountWords: Set<string>;
  titles: Set<string>;
  clauseMarkers: Set<string>;
}

const keySet = (xs: readonly string[]): Set<string> => new Set(xs.map((x) => phraseOf(x).join(' ')));

function prepare(lists: SpeakerWordLists): PreparedWords {
  return {
    neverFirst: keySet(lists.neverFirst),
    functionWords: keySet(lists.functionWords),
    pronouns: keySet(lists.pronouns),
    verbs: keySet(lists.verbs),
    dateWords: keySet(lists.dateWords),
    amountWords: keySet(lists.amountWords),
    titles: keySet(lists.titles),
    clauseMarkers: keySet(lists.clauseMarkers),
  };
}

const PREPARED: Record<Language, PreparedWords> = {
  ar: prepare(speakerWords.ar),
  en: prepare(speakerWords.en),
  fr: prepare(speakerWords.fr),
};

/** Longest run of words a speaker phrase may span before it is read as a clause. */
const MAX_NAME_WORDS = 12;
const DIGITS = /^\p{N}+$/u;
const HAS_LETTER = /\p{L}/u;

/** Arabic glues و/ف to the next word: "ولكنها" is "لكنها" for these checks. */
function inSet(set: Set<string>, word: string, language: Language): boolean {
  if (set.has(word)) return true;
  return language === 'ar' && word.length > 2 && (word[0] === 'و' || word[0] === 'ف') && set.has(word.slice(1));
}

function wordsOf(name: string): string[] {
  return splitWords(foldKey(name)).filter((w) => HAS_LETTER.test(w) || DIGITS.test(w) || /^[%$€£]$/.test(w));
}

function numericRejection(words: readonly string[], lists: PreparedWords, language: Language): SpeakerRejection | null {
  if (!words.some((w) => DIGITS.test(w) || inSet(lists.amountWords, w, language))) return null;
  if (words.some((w) => inSet(lists.amountWords, w, language))) return 'amount';
  if (words.some((w) => inSet(lists.dateWords, w, language))) return 'date';
  return 'number';
}

function singleWordRejection(word: string, lists: PreparedWords, language: Language): SpeakerRejection | null {
  if (word.length === 1 || (word.length === 2 && word.endsWith("'"))) return 'single letter';
  if (inSet(lists.pronouns, word, language)) return 'pronoun';
  if (inSet(lists.functionWords, word, language) || inSet(lists.neverFirst, word, language)) return 'function word';
  if (inSet(lists.verbs, word, language)) return 'verb';
  if (inSet(lists.titles, word, language)) return 'title';
  return null;
}

function clauseRejection(words: readonly string[], lists: PreparedWords, language: Language): SpeakerRejection | null {
  if (words.length > MAX_NAME_WORDS) return 'clause';
  // A verb or relative marker after the first word means the phrase runs into a clause.
  for (let i = 1; i < words.length; i++) {
    if (inSet(lists.clauseMarkers, words[i]!, language) || inSet(lists.verbs, words[i]!, language)) return 'clause';
  }
  return null;
}

/**
 * Why `name` cannot be a speaker, or null when it can. Reasons: 'function word', 'pronoun', 'verb',
 * 'number', 'date', 'amount', 'clause', 'single letter', 'title' (a title or honorific alone), 'empty'.
 */
export function speakerRejection(name: string, language: Language): SpeakerRejection | null {
  const lists = PREPARED[language];
  const words = wordsOf(name);
  if (words.length === 0) return 'empty';
  const numeric = numericRejection(words, lists, language);
  if (numeric) return numeric;
  if (words.length === 1) return singleWordRejection(words[0]!, lists, language);
  if (lists.titles.has(words.join(' '))) return 'title';
  if (words.every((w) => inSet(lists.functionWords, w, language) || w.length === 1)) return 'function word';
  if (words[words.length - 1]!.length === 1 && language !== 'ar') return 'single letter';
  if (words.some((w) => inSet(lists.dateWords, w, language))) return 'date';
  const first = words[0]!;
  if (inSet(lists.neverFirst, first, language)) return 'function word';
  if (inSet(lists.pronouns, first, language)) return 'pronoun';
  if (inSet(lists.verbs, first, language)) return 'verb';
  return clauseRejection(words, lists, language);
}
