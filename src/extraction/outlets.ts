import type { OutletKind } from './types.ts';
import type { Normalized } from './normalize.ts';
import { toOriginal } from './normalize.ts';
import type { Phrase, Prepared } from './prepared.ts';
import { CHANNEL_HOSTS } from './prepared.ts';
import type { Token } from './tokens.ts';
import { matchAny } from './tokens.ts';
import { arabicStem, isArabicDefinite } from './arabic.ts';
import type { KnownMatch } from './gazetteer.ts';
import { isNotNews, knownOutletAt, outletByName } from './gazetteer.ts';
import type { OutletContext } from './outlet-context.ts';
import { outletContextFor, constructionBefore, anaphorAt, stateMediaAt, descriptorEnd, ledByOutletWord } from './outlet-context.ts';

export { knownOutletAt } from './gazetteer.ts';

// Outlets named in the text: a name from the gazetteer, a keyword ("صحيفة",
// "news agency", "le quotidien") followed by a name, generic state media, or
// a definite outlet noun ("الوكالة", "the agency") standing for the last one.

/** How the words before an outlet tie it to a statement. */
export type OutletConstruction = 'relay' | 'interview' | null;

export interface OutletMention {
  name: string;
  kind: OutletKind;
  /** Token range of the whole mention (keyword included). */
  tokStart: number;
  tokEnd: number;
  /** Original-text surface of the name as written. */
  surface: string;
  /** Gazetteer name when the outlet is known (one identity across scripts). */
  canonical: string | null;
  construction: OutletConstruction;
  /** "الوكالة", "the agency": stands for the outlet named last, resolved by `resolveAnaphors`. */
  anaphor: OutletKind | 'any' | null;
}

export interface OutletRef {
  name: string;
  kind: OutletKind;
  url: string | null;
  surface: string;
}

// Unquoted Arabic names are only trusted after these keywords; "موقع" and
// "شبكة" are too often ordinary nouns ("location", "network").
const STRONG_AR_KEYWORDS = new Set(['صحيفه', 'جريده', 'مجله', 'اذاعه', 'تلفزيون', 'قناه']);
// After a bare "وكالة" an unknown unquoted name is a government agency ("وكالة الفضاء") unless it says news.
const AR_NEWS_SUFFIXES = new Set(['للانباء', 'الاخباريه', 'الانباء', 'انباء']);

function surfaceOf(norm: Normalized, tokens: readonly Token[], a: number, b: number): string {
  const s = tokens[a];
  const e = tokens[b - 1];
  if (!s || !e || b <= a) return '';
  const [os, oe] = toOriginal(norm, s.start, e.end);
  return norm.original.slice(os, oe);
}

/** Canonical known outlet for a free-form name ("Sputnik", "رويترز"), if any. */
export function canonicalOutlet(name: string, lex?: Prepared): { name: string; kind: OutletKind; canonical: string } | null {
  void lex;
  const alias = outletByName(name);
  return alias ? { name: alias.display, kind: alias.outlet.kind, canonical: alias.outlet.name } : null;
}

/** Outlet keyword at token i, with Arabic clitics (ل، ب، و، ال) tolerated. */
const keywordPhrases = new WeakMap<Prepared, Phrase[]>();

function keywordAt(tokens: readonly Token[], i: number, lex: Prepared): { end: number; kind: OutletKind; key: string } | null {
  let phrases = keywordPhrases.get(lex);
  if (!phrases) keywordPhrases.set(lex, (phrases = lex.outletKeywords.map((k) => k.words)));
  const m = matchAny(tokens, i, phrases);
  if (m) {
    const kw = lex.outletKeywords.find((k) => k.words === m.phrase)!;
    return { end: m.end, kind: kw.kind, key: m.phrase.join(' ') };
  }
  const t = tokens[i];
  if (!t || !t.word || lex.language !== 'ar') return null;
  let k = t.key;
  if (/^[لبو]/.test(k) && k.length > 4) {
    const rest = k.slice(1);
    if (lex.outletKeywords.some((x) => x.words.length === 1 && (x.words[0] === rest || 'ال' + x.words[0] === rest))) k = rest;
  }
  k = arabicStem(k);
  const kw = lex.outletKeywords.find((x) => x.words.length === 1 && x.words[0] === k);
  if (!kw) return null;
  // "وكالة أنباء", "وكالة الأنباء" written with a glued preposition ("لوكالة الأنباء").
  const next = tokens[i + 1];
  if (k === 'وكاله' && next && (next.key === 'الانباء' || next.key === 'انباء')) return { end: i + 2, kind: 'agency', key: 'وكاله ' + next.key };
  return { end: i + 1, kind: kw.kind, key: k };
}

function isNationalityAdjective(key: string): boolean {
  // "اللبنانية", "الأمريكي", "البريطانية": definite nisba adjectives
  return isArabicDefinite(key) && /(?:يه|ي|يون|يين)$/.test(key);
}

function knownMention(m: KnownMatch, a: number, end: number, norm: Normalized, tokens: readonly Token[]): OutletMention {
  return { name: m.name, kind: m.outlet.kind, tokStart: a, tokEnd: end, surface: surfaceOf(norm, tokens, a, m.end), canonical: m.outlet.name, construction: null, anaphor: null };
}

function namedMention(name: string, kind: OutletKind, a: number, end: number, surface: string, canonical: string | null = null): OutletMention {
  return { name, kind, tokStart: a, tokEnd: end, surface, canonical, construction: null, anaphor: null };
}

/** One outlet mention starting at token i, or null. */
function mentionAt(tokens: readonly Token[], i: number, to: number, lex: Prepared, norm: Normalized, ctx: OutletContext): OutletMention | null {
  // لـ"الغد": an unknown outlet quoted right after the preposition "to".
  if (lex.language === 'ar' && tokens[i]!.key === 'ل' && tokens[i + 1]?.text === '"' && constructionBefore(tokens, i + 1, ctx, lex)?.strong) {
    const m = nameAfterKeyword(tokens, i + 1, to, lex, norm, '');
    if (m) return namedMention(m.name, m.kind ?? 'website', i, m.end, m.surface, m.canonical);
  }
  const kw = keywordAt(tokens, i, lex);
  const known = knownInContext(tokens, i, ctx, lex);
  if (known && (!kw || known.end > kw.end)) return extendKnown(knownMention(known, i, known.end, norm, tokens), tokens, to, lex, norm, ctx);
  // "the Daily Example newspaper": a capitalised keyword opening a name followed by its own keyword.
  const named = lex.language !== 'ar' && kw ? latinNameBeforeKeyword(tokens, i, to, lex, norm) : null;
  if (named) return named;
  if (kw) {
    const m = nameAfterKeyword(tokens, kw.end, to, lex, norm, kw.key);
    if (m) {
      // "وكالة الأنباء الكينية": the description is the name.
      const name = m.withKeyword ? surfaceOf(norm, tokens, i, m.end) : m.name;
      return namedMention(name, m.kind ?? kw.kind, i, m.end, m.withKeyword ? name : m.surface, m.canonical);
    }
  }
  const state = stateMediaAt(tokens, i, ctx);
  if (state) return namedMention(surfaceOf(norm, tokens, i, state.end), state.kind, i, state.end, surfaceOf(norm, tokens, i, state.end));
  const anaphor = anaphorAt(tokens, i, to, ctx, lex);
  if (anaphor) return { ...namedMention('', anaphor.kind === 'any' ? 'website' : anaphor.kind, i, anaphor.end, ''), anaphor: anaphor.kind };
  if (lex.language !== 'ar') return latinNameBeforeKeyword(tokens, i, to, lex, norm) ?? latinNameInConstruction(tokens, i, to, lex, norm, ctx);
  return null;
}

/** Known outlet at i; a spelling that is also an ordinary word only after an explicit construction ("told", "وفقا لما نقلته"). */
function knownInContext(tokens: readonly Token[], i: number, ctx: OutletContext, lex: Prepared): KnownMatch | null {
  const plain = knownOutletAt(tokens, i, false);
  if (plain) return plain;
  const any = knownOutletAt(tokens, i, true);
  return any && constructionBefore(tokens, i, ctx, lex)?.strong ? any : null;
}

/** A known name followed by descriptions or by its acronym: "وكالة الأنباء السورية الرسمية (سانا)", "the Guardian newspaper". */
function extendKnown(m: OutletMention, tokens: readonly Token[], to: number, lex: Prepared, norm: Normalized, ctx: OutletContext): OutletMention {
  let end = descriptorEnd(tokens, m.tokEnd, to, ctx);
  const acronym = bracketedName(tokens, end, to, norm);
  if (acronym?.known?.outlet.name === m.canonical) end = acronym.end;
  else if (lex.language !== 'ar') {
    const after = keywordAt(tokens, end, lex);
    if (after) end = after.end;
  }
  return { ...m, tokEnd: Math.max(m.tokEnd, end) };
}

/** A name in quotes or brackets at token i: `"بترا"`, `(سانا)`, `، واع،`. */
function bracketedName(tokens: readonly Token[], i: number, to: number, norm: Normalized): { known: KnownMatch | null; surface: string; end: number } | null {
  const open = tokens[i];
  if (!open || open.word) return null;
  const close = open.text === '(' ? ')' : open.text === '"' ? '"' : open.text === '،' || open.text === ',' ? open.text : null;
  if (!close) return null;
  // "لصحيفة "#الغارديان"": a hashtag sign before the name is not part of it.
  const first = tokens[i + 1]?.text === '#' ? i + 2 : i + 1;
  let c = first;
  while (c < to && c - i <= 5 && tokens[c]!.text !== close) c++;
  if (c >= to || tokens[c]!.text !== close || c === first) return null;
  const known = knownOutletAt(tokens, first, true);
  if (close !== ')' && close !== '"' && known?.end !== c) return null;
  return { known: known && known.end === c ? known : null, surface: surfaceOf(norm, tokens, first, c), end: c + 1 };
}

const INDEFINITE = new Set(['a', 'an', 'un', 'une', 'another', 'one']);

/** "the Daily Star newspaper", "Interfax news agency": capitalised words, then a keyword. */
function latinNameBeforeKeyword(tokens: readonly Token[], i: number, to: number, lex: Prepared, norm: Normalized): OutletMention | null {
  const t = tokens[i]!;
  if (!t.word || !/^\p{Lu}/u.test(t.text)) return null;
  // "a Russian television station", "une radio locale": a description, not a name.
  if (INDEFINITE.has(tokens[i - 1]?.key ?? '')) return null;
  let e = i;
  while (e < to && tokens[e]!.word && /^\p{Lu}/u.test(tokens[e]!.text) && e - i < 4) e++;
  const after = keywordAt(tokens, e, lex);
  if (!after || e === i) return null;
  const name = surfaceOf(norm, tokens, i, e);
  return namedMention(name, after.kind, i, after.end, name);
}

/** "told the Daily Example", "au Courrier picard": an unknown capitalised name right after an interview or relay construction. */
function latinNameInConstruction(tokens: readonly Token[], i: number, to: number, lex: Prepared, norm: Normalized, ctx: OutletContext): OutletMention | null {
  const prev = tokens[i - 1];
  // Only after an article ("the", "au", "à la"): people take none, so "told Smith" is not an outlet.
  if (!prev || !['the', 'au', 'la', "l'", 'le'].includes(prev.key) || !/^\p{Lu}/u.test(tokens[i]!.text) || !ledByOutletWord(tokens, i, ctx)) return null;
  const m = capitalisedRun(tokens, i, to, lex);
  if (!m || isNotNews(tokens.slice(i, m).map((t) => t.text))) return null;
  // "told the Senate committee", "au Conseil": institutions and audiences are not outlets.
  const head = tokens[i]!.key;
  if (lex.institutionHeads.has(head) || lex.audienceWords.some((w) => w.length === 1 && w[0] === head)) return null;
  const name = surfaceOf(norm, tokens, i, m);
  return namedMention(name, 'newspaper', i, m, name);
}

/** Capitalised words (with name particles inside) from i; the end, or null. */
function capitalisedRun(tokens: readonly Token[], i: number, to: number, lex: Prepared): number | null {
  let e = i;
  while (e < to && e - i < 5 && tokens[e]!.word && (/^\p{Lu}/u.test(tokens[e]!.text) || lex.nameParticles.has(tokens[e]!.key) || /^\d+$/.test(tokens[e]!.key))) e++;
  while (e > i && !/^\p{Lu}|^\d/u.test(tokens[e - 1]!.text)) e--;
  return e > i ? e : null;
}

/**
 * Every outlet mentioned in tokens [from, to), with the construction that ties it to a statement.
 * Anaphoric mentions ("الوكالة") are included on request; `resolveAnaphors` names them.
 */
export function findOutletMentions(tokens: readonly Token[], from: number, to: number, lex: Prepared, norm: Normalized, withAnaphors = false): OutletMention[] {
  const ctx = outletContextFor(lex.language);
  const out: OutletMention[] = [];
  for (let i = from; i < to; i++) {
    if (!tokens[i]!.word && tokens[i]!.text !== '"') continue;
    const m = mentionAt(tokens, i, to, lex, norm, ctx);
    if (!m || (m.anaphor && !withAnaphors)) continue;
    out.push({ ...m, construction: constructionBefore(tokens, m.tokStart, ctx, lex)?.kind ?? null });
    i = m.tokEnd - 1;
  }
  return out;
}

/** Gives each anaphoric mention ("الوكالة", "the agency") the outlet named last before it, sentence after sentence. */
export class OutletAnaphors {
  private last = new Map<string, OutletMention>();

  /** The mentions of the next sentence (in text order), anaphors named, those with no antecedent dropped. */
  resolve(mentions: readonly OutletMention[]): OutletMention[] {
    const out: OutletMention[] = [];
    for (const m of mentions) {
      if (!m.anaphor) {
        this.last.set(m.kind, m);
        this.last.set('any', m);
        out.push(m);
        continue;
      }
      const target = this.last.get(m.anaphor);
      if (target) out.push({ ...m, name: target.name, kind: target.kind, canonical: target.canonical, surface: target.surface });
    }
    return out;
  }
}

function nameAfterKeyword(
  tokens: readonly Token[],
  at: number,
  to: number,
  lex: Prepared,
  norm: Normalized,
  keyword: string,
): NamedAfterKeyword | null {
  const i = at;
  const t0 = tokens[i];
  if (!t0) return null;
  const quoted = bracketedName(tokens, i, to, norm);
  if (quoted && t0.text === '"') {
    if (isNotNews(tokens.slice(i + 1, quoted.end - 1).filter((t) => t.word).map((t) => t.text))) return null;
    return fromBracketed(quoted);
  }
  const known = knownOutletAt(tokens, i, true);
  if (known) return { name: known.name, kind: known.outlet.kind, end: known.end, surface: surfaceOf(norm, tokens, i, known.end), canonical: known.outlet.name };
  if (!t0.word) return null;
  if (/^\p{Lu}/u.test(t0.text)) {
    const e = capitalisedRun(tokens, i, to, lex);
    if (e === null || isNotNews(tokens.slice(i, e).map((t) => t.text))) return null;
    return { name: surfaceOf(norm, tokens, i, e), end: e, surface: surfaceOf(norm, tokens, i, e), canonical: null };
  }
  if (lex.language !== 'ar') return null;
  return arabicNameAfterKeyword(tokens, i, to, lex, norm, keyword);
}

interface NamedAfterKeyword {
  name: string;
  kind?: OutletKind;
  end: number;
  surface: string;
  canonical: string | null;
  /** The keyword is part of the name ("وكالة الأنباء الكينية"). */
  withKeyword?: boolean;
}

function fromBracketed(b: { known: KnownMatch | null; surface: string; end: number }): NamedAfterKeyword {
  return { name: b.known ? b.known.name : b.surface, kind: b.known?.outlet.kind, end: b.end, surface: b.surface, canonical: b.known?.outlet.name ?? null };
}

function arabicNameAfterKeyword(tokens: readonly Token[], i: number, to: number, lex: Prepared, norm: Normalized, keyword: string): NamedAfterKeyword | null {
  const head = keyword.split(' ')[0] ?? '';
  const newsAgency = keyword.includes('انباء');
  if (!STRONG_AR_KEYWORDS.has(head) && !(head === 'وكاله')) return null;
  // "وكالة الأنباء السورية (سانا)", `وكالة الأنباء الرسمية "بترا"`: a description, then the name in brackets or quotes.
  for (let k = i; k < Math.min(to, i + 5); k++) {
    const t = tokens[k]!;
    if (!t.word) {
      const b = bracketedName(tokens, k, to, norm);
      if (b && (t.text === '(' || t.text === '"' || b.known)) return b.known || !isNotNews(b.surface.split(/\s+/)) ? fromBracketed(b) : null;
      break;
    }
    if (lex.functionWords.has(t.key)) break;
  }
  if (newsAgency) {
    // "وكالة الأنباء الكينية": nationality adjectives name the national agency; other words only describe it.
    let n = i;
    while (n < to && isNationalityAdjective(tokens[n]!.key)) n++;
    return n > i ? { name: '', end: n, surface: '', canonical: null, withKeyword: true } : null;
  }
  // Unquoted Arabic name: a few words, minus trailing nationality adjectives.
  let e = i;
  const ctx = outletContextFor(lex.language);
  // "قناة الفجر مقابلة": interview and relay words start the construction, not the name.
  const isVerb = (key: string): boolean => lex.verbWordSet.has(key) || lex.reportVerbs.has(key) || ctx.interviewWords.has(key) || ctx.relayWords.has(key);
  const ends = (t: Token): boolean =>
    !t.word || lex.functionWords.has(t.key) || lex.complementFirstWords.has(t.key) || isVerb(t.key) || isVerb(t.key.replace(/^[وف]/, '')) || lex.timeWords.has(t.key);
  while (e < to && e - i < 3 && !ends(tokens[e]!)) e++;
  while (e > i + 1 && isNationalityAdjective(tokens[e - 1]!.key)) e--;
  if (e === i || isNationalityAdjective(tokens[i]!.key)) return null;
  // A generic word after the keyword ("وكالة أنباء", "قناة فضائية") is not a name.
  if (e - i === 1 && /(?:يه)$/.test(tokens[i]!.key) && !isArabicDefinite(tokens[i]!.key)) return null;
  if (head === 'وكاله' && !newsAgency && !AR_NEWS_SUFFIXES.has(tokens[e]?.key ?? '')) return null;
  if (isNotNews(tokens.slice(i, e).map((t) => t.key))) return null;
  return { name: surfaceOf(norm, tokens, i, e), end: e, surface: surfaceOf(norm, tokens, i, e), canonical: null };
}

/** Outlet for a distribution link ("https://t.me/NAME"). */
export function channelFromUrl(url: string): OutletRef | null {
  const m = /^(?:https?:\/\/)?(?:www\.)?([^/\s?#]+)\/+(?:s\/|@)?([^/\s?#]+)/i.exec(url);
  if (!m || !m[1] || !m[2]) return null;
  const host = m[1].toLowerCase();
  const ch = CHANNEL_HOSTS.find((h) => h.host === host);
  if (!ch) return null;
  return { name: m[2], kind: ch.kind, url, surface: m[2] };
}
