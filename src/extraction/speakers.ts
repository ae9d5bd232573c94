import type { ExtractedSpeaker, Language, SpeakerKind } from './types.ts';
import { foldKey } from './normalize.ts';
import { documentIssuingWords, partitivePronouns } from './lexicon/coreference.ts';
import { phraseOf } from './prepared.ts';
import { matchAny } from './tokens.ts';
import type { Normalized } from './normalize.ts';
import type { Prepared } from './prepared.ts';
import type { Token } from './tokens.ts';
import { isComma, isTerminalToken } from './cues.ts';
import { arabicStem, isArabicDefinite } from './arabic.ts';
import { findOutletMentions } from './outlets.ts';
import type { OutletMention } from './outlets.ts';
import type { Agreement, Gender } from './coreference.ts';
import { arabicCueGender, arabicNounGender, arabicPronounGender, bestRoleHolder, countriesOf, headBase, latinWordGender, latinPhraseGender, mostSalient } from './coreference.ts';
import type { ParsedNP } from './speaker-phrases.ts';
import { speakerRejection } from './speaker-validator.ts';
import { isDocumentWord } from './document-clauses.ts';
import { speakerWords } from './lexicon/speaker-words.ts';
import { DETERMINERS, NUMBER_WORDS, SpeakerPhrases, isCapitalized, isNisba } from './speaker-phrases.ts';

export { arabicStem, isArabicDefinite, isNisba };
export type { NPType, ParsedNP } from './speaker-phrases.ts';

// One registry per article of the people and organisations it introduces.
// Speaker phrases (speaker-phrases.ts) are resolved against it: a surname, a
// bare role noun ("الخبير", "the minister"), a pronoun or an implicit subject
// points back to the most salient entity that agrees in gender, number and
// nationality (coreference.ts), and the fullest name seen anywhere is output.

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
  /** Titles held, as comparable words ("رئيس وزراء", "نائب", "minister"). */
  titles: string[];
  /** Comparable head of an unnamed source ("مسؤول" for مسؤولون أمريكيون, "official" for three US officials). */
  head: string | null;
  /** Whether the name could be a speaker at all (see speaker-validator.ts); a fragment never takes a pronoun. */
  plausible?: { name: string; ok: boolean };
  /** Where the entity last opened a sentence as its subject without a cue ("ورفض بوتين …"). */
  lastSubjectAt: number;
  /** Grammatical gender or plural, once the text has marked it (قالت، المتحدثة، she, Mme). */
  gender: Gender | null;
  /** Countries of the nationality adjectives in the entity's roles ("الوزير الأردني"). */
  countries: string[];
  /** Gender of the document that last spoke for the entity ("وتابع بيان الوزارة" → "وتابع"). */
  voiceGender?: Gender | null;
}

const PARTITIVES: Record<Language, Set<string>> = {
  ar: new Set(partitivePronouns.ar.map(foldKey)),
  en: new Set(partitivePronouns.en),
  fr: new Set(partitivePronouns.fr),
};
const HONORIFICS: Record<Language, Set<string>> = {
  ar: new Set(speakerWords.ar.honorifics.map(foldKey)),
  en: new Set(speakerWords.en.honorifics.map(foldKey)),
  fr: new Set(speakerWords.fr.honorifics.map(foldKey)),
};
const QUOTE_MARKS = /^["«»“”„'']$/;
// Words an appositive description may take between a name and its relative clause.
const MAX_APPOSITIVE = 10;
const DEFINITE_DETERMINERS = new Set(['the', 'these', 'those', 'le', 'la', 'les', "l'", 'ces']);
const PERSON_PRONOUNS = new Set(['he', 'she', 'il', 'elle', 'هو', 'هي']);
const DOCUMENT_DETERMINERS = new Set(['the', 'this', 'these', 'le', 'la', 'les', "l'", 'ce', 'cet', 'cette', 'ces']);
const ISSUING_WORDS = documentIssuingWords.map((w) => phraseOf(w));
// Tokens inside the brackets of an outlet's acronym: "(سانا)", "(بي بي سي)".
const MAX_ACRONYM_TOKENS = 4;
// Tokens of a statement searched for the document it was issued in ("… في بيان مشترك").
const DOCUMENT_SCAN = 40;

export class SpeakerRegistry {
  private entries: SpeakerEntry[] = [];
  private lastEntry: SpeakerEntry | null = null;
  private lastPerson: SpeakerEntry | null = null;
  private readonly personsByNameWord = new Map<string, SpeakerEntry[]>();
  /** Who last issued a document of each kind (بيان، تقرير …), by its bare noun. */
  private readonly documentIssuers = new Map<string, SpeakerEntry>();
  /** Tokens of documents whose issuer the text named: another speaker's statement mentioning them did not issue them. */
  private readonly documentsWithKnownIssuer = new Set<number>();
  /** Set while resolving a phrase when a document spoke for its issuer. */
  private spokeThroughDocument = false;
  private readonly phrases: SpeakerPhrases;

  constructor(
    private readonly norm: Normalized,
    private readonly tokens: readonly Token[],
    private readonly lex: Prepared,
  ) {
    this.phrases = new SpeakerPhrases(norm, tokens, lex, (key) => this.isKnownSurname(key));
  }

  surface(a: number, b: number): string {
    return this.phrases.surface(a, b);
  }

  nameLike(i: number): boolean {
    return this.phrases.nameLike(i);
  }

  opensWithPreposition(i: number): boolean {
    return this.phrases.opensWithPreposition(i);
  }

  isInstitutionAt(i: number): boolean {
    return this.phrases.isInstitutionAt(i);
  }

  /** Parse a speaker phrase [a, b) into name / role parts. */
  parse(a: number, b: number): ParsedNP {
    return this.phrases.parse(a, b);
  }

  /**
   * Token range of the words a speaker phrase [a, b) is resolved from: the phrase before its
   * appositive, without trailing time words or adverbials ("الخبير الفرنسي", "he", "who");
   * null when the subject is implicit ("وأضاف", "وأوضح في مقال") and the cue stands for it.
   */
  mentionRange(a: number, b: number): [number, number] | null {
    if (this.relativeAntecedent(a, b)) {
      while (!this.tokens[a]!.word) a++;
      return [a, a + 1];
    }
    const np = this.phrases.parse(a, b);
    return np.surface[1] > np.surface[0] ? np.surface : null;
  }

  get last(): SpeakerEntry | null {
    return this.lastEntry;
  }

  protected isKnownSurname(key: string): boolean {
    return this.entries.some((en) => en.kind === 'person' && en.nameWords.length > 1 && en.nameWords[en.nameWords.length - 1] === key);
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
      head: null,
      titles: [],
      gender: kind === 'person' ? null : this.groupGender(nameWords),
      countries: [],
    };
    this.entries.push(entry);
    if (kind === 'person') this.indexNameWords(entry);
    return entry;
  }

  private setRole(entry: SpeakerEntry, a: number, b: number): void {
    if (b <= a) return;
    const words = this.phrases.keyOf(a, b).map((k) => (this.lex.language === 'ar' ? arabicStem(k).replace(/ه$/, '') : k));
    for (const w of words) if (!entry.roleWords.includes(w)) entry.roleWords.push(w);
    // Keep the fullest description: "Sudan's army chief" over "chief".
    const surface = this.phrases.surface(a, b);
    if (!entry.role || (surface.length > entry.role.length && surface.includes(entry.role))) entry.role = surface;
    for (const c of countriesOf(this.phrases.keyOf(a, b), this.lex.language)) if (!entry.countries.includes(c)) entry.countries.push(c);
    for (const t of this.phrases.titlesOf(a, b)) if (!entry.titles.includes(t)) entry.titles.push(t);
    entry.gender ??= this.phrases.roleGender(a, b);
  }

  /** Gender an organisation or unnamed source takes in agreement: Arabic nouns mark it, Latin ones rarely. */
  private groupGender(nameWords: readonly string[]): Gender | null {
    const head = nameWords.find((w) => !DETERMINERS.has(w));
    if (!head) return null;
    if (this.lex.language === 'ar') return arabicNounGender(head);
    return latinWordGender(head, this.lex.language) ?? (/s$/.test(nameWords[nameWords.length - 1]!) && this.lex.unnamedHeads.has(nameWords[nameWords.length - 1]!) ? 'p' : null);
  }

  /** Find or create the person named by tokens [a, b). */
  person(a: number, b: number, at: number): SpeakerEntry {
    const words = this.phrases.keyOf(a, b);
    const surface = this.phrases.surface(a, b);
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
    // "Robert M. Gates" cut at its initial is not a first name standing alone.
    const initialFollows = /^\p{Lu}$/u.test(this.tokens[b]?.text ?? '');
    best ??= words.length === 1 && !initialFollows ? this.onlyPersonWithFirstName(words[0]!) : null;
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

  /** "Bruno" after "Bruno Le Maire": a first name alone names someone only when nobody else bears it. */
  private onlyPersonWithFirstName(word: string): SpeakerEntry | null {
    const bearers = (this.personsByNameWord.get(word) ?? []).filter((e) => e.nameWords.length >= 2 && e.nameWords[0] === word);
    return bearers.length === 1 ? bearers[0]! : null;
  }

  /** Register a person introduced with a role ("X، خبير ...", "Minister X"), without making them speak. */
  introduce(nameA: number, nameB: number, roleA: number, roleB: number, at: number, roleIsAlias = true): SpeakerEntry {
    const entry = this.person(nameA, nameB, at);
    this.setRole(entry, roleA, roleB);
    // An appositive role ("X، خبير المرصد") is a way of naming the person; a bare title is not.
    if (roleIsAlias && roleB > roleA) this.addAlias(entry, this.phrases.surface(roleA, roleB));
    if (this.lex.language === 'ar' && roleB > roleA) this.nameEarlierUnnamed(entry);
    return entry;
  }

  /** Whether a person's role holds one of an unnamed source's titles and every other word of it. */
  private holdsUnnamedRole(person: SpeakerEntry, words: readonly string[], titles: readonly string[]): boolean {
    if (!titles.some((t) => person.titles.includes(t))) return false;
    const rest = words.map((k) => arabicStem(k).replace(/ه$/, '')).filter((w) => !titles.includes(this.phrases.headKey(w)));
    return rest.length > 0 && rest.every((w) => person.roleWords.includes(w));
  }

  /**
   * "أعلن متحدث باسم القوات … وقال ديف باتلر، الناطق باسم القوات …": a single unnamed source
   * whose title and every other word the person's role repeats was that person all along.
   */
  private nameEarlierUnnamed(person: SpeakerEntry): void {
    for (const e of this.entries) {
      if (e.kind !== 'unnamed' || e.gender === 'p' || !this.holdsUnnamedRole(person, e.nameWords, e.titles)) continue;
      this.addAlias(e, e.name);
      e.name = person.name;
      e.kind = 'person';
      e.unnamed = false;
    }
  }

  /** The outlet that a phrase [a, b) names, if it names one ("l'AFP", "وكالة رويترز"). */
  outletNamed(a: number, b: number): OutletMention | null {
    const m = findOutletMentions(this.tokens, a, b, this.lex, this.norm)[0];
    return m && m.tokStart <= a + 1 && m.tokEnd >= b - 1 ? m : null;
  }

  /** Resolve a speaker phrase to an entry (null when nothing plausible). */
  resolve(a: number, b: number, at: number): SpeakerEntry | null {
    if (this.lex.language !== 'ar') return this.resolvePhrase(a, b, at);
    this.spokeThroughDocument = false;
    const entry = this.resolveArabic(a, b, at);
    // Named again in person, the entity's verbs agree with it again rather than with its statement.
    if (entry && !this.spokeThroughDocument && this.phrases.parse(a, b).type !== 'pronoun') entry.voiceGender = null;
    return entry;
  }

  private resolveArabic(a: number, b: number, at: number): SpeakerEntry | null {
    let f = a;
    while (f < b && !this.tokens[f]!.word) f++;
    const lead = f < b ? this.phrases.gluedPreposition(f) : null;
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

  /**
   * "بيانات المعهد الوطني للإحصاء", "معطيات الوزارة": a document speaks for the issuer named
   * after it. A bare definite document ("البيان", "التقرير") is the organisation quoted last.
   * Undefined when the phrase is not headed by a document or nothing better is found.
   */
  private documentIssuer(a: number, b: number, at: number): SpeakerEntry | undefined {
    const toks = this.tokens;
    let f = a;
    while (f < b && !toks[f]!.word) f++;
    const noun = f < b ? arabicStem(toks[f]!.key) : '';
    // A statement or lawsuit ("الدعوى") speaks for someone only once the text has said who issued it.
    if (!this.lex.documentNouns.has(noun) && !this.documentIssuers.has(noun)) return undefined;
    let mainEnd = f + 1;
    while (mainEnd < b && !isComma(toks[mainEnd])) mainEnd++;
    // "وقال البيان أيضا": an adverb after the document names no issuer.
    while (mainEnd > f + 1 && toks[mainEnd - 1]!.word && (this.lex.functionWords.has(toks[mainEnd - 1]!.key) || this.lex.timeWords.has(toks[mainEnd - 1]!.key))) mainEnd--;
    if (mainEnd > f + 1) {
      // "بيان أصدره المجلس": the issuer follows the issuing verb.
      const issuing = matchAny(toks, f + 1, ISSUING_WORDS);
      const from = issuing && issuing.end < mainEnd ? issuing.end : f + 1;
      const np = this.phrases.parse(from, b);
      const issuer = (np.type === 'organization' && this.phrases.isInstitutionAt(np.surface[0])) || np.type === 'person' || np.type === 'role' || this.outletNamed(from, mainEnd) !== null;
      if (issuer) return this.resolvePhrase(from, b, at) ?? undefined;
      // "الدعوى المدنية"، "البيان الختامي": definite adjectives describe the document, naming no issuer.
      if (!toks.slice(f + 1, mainEnd).every((t) => !t.word || isArabicDefinite(t.key))) return undefined;
    }
    if (!isArabicDefinite(toks[f]!.key)) return undefined;
    // "أعلن الوزراء في بيان مشترك … وجاء في البيان": the one who issued that kind of document last.
    const last = this.documentIssuers.get(noun) ?? (this.lastEntry?.kind === 'organization' ? this.lastEntry : undefined);
    if (last) this.addAlias(last, this.phrases.surface(f, mainEnd));
    return last;
  }

  /**
   * "قالت الوزارة في بيان"، "أصدرت الحركة بيانا": remember who issued a document of each kind, so
   * that a later bare "البيان" speaks for them. Scans the statement from its start to its sentence end.
   */
  private noteDocumentIssued(entry: SpeakerEntry, at: number): void {
    if (this.lex.language !== 'ar') return;
    for (let i = this.tokenAt(at), n = 0; i < this.tokens.length && n < DOCUMENT_SCAN; i++, n++) {
      const t = this.tokens[i]!;
      if (isTerminalToken(t)) return;
      if (!t.word || isArabicDefinite(t.key) || this.documentsWithKnownIssuer.has(i)) continue;
      const noun = [t.key, t.key.replace(/ا$/, '')].find((k) => this.lex.documentNouns.has(k));
      if (noun) this.documentIssuers.set(noun, entry);
    }
  }

  /** "رفع كليفورد دعوى … قالت فيها": a later bare "الدعوى" speaks for the same issuer. */
  noteDocumentIssuer(noun: string, documentToken: number, entry: SpeakerEntry): void {
    this.documentIssuers.set(noun, entry);
    this.documentsWithKnownIssuer.add(documentToken);
  }

  private firstWordGender(a: number, b: number): Gender | null {
    for (let i = a; i < b; i++) if (this.tokens[i]!.word) return arabicNounGender(this.tokens[i]!.key);
    return null;
  }

  /** Index of the first token starting at or after offset `at`. */
  private tokenAt(at: number): number {
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tokens[mid]!.start < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private resolvePhrase(a: number, b: number, at: number): SpeakerEntry | null {
    if (this.lex.language === 'ar') {
      const issuer = this.documentIssuer(a, b, at);
      if (issuer) {
        issuer.voiceGender = this.firstWordGender(a, b);
        this.spokeThroughDocument = true;
        return issuer;
      }
    } else {
      const issuer = this.latinDocumentIssuer(a, b);
      if (issuer) return issuer;
    }
    const antecedent = this.relativeAntecedent(a, b);
    if (antecedent) return this.resolvePhrase(antecedent[0], antecedent[1], at);
    if (this.isPartitive(a, b)) return mostSalient(this.antecedents(), { gender: 'p', countries: [] }, at);
    const np = this.phrases.parse(a, b);
    if (np.type !== 'pronoun') {
      // An outlet quoted as the source ("according to Reuters", "selon l'agence Reuters").
      const [sa, sb] = np.surface;
      const m = findOutletMentions(this.tokens, sa, sb, this.lex, this.norm)[0];
      // "صحيفة "تشرين" الموالية للنظام": an outlet keyword opening the phrase keeps its description.
      const described = !!m && m.tokStart === sa && this.lex.language === 'ar' && this.opensWithOutletKeyword(sa);
      if (m && m.tokStart <= sa + 1 && (m.tokEnd >= sb - 1 || described)) return this.outletSpeaker(m, sa, sb, at);
    }
    const surf = this.phrases.surface(np.surface[0], np.surface[1]);
    const appositive = this.appositiveNameOfRole(np, a, b);
    if (appositive) return this.introduce(appositive[0], appositive[1], a, b, at);
    switch (np.type) {
      case 'pronoun':
        return this.resolvePronoun(np, at);
      case 'unnamed':
        return this.resolveUnnamed(np, b, surf, at);
      case 'organization': {
        const words = this.phrases.keyOf(np.surface[0], np.surface[1]).filter((w) => !DETERMINERS.has(w));
        const key = words.join(' ');
        const exact = this.entries.find((e) => e.kind === 'organization' && e.nameWords.join(' ') === key);
        if (exact) return exact;
        // "the ministry" after "the Ministry of Health": same organisation by head word.
        if (np.head && words.length <= 2) {
          const head = np.head;
          const byHead = [...this.entries].reverse().find((e) => e.kind === 'organization' && e.nameWords.length > words.length && e.nameWords.some((w) => this.phrases.headKey(w) === head));
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
        if (surf !== entry.name) this.addAlias(entry, this.phrases.surface(na, nb));
        return entry;
      }
      case 'role': {
        const found = this.byRole(np, at, this.agreementOf(np, at));
        if (found) {
          this.addAlias(found, surf);
          return found;
        }
        const entry = this.create('person', surf, this.phrases.keyOf(np.surface[0], np.surface[1]), at);
        this.setRole(entry, np.surface[0], np.surface[1]);
        return entry;
      }
    }
  }

  /**
   * A pronoun or an implicit subject: the most salient entity that agrees wins ("وقالت" skips
   * the minister who spoke last). "he"/"she"/"il"/"elle" refer to people; an organisation
   * quoted in between does not interrupt.
   */
  private resolvePronoun(np: ParsedNP, at: number): SpeakerEntry | null {
    const word = this.tokens[np.surface[0]];
    const mention = this.agreementOf(np, at);
    const personal = word && np.surface[1] > np.surface[0] && PERSON_PRONOUNS.has(word.key.replace(/^.*-/, ''));
    if (personal) {
      // Without a person to point to, "he said" has no resolvable speaker.
      const found = mostSalient(this.antecedents().filter((e) => this.mayBeOnePerson(e, at)), mention, at) ?? this.lastPerson;
      // Once "she said" has pointed to someone, a later "he said" does not.
      if (found && mention.gender !== 'p') found.gender ??= mention.gender;
      return found;
    }
    if (!mention.gender) return this.lastEntry;
    return mostSalient(this.antecedents(), mention, at) ?? this.lastEntry;
  }

  /**
   * "selon les statistiques du FBI … Selon ces chiffres", "the report said": a document named by
   * a definite or demonstrative article alone speaks for whoever was quoted last, unless that
   * source was unnamed.
   */
  private latinDocumentIssuer(a: number, b: number): SpeakerEntry | null {
    const words = this.phrases.keyOf(a, b);
    const last = this.lastEntry;
    if (words.length !== 2 || !DOCUMENT_DETERMINERS.has(words[0]!) || !this.lex.documentNouns.has(words[1]!)) return null;
    if (!last || last.unnamed) return null;
    this.addAlias(last, this.phrases.surface(a, b));
    return last;
  }

  /**
   * "Selon le président de la Chambre, Paul Girard, …", "according to the head of the central
   * bank, Paul Girard, …": a role phrase whose slot stops before the name in apposition after it.
   */
  private appositiveNameOfRole(np: ParsedNP, a: number, b: number): [number, number] | null {
    if (np.type !== 'role' && np.type !== 'organization') return null;
    let f = a;
    while (f < b && (!this.tokens[f]!.word || DETERMINERS.has(this.tokens[f]!.key))) f++;
    return f < b && this.phrases.isRoleAt(f) > 0 ? this.phrases.trailingAppositiveName(b) : null;
  }

  /**
   * Who "he" or "she" may stand for: a person, or one unnamed source ("one bystander … he
   * said") until a named person enters the text after its words.
   */
  private mayBeOnePerson(e: SpeakerEntry, at: number): boolean {
    if (e.kind === 'person') return true;
    // An unnamed source has a head noun; the placeholder for a source the text never gave has none.
    if (e.kind !== 'unnamed' || e.gender === 'p' || e.lastSpokeAt < 0 || e.head === null) return false;
    return !this.entries.some((p) => p.kind === 'person' && p.introducedAt > e.lastSpokeAt && p.introducedAt < at);
  }

  /** An unnamed source: a name in apposition after it, the same source again, or a new one. */
  private resolveUnnamed(np: ParsedNP, b: number, surf: string, at: number): SpeakerEntry {
    const named = this.phrases.trailingAppositiveName(b);
    if (named) return this.introduce(named[0], named[1], np.surface[0], np.surface[1], at);
    const words = this.phrases.keyOf(np.surface[0], np.surface[1]);
    const key = words.join(' ');
    const found = this.entries.find((e) => e.kind === 'unnamed' && e.nameWords.join(' ') === key) ?? this.groupAntecedent(np, words, at);
    if (found) {
      this.addAlias(found, surf);
      return found;
    }
    const titles = this.phrases.titlesOf(np.surface[0], np.surface[1]);
    const holder = this.lex.language === 'ar' ? this.entries.find((e) => e.kind === 'person' && this.holdsUnnamedRole(e, words, titles)) : undefined;
    if (holder && this.groupGender([np.head ?? '']) !== 'p') {
      this.addAlias(holder, surf);
      return holder;
    }
    const entry = this.create('unnamed', surf, words, at);
    entry.titles = titles;
    entry.head = np.head ? headBase(np.head, this.lex.language) : null;
    // "Three officials familiar with the talks": the head noun tells the number the first word may not.
    if (np.head) entry.gender ??= this.groupGender([np.head]);
    entry.countries = countriesOf(words, this.lex.language);
    return entry;
  }

  /** Entities a pronoun or an implicit subject may point to: never a fragment the validator refuses as a speaker. */
  private antecedents(): SpeakerEntry[] {
    return this.entries.filter((e) => {
      if (e.plausible?.name !== e.name) e.plausible = { name: e.name, ok: speakerRejection(e.name, this.lex.language) === null };
      return e.plausible.ok;
    });
  }

  /**
   * "قالت مصادر مطلعة … وأضافت المصادر", "three US officials … the officials": a definite
   * unnamed mention points back to the most salient unnamed source with the same head and no
   * contradicting nationality.
   */
  private groupAntecedent(np: ParsedNP, words: readonly string[], at: number): SpeakerEntry | null {
    if (!np.head || words.length > 3) return null;
    const first = words[0]!;
    const definite = this.lex.language === 'ar' ? isArabicDefinite(first) : DEFINITE_DETERMINERS.has(first);
    if (!definite) return null;
    const head = headBase(np.head, this.lex.language);
    // "the official" is one of "three officials", not the group: number must agree.
    const plural = this.groupGender([np.head]) === 'p';
    const groups = this.entries.filter((e) => e.kind === 'unnamed' && e.head === head && (e.gender === 'p') === plural);
    return mostSalient(groups, { gender: null, countries: countriesOf(words, this.lex.language) }, at);
  }

  /**
   * "…, including the photographer Helena Moss, who said …": a relative pronoun standing
   * alone for the speaker points to the name right before it. Token range of that name.
   */
  private relativeAntecedent(a: number, b: number): [number, number] | null {
    let first = a;
    while (first < b && !this.tokens[first]!.word) first++;
    let last = b;
    while (last > first && !this.tokens[last - 1]!.word) last--;
    if (last - first !== 1 || !this.lex.relativePronouns.has(this.tokens[first]!.key)) return null;
    const end = first > 0 && isComma(this.tokens[first - 1]) ? first - 1 : first;
    const named = this.nameEndingAt(end) ?? this.surnameInTextEndingAt(end);
    if (named) return named;
    // "Tom Abrahams, a former banker, who says": past one appositive description.
    for (let k = end - 1; k > 0 && end - k <= MAX_APPOSITIVE; k--) {
      if (isTerminalToken(this.tokens[k])) return null;
      if (isComma(this.tokens[k])) return this.nameEndingAt(k);
    }
    return null;
  }

  /** "أحدهم", "two of them", "l'un d'eux": some members of a group named before. */
  private isPartitive(a: number, b: number): boolean {
    const words: string[] = [];
    for (let i = a; i < b; i++) if (this.tokens[i]!.word) words.push(this.tokens[i]!.key);
    const last = words[words.length - 1];
    if (!last || !PARTITIVES[this.lex.language].has(last)) return false;
    if (this.lex.language === 'ar') return words.length === 1;
    return words.length >= 3 && words.length <= 4 && words.some((w) => w === 'of' || w === "d'" || w === 'entre');
  }

  /**
   * "…, a salué Obama, qui a dit", "Breivik, who admitted": one capitalised name-like word
   * inside the sentence (not its first word, which any sentence capitalises).
   */
  private surnameInTextEndingAt(end: number): [number, number] | null {
    const t = this.tokens[end - 1];
    const before = this.tokens[end - 2];
    if (this.lex.language === 'ar' || !t || !this.phrases.nameLike(end - 1) || !isCapitalized(t) || !before || isTerminalToken(before)) return null;
    return [end - 1, end];
  }

  /** A personal name ending right before token `end`: two words or more, or a known surname ("Breivik", "Mr Watt"). */
  private nameEndingAt(end: number): [number, number] | null {
    let start = end;
    while (start > 0 && this.phrases.nameLike(start - 1) && end - start < 4) start--;
    if (end - start >= 2) return [start, end];
    return end - start === 1 && this.isKnownSurname(this.tokens[start]!.key) ? [start, end] : null;
  }

  /** The most salient person whose role matches a bare role phrase. */
  private byRole(np: ParsedNP, at: number, mention: Agreement): SpeakerEntry | null {
    if (!np.head) return null;
    const head = np.head;
    const mods = np.role ? this.phrases.keyOf(np.role[0], np.role[1]).filter((k) => !this.lex.functionWords.has(k)).map((k) => this.phrases.headKey(k)).filter((k) => k !== head) : [];
    const title = np.role ? this.phrases.titlesOf(np.role[0], np.role[1])[0] ?? head : head;
    const holders = this.entries.filter((e) => e.kind === 'person' && e.nameWords.length > 0 && (e.roleWords.includes(head) || e.titles.includes(title)));
    return bestRoleHolder(holders, mention, title, mods, at);
  }

  /** What a mention and its cue say about whom it can point to: gender, number, nationality. */
  private agreementOf(np: ParsedNP, at: number): Agreement {
    const [a, b] = np.surface;
    const [ra, rb] = np.role ?? np.surface;
    let gender: Gender | null = null;
    if (np.type === 'pronoun' && b > a) gender = this.lex.language === 'ar' ? arabicPronounGender(this.tokens[a]!.key) : latinWordGender(this.tokens[a]!.key, this.lex.language);
    else if (np.type === 'role') gender = this.phrases.roleGender(ra, rb);
    gender ??= this.cueGenderAt(at);
    return { gender, countries: np.type === 'pronoun' ? [] : countriesOf(this.phrases.keyOf(ra, rb), this.lex.language) };
  }

  /** Gender marked on the Arabic cue verb starting at offset `at` (قالت، تابعت، قالوا). */
  private cueGenderAt(at: number): Gender | null {
    if (this.lex.language !== 'ar') return null;
    const t = this.tokens[this.tokenAt(at)];
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
        // "M. Monti", "Mr. Watt": the full stop of a courtesy title ends nothing.
        if (t.text === '.' && i > a && this.isHonorific(this.tokens[i - 1]!.key)) continue;
        // A quoted sentence ("Ta Mok fed everyone.") is someone's words, not the narrative.
        if (isComma(t) || isTerminalToken(t) || QUOTE_MARKS.test(t.text)) return;
        continue;
      }
      if (this.isHonorific(t.key)) continue;
      const person = this.knownPersonAt(i);
      if (person) {
        if (person.lastSpokeAt < t.start) person.lastSubjectAt = t.start;
        return;
      }
      // Before the name: one verb or opener, then only titles ("ورفض الرئيس الروسي", "Foreign Minister").
      if (words > 0 && !this.phrases.mayPrecedeSubjectName(i)) return;
      words++;
    }
  }

  /** People by the words of their names, so that looking a word up does not scan everyone. */
  private indexNameWords(entry: SpeakerEntry): void {
    for (const w of entry.nameWords) {
      const list = this.personsByNameWord.get(w) ?? [];
      if (!list.includes(entry)) list.push(entry);
      this.personsByNameWord.set(w, list);
    }
  }

  private isHonorific(key: string): boolean {
    return HONORIFICS[this.lex.language].has(key);
  }

  /** End of a registered person's name starting at token i ("حيدر العبادي", "العبادي"), or -1. */
  knownNameEnd(i: number): number {
    const person = this.knownPersonAt(i);
    if (!person) return -1;
    let end = i + 1;
    while (end < this.tokens.length && end - i < person.nameWords.length && person.nameWords.includes(this.tokens[end]!.key)) end++;
    return end;
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
    this.noteDocumentIssued(entry, at);
    entry.lastSpokeAt = at;
    this.lastEntry = entry;
    if (entry.kind === 'person') this.lastPerson = entry;
  }

  /**
   * An outlet quoted as a source: one entry per outlet, named in Arabic by the fullest phrase
   * the text used for it ("وكالة الأنباء السورية الرسمية (سانا)" over "سانا"), its gazetteer
   * name kept as an alias.
   */
  private outletSpeaker(m: OutletMention, a: number, b: number, at: number): SpeakerEntry {
    const entry = this.organization(m.name, at);
    if (this.lex.language !== 'ar' || m.tokStart !== a) return entry;
    // Only a description opened by an outlet keyword (وكالة، صحيفة …), never "مراسل وكالة …".
    if (!this.opensWithOutletKeyword(a)) return entry;
    const end = this.withBracketedAcronym(Math.min(b, m.tokEnd), b);
    const surface = this.phrases.surface(a, end);
    if (this.phrases.keyOf(a, end).length >= 2 && surface.length > entry.name.length) {
      this.addAlias(entry, entry.name);
      entry.name = surface;
    }
    return entry;
  }

  /** "وكالة الأنباء الوطنية (ونا)": the end of a name stretched to just before its bracketed acronym's ")". */
  private withBracketedAcronym(end: number, b: number): number {
    if (this.tokens[end]?.text !== '(') return end;
    let k = end + 1;
    while (k < b && k - end <= MAX_ACRONYM_TOKENS && this.tokens[k]!.text !== ')') k++;
    return this.tokens[k]?.text === ')' ? k : end;
  }

  private opensWithOutletKeyword(i: number): boolean {
    const key = arabicStem(this.tokens[i]?.key ?? '');
    return this.lex.outletKeywords.some((k) => k.words.length === 1 && k.words[0] === key);
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
      while (s > from && this.phrases.nameLike(s - 1) && c - s < 4) s--;
      if (s === c) continue;
      let r = c + 1;
      while (r < to && toks[r]!.word && (DETERMINERS.has(toks[r]!.key) || NUMBER_WORDS.has(toks[r]!.key))) r++;
      let roleAt = -1;
      for (let k = r; k < Math.min(to, r + 4); k++) {
        if (!toks[k]!.word) break;
        if (this.phrases.isRoleAt(k) > 0) {
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
      const roleEnd = this.phrases.isRoleAt(i);
      if (roleEnd < 0) continue;
      if (this.lex.language === 'ar') {
        let r = roleEnd;
        while (r < to && r - roleEnd < 4 && toks[r]!.word && isArabicDefinite(toks[r]!.key)) r++;
        let n = r;
        // A particle (بن، آل، عبد) always takes the word after it: "تميم بن حمد آل ثاني".
        // "أصدر وزير الخارجية بيانا": the document the role holder issued is not their name.
        while (n < to && this.phrases.nameLike(n) && !isDocumentWord(toks[n]!.key, this.lex) && (n - r < 4 || this.lex.nameParticles.has(toks[n - 1]!.key))) n++;
        n = this.phrases.closingDefiniteSurname(r, n, to);
        if (n - r >= 2 || (n - r === 1 && (n >= to || !toks[n]!.word))) {
          found.push(this.introduce(r, n, i, r, toks[i]!.start, false));
          i = n - 1;
        }
      } else {
        let r = roleEnd;
        while (r < to && this.phrases.isRoleAt(r) > 0) r = this.phrases.isRoleAt(r);
        const run = this.phrases.personRun(r, Math.min(to, r + 4));
        if (run && run[0] === r && isCapitalized(toks[i]!) ? true : run && run[0] === r && run[1] - run[0] >= 2) {
          found.push(this.introduce(run![0], run![1], i, r, toks[i]!.start, false));
          i = run![1] - 1;
          continue;
        }
        const appositive = this.appositiveAfterRole(i, to);
        if (appositive) {
          found.push(this.introduce(appositive.name[0], appositive.name[1], i, appositive.roleEnd, toks[i]!.start));
          i = appositive.name[1] - 1;
        }
      }
    }
    return found;
  }

  /**
   * "le premier ministre, Lucas Papas,", "the police director, Garry Hill,": a role phrase and
   * its complements up to a comma, then a personal name in apposition.
   */
  private appositiveAfterRole(i: number, to: number): { roleEnd: number; name: [number, number] } | null {
    const roleEnd = this.phrases.skipRoleComplements(i, to);
    if (roleEnd >= to || !isComma(this.tokens[roleEnd])) return null;
    const name = this.phrases.trailingAppositiveName(roleEnd);
    return name ? { roleEnd, name } : null;
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
