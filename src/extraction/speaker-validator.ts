import type { Language } from './types.ts';
import type { LanguageLexicon } from './lexicon/types.ts';
import { ar } from './lexicon/ar.ts';
import { en } from './lexicon/en.ts';
import { fr } from './lexicon/fr.ts';
import { speakerWords, type SpeakerWordLists } from './lexicon/speaker-words.ts';
import { namesLikeVerbalNouns, verbalNounPatterns, verbalNounPrefixes } from './lexicon/verbal-nouns.ts';
import { foldKey } from './normalize.ts';
import { phraseOf, splitWords } from './prepared.ts';

// A speaker name must be able to speak: a person, an organisation or a role
// description. Scraped news often leaves the cue scanner with a fragment
// instead (a relative pronoun, a date, an amount, a whole clause); this module
// says why such a phrase cannot be a speaker so the caller can look elsewhere.

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
  | 'truncated'
  | 'title';

interface PreparedWords {
  neverFirst: Set<string>;
  functionWords: Set<string>;
  nameParticles: Set<string>;
  /** Words that never speak alone, though they may close a source ("مصدر رسمي"). */
  fragments: Set<string>;
  /** Statements and documents ("تصريحات", "بيان"): the object of a cue, never part of a person's name. */
  statementNouns: Set<string>;
  /** Institution, role, source, document and outlet head nouns. */
  heads: Set<string>;
  /** Outlet keywords ("صحيفة", "قناة"): glued to ل after a name, they open the addressee. */
  outletHeads: Set<string>;
  pronouns: Set<string>;
  verbs: Set<string>;
  dateWords: Set<string>;
  amountWords: Set<string>;
  honorifics: Set<string>;
  possessives: Set<string>;
  periodNouns: Set<string>;
  clauseMarkers: Set<string>;
  reportedWhat: Set<string>;
  objectNouns: Set<string>;
  reportingVerbs: Set<string>;
  /** Folded words spelled with a final ى (على، إلى): a final ي in the text makes them names (علي). */
  alefMaqsura: Set<string>;
}

const keysOf = (...lists: (readonly string[])[]): Set<string> => new Set(lists.flat().map((x) => phraseOf(x).join(' ')));

function prepare(lists: SpeakerWordLists, lexicon: LanguageLexicon): PreparedWords {
  // Arabic cue verbs never sit inside a name; Latin ones can ("United States", "le juge").
  const cueVerbs = lexicon.language === 'ar' ? [...lexicon.verbCues, ...lexicon.participleCues].flatMap((c) => c.forms) : [];
  // Pronouns after the head open a clause ("X وهو سناتور"); possessives only qualify it ("her lawyers").
  const pronouns = [...lists.pronouns, ...lexicon.pronouns].filter((p) => !lists.possessives.includes(p));
  const all = [lists.neverFirst, lists.functionWords, lexicon.functionWords, lists.pronouns, lexicon.pronouns];
  return {
    neverFirst: keysOf(lists.neverFirst),
    functionWords: keysOf(lists.functionWords, lexicon.functionWords),
    fragments: keysOf(lists.fragments),
    nameParticles: keysOf(lexicon.nameParticles),
    statementNouns: keysOf(lexicon.statementVenues, lexicon.documentNouns ?? []),
    heads: keysOf(lists.relationNouns, lexicon.institutionHeads, lexicon.roleNouns, lexicon.unnamedHeads, lexicon.documentNouns ?? [], lexicon.statementVenues, lexicon.outletKeywords.map((o) => o.word)),
    outletHeads: keysOf(lexicon.outletKeywords.map((o) => o.word)),
    pronouns: keysOf(lists.pronouns, lexicon.pronouns),
    verbs: keysOf(lists.verbs, cueVerbs),
    dateWords: keysOf(lists.dateWords),
    amountWords: keysOf(lists.amountWords),
    honorifics: keysOf(lists.honorifics),
    possessives: keysOf(lists.possessives),
    periodNouns: keysOf(lists.periodNouns),
    // Arabic glues the audience to its preposition ("للصحفيين"): after a name it is never part of it.
    clauseMarkers: keysOf(lists.clauseMarkers, lexicon.relativePronouns, pronouns, lexicon.language === 'ar' ? lexicon.audienceWords : []),
    reportedWhat: keysOf(lists.reportedWhat),
    objectNouns: keysOf(lists.objectNouns),
    reportingVerbs: keysOf(lists.reportingVerbs),
    alefMaqsura: keysOf(all.flat().filter((w) => w.endsWith('ى'))),
  };
}

const PREPARED: Record<Language, PreparedWords> = {
  ar: prepare(speakerWords.ar, ar),
  en: prepare(speakerWords.en, en),
  fr: prepare(speakerWords.fr, fr),
};

/** Longest run of words a speaker phrase may span before it is read as a clause. */
const MAX_NAME_WORDS = 12;
const DIGITS = /^\p{N}+$/u;
const SYMBOL = /^[%$€£]$/u;
const HAS_LETTER = /\p{L}/u;

interface Word {
  key: string;
  /** As written, without diacritics. */
  raw: string;
  /**
   * Spelled as a name though it folds like a listed word: علي (final ي where the lexicon has
   * على), acronyms (WHO, US).
   */
  nameSpelling: boolean;
}

const ACRONYM = /^\p{Lu}{2,}$/u;

const GLUED_PREFIXES = new Set(['و', 'ف', 'ل', 'ب']);

function member(set: Set<string>, key: string, language: Language): boolean {
  if (set.has(key)) return true;
  // Arabic glues conjunctions and prepositions to the next word: "ولكنها" is "لكنها", "لتعبيرها" is "تعبيرها".
  return language === 'ar' && key.length > 3 && GLUED_PREFIXES.has(key[0]!) && set.has(key.slice(1));
}

function wordsOf(name: string, words: PreparedWords): Word[] {
  const out: Word[] = [];
  for (const raw of splitWords(name.replace(/\p{M}/gu, ''))) {
    if (!HAS_LETTER.test(raw) && !DIGITS.test(raw) && !SYMBOL.test(raw)) continue;
    const key = foldKey(raw);
    out.push({ key, raw, nameSpelling: ACRONYM.test(raw) || (raw.endsWith('ي') && words.alefMaqsura.has(key)) });
  }
  return out;
}

/** Is the word one of the list, short of a name that only folds like one? */
function is(set: Set<string>, w: Word, language: Language): boolean {
  return !w.nameSpelling && member(set, w.key, language);
}

function numericRejection(words: readonly Word[], lists: PreparedWords, language: Language): SpeakerRejection | null {
  const amount = words.some((w) => is(lists.amountWords, w, language));
  if (amount && words.some((w) => DIGITS.test(w.key) || SYMBOL.test(w.key))) return 'amount';
  const firstNumber = words.findIndex((w) => DIGITS.test(w.key));
  if (firstNumber < 0) return null;
  if (words.some((w) => is(lists.dateWords, w, language))) return 'date';
  // Latin names may carry a number ("District Council 37"); a count before any name word may not.
  const counted = words.slice(0, firstNumber).every((w) => isFunctionLike(w, lists, language));
  return language === 'ar' || counted ? 'number' : null;
}

const POSSESSIVE_SUFFIX = /(?<=[^و])ه(?:ا|م|ما)$/u;

/**
 * A noun carrying a possessive ("عملها", "تضامنها") is a thing of someone's, not a speaker; a role
 * or a group of someone's ("مراسلها", "معارضوها") is.
 */
function possessedNoun(key: string, lists: PreparedWords): boolean {
  if (key.length < 5 || !POSSESSIVE_SUFFIX.test(key)) return false;
  const noun = key.replace(POSSESSIVE_SUFFIX, '');
  // Ta marbuta is written ت before a suffix (نظيرتها ← نظيرة), and folds to ه.
  return !lists.heads.has(noun) && !lists.heads.has(noun.replace(/ت$/u, 'ه'));
}

/**
 * A lone lower-case English or French word names nobody unless it is a group ("officials",
 * "residents", "la police"): "policy", "consistently" are what a misread slot leaves.
 */
function lowerCaseFragment(w: Word, lists: PreparedWords, language: Language): boolean {
  if (language === 'ar' || w.nameSpelling || w.raw !== w.raw.toLowerCase()) return false;
  return !/(?:s|x)$/u.test(w.key) && !lists.heads.has(w.key);
}

function singleWordRejection(w: Word, lists: PreparedWords, language: Language): SpeakerRejection | null {
  if (w.key.length === 1 || (w.key.length === 2 && w.key.endsWith("'"))) return 'single letter';
  if (language === 'ar' && possessedNoun(w.key, lists)) return 'pronoun';
  if (opensWithPreposition(w, lists, language)) return 'function word';
  if (is(lists.nameParticles, w, language)) return 'truncated';
  if (is(lists.pronouns, w, language)) return 'pronoun';
  if (is(lists.functionWords, w, language) || is(lists.neverFirst, w, language) || is(lists.clauseMarkers, w, language) || is(lists.fragments, w, language)) return 'function word';
  if (is(lists.verbs, w, language)) return 'verb';
  if (is(lists.dateWords, w, language)) return 'date';
  if (is(lists.honorifics, w, language)) return 'title';
  return lowerCaseFragment(w, lists, language) ? 'function word' : null;
}

/** Arabic "لل…" or ل/ب on a head noun: a preposition opens a complement, never a subject. */
function opensWithPreposition(w: Word, lists: PreparedWords, language: Language): boolean {
  if (language !== 'ar') return false;
  if (GLUED_ARTICLE.test(w.key)) return true;
  // "لوكالة", "لوزارة", "بالبيان": ل/ب glued to a head noun. Names may open so ("بالاكريشنان").
  return gluedTo(w.key, lists.heads);
}

/** ل/ب glued to an outlet keyword ("لصحيفة", "لوكالة"): after a speaker's name it opens the addressee. */
export function opensAddressee(key: string, language: Language): boolean {
  return language === 'ar' && gluedTo(key, PREPARED.ar.outletHeads);
}

function gluedTo(key: string, heads: Set<string>): boolean {
  return key.length > 3 && (key[0] === 'ل' || key[0] === 'ب') && heads.has(key.slice(1));
}

function isFunctionLike(w: Word, lists: PreparedWords, language: Language): boolean {
  return w.key.length === 1 || is(lists.functionWords, w, language) || is(lists.neverFirst, w, language) || is(lists.pronouns, w, language);
}

/** ل glued to the article ("للصحفيين", "للاستثمار"): no name opens so. */
const GLUED_ARTICLE = /^لل\p{Script=Arabic}{2,}$/u;

const PREPOSITION_WITH_PRONOUN = /^(?:من|عن|ل|ب|في|علي|الي|لدي)(?:ه|ها|هم|هما)$/u;

function phraseRejection(words: readonly Word[], lists: PreparedWords, language: Language): SpeakerRejection | null {
  if (words.every((w) => isFunctionLike(w, lists, language) || is(lists.honorifics, w, language))) return 'function word';
  const first = words[0]!;
  if (is(lists.neverFirst, first, language) || opensWithPreposition(first, lists, language)) return 'function word';
  if (language === 'ar' && possessedNoun(first.key, lists)) return 'pronoun';
  if (is(lists.pronouns, first, language) && !is(lists.possessives, first, language)) return 'pronoun';
  if (is(lists.verbs, first, language)) return 'verb';
  if (words.some((w) => is(lists.dateWords, w, language))) return 'date';
  const last = words[words.length - 1]!;
  if (language !== 'ar' && last.key.length === 1) return 'single letter';
  if (is(lists.nameParticles, last, language)) return 'truncated';
  // A name never ends on a particle ("البيان أيضا", "the ministry of"); a preposition with its
  // pronoun completes a description ("مصادر مقربة منه").
  if (isFunctionLike(last, lists, language) && !(language === 'ar' && PREPOSITION_WITH_PRONOUN.test(last.key))) return 'function word';
  if (words.length > MAX_NAME_WORDS) return 'clause';
  // A verb, a relative or an attached pronoun after the head: the phrase runs on into a clause.
  if (words.slice(1).some((w) => !w.nameSpelling && breaks(w.key, lists, language))) return 'clause';
  return null;
}

/**
 * Why `name` cannot be a speaker, or null when it can: 'function word', 'pronoun', 'verb',
 * 'number', 'date', 'amount', 'clause', 'single letter', 'title' (an honorific alone) or 'empty'.
 */
export function speakerRejection(name: string, language: Language): SpeakerRejection | null {
  const lists = PREPARED[language];
  const words = wordsOf(name, lists);
  if (words.length === 0) return 'empty';
  const numeric = numericRejection(words, lists, language);
  if (numeric) return numeric;
  if (words.length === 1) return singleWordRejection(words[0]!, lists, language);
  return phraseRejection(words, lists, language);
}

/** Arabic words carrying an object or possessive pronoun ("مسؤوليتها", "زفافها") close a clause, not a name. */
const ATTACHED_PRONOUN = /^\p{Script=Arabic}{2,}(?:ها|هم|هما)$/u;

function breaks(key: string, lists: PreparedWords, language: Language): boolean {
  if (member(lists.clauseMarkers, key, language) || member(lists.verbs, key, language) || member(lists.objectNouns, key, language)) return true;
  return language === 'ar' && ATTACHED_PRONOUN.test(key) && !PREPOSITION_WITH_PRONOUN.test(key);
}

/** A folded word that cannot continue a speaker phrase past its head: a relative, a verb, a date. */
export function breaksSpeakerPhrase(key: string, language: Language): boolean {
  const lists = PREPARED[language];
  return breaks(key, lists, language) || member(lists.dateWords, key, language);
}



/** A folded word that cannot continue a personal name: what ends any speaker phrase, a glued preposition, a statement. */
export function breaksPersonName(key: string, language: Language): boolean {
  if (breaksSpeakerPhrase(key, language)) return true;
  // "جواد ظريف تصريحات …": a statement or document after a name is the object of the cue;
  // "X لصحيفة …", "X لقناة …": a preposition glued to an outlet keyword opens the addressee.
  if (language !== 'ar') return false;
  return GLUED_ARTICLE.test(key) || PREPARED.ar.statementNouns.has(key) || gluedTo(key, PREPARED.ar.outletHeads);
}

const VERBAL_NOUN = new RegExp(
  `^(?:${verbalNounPrefixes.join('|')})?(?:${verbalNounPatterns.map((p) => p.replaceAll('C', '\\p{Script=Arabic}')).join('|')})$`,
  'u',
);
const NAMES_LIKE_VERBAL_NOUNS = new Set(namesLikeVerbalNouns.map(foldKey));

/**
 * An Arabic verbal noun (folded, bare or after ب/ل) that is not also a name: "تسويه", "بتطبيق",
 * not "توفيق". Not after the article ("العام"), nor opening with اي or closing with ي: so are foreign
 * names spelled ("ايجان", "اقطاي"), and these nouns seldom.
 */
export function isVerbalNoun(key: string): boolean {
  if (/^(?:ال|اي)|ي$/u.test(key) || !VERBAL_NOUN.test(key) || NAMES_LIKE_VERBAL_NOUNS.has(key)) return false;
  const bare = key.replace(/^[بل]/u, '');
  return !NAMES_LIKE_VERBAL_NOUNS.has(bare);
}

/**
 * Where a speaker phrase of folded words should end to leave out a trailing number and the
 * words dating it ("وزارة التجارة للعام 2017" → 2); the phrase length when it has no number.
 */
export function endBeforeNumber(keys: readonly string[], language: Language): number {
  const lists = PREPARED[language];
  let end = keys.findIndex((k) => DIGITS.test(k));
  if (end < 0) return keys.length;
  while (end > 0 && (member(lists.periodNouns, keys[end - 1]!, language) || member(lists.dateWords, keys[end - 1]!, language))) end--;
  return end;
}

/** A verb, in any of its listed forms: a speaker phrase opening with one has another subject after it. */
export function isVerb(key: string, language: Language): boolean {
  return member(PREPARED[language].verbs, key, language);
}

/** A folded word that never opens a name (a preposition, a conjunction, a relative). */
export function cannotOpenName(key: string, language: Language): boolean {
  return member(PREPARED[language].neverFirst, key, language);
}

const OBJECT_SUFFIX = /(?:هما|هم|ها|ه)$/;

/**
 * "ما نقلته وكالة X", "كما ذكرت صحيفة X": for the folded words of a speaker phrase, the index
 * of the word after the reporting verb (and an "عنه"), where the real source starts; -1 otherwise.
 */
export function reportedSourceStart(keys: readonly string[], language: Language): number {
  const lists = PREPARED[language];
  if (keys.length < 2 || !member(lists.reportedWhat, keys[0]!, language)) return -1;
  const verb = keys[1]!;
  if (!lists.reportingVerbs.has(verb) && !lists.reportingVerbs.has(verb.replace(OBJECT_SUFFIX, ''))) return -1;
  let i = 2;
  while (i < keys.length && /^عن(?:ه|ها|هم)?$/.test(keys[i]!)) i++;
  return i;
}
