import type { ExtractedSpeaker, Language, SpeakerKind } from './types.ts';
import type { Normalized } from './normalize.ts';
import { foldKey, toOriginal } from './normalize.ts';
import type { Prepared } from './prepared.ts';
import type { Token } from './tokens.ts';
import { matchAny, stripConjunction } from './tokens.ts';
import { isComma, isTerminalToken, matchVerbForm } from './cues.ts';
import { arabicStem, isArabicDefinite, stripAttachedPreposition } from './arabic.ts';
import { findOutletMentions, knownOutletAt } from './outlets.ts';
import type { OutletMention } from './outlets.ts';
import type { Agreement, Gender } from './coreference.ts';
import { honorifics, timeAdverbialNouns } from './lexicon/coreference.ts';

import { arabicCueGender, arabicNounGender, arabicPronounGender, bestRoleHolder, countriesOf, latinPhraseGender, latinWordGender, mostSalient } from './coreference.ts';

export { arabicStem, isArabicDefinite };

// Speaker phrases are parsed into a name part and a role part, then resolved
// against everyone introduced so far: a surname or a bare role noun
// ("الخبير", "the minister") points back to the fullest matching person.

export type NPType = 'pronoun' | 'unnamed' | 'organization' | 'person' | 'role';

export interface ParsedNP {
  type: NPType;
  /** Token range of the personal name, if any. */
  name: [number, number] | null;
  /** Token range of the role / function words ("الخبير الفرنسي", "Foreign Minister"). */
  role: [number, number] | null;
  /** Token range of the whole phrase as written (used as an alias). */
  surface: [number, number];
  /** Folded role head ("خبير", "minister") used for coreference. */
  head: string | null;
}

export interface SpeakerEntry {
  id: number;
  name: string;
  nameWords: string[];
  kind: SpeakerKind;
  unnamed: boolean;
  role: string | null;
  roleWords: string[];
  aliases: Map<string, string>;
  introducedAt: number;
  lastSpokeAt: number;
  /** Where the entity last opened a sentence as its subject without a cue ("ورفض بوتين …"). */
  lastSubjectAt: number;
  /** Grammatical gender or plural, once the text has marked it (قالت، المتحدثة، she, Mme). */
  gender: Gender | null;
  /** Countries of the nationality adjectives in the entity's roles ("الوزير الأردني"). */
  countries: string[];
}

// Prepositions (folded) that cannot open a subject: after a cue verb they start an adverbial.
const ARABIC_PREPOSITIONS = new Set(['في', 'علي', 'عن', 'من', 'الي', 'خلال', 'عبر', 'حول', 'امام', 'لدي', 'عند', 'منذ', 'بعد', 'قبل', 'مع', 'ل', 'ب']);
const TIME_ADVERBIAL_NOUNS = new Set(timeAdverbialNouns.map(foldKey));
const HONORIFICS: Record<Language, Set<string>> = { ar: new Set(honorifics.ar.map(foldKey)), en: new Set(honorifics.en), fr: new Set(honorifics.fr) };
// Sentence openers that may precede a subject ("لكن بوزداغ أشاد", "But Smith …").
const SENTENCE_OPENERS = new Set(['لكن', 'ثم', 'بينما', 'but', 'and', 'however', 'meanwhile', 'mais', 'et', 'puis']);
const PERSON_PRONOUNS = new Set(['he', 'she', 'il', 'elle', 'هو', 'هي']);
// Possessives included: "Her lawyers", "ses proches" are a group described, not a name.
const DETERMINERS = new Set(['the', 'a', 'an', 'le', 'la', 'les', "l'", 'un', 'une', 'des', 'du', 'de', 'his', 'her', 'their', 'its', 'son', 'sa', 'ses', 'leur', 'leurs']);
const NUMBER_WORDS = new Set([
  'two', 'three', 'four', 'five', 'six', 'several', 'some', 'many', 'multiple', 'senior', 'deux', 'trois', 'quatre',
  'plusieurs', 'certains', 'de', 'hauts', 'haut', 'un', 'une',
]);

// "al-Burhan", "bin-Salman", "van-Dijk": a lower-case particle hyphenated to a capitalised name.
const PARTICLE_NAME = /^(?:al|el|ad|an|ar|as|at|az|ash|bin|ibn|abu|abd|da|de|di|van|von)-\p{Lu}/u;

function isCapitalized(t: Token): boolean {
  return /^\p{Lu}/u.test(t.text) || PARTICLE_NAME.test(t.text);
}

/** Relational adjective ending in -ي ("عسكري", "روسي", "أمني"); names can end so too, hence used in pairs only. */
export function isNisba(key: string): boolean {
  return key.length >= 4 && key.endsWith('ي');
}

export class SpeakerRegistry {
  private entries: SpeakerEntry[] = [];
  private lastEntry: SpeakerEntry | null = null;
  private lastPerson: SpeakerEntry | null = null;
  private readonly personsByNameWord = new Map<string, SpeakerEntry[]>();

  constructor(
    private readonly norm: Normalized,
    private readonly tokens: readonly Token[],
    private readonly lex: Prepared,
  ) {}

  get last(): SpeakerEntry | null {
    return this.lastEntry;
  }

  surface(a: number, b: number): string {
    const s = this.tokens[a];
    const e = this.tokens[b - 1];
    if (!s || !e || b <= a) return '';
    const [os, oe] = toOriginal(this.norm, s.start, e.end);
    return this.norm.original.slice(os, oe);
  }

  private keyOf(a: number, b: number): string[] {
    const out: string[] = [];
    for (let i = a; i < b; i++) if (this.tokens[i]!.word) out.push(this.tokens[i]!.key);
    return out;
  }

  /** Is the token a plausible part of a personal name? */
  nameLike(i: number): boolean {
    const t = this.tokens[i];
    if (!t || !t.word || /\d/.test(t.key) || t.key.length < 2) return false;
    const lex = this.lex;
    if ((lex.functionWords.has(t.key) && !this.isNameSpelledLikeFunctionWord(t)) || lex.pronouns.has(t.key) || lex.relativePronouns.has(t.key)) return false;
    if (lex.months.has(t.key)) return false;
    if (lex.language === 'ar') {
      if (isArabicDefinite(t.key)) return false;
      if (lex.roleNouns.has(t.key) || lex.institutionHeads.has(t.key) || lex.unnamedHeads.has(t.key)) return false;
      if (matchVerbForm(this.tokens, i, lex.verbCues, lex.cuePrefixes)) return false;
      if (lex.complementFirstWords.has(t.key) && !this.isNameSpelledLikeFunctionWord(t)) return false;
      return true;
    }
    if (!isCapitalized(t)) return lex.nameParticles.has(t.key) && !!this.tokens[i + 1] && isCapitalized(this.tokens[i + 1]!);
    if (lex.roleNouns.has(t.key) || lex.institutionHeads.has(t.key) || DETERMINERS.has(t.key) || this.isHonorificAt(i)) return false;
    if (/'s?$/.test(t.key)) return false; // possessive: "Lebanon's energy minister"
    if (knownOutletAt(this.tokens, i, false)?.end === i + 1) return false; // "à l'AFP Marie Dupont"
    return true;
  }

  /**
   * Arabic surnames often carry the article (أيمن الصفدي، بشار الأسد). Inside
   * a speaker phrase, definite words closing the phrase right after a first
   * name belong to the name.
   */
  private extendArabicSurname(n: number, e: number, afterName: boolean): number {
    if (!afterName || this.lex.language !== 'ar') return n;
    let k = n;
    while (k < e && k - n < 2) {
      const t = this.tokens[k]!;
      if (!t.word || !isArabicDefinite(t.key) || this.isRoleAt(k) > 0 || this.isInstitutionAt(k) || this.isTimeWord(k)) break;
      k++;
    }
    return k === e ? k : n;
  }

  /** Last run of name-like words in [from, e) that ends the phrase, allowing a definite surname after it. */
  private lastArabicNameRun(from: number, e: number): [number, number] | null {
    let end = e;
    // Up to two definite words may close the name (أيمن الصفدي، محمد شياع السوداني).
    let k = e;
    while (k > from && e - k < 2 && this.tokens[k - 1]!.word && isArabicDefinite(this.tokens[k - 1]!.key) && this.isRoleAt(k - 1) < 0 && !this.isInstitutionAt(k - 1) && !this.isTimeWord(k - 1)) k--;
    if (k < e && k > from && this.nameLike(k - 1)) end = k;
    let s = end;
    while (s > from && this.nameLike(s - 1) && end - s < 4) s--;
    if (s === end) return null;
    const n = end < e ? e : end;
    return [s, n];
  }

  private isKnownSurname(key: string): boolean {
    return this.entries.some((en) => en.kind === 'person' && en.nameWords.length > 1 && en.nameWords[en.nameWords.length - 1] === key);
  }

  private isTimeWord(i: number): boolean {
    const t = this.tokens[i];
    return !!t && t.word && (this.lex.timeWords.has(t.key) || (this.lex.language === 'ar' && this.lex.timeWords.has(t.key.replace(/^[وف]/, ''))));
  }

  /**
   * Folding ى → ي merges the name علي with the preposition على; the original
   * spelling (final ي) still tells them apart.
   */
  private isNameSpelledLikeFunctionWord(t: Token): boolean {
    if (t.key !== 'علي') return false;
    const last = this.norm.original.charCodeAt(this.norm.starts[t.end - 1]!);
    return last === 0x064a;
  }

  private isRoleAt(i: number): number {
    const t = this.tokens[i];
    if (!t || !t.word) return -1;
    const m = matchAny(this.tokens, i, this.lex.rolePhrases);
    if (m) return m.end;
    if (this.lex.roleNouns.has(t.key)) return i + 1;
    if (this.lex.language === 'ar') {
      // A feminine role noun is the masculine one with ة (السفيرة، المتحدثة، مستشارة).
      for (const v of stripConjunction(t.key, this.lex.cuePrefixes)) if (this.lex.roleNouns.has(v.stem) || (v.stem.endsWith('ه') && this.lex.roleNouns.has(v.stem.slice(0, -1)))) return i + 1;
    }
    return -1;
  }

  isInstitutionAt(i: number): boolean {
    const t = this.tokens[i];
    if (!t || !t.word) return false;
    if (matchAny(this.tokens, i, this.lex.institutionPhrases)) return true;
    if (this.lex.institutionHeads.has(t.key)) return true;
    return this.lex.language === 'ar' && stripConjunction(t.key, this.lex.cuePrefixes).some((v) => this.lex.institutionHeads.has(v.stem));
  }

  private isUnnamedAt(i: number): boolean {
    const t = this.tokens[i];
    if (!t || !t.word) return false;
    if (this.lex.unnamedHeads.has(t.key)) return true;
    return this.lex.language === 'ar' && this.lex.unnamedHeads.has(arabicStem(t.key));
  }

  private headOf(i: number): string {
    return this.headKey(this.tokens[i]!.key);
  }

  /** Comparable form of a head noun: no article, no feminine ending (الخبيرة ~ خبير). */
  private headKey(key: string): string {
    return this.lex.language === 'ar' ? arabicStem(key).replace(/ه$/, '') : key;
  }

  /** Parse a speaker phrase [a, b) into name / role parts. */
  parse(a: number, b: number): ParsedNP {
    while (a < b && !this.tokens[a]!.word) a++;
    while (b > a && !this.tokens[b - 1]!.word) b--;
    // Keep only the main phrase; what follows a comma is an appositive role.
    // Time expressions in the speaker slot ("قال أمس", "صرح الأسبوع الماضي") are not the speaker.
    while (a < b && this.isTimeWord(a)) a++;
    let mainEnd = a;
    while (mainEnd < b && !isComma(this.tokens[mainEnd])) mainEnd++;
    mainEnd = this.withoutTrailingCircumstance(a, mainEnd);
    const apposStart = mainEnd < b ? mainEnd + 1 : b;
    const base: ParsedNP = { type: 'pronoun', name: null, role: null, surface: [a, mainEnd], head: null };
    if (mainEnd === a) return base;
    const first = this.tokens[a]!;
    if (mainEnd - a === 1 && (this.lex.pronouns.has(first.key) || /-(?:t-)?(?:il|elle|ils|elles)$/.test(first.key))) return base;
    // "وأوضح في مقال …", "وقالت فيها": a preposition right after the verb leaves the subject implicit.
    if (this.opensWithPreposition(a)) return { ...base, surface: [a, a] };
    return this.lex.language === 'ar' ? this.parseArabic(a, mainEnd, apposStart, b, base) : this.parseLatin(a, mainEnd, apposStart, b, base);
  }

  private parseArabic(a: number, e: number, ap: number, b: number, base: ParsedNP): ParsedNP {
    const appos: [number, number] | null = ap < b ? [ap, b] : null;
    if (this.isUnnamedAt(a)) {
      let hasName = false;
      // Two nisba adjectives ("مصدر عسكري روسي") describe the source; they are not a name.
      for (let i = a + 1; i + 1 < e; i++) if (this.nameLike(i) && this.nameLike(i + 1) && !(isNisba(this.tokens[i]!.key) && isNisba(this.tokens[i + 1]!.key))) hasName = true;
      if (!hasName) return { ...base, type: 'unnamed', head: this.headOf(a) };
    }
    // A description then a name in apposition: prefer the name over the title.
    if (appos && !this.isInstitutionAt(a) && !this.isPureArabicName(a, e)) {
      const name = this.appositiveName(ap, b);
      if (name) return { type: 'person', name, role: [a, e], surface: [a, e], head: this.isRoleAt(a) > 0 ? this.headOf(a) : null };
    }
    const roleEnd = this.isRoleAt(a);
    if (roleEnd > 0) {
      // The name closes the phrase: "النائب عن ائتلاف دولة القانون علي الزبيدي". Take
      // the last run of name-like words (plus a definite surname), not the first.
      let r = roleEnd;
      let n = roleEnd;
      const run = this.lastArabicNameRun(roleEnd, e);
      if (run) {
        [r, n] = run;
        // "الباحث في معهد واشنطن ديفيد شينكر": the word after an institution head names the institution.
        if (n - r >= 3 && this.isInstitutionAt(r - 1) && !isArabicDefinite(this.tokens[r - 1]!.key)) r++;
      }
      const definite = isArabicDefinite(this.tokens[a]!.key) || (roleEnd < e && isArabicDefinite(this.tokens[roleEnd]!.key));
      if (n > r && (definite || n - r >= 2)) {
        return { type: 'person', name: [r, n], role: [a, r], surface: [a, e], head: this.headOf(a) };
      }
      if (!isArabicDefinite(this.tokens[a]!.key) && !definite) return { ...base, type: 'unnamed', head: this.headOf(a) };
      return { type: 'role', name: null, role: [a, e], surface: [a, e], head: this.headOf(a) };
    }
    if (this.isInstitutionAt(a)) return { ...base, type: 'organization', head: this.headOf(a) };
    // "قال الصفدي": a definite surname already known as someone's last name.
    if (e - a === 1 && this.isKnownSurname(this.tokens[a]!.key)) return { type: 'person', name: [a, e], role: null, surface: [a, e], head: null };
    if (this.nameLike(a)) {
      let n = a;
      while (n < e && this.nameLike(n) && n - a < 4) n++;
      n = this.extendArabicSurname(n, e, true);
      let role: [number, number] | null = appos;
      if (!role && n < e && this.isRoleAt(n) > 0) role = [n, e];
      return { type: 'person', name: [a, n], role, surface: [a, e], head: role ? this.headOf(role[0]) : null };
    }
    return { ...base, type: 'organization', head: this.headOf(a) };
  }

  /**
   * End of a speaker phrase without what trails its subject: time words ("أمس"), adverbs
   * ("البيان أيضا") and a time adverbial after في ("أشرف غاني في وقت لاحق اليوم").
   */
  private withoutTrailingCircumstance(a: number, e: number): number {
    const trailing = (k: number, inAdverbial: boolean): boolean =>
      this.isTimeWord(k) || this.lex.skippableAdverbs.has(this.tokens[k]!.key) || (inAdverbial && TIME_ADVERBIAL_NOUNS.has(this.tokens[k]!.key));
    let k = e;
    while (k > a && trailing(k - 1, true)) k--;
    if (k > a + 1 && k < e && this.lex.language === 'ar' && this.tokens[k - 1]!.key === 'في') return k - 1;
    let plain = e;
    while (plain > a && trailing(plain - 1, false)) plain--;
    return plain;
  }

  /**
   * "وزير الخارجية المصري سامح الدمرداش في عمان": one definite word after a first name is its
   * surname when the clause goes on with a preposition, a cue or punctuation, which an object
   * ("الرئيس ترامب الصين بالتلاعب") does not.
   */
  private closingDefiniteSurname(r: number, n: number, to: number): number {
    const t = this.tokens[n];
    if (n - r !== 1 || n >= to || !t || !t.word || !isArabicDefinite(t.key) || this.isRoleAt(n) > 0 || this.isInstitutionAt(n) || this.isTimeWord(n)) return n;
    if (isNisba(arabicStem(t.key)) && countriesOf([t.key], 'ar').length > 0) return n;
    const next = this.tokens[n + 1];
    const closes = !next || !next.word || n + 1 >= to || this.lex.functionWords.has(next.key) || matchVerbForm(this.tokens, n + 1, this.lex.verbCues, this.lex.cuePrefixes) !== null;
    return closes ? n + 1 : n;
  }

  /** "Mr", "Mme", "M." before a name: a courtesy title (with its full stop), not part of the name. */
  private isHonorificAt(i: number): boolean {
    const t = this.tokens[i];
    if (!t) return false;
    if (t.text === '.') return i > 0 && HONORIFICS[this.lex.language].has(this.tokens[i - 1]!.key);
    return t.word && HONORIFICS[this.lex.language].has(t.key);
  }

  /** An Arabic phrase opening with a preposition, bare or with a pronoun suffix (في، فيها، عليه). */
  private opensWithPreposition(i: number): boolean {
    if (this.lex.language !== 'ar') return false;
    const key = this.tokens[i]!.key;
    if (this.isNameSpelledLikeFunctionWord(this.tokens[i]!)) return false;
    return ARABIC_PREPOSITIONS.has(key) || ARABIC_PREPOSITIONS.has(key.replace(/(?:هما|هم|ها|ه)$/, ''));
  }

  /** Tokens [a, e) are a personal name alone: name-like words, then at most two definite surnames. */
  private isPureArabicName(a: number, e: number): boolean {
    let n = a;
    while (n < e && this.nameLike(n)) n++;
    return n > a && this.extendArabicSurname(n, e, true) === e;
  }

  /**
   * "المدير الجهوي للصحة بجهة سوس ماسة، الدكتور عبد الإله بنعلي": the appositive after the
   * first comma is a personal name, after optional definite titles. Returns its token range.
   * Definite words belong to the name after a particle ("عبد الإله") or as closing surnames.
   */
  private appositiveName(ap: number, b: number): [number, number] | null {
    const toks = this.tokens;
    let end = ap;
    while (end < b && !isComma(toks[end])) end++;
    let s = ap;
    let titled = false;
    while (s < end && isArabicDefinite(toks[s]!.key) && this.isRoleAt(s) > 0) {
      s = this.isRoleAt(s);
      titled = true;
    }
    if (s >= end || !this.nameLike(s)) return null;
    let n = s + 1;
    while (n < end && n - s < 5) {
      if (this.nameLike(n)) {
        n++;
        continue;
      }
      const t = toks[n]!;
      const definiteNamePart = t.word && isArabicDefinite(t.key) && this.isRoleAt(n) < 0 && !this.isInstitutionAt(n) && !this.isTimeWord(n);
      if (definiteNamePart && (this.lex.nameParticles.has(toks[n - 1]!.key) || this.extendArabicSurname(n, end, true) === end)) {
        n++;
        continue;
      }
      break;
    }
    if (n !== end || (n - s < 2 && !titled)) return null;
    return [s, n];
  }

  private parseLatin(a: number, e: number, ap: number, b: number, base: ParsedNP): ParsedNP {
    const appos: [number, number] | null = ap < b ? [ap, b] : null;
    const toks = this.tokens;
    // Leading determiners and quantities: "three US officials", "a source".
    let s = a;
    while (s < e && (DETERMINERS.has(toks[s]!.key) || NUMBER_WORDS.has(toks[s]!.key) || /^\d+$/.test(toks[s]!.key) || this.isHonorificAt(s))) s++;
    for (let i = s; i < e; i++) {
      if (!this.isUnnamedAt(i)) continue;
      // Capitalised words before the head are adjectives ("US officials"), not names.
      const startsWithName = this.nameLike(s) && this.nameLike(s + 1) && s + 1 < i;
      if (startsWithName) continue;
      // "un des responsables de l'organisation, Paul Legendre": the appositive names the source.
      const named = appos ? this.personRun(appos[0], appos[1]) : null;
      if (named && named[0] === appos![0]) return { type: 'person', name: named, role: [a, e], surface: [a, e], head: toks[i]!.key };
      return { ...base, type: 'unnamed', head: toks[i]!.key };
    }
    // Role nouns decide: the name is the capitalised run after the last one
    // ("Kremlin spokesman Dmitry Peskov", "Republican Sen. Rand Paul"), or the
    // appositive ("La porte-parole du gouvernement, Prisca Thevenot").
    let lastRole = -1;
    for (let i = s; i < e; i++) if (this.isRoleAt(i) > 0) lastRole = i;
    if (lastRole >= 0) {
      const r = this.skipRoleComplements(lastRole, e);
      const run = this.personRun(r, e);
      if (run) return { type: 'person', name: run, role: [a, run[0]], surface: [a, e], head: this.lastRoleHead(s, r) };
      if (appos) {
        const apRun = this.personRun(appos[0], appos[1]);
        if (apRun && apRun[0] <= appos[0] + 1) return { type: 'person', name: apRun, role: [a, e], surface: [a, e], head: this.lastRoleHead(s, e) };
      }
      if (r >= e) return { type: 'role', name: null, role: [a, e], surface: [a, e], head: this.lastRoleHead(s, e) };
    }
    // Organisation: a capitalised run containing an institution word, or an acronym.
    let capRun = 0;
    for (let i = s; i < e; i++) if (toks[i]!.word && isCapitalized(toks[i]!) && !DETERMINERS.has(toks[i]!.key)) capRun++;
    // "le ministère de la Santé", "the Ministry of Health": an institution head first.
    // Proper names drop the article ("the Kremlin" → Kremlin); common nouns keep it ("the ministry").
    if (s < e && this.isInstitutionAt(s)) return { ...base, type: 'organization', surface: [isCapitalized(toks[s]!) ? s : a, e], head: toks[s]!.key };
    for (let i = s; i < e; i++) {
      if (this.isInstitutionAt(i)) {
        let capitalisedInstitution = false;
        for (let k = s; k < e; k++) if (isCapitalized(toks[k]!) && this.isInstitutionAt(k)) capitalisedInstitution = true;
        const hasPersonName = this.personRun(s, e) !== null && !capitalisedInstitution;
        if (!hasPersonName) return { ...base, type: 'organization', surface: [s < e && DETERMINERS.has(toks[a]!.key) && capRun > 0 ? s : a, e], head: toks[i]!.key };
      }
    }
    if (e - s === 1 && /^[A-Z]{2,6}$/.test(toks[s]!.text)) return { ...base, type: 'organization', surface: [s, e], head: null };
    // Role words then a capitalised name: "Foreign Minister Sergei Lavrov".
    let r = s;
    while (r < e) {
      const re = this.isRoleAt(r);
      if (re > 0) r = re;
      else if (!this.nameLike(r) && r < e) r++;
      else break;
    }
    const run = this.personRun(r, e);
    if (run) {
      const role: [number, number] | null = r > s ? [s, run[0]] : appos;
      return { type: 'person', name: run, role, surface: [a, e], head: role ? this.lastRoleHead(role[0], role[1]) : null };
    }
    // "The energy minister, Walid Fayad, said": the name is in the appositive.
    if (appos) {
      const apRun = this.personRun(appos[0], appos[1]);
      if (apRun && apRun[0] === appos[0] + (DETERMINERS.has(toks[appos[0]]!.key) ? 1 : 0)) {
        return { type: 'person', name: apRun, role: [a, e], surface: [a, e], head: this.lastRoleHead(a, e) };
      }
    }
    for (let i = s; i < e; i++) {
      if (this.isRoleAt(i) > 0) return { type: 'role', name: null, role: [a, e], surface: [a, e], head: this.lastRoleHead(s, e) };
    }
    return { ...base, type: capRun > 0 ? 'organization' : 'unnamed', head: null };
  }

  /**
   * Past a role and its complements: "ministre de l'Intérieur", "Minister of
   * Finance", "energy minister" → index of the first token after them.
   */
  private skipRoleComplements(s: number, e: number): number {
    const toks = this.tokens;
    let r = s;
    for (;;) {
      const re = this.isRoleAt(r);
      if (re > 0) {
        r = re;
        continue;
      }
      const t = toks[r];
      if (r < e && t && t.word && ['of', 'for', 'de', 'du', 'des', "d'", 'at', 'in'].includes(t.key) && r > s) {
        r++;
        while (r < e && (DETERMINERS.has(toks[r]!.key) || toks[r]!.key === "l'")) r++;
        // The department is capitalised too ("of Foreign Affairs Sergei Lavrov",
        // "de l'Agriculture Marc Fesneau"): keep the last two capitalised words as the name.
        let caps = 0;
        for (let k = r; k < e && toks[k]!.word && (isCapitalized(toks[k]!) || this.lex.nameParticles.has(toks[k]!.key)); k++) if (isCapitalized(toks[k]!)) caps++;
        if (caps === 0 && r < e && toks[r]!.word) r++;
        else {
          if (caps <= 2) r++;
          else while (caps > 2) {
            if (isCapitalized(toks[r]!)) caps--;
            r++;
          }
        }
        continue;
      }
      break;
    }
    return r;
  }

  private lastRoleHead(a: number, b: number): string | null {
    let head: string | null = null;
    for (let i = a; i < b; i++) if (this.isRoleAt(i) > 0) head = this.tokens[i]!.key;
    return head;
  }

  private personRun(a: number, e: number): [number, number] | null {
    let s = a;
    while (s < e && !(this.nameLike(s) && isCapitalized(this.tokens[s]!))) s++;
    if (s >= e) return null;
    let n = s;
    while (n < e && this.nameLike(n)) n++;
    // Trailing particles are not names.
    while (n > s && !isCapitalized(this.tokens[n - 1]!)) n--;
    return n > s ? [s, n] : null;
  }

  private addAlias(entry: SpeakerEntry, surface: string): void {
    const key = surface.trim();
    if (!key || key === entry.name) return;
    const folded = this.fold(key);
    if (folded === this.fold(entry.name)) return;
    if (!entry.aliases.has(folded)) entry.aliases.set(folded, key);
  }

  private fold(s: string): string {
    return s.toLowerCase().replace(/[\u064b-\u065f\u0640]/g, '').replace(/[أإآ]/g, 'ا').replace(/ى/g, 'ي').replace(/ة/g, 'ه').replace(/\s+/g, ' ');
  }

  private create(kind: SpeakerKind, name: string, nameWords: string[], at: number): SpeakerEntry {
    const entry: SpeakerEntry = {
      id: this.entries.length,
      name,
      nameWords,
      kind,
      unnamed: kind === 'unnamed',
      role: null,
      roleWords: [],
      aliases: new Map(),
      introducedAt: at,
      lastSpokeAt: -1,
      lastSubjectAt: -1,
      gender: kind === 'person' ? null : this.groupGender(nameWords),
      countries: [],
    };
    this.entries.push(entry);
    if (kind === 'person') this.indexNameWords(entry);
    return entry;
  }

  private setRole(entry: SpeakerEntry, a: number, b: number): void {
    if (b <= a) return;
    const words = this.keyOf(a, b).map((k) => (this.lex.language === 'ar' ? arabicStem(k).replace(/ه$/, '') : k));
    for (const w of words) if (!entry.roleWords.includes(w)) entry.roleWords.push(w);
    // Keep the fullest description: "Sudan's army chief" over "chief".
    const surface = this.surface(a, b);
    if (!entry.role || (surface.length > entry.role.length && surface.includes(entry.role))) entry.role = surface;
    for (const c of countriesOf(this.keyOf(a, b), this.lex.language)) if (!entry.countries.includes(c)) entry.countries.push(c);
    entry.gender ??= this.roleGender(a, b);
  }

  /** Gender an organisation or unnamed source takes in agreement: Arabic nouns mark it, Latin ones rarely. */
  private groupGender(nameWords: readonly string[]): Gender | null {
    const head = nameWords.find((w) => !DETERMINERS.has(w));
    if (!head) return null;
    if (this.lex.language === 'ar') return arabicNounGender(head);
    return latinWordGender(head, this.lex.language) ?? (/s$/.test(nameWords[nameWords.length - 1]!) && this.lex.unnamedHeads.has(nameWords[nameWords.length - 1]!) ? 'p' : null);
  }

  /** Gender marked by a role phrase: "المتحدثة" is a woman, "spokesman" a man, "la ministre" a woman. */
  private roleGender(a: number, b: number): Gender | null {
    if (this.lex.language !== 'ar') return latinPhraseGender(this.tokens, a, b, this.lex.language);
    const roleEnd = this.isRoleAt(a);
    if (roleEnd < 0) return null;
    const g = arabicNounGender(this.tokens[a]!.key);
    return g === 'p' ? null : g;
  }

  /** Find or create the person named by tokens [a, b). */
  person(a: number, b: number, at: number): SpeakerEntry {
    const words = this.keyOf(a, b);
    const surface = this.surface(a, b);
    let best: SpeakerEntry | null = null;
    for (const e of this.entries) {
      if (e.kind !== 'person' || e.nameWords.length === 0) continue;
      const contained = words.every((w) => e.nameWords.includes(w));
      const contains = e.nameWords.every((w) => words.includes(w));
      // A lone surname must be the entry's last word; first names alone are too ambiguous.
      const surnameOk = words.length > 1 || e.nameWords[e.nameWords.length - 1] === words[0];
      if ((contained && surnameOk) || contains) {
        if (!best || e.lastSpokeAt > best.lastSpokeAt) best = e;
      }
    }
    if (best) {
      if (words.length > best.nameWords.length && best.nameWords.every((w) => words.includes(w))) {
        this.addAlias(best, best.name);
        best.name = surface;
        best.nameWords = words;
        this.indexNameWords(best);
      } else {
        this.addAlias(best, surface);
      }
      return best;
    }
    return this.create('person', surface, words, at);
  }

  /** Register a person introduced with a role ("X، خبير ...", "Minister X"), without making them speak. */
  introduce(nameA: number, nameB: number, roleA: number, roleB: number, at: number, roleIsAlias = true): SpeakerEntry {
    const entry = this.person(nameA, nameB, at);
    this.setRole(entry, roleA, roleB);
    // An appositive role ("X، خبير المرصد") is a way of naming the person; a bare title is not.
    if (roleIsAlias && roleB > roleA) this.addAlias(entry, this.surface(roleA, roleB));
    return entry;
  }

  /** The outlet that a phrase [a, b) names, if it names one ("l'AFP", "وكالة رويترز"). */
  outletNamed(a: number, b: number): OutletMention | null {
    const m = findOutletMentions(this.tokens, a, b, this.lex, this.norm)[0];
    return m && m.tokStart <= a + 1 && m.tokEnd >= b - 1 ? m : null;
  }

  /** Resolve a speaker phrase to an entry (null when nothing plausible). */
  resolve(a: number, b: number, at: number): SpeakerEntry | null {
    if (this.lex.language !== 'ar') return this.resolvePhrase(a, b, at);
    let f = a;
    while (f < b && !this.tokens[f]!.word) f++;
    const lead = f < b ? this.gluedPreposition(f) : null;
    if (!lead) return this.resolvePhrase(a, b, at);
    // "وفقا لمنظمة الصحة العالمية": read the phrase without the preposition. The token is
    // swapped for the duration of this call only (resolution is synchronous).
    const toks = this.tokens as Token[];
    const saved = toks[f]!;
    toks[f] = { ...saved, key: lead.key, text: saved.text.slice(lead.strip), start: saved.start + lead.strip };
    try {
      return this.resolvePhrase(a, b, at);
    } finally {
      toks[f] = saved;
    }
  }

  /** A preposition glued to a known head opening a phrase ("لمنظمة", "للتقرير"); null for names and known words. */
  private gluedPreposition(i: number): { strip: number; key: string } | null {
    const key = this.tokens[i]!.key;
    if (this.isKnownHead(key)) return null;
    return stripAttachedPreposition(key, (bare) => this.isKnownHead(bare));
  }

  private isKnownHead(key: string): boolean {
    const lex = this.lex;
    const stem = arabicStem(key);
    return lex.institutionHeads.has(key) || lex.roleNouns.has(key) || lex.unnamedHeads.has(key) || lex.unnamedHeads.has(stem) || lex.documentNouns.has(stem);
  }

  /**
   * "بيانات المعهد الوطني للإحصاء", "معطيات الوزارة": a document speaks for the issuer named
   * after it. A bare definite document ("البيان", "التقرير") is the organisation quoted last.
   * Undefined when the phrase is not headed by a document or nothing better is found.
   */
  private documentIssuer(a: number, b: number, at: number): SpeakerEntry | undefined {
    const toks = this.tokens;
    let f = a;
    while (f < b && !toks[f]!.word) f++;
    if (f >= b || !this.lex.documentNouns.has(arabicStem(toks[f]!.key))) return undefined;
    let mainEnd = f + 1;
    while (mainEnd < b && !isComma(toks[mainEnd])) mainEnd++;
    if (mainEnd > f + 1) {
      const np = this.parse(f + 1, b);
      const issuer = (np.type === 'organization' && this.isInstitutionAt(np.surface[0])) || np.type === 'person' || np.type === 'role' || this.outletNamed(f + 1, mainEnd) !== null;
      return issuer ? this.resolvePhrase(f + 1, b, at) ?? undefined : undefined;
    }
    const last = this.lastEntry;
    if (isArabicDefinite(toks[f]!.key) && last && last.kind === 'organization') {
      this.addAlias(last, this.surface(f, mainEnd));
      return last;
    }
    return undefined;
  }

  private resolvePhrase(a: number, b: number, at: number): SpeakerEntry | null {
    if (this.lex.language === 'ar') {
      const issuer = this.documentIssuer(a, b, at);
      if (issuer) return issuer;
    }
    const np = this.parse(a, b);
    if (np.type !== 'pronoun') {
      // An outlet quoted as the source ("according to Reuters", "selon l'agence Reuters").
      const [sa, sb] = np.surface;
      const m = findOutletMentions(this.tokens, sa, sb, this.lex, this.norm)[0];
      if (m && m.tokStart <= sa + 1 && m.tokEnd >= sb - 1) return this.organization(m.name, at);
    }
    const surf = this.surface(np.surface[0], np.surface[1]);
    switch (np.type) {
      case 'pronoun': {
        // "he"/"she"/"il"/"elle" refer to people; an organisation quoted in between does not interrupt.
        // The most salient entity that agrees wins: "وقالت" skips the minister who spoke last.
        const word = this.tokens[np.surface[0]];
        const mention = this.agreementOf(np, at);
        const personal = word && np.surface[1] > np.surface[0] && PERSON_PRONOUNS.has(word.key.replace(/^.*-/, ''));
        // Without a person to point to, "he said" has no resolvable speaker.
        if (personal) {
          const found = mostSalient(this.entries.filter((e) => e.kind === 'person'), mention, at, this.lex.language !== 'ar') ?? this.lastPerson;
          // Once "she said" has pointed to someone, a later "he said" does not.
          if (found && mention.gender !== 'p') found.gender ??= mention.gender;
          return found;
        }
        if (!mention.gender) return this.lastEntry;
        return mostSalient(this.entries, mention, at) ?? this.lastEntry;
      }
      case 'unnamed': {
        const named = this.trailingAppositiveName(b);
        if (named) return this.introduce(named[0], named[1], np.surface[0], np.surface[1], at);
        const words = this.keyOf(np.surface[0], np.surface[1]);
        const key = words.join(' ');
        const found = this.entries.find((e) => e.kind === 'unnamed' && e.nameWords.join(' ') === key);
        return found ?? this.create('unnamed', surf, words, at);
      }
      case 'organization': {
        const words = this.keyOf(np.surface[0], np.surface[1]).filter((w) => !DETERMINERS.has(w));
        const key = words.join(' ');
        const exact = this.entries.find((e) => e.kind === 'organization' && e.nameWords.join(' ') === key);
        if (exact) return exact;
        // "the ministry" after "the Ministry of Health": same organisation by head word.
        if (np.head && words.length <= 2) {
          const head = np.head;
          const byHead = [...this.entries].reverse().find((e) => e.kind === 'organization' && e.nameWords.length > words.length && e.nameWords.some((w) => this.headKey(w) === head));
          if (byHead) {
            this.addAlias(byHead, surf);
            return byHead;
          }
        }
        return this.create('organization', surf, words, at);
      }
      case 'person': {
        const [na, nb] = np.name!;
        const entry = this.person(na, nb, at);
        if (np.role) {
          this.setRole(entry, np.role[0], np.role[1]);
        }
        // "قالت نيكي هيلي": a verb agreeing with a named subject tells that person's gender.
        const cueGender = this.cueGenderAt(at);
        if (cueGender !== 'p') entry.gender ??= cueGender ?? (this.lex.language === 'ar' ? null : latinPhraseGender(this.tokens, np.surface[0], na, this.lex.language));
        if (surf !== entry.name) this.addAlias(entry, this.surface(na, nb));
        return entry;
      }
      case 'role': {
        const found = this.byRole(np, at, this.agreementOf(np, at));
        if (found) {
          this.addAlias(found, surf);
          return found;
        }
        const entry = this.create('person', surf, this.keyOf(np.surface[0], np.surface[1]), at);
        this.setRole(entry, np.surface[0], np.surface[1]);
        return entry;
      }
    }
  }

  /**
   * ", a déclaré un des responsables de l'association, Marc Delorme.": an inverted subject
   * closed by a comma and a personal name that ends the clause. Token range of the name.
   */
  private trailingAppositiveName(b: number): [number, number] | null {
    if (this.lex.language === 'ar' || !isComma(this.tokens[b])) return null;
    const run = this.personRun(b + 1, Math.min(this.tokens.length, b + 6));
    if (!run || run[0] !== b + 1 || run[1] - run[0] < 2) return null;
    const after = this.tokens[run[1]];
    return !after || isTerminalToken(after) || isComma(after) ? run : null;
  }

  /** The most salient person whose role matches a bare role phrase. */
  private byRole(np: ParsedNP, at: number, mention: Agreement): SpeakerEntry | null {
    if (!np.head) return null;
    const head = np.head;
    const mods = np.role ? this.keyOf(np.role[0], np.role[1]).filter((k) => !this.lex.functionWords.has(k)).map((k) => this.headKey(k)).filter((k) => k !== head) : [];
    const holders = this.entries.filter((e) => e.kind === 'person' && e.nameWords.length > 0 && e.roleWords.includes(head));
    return bestRoleHolder(holders, mention, head, mods, at);
  }

  /** What a mention and its cue say about whom it can point to: gender, number, nationality. */
  private agreementOf(np: ParsedNP, at: number): Agreement {
    const [a, b] = np.surface;
    const [ra, rb] = np.role ?? np.surface;
    let gender: Gender | null = null;
    if (np.type === 'pronoun' && b > a) gender = this.lex.language === 'ar' ? arabicPronounGender(this.tokens[a]!.key) : latinWordGender(this.tokens[a]!.key, this.lex.language);
    else if (np.type === 'role') gender = this.roleGender(ra, rb);
    gender ??= this.cueGenderAt(at);
    return { gender, countries: np.type === 'pronoun' ? [] : countriesOf(this.keyOf(ra, rb), this.lex.language) };
  }

  /** Gender marked on the Arabic cue verb starting at offset `at` (قالت، تابعت، قالوا). */
  private cueGenderAt(at: number): Gender | null {
    if (this.lex.language !== 'ar') return null;
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tokens[mid]!.start < at) lo = mid + 1;
      else hi = mid;
    }
    const t = this.tokens[lo];
    return t && t.start === at && t.word ? arabicCueGender(t.key, this.lex) : null;
  }

  /**
   * A sentence whose first words name a known person ("ورفض بوتين تأكيد …", "Antonis Samaras,
   * …, a apporté son soutien") makes that person the centre of attention: the next implicit
   * subject ("وقال", "a-t-il dit") is more likely them than whoever spoke before.
   */
  noteSentenceSubject(a: number, b: number): void {
    let words = 0;
    for (let i = a; i < b && words < 7; i++) {
      const t = this.tokens[i]!;
      if (!t.word) {
        if (isComma(t) || isTerminalToken(t)) return;
        continue;
      }
      const person = this.knownPersonAt(i);
      if (person) {
        if (person.lastSpokeAt < t.start) person.lastSubjectAt = t.start;
        return;
      }
      // Before the name: one verb or opener, then only titles ("ورفض الرئيس الروسي", "Foreign Minister").
      if (words > 0 && !this.mayPrecedeSubjectName(i)) return;
      words++;
    }
  }

  private mayPrecedeSubjectName(i: number): boolean {
    const t = this.tokens[i]!;
    if (SENTENCE_OPENERS.has(t.key) || this.isRoleAt(i) > 0) return true;
    if (this.lex.language === 'ar') return isArabicDefinite(t.key) && !this.isTimeWord(i);
    return isCapitalized(t) && !this.lex.functionWords.has(t.key);
  }

  /** People by the words of their names, so that looking a word up does not scan everyone. */
  private indexNameWords(entry: SpeakerEntry): void {
    for (const w of entry.nameWords) {
      const list = this.personsByNameWord.get(w) ?? [];
      if (!list.includes(entry)) list.push(entry);
      this.personsByNameWord.set(w, list);
    }
  }

  /** A person already registered whose surname, or first and second name, start at token i. */
  private knownPersonAt(i: number): SpeakerEntry | null {
    const key = this.tokens[i]!.key;
    const next = this.tokens[i + 1]?.key;
    let found: SpeakerEntry | null = null;
    for (const e of this.personsByNameWord.get(key) ?? []) {
      if (e.nameWords.length < 2) continue;
      const surname = e.nameWords[e.nameWords.length - 1] === key;
      const fullStart = e.nameWords[0] === key && e.nameWords[1] === next;
      if ((surname || fullStart) && (!found || e.lastSpokeAt > found.lastSpokeAt)) found = e;
    }
    return found;
  }

  markSpoke(entry: SpeakerEntry, at: number): void {
    entry.lastSpokeAt = at;
    this.lastEntry = entry;
    if (entry.kind === 'person') this.lastPerson = entry;
  }

  /** Organisation speaker named directly (headline quotes, outlets speaking as sources). */
  organization(name: string, at: number): SpeakerEntry {
    const words = name.toLowerCase().split(/\s+/);
    const found = this.entries.find((e) => e.kind === 'organization' && e.nameWords.join(' ') === words.join(' '));
    return found ?? this.create('organization', name, words, at);
  }

  /**
   * Pre-pass over a sentence: people introduced with a role, by apposition
   * ("إيغور ديلانويه، خبير ...", "John Smith, an analyst at ...") or by title
   * ("الرئيس الروسي فلاديمير بوتين", "Foreign Minister Sergei Lavrov").
   */
  scanIntroductions(from: number, to: number): SpeakerEntry[] {
    const toks = this.tokens;
    const found: SpeakerEntry[] = [];
    for (let c = from + 1; c < to - 1; c++) {
      if (!isComma(toks[c])) continue;
      let s = c;
      while (s > from && this.nameLike(s - 1) && c - s < 4) s--;
      if (s === c) continue;
      let r = c + 1;
      while (r < to && toks[r]!.word && (DETERMINERS.has(toks[r]!.key) || NUMBER_WORDS.has(toks[r]!.key))) r++;
      let roleAt = -1;
      for (let k = r; k < Math.min(to, r + 4); k++) {
        if (!toks[k]!.word) break;
        if (this.isRoleAt(k) > 0) {
          roleAt = k;
          break;
        }
        if (this.lex.language === 'ar') break;
      }
      if (roleAt < 0) continue;
      if (this.lex.language !== 'ar' && !isCapitalized(toks[s]!)) continue;
      let re = c + 1;
      while (re < to && !isComma(toks[re]) && !isTerminalToken(toks[re]) && toks[re]!.text !== '(' && re - c < 9) re++;
      found.push(this.introduce(s, c, c + 1, re, toks[s]!.start));
    }
    for (let i = from; i < to; i++) {
      const roleEnd = this.isRoleAt(i);
      if (roleEnd < 0) continue;
      if (this.lex.language === 'ar') {
        let r = roleEnd;
        while (r < to && r - roleEnd < 4 && toks[r]!.word && isArabicDefinite(toks[r]!.key)) r++;
        let n = r;
        while (n < to && this.nameLike(n) && n - r < 4) n++;
        n = this.closingDefiniteSurname(r, n, to);
        if (n - r >= 2 || (n - r === 1 && (n >= to || !toks[n]!.word))) {
          found.push(this.introduce(r, n, i, r, toks[i]!.start, false));
          i = n - 1;
        }
      } else {
        let r = roleEnd;
        while (r < to && this.isRoleAt(r) > 0) r = this.isRoleAt(r);
        const run = this.personRun(r, Math.min(to, r + 4));
        if (run && run[0] === r && isCapitalized(toks[i]!) ? true : run && run[0] === r && run[1] - run[0] >= 2) {
          found.push(this.introduce(run![0], run![1], i, r, toks[i]!.start, false));
          i = run![1] - 1;
        }
      }
    }
    return found;
  }

  list(used: ReadonlySet<number>): ExtractedSpeaker[] {
    return this.entries
      .filter((e) => used.has(e.id))
      .map((e) => ({
        name: e.name,
        aliases: [...e.aliases.values()].filter((a) => a !== e.name),
        unnamed: e.unnamed,
        kind: e.kind,
        role: e.role,
      }));
  }

  entry(id: number): SpeakerEntry | undefined {
    return this.entries[id];
  }
}
