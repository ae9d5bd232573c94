import type { Normalized } from './normalize.ts';
import { foldKey, toOriginal } from './normalize.ts';
import type { Phrase, Prepared } from './prepared.ts';
import { phraseOf } from './prepared.ts';
import type { Token } from './tokens.ts';
import { matchAny, stripConjunction } from './tokens.ts';
import { isComma, isTerminalToken, matchVerbForm } from './cues.ts';
import { isInitialDot } from './cues-common.ts';
import { arabicStem, isArabicDefinite, stripAttachedPreposition } from './arabic.ts';
import { knownOutletAt } from './outlets.ts';
import type { Gender } from './coreference.ts';
import { arabicNounGender, countriesOf, latinPhraseGender } from './coreference.ts';
import { timeAdverbialNouns, titleSynonyms } from './lexicon/coreference.ts';

// Reading one speaker phrase: where its name, its role and its head are
// ("الخبير الفرنسي إيغور ديلانويه", "Kremlin spokesman Dmitry Peskov", "un des
// responsables de l'association, Marc Delorme"), and what trails it (time words,
// adverbials) or opens it (a preposition: no subject at all). Resolving the
// phrase to someone is the registry's job (speakers.ts).

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

// Prepositions (folded) that cannot open a subject: after a cue verb they start an adverbial.
const ARABIC_PREPOSITIONS = new Set(['في', 'علي', 'عن', 'من', 'الي', 'خلال', 'عبر', 'حول', 'امام', 'لدي', 'عند', 'منذ', 'بعد', 'قبل', 'مع', 'ل', 'ب']);
const TIME_ADVERBIAL_NOUNS = new Set(timeAdverbialNouns.map(foldKey));
// Bare nouns a role's construct may chain before its definite end ("رئيس هيئة أركان الجيش").
const MAX_CONSTRUCT_NOUNS = 2;
// Sentence openers that may precede a subject ("لكن بوزداغ أشاد", "But Smith …").
const SENTENCE_OPENERS = new Set(['لكن', 'ثم', 'بينما', 'but', 'and', 'however', 'meanwhile', 'mais', 'et', 'puis']);
// Possessives included: "Her lawyers", "ses proches" are a group described, not a name.
export const DETERMINERS = new Set(['the', 'a', 'an', 'le', 'la', 'les', "l'", 'un', 'une', 'des', 'du', 'de', 'his', 'her', 'their', 'its', 'son', 'sa', 'ses', 'leur', 'leurs']);
export const NUMBER_WORDS = new Set([
  'two', 'three', 'four', 'five', 'six', 'several', 'some', 'many', 'multiple', 'senior', 'deux', 'trois', 'quatre',
  'plusieurs', 'certains', 'de', 'hauts', 'haut', 'un', 'une',
]);

// "al-Burhan", "bin-Salman", "van-Dijk": a lower-case particle hyphenated to a capitalised name.
const PARTICLE_NAME = /^(?:al|el|ad|an|ar|as|at|az|ash|bin|ibn|abu|abd|da|de|di|van|von)-\p{Lu}/u;

export function isCapitalized(t: Token): boolean {
  return /^\p{Lu}/u.test(t.text) || PARTICLE_NAME.test(t.text);
}

/** Relational adjective ending in -ي ("عسكري", "روسي", "أمني"); names can end so too, hence used in pairs only. */
export function isNisba(key: string): boolean {
  return key.length >= 4 && key.endsWith('ي');
}

const preparedSynonyms = new Map<Prepared, { phrases: Phrase[]; canonical: Map<string, string> }>();

/** Title synonyms as token phrases, and each title's comparable words → its canonical title. */
function titleSynonymsOf(lex: Prepared): { phrases: Phrase[]; canonical: Map<string, string> } {
  const cached = preparedSynonyms.get(lex);
  if (cached) return cached;
  const comparable = (words: readonly string[]): string => words.map((k) => (lex.language === 'ar' ? arabicStem(k).replace(/ه$/, '') : k)).join(' ');
  const phrases: Phrase[] = [];
  const canonical = new Map<string, string>();
  for (const group of titleSynonyms[lex.language]) {
    const first = comparable(phraseOf(group[0]!));
    for (const title of group) {
      phrases.push(phraseOf(title));
      canonical.set(comparable(phraseOf(title)), first);
    }
  }
  const prepared = { phrases, canonical };
  preparedSynonyms.set(lex, prepared);
  return prepared;
}

export class SpeakerPhrases {
  constructor(
    private readonly norm: Normalized,
    private readonly tokens: readonly Token[],
    private readonly lex: Prepared,
    /** Is this word the surname of someone already registered ("قال الصفدي")? */
    private readonly knownSurname: (key: string) => boolean,
  ) {}

  surface(a: number, b: number): string {
    const s = this.tokens[a];
    const e = this.tokens[b - 1];
    if (!s || !e || b <= a) return '';
    // "وكالة الأنباء الرسمية (سانا)": a bracket opened inside the phrase closes with it.
    const close = this.tokens[b];
    const end = close?.text === ')' && this.norm.text.slice(s.start, e.end).includes('(') ? close : e;
    const [os, oe] = toOriginal(this.norm, s.start, end.end);
    return this.norm.original.slice(os, oe);
  }

  keyOf(a: number, b: number): string[] {
    const out: string[] = [];
    for (let i = a; i < b; i++) if (this.tokens[i]!.word) out.push(this.tokens[i]!.key);
    return out;
  }

  /** Is the token a plausible part of a personal name? */
  nameLike(i: number): boolean {
    const t = this.tokens[i];
    if (!t || !t.word || /\d/.test(t.key) || t.key.length < 2) return false;
    const lex = this.lex;
    if (lex.language !== 'ar' && DETERMINERS.has(t.key) && isCapitalized(t)) return this.isCapitalisedParticleInName(i);
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
    // "Le Maire" is a surname even though "maire" is a role noun.
    if (i > 0 && this.tokens[i - 1]!.word && DETERMINERS.has(this.tokens[i - 1]!.key) && this.isCapitalisedParticleInName(i - 1)) return true;
    if (lex.roleNouns.has(t.key) || lex.institutionHeads.has(t.key)) return false;
    if (/'s?$/.test(t.key)) return false; // possessive: "Lebanon's energy minister"
    if (knownOutletAt(this.tokens, i, false)?.end === i + 1) return false; // "à l'AFP Marie Dupont"
    return true;
  }

  /**
   * The titles a role phrase holds, each as its comparable words: "نائب رئيس الوزراء التركي"
   * holds "نائب" and "رئيس وزراء", not "رئيس"; "Foreign Minister" holds "minister".
   */
  titlesOf(a: number, b: number): string[] {
    const out: string[] = [];
    const synonyms = titleSynonymsOf(this.lex);
    for (let i = a; i < b; ) {
      const synonym = matchAny(this.tokens, i, synonyms.phrases);
      const end = synonym ? synonym.end : this.isRoleAt(i);
      if (end < 0) {
        i++;
        continue;
      }
      const title = this.keyOf(i, end).map((k) => this.headKey(k)).join(' ');
      out.push(synonyms.canonical.get(title) ?? title);
      i = end;
    }
    return out;
  }

  /** "Bruno Le Maire", "Marine Le Pen": a capitalised particle between two capitalised words of a name. */
  private isCapitalisedParticleInName(i: number): boolean {
    const t = this.tokens[i]!;
    const before = this.tokens[i - 1];
    const after = this.tokens[i + 1];
    if (!isCapitalized(t) || !this.lex.nameParticles.has(t.key) || !before?.word || !after?.word) return false;
    if (DETERMINERS.has(before.key) || this.lex.roleNouns.has(before.key) || this.lex.functionWords.has(before.key) || i - 1 === 0) return false;
    return isCapitalized(before) && isCapitalized(after);
  }

  /**
   * Arabic surnames often carry the article (أيمن الصفدي، بشار الأسد). Inside
   * a speaker phrase, definite words closing the phrase right after a first
   * name belong to the name.
   */
  extendArabicSurname(n: number, e: number, afterName: boolean): number {
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
  lastArabicNameRun(from: number, e: number): [number, number] | null {
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

  isTimeWord(i: number): boolean {
    const t = this.tokens[i];
    return !!t && t.word && (this.lex.timeWords.has(t.key) || (this.lex.language === 'ar' && this.lex.timeWords.has(t.key.replace(/^[وف]/, ''))));
  }

  /**
   * Folding ى → ي merges the name علي with the preposition على; the original
   * spelling (final ي) still tells them apart.
   */
  isNameSpelledLikeFunctionWord(t: Token): boolean {
    if (t.key !== 'علي') return false;
    const last = this.norm.original.charCodeAt(this.norm.starts[t.end - 1]!);
    return last === 0x064a;
  }

  isRoleAt(i: number): number {
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

  isUnnamedAt(i: number): boolean {
    const t = this.tokens[i];
    if (!t || !t.word) return false;
    if (this.lex.unnamedHeads.has(t.key)) return true;
    return this.lex.language === 'ar' && this.lex.unnamedHeads.has(arabicStem(t.key));
  }

  headOf(i: number): string {
    return this.headKey(this.tokens[i]!.key);
  }

  /** Comparable form of a head noun: no article, no feminine ending (الخبيرة ~ خبير). */
  headKey(key: string): string {
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

  parseArabic(a: number, e: number, ap: number, b: number, base: ParsedNP): ParsedNP {
    const appos: [number, number] | null = ap < b ? [ap, b] : null;
    if (this.isUnnamedAt(a)) {
      // "ويتهم محتجون ومصريون عاديون مبارك بأنه": a person the article has named, after an unnamed
      // group, is the verb's object ("مصدر قريب من مبارك" is not).
      let hasName = false;
      const group = arabicNounGender(this.tokens[a]!.key) === 'p';
      for (let k = a + 1; group && k < e; k++) if (this.knownSurname(this.tokens[k]!.key) && !this.lex.functionWords.has(this.tokens[k - 1]!.key)) return { ...base, type: 'unnamed', surface: [a, k], head: this.headOf(a) };
      // Two nisba adjectives ("مصدر عسكري روسي") describe the source; they are not a name.
      for (let i = a + 1; i + 1 < e; i++) if (this.nameLike(i) && this.nameLike(i + 1) && !(isNisba(this.tokens[i]!.key) && isNisba(this.tokens[i + 1]!.key))) hasName = true;
      if (!hasName) return { ...base, type: 'unnamed', surface: [a, e], head: this.headOf(a) };
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
      // A construct is definite by its last noun: "رئيس الوزراء", "وزير الخارجية".
      const definite = isArabicDefinite(this.tokens[a]!.key) || isArabicDefinite(this.tokens[roleEnd - 1]!.key) || (roleEnd < e && isArabicDefinite(this.tokens[roleEnd]!.key));
      if (n > r && (definite || n - r >= 2)) {
        return { type: 'person', name: [r, n], role: [a, r], surface: [a, e], head: this.headOf(a) };
      }
      if (!isArabicDefinite(this.tokens[a]!.key) && !definite && !this.definiteConstructAt(roleEnd, e)) return { ...base, type: 'unnamed', head: this.headOf(a) };
      return { type: 'role', name: null, role: [a, e], surface: [a, e], head: this.headOf(a) };
    }
    if (this.isInstitutionAt(a)) return { ...base, type: 'organization', head: this.headOf(a) };
    // "قال الصفدي": a definite surname already known as someone's last name.
    if (e - a === 1 && this.knownSurname(this.tokens[a]!.key)) return { type: 'person', name: [a, e], role: null, surface: [a, e], head: null };
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
   * "حاكم بنك الشعب"، "رئيس هيئة أركان الجيش": a chain of up to two bare nouns closed by a
   * definite one makes the whole construct definite; a preposition (باسم، في، للبنك) or an
   * adjective (سابق، أمريكي) in between leaves it indefinite.
   */
  private definiteConstructAt(k: number, e: number): boolean {
    for (let n = 0; k < e && n <= MAX_CONSTRUCT_NOUNS; k++, n++) {
      const t = this.tokens[k]!;
      // A quoted name is still the construct's end: حاكم "بنك الشعب".
      if (!t.word && /^["«»“”]$/.test(t.text)) {
        n--;
        continue;
      }
      if (!t.word) return false;
      if (/^[وف]?ال/.test(t.key) && isArabicDefinite(t.key)) return true;
      if (this.lex.functionWords.has(t.key) || ARABIC_PREPOSITIONS.has(t.key) || isNisba(t.key) || t.key === 'باسم' || isArabicDefinite(t.key)) return false;
    }
    return false;
  }

  /**
   * End of a speaker phrase without what trails its subject: time words ("أمس"), adverbs
   * ("البيان أيضا") and a time adverbial after في ("أشرف غاني في وقت لاحق اليوم").
   */
  withoutTrailingCircumstance(a: number, e: number): number {
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
  closingDefiniteSurname(r: number, n: number, to: number): number {
    const t = this.tokens[n];
    if (n - r !== 1 || n >= to || !t || !t.word || !isArabicDefinite(t.key) || this.isRoleAt(n) > 0 || this.isInstitutionAt(n) || this.isTimeWord(n)) return n;
    if (isNisba(arabicStem(t.key)) && countriesOf([t.key], 'ar').length > 0) return n;
    const next = this.tokens[n + 1];
    const closes = !next || !next.word || n + 1 >= to || this.lex.functionWords.has(next.key) || matchVerbForm(this.tokens, n + 1, this.lex.verbCues, this.lex.cuePrefixes) !== null;
    return closes ? n + 1 : n;
  }

  /** An Arabic phrase opening with a preposition, bare or with a pronoun suffix (في، فيها، عليه). */
  opensWithPreposition(i: number): boolean {
    if (this.lex.language !== 'ar') return false;
    const key = this.tokens[i]!.key;
    if (this.isNameSpelledLikeFunctionWord(this.tokens[i]!)) return false;
    return ARABIC_PREPOSITIONS.has(key) || ARABIC_PREPOSITIONS.has(key.replace(/(?:هما|هم|ها|ه)$/, ''));
  }

  /** Tokens [a, e) are a personal name alone: name-like words, then at most two definite surnames. */
  isPureArabicName(a: number, e: number): boolean {
    let n = a;
    while (n < e && this.nameLike(n)) n++;
    return n > a && this.extendArabicSurname(n, e, true) === e;
  }

  /**
   * "المدير الجهوي للصحة بجهة سوس ماسة، الدكتور عبد الإله بنعلي": the appositive after the
   * first comma is a personal name, after optional definite titles. Returns its token range.
   * Definite words belong to the name after a particle ("عبد الإله") or as closing surnames.
   */
  appositiveName(ap: number, b: number): [number, number] | null {
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

  parseLatin(a: number, e: number, ap: number, b: number, base: ParsedNP): ParsedNP {
    const appos: [number, number] | null = ap < b ? [ap, b] : null;
    const toks = this.tokens;
    // Leading determiners and quantities: "three US officials", "a source".
    let s = a;
    while (s < e && (DETERMINERS.has(toks[s]!.key) || NUMBER_WORDS.has(toks[s]!.key) || /^\d+$/.test(toks[s]!.key))) s++;
    for (let i = s; i < e; i++) {
      if (!this.isUnnamedAt(i)) continue;
      // Capitalised words before the head are adjectives ("US officials"), not names; after an
      // article or a number they never are ("A Home Office source", "a New York family").
      const startsWithName = s === a && this.nameLike(s) && this.nameLike(s + 1) && s + 1 < i;
      if (!startsWithName) return this.unnamedOrAppositiveName(a, e, appos, base, toks[i]!.key);
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
        // "the French embassy", "Pakistan's US embassy": an English phrase ending in its
        // institution head has only modifiers before it ("John Smith of the bank" has a name).
        const headFinal = this.lex.language === 'en' && i === e - 1 && this.keyOf(s, i).every((k) => !this.lex.functionWords.has(k));
        const hasPersonName = this.personRun(s, e) !== null && !capitalisedInstitution && !headFinal;
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

  /** "un des responsables de l'organisation, Paul Legendre": a name in apposition names the source. */
  private unnamedOrAppositiveName(a: number, e: number, appos: [number, number] | null, base: ParsedNP, head: string): ParsedNP {
    const named = appos ? this.personRun(appos[0], appos[1]) : null;
    if (named && named[0] === appos![0]) return { type: 'person', name: named, role: [a, e], surface: [a, e], head };
    return { ...base, type: 'unnamed', head };
  }

  /**
   * Past a role and its complements: "ministre de l'Intérieur", "Minister of
   * Finance", "energy minister" → index of the first token after them.
   */
  skipRoleComplements(s: number, e: number): number {
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
      // French adjectives follow the role noun: "la ministre mexicaine des Affaires étrangères".
      if (r < e && t && t.word && r > s && this.lex.language === 'fr' && !isCapitalized(t) && !this.lex.functionWords.has(t.key)) {
        r++;
        continue;
      }
      break;
    }
    return r;
  }

  lastRoleHead(a: number, b: number): string | null {
    let head: string | null = null;
    for (let i = a; i < b; i++) if (this.isRoleAt(i) > 0) head = this.tokens[i]!.key;
    return head;
  }

  /** An initial or its dot between two name words: "M" and "." in "Robert M. Gates". */
  private middleInitialAt(s: number, n: number): boolean {
    if (n <= s) return false;
    if (isInitialDot(this.tokens, n)) return this.nameLike(n + 1);
    return isInitialDot(this.tokens, n + 1) && this.nameLike(n + 2);
  }

  personRun(a: number, e: number): [number, number] | null {
    let s = a;
    while (s < e && !(this.nameLike(s) && isCapitalized(this.tokens[s]!))) s++;
    if (s >= e) return null;
    let n = s;
    // "Robert M. Gates": the dot of a middle initial stays inside the name.
    while (n < e && (this.nameLike(n) || this.middleInitialAt(s, n))) n++;
    // Trailing particles are not names.
    while (n > s && !isCapitalized(this.tokens[n - 1]!)) n--;
    return n > s ? [s, n] : null;
  }

  /** Gender marked by a role phrase: "المتحدثة" is a woman, "spokesman" a man, "la ministre" a woman. */
  roleGender(a: number, b: number): Gender | null {
    if (this.lex.language !== 'ar') return latinPhraseGender(this.tokens, a, b, this.lex.language);
    const roleEnd = this.isRoleAt(a);
    if (roleEnd < 0) return null;
    const g = arabicNounGender(this.tokens[a]!.key);
    return g === 'p' ? null : g;
  }

  /** A preposition glued to a known head opening a phrase ("لمنظمة", "للتقرير"); null for names and known words. */
  gluedPreposition(i: number): { strip: number; key: string } | null {
    const key = this.tokens[i]!.key;
    if (this.isKnownHead(key)) return null;
    // "والمرصد السوري … الذي قال": the conjunction opening a fronted subject is not its name.
    if (/^[وف]ال/.test(key) && this.isKnownHead(key.slice(1))) return { strip: 1, key: key.slice(1) };
    return stripAttachedPreposition(key, (bare) => this.isKnownHead(bare));
  }

  isKnownHead(key: string): boolean {
    const lex = this.lex;
    const stem = arabicStem(key);
    return lex.institutionHeads.has(key) || lex.roleNouns.has(key) || lex.unnamedHeads.has(key) || lex.unnamedHeads.has(stem) || lex.documentNouns.has(stem);
  }

  /**
   * ", a déclaré un des responsables de l'association, Marc Delorme.": an inverted subject
   * closed by a comma and a personal name that ends the clause. Token range of the name.
   */
  trailingAppositiveName(b: number): [number, number] | null {
    if (this.lex.language === 'ar' || !isComma(this.tokens[b])) return null;
    const run = this.personRun(b + 1, Math.min(this.tokens.length, b + 6));
    if (!run || run[0] !== b + 1 || run[1] - run[0] < 2) return null;
    const after = this.tokens[run[1]];
    return !after || isTerminalToken(after) || isComma(after) ? run : null;
  }

  mayPrecedeSubjectName(i: number): boolean {
    const t = this.tokens[i]!;
    if (SENTENCE_OPENERS.has(t.key) || this.isRoleAt(i) > 0) return true;
    if (this.lex.language === 'ar') return isArabicDefinite(t.key) && !this.isTimeWord(i);
    return isCapitalized(t) && !this.lex.functionWords.has(t.key);
  }
}
