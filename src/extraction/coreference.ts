import type { Language } from './types.ts';
import type { Prepared } from './prepared.ts';
import type { Token } from './tokens.ts';
import { stripConjunction } from './tokens.ts';
import { foldKey } from './normalize.ts';
import { arabicStem } from './arabic.ts';
import { demonyms, genderWords } from './lexicon/coreference.ts';

// Agreement between a mention and the people and organisations an article has
// introduced. A later mention ("وقالت", "she", "le ministre égyptien") may only
// point back to an entity whose grammatical gender, number and nationality do
// not contradict it; among those, the most salient one wins.

/** Grammatical gender and number: feminine, masculine, plural. */
export type Gender = 'f' | 'm' | 'p';

export interface Agreement {
  gender: Gender | null;
  /** Countries named by nationality adjectives ("الأردني", "US", "égyptien"). */
  countries: string[];
}

export interface AgreeingEntity {
  gender: Gender | null;
  countries: string[];
  /** Gender of the document that last spoke for the entity ("وتابع بيان الوزارة": masculine). */
  voiceGender?: Gender | null;
}

interface PreparedAgreementWords {
  demonym: Map<string, string>;
  /** Two-word demonyms ("كوري شمالي", "north korean"), first word → second word → country. */
  demonymPairs: Map<string, Map<string, string>>;
  feminine: Set<string>;
  masculine: Set<string>;
  plural: Set<string>;
}

const prepared = new Map<Language, PreparedAgreementWords>();

function agreementWords(language: Language): PreparedAgreementWords {
  const cached = prepared.get(language);
  if (cached) return cached;
  const demonym = new Map<string, string>();
  const demonymPairs = new Map<string, Map<string, string>>();
  for (const d of demonyms) {
    for (const form of d.forms) {
      const words = foldKey(form).split(/\s+/);
      if (words.length === 1) demonym.set(words[0]!, d.country);
      else if (words.length === 2) {
        const next = demonymPairs.get(words[0]!) ?? new Map<string, string>();
        next.set(words[1]!, d.country);
        demonymPairs.set(words[0]!, next);
      }
    }
  }
  const g = genderWords[language];
  const words: PreparedAgreementWords = {
    demonym,
    demonymPairs,
    feminine: new Set(g.feminine.map(foldKey)),
    masculine: new Set(g.masculine.map(foldKey)),
    plural: new Set(g.plural.map(foldKey)),
  };
  prepared.set(language, words);
  return words;
}

/** Comparable form of an Arabic adjective or noun: no article, no feminine or plural ending. */
function arabicBase(key: string): string {
  return arabicStem(key).replace(/(?:ون|ين|ه)$/, '');
}

/** Head noun without article, number or gender ending: مسؤولون ~ المسؤول, officials ~ official. */
export function headBase(key: string, language: Language): string {
  return language === 'ar' ? arabicBase(key) : key.replace(/s$/, '');
}

/** Countries named by the words of a phrase (role words of an entity or of a mention). */
export function countriesOf(keys: readonly string[], language: Language): string[] {
  const w = agreementWords(language);
  const out: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = language === 'ar' ? arabicBase(keys[i]!) : keys[i]!.replace(/\.$/, '');
    const next = keys[i + 1];
    const pair = next !== undefined ? w.demonymPairs.get(key)?.get(language === 'ar' ? arabicBase(next) : next) : undefined;
    const country = pair ?? w.demonym.get(key);
    if (country && !out.includes(country)) out.push(country);
  }
  return out;
}

/**
 * Gender carried by a cue verb or participle in Arabic: قالت / تقول / مضيفة are feminine,
 * قالوا plural, قال / يقول / مضيفا masculine. Only recognised cue forms are read.
 */
export function arabicCueGender(key: string, lex: Prepared): Gender | null {
  for (const { stem } of stripConjunction(key, lex.cuePrefixes)) {
    if (lex.participleCues.has(stem)) return stem.endsWith('ه') ? 'f' : stem.endsWith('ا') ? 'm' : null;
    if (!lex.verbWordSet.has(stem)) continue;
    if (stem.endsWith('وا') || stem.endsWith('ون')) return 'p';
    if (stem.endsWith('ت') && lex.verbWordSet.has(stem.slice(0, -1))) return 'f';
    if (stem.startsWith('ت') && lex.verbWordSet.has('ي' + stem.slice(1))) return 'f';
    return 'm';
  }
  return null;
}

/** Gender of an Arabic pronoun (هي، لكنها، هم). */
export function arabicPronounGender(key: string): Gender | null {
  const w = agreementWords('ar');
  return w.plural.has(key) ? 'p' : w.feminine.has(key) ? 'f' : w.masculine.has(key) ? 'm' : null;
}

/** Gender marked by a Latin word (pronoun, honorific, gendered role noun), if any. */
export function latinWordGender(key: string, language: Language): Gender | null {
  const w = agreementWords(language);
  // "a-t-elle", "dit-il": the pronoun is the last part of an inverted verb.
  const bare = key.replace(/^.*-(?=(?:il|elle|ils|elles)$)/, '').replace(/\.$/, '');
  if (w.plural.has(bare)) return 'p';
  if (w.feminine.has(bare)) return 'f';
  if (w.masculine.has(bare)) return 'm';
  return null;
}

/**
 * Gender of an Arabic head noun: المتحدثة / الوزيرة / وزارة end in ة (folded ه) and are
 * feminine; sound plurals (ون، ين، ات) and the broken plurals of the lexicon are plural.
 */
export function arabicNounGender(key: string): Gender {
  const stem = arabicStem(key);
  if ((/(?:ون|وه|ين|ات)$/.test(stem) && stem.length > 4) || agreementWords('ar').plural.has(stem)) return 'p';
  return stem.endsWith('ه') ? 'f' : 'm';
}

/** Gender of the first gender-marked word in [a, b), for Latin-script phrases. */
export function latinPhraseGender(tokens: readonly Token[], a: number, b: number, language: Language): Gender | null {
  for (let i = a; i < b; i++) {
    const t = tokens[i]!;
    if (!t.word) continue;
    const g = latinWordGender(t.key, language);
    // French determiners only mark the role noun right after them.
    if (g && !(language === 'fr' && (t.key === 'la' || t.key === 'le') && i + 1 >= b)) return g;
  }
  return null;
}

/** Can a mention with these features point to this entity? Unknown features never disagree. */
export function agrees(mention: Agreement, entity: AgreeingEntity): boolean {
  if (mention.gender && entity.gender && mention.gender !== entity.gender && mention.gender !== entity.voiceGender) return false;
  if (mention.countries.length && entity.countries.length && !mention.countries.some((c) => entity.countries.includes(c))) return false;
  return true;
}

type Salient = { lastSpokeAt: number; introducedAt: number; lastSubjectAt?: number };

/**
 * Rank of salience at offset `at`: whoever last spoke or opened a sentence as its subject,
 * then people introduced before, then those named only later.
 */
function salience(x: Salient, at: number): [number, number] {
  const recent = Math.max(x.lastSpokeAt, x.lastSubjectAt !== undefined && x.lastSubjectAt < at ? x.lastSubjectAt : -1);
  if (recent >= 0) return [2, recent];
  return x.introducedAt <= at ? [1, x.introducedAt] : [0, -x.introducedAt];
}

export function moreSalient(x: Salient, y: Salient, at: number): boolean {
  const [rx, px] = salience(x, at);
  const [ry, py] = salience(y, at);
  return rx !== ry ? rx > ry : px > py;
}

/**
 * The most salient candidate that agrees with the mention: the one that spoke last, or,
 * when none did, the one introduced last before the mention. Someone whose gender is unknown
 * agrees with "she" and "he" alike: English and French names do not tell them apart, so a
 * continuation ("She added") stays with the last speaker unless the text marked otherwise.
 */
export function mostSalient<T extends AgreeingEntity & Salient>(candidates: Iterable<T>, mention: Agreement, at: number): T | null {
  let best: T | null = null;
  for (const e of candidates) {
    if (!agrees(mention, e) || (salience(e, at)[0] < 2 && e.introducedAt > at)) continue;
    if (!best || moreSalient(e, best, at)) best = e;
  }
  return best;
}

/**
 * A bare role mention ("الوزير المصري", "the minister", "le porte-parole") among the people
 * holding that role: those whose role shares more of the mention's modifiers first, then the
 * most salient (someone named only later in the article still beats nobody, since the gold
 * speaker is the fullest name given anywhere); never one whose gender or nationality
 * contradicts the mention.
 */
export function bestRoleHolder<T extends AgreeingEntity & { lastSpokeAt: number; introducedAt: number; roleWords: string[]; titles: string[] }>(
  candidates: Iterable<T>,
  mention: Agreement,
  title: string,
  modifiers: readonly string[],
  at: number,
): T | null {
  let best: T | null = null;
  let bestFit = -1;
  for (const e of candidates) {
    if (!agrees(mention, e)) continue;
    // Holding the very title ("الرئيس التركي" → رئيس) fits better than the same word inside
    // another title ("نائب رئيس الوزراء التركي" holds نائب and رئيس وزراء).
    const holdsTitle = e.titles.includes(title) ? 1 : 0;
    let fit = holdsTitle;
    for (const m of modifiers) if (e.roleWords.includes(m)) fit++;
    // Someone named only later must share a modifier: "le chef du gouvernement" is not
    // whichever "chef" the article introduces next.
    if (e.lastSpokeAt < 0 && e.introducedAt > at && modifiers.length > 0 && fit <= holdsTitle) continue;
    if (!best || fit > bestFit || (fit === bestFit && moreSalient(e, best, at))) {
      best = e;
      bestFit = fit;
    }
  }
  return best;
}
