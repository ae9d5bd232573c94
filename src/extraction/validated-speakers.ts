import type { Normalized } from './normalize.ts';
import type { Prepared } from './prepared.ts';
import type { Token } from './tokens.ts';
import type { Language } from './types.ts';
import { SpeakerRegistry, type SpeakerEntry } from './speakers.ts';
import { arabicStem } from './arabic.ts';
import { foldKey } from './normalize.ts';
import { canonicalOutlet } from './outlets.ts';
import { splitWords } from './prepared.ts';
import { breaksPersonName, breaksSpeakerPhrase, cannotOpenName, endBeforeNumber, isVerb, isVerbalNoun, opensAddressee, reportedSourceStart, speakerRejection } from './speaker-validator.ts';
import { speakerWords } from './lexicon/speaker-words.ts';

// Every speaker the engine settles on must pass speakerRejection. When the
// phrase in the speaker slot cannot speak, the slot is read again: the source
// after "ما نقلته" ("بحسب ما نقلته وكالة X"), or the phrase cut before the
// clause it ran into ("المسؤولون الذين تحدثوا …"); failing that, the slot held
// no subject at all ("وقال في وقت لاحق") and the cue continues the last speaker.
// With no one to continue, the claim is kept with an unnamed, unresolved source
// rather than a word that happened to sit in the slot.

/** Words read after a reporting verb when the speaker slot stopped before its source. */
const MAX_SOURCE_WORDS = 10;

/** Words of a person's name before a verbal noun that is read as the cue's object. */
const MIN_NAME_WORDS_BEFORE_OBJECT = 2;

export class ValidatedSpeakerRegistry extends SpeakerRegistry {
  private readonly words: readonly Token[];
  private readonly language: Language;
  private readonly documentNouns: ReadonlySet<string>;
  private readonly verbFirst: boolean;
  private readonly lexicon: Prepared;

  constructor(norm: Normalized, tokens: readonly Token[], lex: Prepared) {
    super(norm, tokens, lex);
    this.words = tokens;
    this.language = lex.language;
    this.documentNouns = lex.documentNouns;
    this.verbFirst = lex.wordOrder === 'VSO';
    this.lexicon = lex;
  }

  override resolve(a: number, b: number, at: number): SpeakerEntry | null {
    const entry = super.resolve(a, b, at);
    if (!entry || this.trimmedToName(entry) || this.acceptable(entry)) return entry;
    this.retire(entry);
    const reason = speakerRejection(entry.name, this.language);
    const repaired = this.afterAbbreviation(a, b, at, reason) ?? this.repaired(a, b, at, entry.kind === 'person' ? breaksPersonName : breaksSpeakerPhrase);
    return repaired ?? this.zeroSubject(b, at, reason === 'pronoun') ?? this.unresolved(at);
  }

  /**
   * The final name must pass too: a mention may have lengthened it past the name ("عون رفض لبنان")
   * without going through resolve. The longest alias that passes names the speaker, else the role
   * description, else the name cut before the word that broke it.
   */
  override entry(id: number): SpeakerEntry | undefined {
    const entry = super.entry(id);
    if (!entry || this.trimmedToName(entry) || this.acceptable(entry)) return entry;
    const aliases = [...entry.aliases.values()].sort((x, y) => y.length - x.length);
    const best = [...aliases, entry.role ?? '', this.cutName(entry)].find((name) => name && this.acceptable({ ...entry, name }));
    if (best) {
      for (const [key, alias] of entry.aliases) if (alias === best) entry.aliases.delete(key);
      entry.name = best;
    }
    return entry;
  }

  /**
   * A person's name read on past the slot into the cue's verbal-noun object ("ستيفن منوتشين
   * تجميد الرسوم") or its addressee ("X لصحيفة …") keeps the name before it.
   */
  private trimmedToName(entry: SpeakerEntry): boolean {
    if (entry.kind !== 'person' || this.language !== 'ar') return false;
    const words = entry.name.split(/\s+/);
    // A name of two words or more: one word before a verbal noun may be a common noun ("وسائل إعلام").
    const cut = words.findIndex((word, n) => (n >= MIN_NAME_WORDS_BEFORE_OBJECT && isVerbalNoun(foldKey(word))) || (n > 0 && opensAddressee(foldKey(word), this.language)));
    if (cut < 0) return false;
    const name = words.slice(0, cut).join(' ');
    if (!this.acceptable({ ...entry, name })) return false;
    const kept = new Set(splitWords(foldKey(name)));
    entry.name = name;
    entry.nameWords = entry.nameWords.filter((word) => kept.has(word));
    return true;
  }

  private cutName(entry: SpeakerEntry): string {
    const breaks = entry.kind === 'person' ? breaksPersonName : breaksSpeakerPhrase;
    const words = entry.name.split(/\s+/);
    const cut = words.findIndex((word, n) => n > 0 && breaks(foldKey(word), this.language));
    return cut > 0 ? words.slice(0, cut).join(' ') : '';
  }

  /**
   * Arabic drops the subject of a verb that continues the last speaker ("وقال في وقت لاحق"), and a
   * pronoun ("je", "I") points back in every language; otherwise English and French always name
   * their subject, so a slot without one was misread and stays unresolved.
   */
  private zeroSubject(b: number, at: number, pronoun: boolean): SpeakerEntry | null {
    return this.verbFirst || pronoun ? this.acceptableOrNull(super.resolve(b, b, at)) : null;
  }

  /** "selon M. Dupont": a slot that stopped at the abbreviation dot continues with the capitalised name after it. */
  private afterAbbreviation(a: number, b: number, at: number, reason: string | null): SpeakerEntry | null {
    if ((reason !== 'single letter' && reason !== 'title') || this.words[b]?.text !== '.') return null;
    let end = b + 1;
    while (end < this.words.length && end - b <= 4 && this.words[end]!.word && /^\p{Lu}/u.test(this.words[end]!.text)) end++;
    return end > b + 1 ? this.acceptableOrNull(super.resolve(a, end, at)) : null;
  }

  /** An impossible entry must not attract later mentions by its words or role ("الوزارة" → "وزارة X للعام 2017"). */
  private retire(entry: SpeakerEntry): void {
    entry.nameWords = [];
    entry.roleWords = [];
    entry.head = null;
  }

  private unresolved(at: number): SpeakerEntry {
    const entry = this.organization(speakerWords[this.language].unresolvedSource, at);
    entry.kind = 'unnamed';
    entry.unnamed = true;
    return entry;
  }

  /**
   * "وقال لترامب", "وأضاف لرويترز": ل/ب glued to a person already named or to an outlet opens the
   * addressee, not the subject; the verb's subject was dropped.
   */
  private addressee(name: string): boolean {
    if (this.language !== 'ar') return false;
    const first = foldKey(name.split(/\s+/)[0] ?? '');
    if (first.length < 4 || (first[0] !== 'ل' && first[0] !== 'ب')) return false;
    return this.isKnownSurname(first.slice(1)) || canonicalOutlet(name.slice(1), this.lexicon) !== null;
  }

  private acceptable(entry: SpeakerEntry): boolean {
    if (this.addressee(entry.name)) return false;
    // A known outlet speaks whatever its spelling ("إن بي سي" opens like the particle إن).
    if (entry.kind === 'organization' && canonicalOutlet(entry.name, this.lexicon)) return true;
    if (speakerRejection(entry.name, this.language) !== null) return false;
    if (entry.kind !== 'person') return true;
    return !splitWords(foldKey(entry.name)).some((key, n) => n > 0 && breaksPersonName(key, this.language));
  }

  /** The speaker slot read again without what made it impossible, or null. */
  private repaired(a: number, b: number, at: number, breaksPhrase: (key: string, language: Language) => boolean): SpeakerEntry | null {
    const source = this.reportedSource(a, b);
    if (source) return source[1] > source[0] ? this.acceptableOrNull(super.resolve(source[0], source[1], at)) : null;
    const wordAt = this.wordsIn(a, b);
    const keys = wordAt.map((i) => this.words[i]!.key);
    // "ودعا نيكولاي ملادينوف", "وكتب أكشاي كومار": a second verb before the real subject.
    if (keys.length > 1 && isVerb(keys[0]!, this.language)) return this.acceptableOrNull(super.resolve(wordAt[1]!, b, at));
    const relayed = this.relayedSource(wordAt, keys);
    if (relayed) return this.acceptableOrNull(super.resolve(relayed[0], relayed[1], at));
    let cut = keys.findIndex((k, n) => n > 0 && breaksPhrase(k, this.language));
    // "بيان للقوات الأمريكية": a document glued to its issuer speaks for the issuer.
    if (cut === 1 && this.documentNouns.has(arabicStem(keys[0]!))) return this.acceptableOrNull(super.resolve(wordAt[1]!, b, at));
    cut = Math.min(cut < 0 ? keys.length : cut, endBeforeNumber(keys, this.language));
    // "الدول الغربية وعلى رأسها …": the particle that opened the broken part goes with it.
    while (cut > 1 && cut < keys.length && this.isParticle(keys[cut - 1]!)) cut--;
    return cut > 0 && cut < keys.length ? this.acceptableOrNull(super.resolve(a, wordAt[cut]!, at)) : null;
  }

  /** "الصحيفة عن مسؤول روسي قوله": the outlet relays the source after "عن", up to "قوله". */
  private relayedSource(wordAt: readonly number[], keys: readonly string[]): [number, number] | null {
    const about = keys.indexOf('عن');
    if (this.language !== 'ar' || about < 1 || about + 1 >= keys.length) return null;
    let end = keys.length;
    while (end > about + 1 && this.lexicon.reportSaying.has(keys[end - 1]!)) end--;
    return end > about + 1 ? [wordAt[about + 1]!, wordAt[end - 1]! + 1] : null;
  }

  private isParticle(key: string): boolean {
    const bare = this.language === 'ar' ? key.replace(/^[وف](?=..)/, '') : key;
    return this.lexicon.functionWords.has(key) || this.lexicon.functionWords.has(bare);
  }

  private wordsIn(a: number, b: number): number[] {
    const out: number[] = [];
    for (let i = a; i < b; i++) if (this.words[i]!.word) out.push(i);
    return out;
  }

  /**
   * "بحسب ما أفادت وكالة X", "وفقا لما نقلته وكالة X عن مصدر": the tokens of the source after
   * the reporting verb, read past the end of the slot when the scanner stopped at the verb; the
   * source after "عن" when the outlet relays someone else.
   */
  private reportedSource(a: number, b: number): [number, number] | null {
    const wordAt: number[] = [];
    for (let i = a; i < this.words.length && this.words[i]!.word && wordAt.length < MAX_SOURCE_WORDS; i++) {
      const key = this.words[i]!.key;
      // Past the slot, the source ends before a clause, a date or a venue ("في بيان"); "عن" relays.
      if (i >= b && wordAt.length >= 2 && (breaksSpeakerPhrase(key, this.language) || (cannotOpenName(key, this.language) && key !== 'عن'))) break;
      wordAt.push(i);
    }
    const k = reportedSourceStart(wordAt.map((i) => this.words[i]!.key), this.language);
    if (k < 0) return null;
    let from = wordAt[k] ?? b;
    const to = Math.max(b, (wordAt[wordAt.length - 1] ?? from - 1) + 1);
    for (let i = from + 1; i < to - 1; i++) if (this.words[i]!.key === 'عن') from = i + 1;
    return [from, Math.max(from, to)];
  }

  private acceptableOrNull(entry: SpeakerEntry | null): SpeakerEntry | null {
    return entry && this.acceptable(entry) ? entry : null;
  }
}
