import type { Language, OutletKind } from './types.ts';
import type { CueHint, LanguageLexicon, VerbCue } from './lexicon/types.ts';
import { ar } from './lexicon/ar.ts';
import { en } from './lexicon/en.ts';
import { fr } from './lexicon/fr.ts';
import { channelHosts } from './lexicon/outlets.ts';
import { foldKey } from './normalize.ts';

// Lexicon files are plain data written in natural spelling. This module folds
// them once into lookup structures keyed exactly like token keys.

export type Phrase = readonly string[];

export interface PreparedCue {
  hint: CueHint;
  directObject: boolean;
  /** Surface form split into folded words ("a déclaré" → ["a","declare"]). */
  form: Phrase;
  complements: Phrase[];
  /** Folded word beginnings that open the content after an object ("بال" of "بالتلاعب"). */
  gluedOpeners: string[];
  /** The speaker phrase must open with a document noun ("جاء في بيان …"). */
  documentSubject: boolean;
}

export interface Prepared {
  language: Language;
  wordOrder: 'VSO' | 'SVO';
  lex: LanguageLexicon;
  /** First folded word → candidate verb cue forms starting with it. */
  verbCues: Map<string, PreparedCue[]>;
  participleCues: Map<string, PreparedCue[]>;
  /** Bare verb forms (single word) for glued-word detection. */
  verbWordSet: Set<string>;
  sourceCues: Phrase[];
  impersonalForms: Set<string>;
  circumstanceOpeners: Phrase[];
  reportVerbs: Set<string>;
  reportSaying: Set<string>;
  subjectFirstAux: Set<string>;
  timeWords: Set<string>;
  sourceLabels: Set<string>;
  statementVenues: Set<string>;
  statementFrames: Set<string>;
  documentNouns: Set<string>;
  issuingVerbs: Set<string>;
  resumptiveWords: Set<string>;
  cuePrefixes: string[];
  cueLeadWords: Set<string>;
  preCueParticles: Phrase[];
  clauseConnectors: Phrase[];
  relativePronouns: Set<string>;
  /** Relative pronouns and other words opening a parenthetical clause between commas. */
  parentheticalOpeners: Set<string>;
  pronouns: Set<string>;
  roleNouns: Set<string>;
  rolePhrases: Phrase[];
  institutionHeads: Set<string>;
  institutionPhrases: Phrase[];
  unnamedHeads: Set<string>;
  nameParticles: Set<string>;
  functionWords: Set<string>;
  skippableAdverbs: Set<string>;
  outletKeywords: { words: Phrase; kind: OutletKind }[];
  interviewMarkers: Phrase[];
  audienceWords: Phrase[];
  futureMarkers: Phrase[];
  evaluativeWords: Set<string>;
  evaluativePhrases: Phrase[];
  questionWords: Set<string>;
  labelWords: Set<string>;
  bylineMarkers: Phrase[];
  teaserMarkers: Phrase[];
  shareMarkers: Phrase[];
  photoMarkers: Phrase[];
  months: Set<string>;
  comparisonWords: Set<string>;
  quantityPhrases: Phrase[];
  /** Every complement word that can open reported content, for quick checks. */
  complementFirstWords: Set<string>;
}

export function phraseOf(s: string): Phrase {
  return splitWords(foldKey(s));
}

// Must split exactly like the tokenizer so phrases line up with tokens.
export function splitWords(folded: string): string[] {
  const out: string[] = [];
  const re = /[\p{L}\p{N}]+(?:['\-][\p{L}\p{N}]+)*'?|[^\s\p{L}\p{N}]/gu;
  for (const m of folded.matchAll(re)) out.push(...splitElision(m[0]));
  return out;
}

const ELISIONS = new Set(['l', 'd', 'qu', 'j', 'n', 's', 'c', 'm', 't', 'jusqu', 'lorsqu', 'puisqu']);

/** French elision: "qu'il" is two words, "qu'" and "il". */
export function splitElision(word: string): string[] {
  const i = word.indexOf("'");
  if (i <= 0) return [word];
  const head = word.slice(0, i).toLowerCase();
  if (!ELISIONS.has(head)) return [word];
  const rest = word.slice(i + 1);
  return rest ? [word.slice(0, i + 1), rest] : [word];
}

const setOf = (xs: readonly string[]): Set<string> => new Set(xs.map(foldKey));
const phrasesOf = (xs: readonly string[]): Phrase[] =>
  xs.map(phraseOf).filter((p) => p.length > 0).sort((a, b) => b.length - a.length);

function prepareCues(cues: readonly VerbCue[]): Map<string, PreparedCue[]> {
  const m = new Map<string, PreparedCue[]>();
  for (const c of cues) {
    const complements = phrasesOf(c.complements);
    for (const f of c.forms) {
      const form = phraseOf(f);
      const first = form[0];
      if (!first) continue;
      const list = m.get(first) ?? [];
      list.push({ hint: c.hint, directObject: c.directObject ?? false, form, complements, gluedOpeners: (c.gluedOpeners ?? []).map(foldKey), documentSubject: c.documentSubject ?? false });
      list.sort((a, b) => b.form.length - a.form.length);
      m.set(first, list);
    }
  }
  return m;
}

function prepare(lex: LanguageLexicon): Prepared {
  const verbCues = prepareCues(lex.verbCues);
  const participleCues = prepareCues(lex.participleCues);
  const verbWordSet = new Set<string>();
  for (const c of lex.verbCues) for (const f of c.forms) {
    const p = phraseOf(f);
    if (p.length === 1 && p[0]) verbWordSet.add(p[0]);
  }
  const complementFirstWords = new Set<string>();
  for (const list of [...verbCues.values(), ...participleCues.values()])
    for (const c of list) for (const comp of c.complements) if (comp[0]) complementFirstWords.add(comp[0]);
  const multi = (xs: readonly string[]) => phrasesOf(xs).filter((p) => p.length > 1);
  return {
    language: lex.language,
    wordOrder: lex.wordOrder,
    lex,
    verbCues,
    participleCues,
    verbWordSet,
    sourceCues: phrasesOf(lex.sourceCues),
    impersonalForms: setOf(lex.impersonalForms),
    circumstanceOpeners: phrasesOf(lex.circumstanceOpeners),
    reportVerbs: setOf(lex.reportVerbs),
    reportSaying: setOf(lex.reportSaying),
    subjectFirstAux: setOf(lex.subjectFirstAux),
    timeWords: setOf(lex.timeWords),
    sourceLabels: setOf(lex.sourceLabels),
    statementVenues: setOf(lex.statementVenues),
    statementFrames: setOf(lex.statementFrames ?? []),
    documentNouns: setOf(lex.documentNouns ?? []),
    issuingVerbs: setOf(lex.issuingVerbs ?? []),
    resumptiveWords: setOf(lex.resumptiveWords ?? []),
    cuePrefixes: lex.cuePrefixes.map(foldKey),
    cueLeadWords: setOf(lex.cueLeadWords),
    preCueParticles: phrasesOf(lex.preCueParticles),
    clauseConnectors: phrasesOf(lex.clauseConnectors),
    relativePronouns: setOf(lex.relativePronouns),
    parentheticalOpeners: setOf([...lex.relativePronouns, ...(lex.parentheticalOpeners ?? [])]),
    pronouns: setOf(lex.pronouns),
    roleNouns: setOf(lex.roleNouns),
    rolePhrases: multi(lex.roleNouns),
    institutionHeads: setOf(lex.institutionHeads),
    institutionPhrases: multi(lex.institutionHeads),
    unnamedHeads: setOf(lex.unnamedHeads),
    nameParticles: setOf(lex.nameParticles),
    functionWords: setOf(lex.functionWords),
    skippableAdverbs: setOf(lex.skippableAdverbs),
    outletKeywords: lex.outletKeywords
      .map((k) => ({ words: phraseOf(k.word), kind: k.kind }))
      .sort((a, b) => b.words.length - a.words.length),
    interviewMarkers: phrasesOf(lex.interviewMarkers),
    audienceWords: phrasesOf(lex.audienceWords),
    futureMarkers: phrasesOf(lex.futureMarkers),
    evaluativeWords: setOf(lex.evaluativeWords),
    evaluativePhrases: multi(lex.evaluativeWords),
    questionWords: setOf(lex.questionWords),
    labelWords: setOf(lex.labelWords),
    bylineMarkers: phrasesOf(lex.bylineMarkers),
    teaserMarkers: phrasesOf(lex.teaserMarkers),
    shareMarkers: phrasesOf(lex.shareMarkers),
    photoMarkers: phrasesOf(lex.photoMarkers),
    months: setOf(lex.months),
    comparisonWords: setOf(lex.comparisonWords),
    quantityPhrases: phrasesOf(lex.quantityWords),
    complementFirstWords,
  };
}

const cache = new Map<Language, Prepared>();
const LEXICONS: Record<Language, LanguageLexicon> = { ar, en, fr };

export function preparedLexicon(language: Language): Prepared {
  let p = cache.get(language);
  if (!p) {
    p = prepare(LEXICONS[language]);
    cache.set(language, p);
  }
  return p;
}

export const CHANNEL_HOSTS = channelHosts;
