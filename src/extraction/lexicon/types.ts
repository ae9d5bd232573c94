import type { Language, OutletKind } from '../types.ts';

// Lexicon entries are written the way they appear in print (with hamza,
// accents, ta marbuta...). The engine folds them with the same rules as the
// text, so contributors never need to write folded spellings.

/** What an attribution cue says about the statement it introduces. */
export type CueHint = 'statement' | 'opinion' | 'prediction' | 'question' | 'denial' | 'warning';

export interface VerbCue {
  /** Every surface form to recognise: tenses, genders, auxiliaries ("a déclaré"). */
  forms: string[];
  /** Words that open the reported content after the speaker ("أن", "إلى أن", "that"). */
  complements: string[];
  hint: CueHint;
  /** May the content follow the verb directly without a complement ("X denied the report")? */
  directObject?: boolean;
  /**
   * Word beginnings that open the content after the verb's object, a preposition glued to a
   * verbal noun: "اتهم X الحكومة بالتلاعب" (بال، بت، بم …). A bare "بـ" token also opens it.
   */
  gluedOpeners?: string[];
  /**
   * The phrase after the verb must open with a document noun, which then speaks for its issuer:
   * "جاء في بيان الوزارة أن" (and not "جاء في المرتبة الثانية").
   */
  documentSubject?: boolean;
}

export interface ChannelHost {
  /** Host as it appears in URLs, without "www.". */
  host: string;
  kind: OutletKind;
}

export interface LanguageLexicon {
  language: Language;
  /** Arabic puts the speaker after the verb; English and French before it (except in inversions). */
  wordOrder: 'VSO' | 'SVO';
  verbCues: VerbCue[];
  /**
   * Verb forms that, with no speaker after them, are impersonal/passive
   * hedges rather than continuations ("يُعتقد أن" = it is believed that).
   */
  impersonalForms: string[];
  /** Nouns after "في" that end a speaker phrase ("في بيان", "في مقابلة"). */
  statementVenues: string[];
  /**
   * Nouns after "في" that frame the moment of the statement and also end a speaker phrase
   * ("في ختام تقريرها", "في نهاية الاجتماع").
   */
  statementFrames?: string[];
  /**
   * Documents and data that speak for whoever issued them ("بيانات المعهد", "معطيات الوزارة",
   * "التقرير"): the speaker is the issuer named after them, or the organisation last quoted.
   */
  documentNouns?: string[];
  /**
   * Verbs (and their verbal nouns) that issue a document or a statement: "أصدرت الحركة بيانا",
   * "رفع X دعوى", "كتب ترامب تغريدة". A cue inside the document's clause ("بيانا قالت فيه")
   * speaks for the subject of these verbs.
   */
  issuingVerbs?: string[];
  /** Prepositions with a pronoun pointing back to that document ("قالت فيها"). */
  resumptiveWords?: string[];
  /** Auxiliaries that put the subject before the cue: "وكان X قد قال". */
  subjectFirstAux: string[];
  /** Time expressions that can sit inside a speaker slot ("قال أمس", "الأسبوع الماضي"). */
  timeWords: string[];
  /** Line labels naming the source of the story ("المصدر:", "Source:"). */
  sourceLabels: string[];
  /** "نقلت وكالة X عن Y": an outlet relaying a speaker; the word after the outlet is عن. */
  reportVerbs: string[];
  /** "قوله"/"قولها" after the relayed speaker ("عن مصدر قوله إن"). */
  reportSaying: string[];
  /** After a comma, phrases that only add circumstances; a claim ends before them (", in a move aimed at"). */
  circumstanceOpeners: string[];
  /** Prepositional attributions: "according to", "بحسب", "selon". */
  sourceCues: string[];
  /** Mid-sentence continuations by the same speaker: "مضيفا أن", "adding that". */
  participleCues: VerbCue[];
  /** Conjunctions glued to the cue verb and kept in the claim span (و، ف). */
  cuePrefixes: string[];
  /** Free-standing words that open the claim together with the cue (كما). */
  cueLeadWords: string[];
  /** Particles that may precede a cue but are not part of the claim (قد، فقد). */
  preCueParticles: string[];
  /** Connectors after a comma that start a new claim by the same speaker. */
  clauseConnectors: string[];
  /** Relative pronouns that let a cue take its speaker from the noun before them. */
  relativePronouns: string[];
  /**
   * Besides relative pronouns, words opening a parenthetical clause between commas that may sit
   * between a speaker and the complement: "وقال X، وهو …، إن".
   */
  parentheticalOpeners?: string[];
  /** Words or noun phrases that refer back to the last speaker. */
  pronouns: string[];
  /** Words that introduce a person by function: expert, minister, spokesperson. */
  roleNouns: string[];
  /** Heads of organisation names: ministry, army, council. */
  institutionHeads: string[];
  /** Heads of anonymous sources: sources, officials, witnesses. */
  unnamedHeads: string[];
  /** Lower-case particles allowed inside personal names (de, van, bin). */
  nameParticles: string[];
  /** Words that can never be part of a name or a speaker phrase. */
  functionWords: string[];
  /** Adverbs that may sit between a speaker and the cue ("also", "later"). */
  skippableAdverbs: string[];
  outletKeywords: { word: string; kind: OutletKind }[];
  /** Words marking that the outlet talked to the speaker (interview, told). */
  interviewMarkers: string[];
  /** Objects of "told" that are audiences rather than outlets. */
  audienceWords: string[];
  futureMarkers: string[];
  evaluativeWords: string[];
  questionWords: string[];
  stopWords: string[];
  /** Label words before a colon that are not speakers ("Source:", "Photo:"). */
  labelWords: string[];
  bylineMarkers: string[];
  teaserMarkers: string[];
  shareMarkers: string[];
  photoMarkers: string[];
  months: string[];
  /** Comparison words that make a statement measurable ("more than", "أكثر"). */
  comparisonWords: string[];
  quantityWords: string[];
}
