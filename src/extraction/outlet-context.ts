import type { Language, OutletKind } from './types.ts';
import type { Phrase, Prepared } from './prepared.ts';
import { phraseOf } from './prepared.ts';
import type { Token } from './tokens.ts';
import { matchAny } from './tokens.ts';
import { outletContext } from './lexicon/outlet-context.ts';
import { knownOutletAt } from './gazetteer.ts';

// Reading the words around an outlet name: the construction that ties it to
// a statement, descriptions after it, anaphoric outlet nouns, state media.

export interface OutletContext {
  relayWords: Set<string>;
  interviewWords: Set<string>;
  linkWords: Set<string>;
  speechVerbs: Set<string>;
  toWords: Set<string>;
  unknownNameLeads: Set<string>;
  anaphors: { words: Phrase; kind: OutletKind | 'any' }[];
  descriptors: Phrase[];
  stateMedia: Phrase[];
  /** First words of state-media phrases and every prefixed form of the Arabic anaphors, for a one-lookup first check. */
  stateMediaFirst: Set<string>;
  anaphorForms: Set<string>;
  anaphorPhrases: Phrase[];
  otherVenues: Set<string>;
}

const cache = new Map<Language, OutletContext>();

const byLength = (xs: Phrase[]): Phrase[] => xs.filter((p) => p.length > 0).sort((a, b) => b.length - a.length);

export function outletContextFor(language: Language): OutletContext {
  let c = cache.get(language);
  if (c) return c;
  const lex = outletContext[language];
  const words = (xs: readonly string[]) => new Set(xs.flatMap((x) => phraseOf(x)));
  c = {
    relayWords: words(lex.relayWords),
    interviewWords: words(lex.interviewWords),
    linkWords: words(lex.linkWords),
    speechVerbs: words(lex.speechVerbs),
    toWords: words(lex.toWords),
    unknownNameLeads: words(lex.unknownNameLeads),
    anaphors: lex.anaphors.map((a) => ({ words: phraseOf(a.phrase), kind: a.kind })).sort((a, b) => b.words.length - a.words.length),
    descriptors: byLength(lex.descriptors.map(phraseOf)),
    stateMedia: byLength(lex.stateMedia.map(phraseOf)),
    stateMediaFirst: new Set(lex.stateMedia.map((p) => phraseOf(p)[0] ?? '')),
    anaphorPhrases: [],
    anaphorForms: new Set(lex.anaphors.flatMap((a) => prefixedForms(phraseOf(a.phrase)[0] ?? ''))),
    otherVenues: words(lex.otherVenues),
  };
  c.anaphorPhrases = c.anaphors.map((a) => a.words);
  cache.set(language, c);
  return c;
}

const WINDOW = 5;

/** "الوكالة" with the clitics it is written with: والوكالة، فالوكالة، للوكالة، بالوكالة، وللوكالة. */
function prefixedForms(word: string): string[] {
  if (!word.startsWith('ال')) return [word];
  const lil = 'لل' + word.slice(2);
  return [word, 'و' + word, 'ف' + word, 'ب' + word, 'وب' + word, lil, 'و' + lil, 'ف' + lil];
}

/** Arabic key without a glued preposition or conjunction ("لشبكة" → "شبكة"), and whether a lam ("to") was glued. */
function bareKey(t: Token, lex: Prepared): { key: string; lam: boolean } {
  if (lex.language !== 'ar' || t.key.length < 4) return { key: t.key, lam: false };
  const m = /^(?:[وف]?)(ل|ب)?(.*)$/.exec(t.key)!;
  const rest = m[2]!;
  const key = m[1] === 'ل' && rest.startsWith('ل') ? 'ا' + rest : rest;
  return { key: key.length >= 3 ? key : t.key, lam: m[1] === 'ل' };
}

export interface Construction {
  kind: 'relay' | 'interview';
  /** Named by an explicit word ("according to", "مقابلة", "قال لـ"), not just a preposition: enough to trust an ambiguous name. */
  strong: boolean;
}

/**
 * "told the BBC", "وفقا لما نقلته وكالة X", "a déclaré à BFMTV": the words just
 * before the outlet at token `at`, read backwards over small linking words.
 * A bare "to" (لـ، à, au) with no other cue still means the outlet was spoken to.
 */
export function constructionBefore(tokens: readonly Token[], at: number, ctx: OutletContext, lex: Prepared): Construction | null {
  let toOutlet = lamOnOutlet(tokens, at, lex);
  let quoted = false;
  for (let k = at - 1; k >= 0 && k >= at - WINDOW; k--) {
    const t = tokens[k]!;
    if (!t.word) {
      if (t.text === '"' || t.text === '(' || t.text === '«') {
        quoted = true;
        continue;
      }
      break;
    }
    const { key } = bareKey(t, lex);
    const has = (set: Set<string>): boolean => set.has(t.key) || set.has(key);
    if (has(ctx.relayWords)) return { kind: 'relay', strong: true };
    if (has(ctx.interviewWords)) return { kind: 'interview', strong: true };
    if (has(ctx.speechVerbs)) return toOutlet ? { kind: 'interview', strong: true } : null;
    if (ctx.toWords.has(t.key)) toOutlet = true;
    if (!has(ctx.linkWords)) break;
  }
  return toOutlet ? { kind: 'interview', strong: quoted } : null;
}

/** "in an interview with the X", "publié par le X": a lead word shortly before token `at`, over linking words only. */
export function ledByOutletWord(tokens: readonly Token[], at: number, ctx: OutletContext): boolean {
  for (let k = at - 1; k >= 0 && k >= at - WINDOW; k--) {
    const t = tokens[k]!;
    if (!t.word) return false;
    if (ctx.unknownNameLeads.has(t.key)) return true;
    if (!ctx.linkWords.has(t.key)) return false;
  }
  return false;
}

/** "لوكالة", "للأناضول", "لبي بي سي": the preposition "to" glued to the outlet at token `at` (not "لوموند", a name that starts with lam). */
function lamOnOutlet(tokens: readonly Token[], at: number, lex: Prepared): boolean {
  const t = tokens[at];
  if (!t || lex.language !== 'ar' || !t.key.startsWith('ل')) return false;
  const known = knownOutletAt(tokens, at, true);
  if (known) return known.prefixed;
  const rest = t.key.slice(1);
  return lex.outletKeywords.some((k) => k.words.length === 1 && (k.words[0] === rest || 'ال' + k.words[0] === 'ا' + rest));
}

/** "الوكالة", "the agency", "le quotidien" standing alone for an outlet already named. */
export function anaphorAt(tokens: readonly Token[], i: number, to: number, ctx: OutletContext, lex: Prepared): { end: number; kind: OutletKind | 'any' } | null {
  const t = tokens[i]!;
  let end = -1;
  let kind: OutletKind | 'any' = 'any';
  if (lex.language === 'ar') {
    if (!ctx.anaphorForms.has(t.key)) return null;
    const bare = 'ال' + t.key.replace(/^[وف]?(?:ب?ال|لل)/, '');
    const a = ctx.anaphors.find((x) => x.words[0] === bare);
    if (!a) return null;
    end = i + 1;
    kind = a.kind;
  } else {
    const m = matchAny(tokens, i, ctx.anaphorPhrases);
    if (!m) return null;
    end = m.end;
    kind = ctx.anaphors.find((x) => x.words === m.phrase)!.kind;
  }
  const next = tokens[end];
  // "الوكالة الدولية للطاقة", "the agency's chief", "the newspaper Le Monde": not standing alone.
  if (next && end < to && next.word) {
    if (lex.language === 'ar' ? /^ال/.test(next.key) && !['الي', 'التي', 'الذي', 'اليوم'].includes(next.key) : /^\p{Lu}/u.test(next.text) || next.key === "'s") return null;
  }
  if (next && next.text === '"') return null;
  return { end, kind };
}

/** Descriptions right after an outlet name ("الرسمية", "التلفزيونية الأمريكية"): the end of the run. */
export function descriptorEnd(tokens: readonly Token[], from: number, to: number, ctx: OutletContext): number {
  let e = from;
  for (;;) {
    if (e >= to) return e;
    const m = matchAny(tokens, e, ctx.descriptors);
    if (m) {
      e = m.end;
      continue;
    }
    const t = tokens[e]!;
    // nationality adjectives: "السعودية", "الأمريكية"
    if (t.word && /^ال.*(?:يه|ي)$/.test(t.key) && t.key.length > 4) {
      e++;
      continue;
    }
    return e;
  }
}

/** "state television", "التلفزيون الرسمي": state media named by what they are. */
export function stateMediaAt(tokens: readonly Token[], i: number, ctx: OutletContext): { end: number; kind: OutletKind } | null {
  if (!ctx.stateMediaFirst.has(tokens[i]?.key ?? '')) return null;
  const m = matchAny(tokens, i, ctx.stateMedia);
  if (!m) return null;
  return { end: m.end, kind: m.phrase.some((w) => /agency|وكاله|agence/.test(w)) ? 'agency' : 'broadcaster' };
}

/** Does tokens [a, b) name a venue other than an outlet ("في بيان", "at a news conference")? */
export function namesOtherVenue(tokens: readonly Token[], a: number, b: number, ctx: OutletContext, lex: Prepared): boolean {
  for (let i = a; i < b; i++) {
    const t = tokens[i]!;
    if (t.word && (ctx.otherVenues.has(t.key) || ctx.otherVenues.has(bareKey(t, lex).key))) return true;
  }
  return false;
}
