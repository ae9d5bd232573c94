import type { CueHint } from './lexicon/types.ts';
import type { Prepared, PreparedCue } from './prepared.ts';
import type { Token } from './tokens.ts';
import { matchAny, matchPhrase, stripConjunction } from './tokens.ts';
import { arabicStem, isArabicDefinite } from './arabic.ts';

// What the cue finders of every language share: the cue record, punctuation tests, verb and
// source matching, complements after a speaker phrase, participle and source cues.

export type CueType = 'verb' | 'participle' | 'source' | 'colon';

export interface CueMatch {
  type: CueType;
  hint: CueHint;
  /** Token range of the cue words themselves (verb, auxiliary, "according to"). */
  cueTok: number;
  cueEndTok: number;
  /** Folded offset where the claim may start (leading و, كما, French auxiliary included). */
  claimStart: number;
  /** Folded offsets of the cue as reported (conjunction prefix excluded). */
  cueStart: number;
  cueEnd: number;
  /** Token range of the speaker phrase; empty when the speaker is implicit (pronoun continuation). */
  npStart: number;
  npEnd: number;
  /** First token of the reported content (the complement after "أن"/"that", or the quote). */
  contentTok: number;
  /** Token range between speaker and complement: "لـ سبوتنيك", "told CNN", "in an interview with X". */
  ppStart: number;
  ppEnd: number;
  /** How an outlet found in [ppStart, ppEnd) relates: it interviewed the speaker, or relays them. */
  ppRole: 'interview' | 'original';
  /** Speaker is the noun phrase before a relative pronoun ("الخبير الذي لفت"). */
  relative: boolean;
  /** The content precedes the cue: "\"Q,\" he said", "S, according to X". */
  contentBefore: boolean;
  /** The cue sat at the very start of the sentence or clause. */
  leading: boolean;
  /** The cue word was split off a glued token. */
  glued: boolean;
}

const MAX_SOURCE_NP = 7;

export function isTerminalToken(t: Token | undefined): boolean {
  return !!t && !t.word && /^[.!?\u061f\u2026]$/.test(t.text);
}

export function isComma(t: Token | undefined): boolean {
  return !!t && !t.word && (t.text === ',' || t.text === '\u060c');
}

export function isQuote(t: Token | undefined): boolean {
  return !!t && !t.word && t.text === '"';
}

/** Verb cue form matching at token i (Arabic conjunctions stripped). */
export function matchVerbForm(
  tokens: readonly Token[],
  i: number,
  table: Map<string, PreparedCue[]>,
  prefixes: readonly string[],
): { cue: PreparedCue; end: number; prefix: string } | null {
  const t = tokens[i];
  if (!t || !t.word) return null;
  for (const v of stripConjunction(t.key, prefixes)) {
    const cands = table.get(v.stem);
    if (!cands) continue;
    for (const cue of cands) {
      let ok = true;
      for (let k = 1; k < cue.form.length; k++) {
        if (tokens[i + k]?.key !== cue.form[k]) {
          ok = false;
          break;
        }
      }
      if (ok) return { cue, end: i + cue.form.length, prefix: v.prefix };
    }
  }
  return null;
}

/** Source cue ("بحسب", "according to") at i; Arabic allows a leading و only (فحسب means "only"). */
export function matchSource(tokens: readonly Token[], i: number, lex: Prepared): { end: number; prefix: string; npFrom: number; npSplit: number } | null {
  const t = tokens[i];
  if (!t || !t.word) return null;
  const variants = lex.cuePrefixes.length ? [{ prefix: '', stem: t.key }, ...(t.key.startsWith('و') && t.key.length > 3 ? [{ prefix: 'و', stem: t.key.slice(1) }] : [])] : [{ prefix: '', stem: t.key }];
  for (const v of variants) {
    for (const p of lex.sourceCues) {
      if (p[0] !== v.stem) continue;
      const rest = p.slice(1);
      const e = rest.length ? matchPhrase(tokens, i + 1, rest) : i + 1;
      if (e >= 0) return { end: e, prefix: v.prefix, npFrom: e, npSplit: 0 };
      // "وفقا لمصادر": the preposition is glued to the next word.
      const last = rest[rest.length - 1];
      if (last && last.length === 1 && rest.length >= 1) {
        const head = rest.slice(0, -1);
        const e2 = head.length ? matchPhrase(tokens, i + 1, head) : i + 1;
        const nt = tokens[e2];
        if (e2 >= 0 && nt && nt.word && nt.key.startsWith(last) && nt.key.length > 2) {
          return { end: e2, prefix: v.prefix, npFrom: e2, npSplit: last.length };
        }
      }
    }
  }
  return null;
}

/**
 * Noun after "في" naming where or when something was said: a venue ("بيان", "المقابلة"), a venue
 * with a possessive ("تقريرها", "كلمته"), or a frame ("ختام", "نهاية"). Ends a speaker phrase.
 */
export function isStatementSetting(key: string, lex: Prepared): boolean {
  const bare = key.replace(/^ال/, '');
  if (lex.statementVenues.has(key) || lex.statementVenues.has(bare) || lex.statementFrames.has(key) || lex.statementFrames.has(bare)) return true;
  const m = /^(.{3,}?)(?:هما|هم|ها|ه)$/.exec(key);
  if (!m) return false;
  const stem = m[1]!;
  return lex.statementVenues.has(stem) || (stem.endsWith('ت') && lex.statementVenues.has(stem.slice(0, -1) + 'ه'));
}

export function isVerbCueAt(tokens: readonly Token[], j: number, lex: Prepared): boolean {
  return matchVerbForm(tokens, j, lex.verbCues, lex.cuePrefixes) !== null;
}

/** Token before a quoted outlet name: a bare lam (لـ) or an outlet keyword. */
function isOutletLead(t: Token | undefined, lex: Prepared): boolean {
  if (!t || !t.word) return false;
  if (t.key === 'ل' || t.key === 'to' || t.key === 'a' || t.key === 'au') return true;
  const bare = t.key.replace(/^[لبو]/, '').replace(/^ال/, '');
  return lex.outletKeywords.some((k) => k.words.length === 1 && (k.words[0] === t.key || k.words[0] === bare));
}

// Prepositions, and بعنوان ("entitled"), before a quoted name or title.
const AR_NAME_PREPOSITIONS = new Set(['في', 'مع', 'عن', 'من', 'علي', 'الي', 'عبر', 'لدي', 'بعنوان']);

/**
 * Arabic: a quotation right after a preposition or an institution head names something
 * ("على قناتها في "تلغرام"", "في اتصال مع «المدار»", "حزب "الأمة"") rather than opening the
 * statement, which follows a complement (أن، إن، :) or the verb phrase itself.
 */
export function isQuotedNameLead(t: Token | undefined, lex: Prepared): boolean {
  if (!t || !t.word || lex.language !== 'ar') return false;
  if (AR_NAME_PREPOSITIONS.has(t.key)) return true;
  // "حاكم "بنك الشعب"": an indefinite title is followed by what it heads; "الوزير "…"" speaks.
  if (lex.roleNouns.has(t.key) && !isArabicDefinite(t.key)) return true;
  return lex.institutionHeads.has(t.key) || lex.institutionHeads.has(arabicStem(t.key));
}

/** Complement after the speaker phrase, scanning forward from `from`. */
export function findComplement(tokens: readonly Token[], from: number, to: number, cue: PreparedCue, lex: Prepared, maxSkip: number): { at: number; content: number } | null {
  let limit = Math.min(to, from + maxSkip + 1);
  let inQuote = false;
  for (let j = from; j < limit; j++) {
    const t = tokens[j]!;
    if (isTerminalToken(t)) return null;
    // "وقال مصدر قريب من X، الذي يرقد في …، إن": a parenthetical clause does not count.
    const closing = !inQuote && lex.language === 'ar' && j > from ? parentheticalEnd(tokens, j, to, lex) : -1;
    if (closing > 0) {
      limit = Math.min(to, limit + closing - j);
      j = closing - 1;
      continue;
    }
    // ", adding that …" / "، مضيفا أن": the complement belongs to the continuation, not to this verb.
    if (isComma(t) && matchVerbForm(tokens, j + 1, lex.participleCues, lex.cuePrefixes)) return null;
    if (isQuote(t) && !inQuote && j > from && (isOutletLead(tokens[j - 1], lex) || isQuotedNameLead(tokens[j - 1], lex))) {
      // لـ"رويترز", في "تلغرام": a quoted name, not the start of the statement.
      let q = j + 1;
      while (q < limit && !isQuote(tokens[q])) q++;
      if (q < limit) {
        // A quoted name counts as one word of the speaker phrase.
        limit = Math.min(to, limit + q - j);
        j = q;
        continue;
      }
    }
    const m = matchAny(tokens, j, cue.complements);
    if (m && !inQuote) {
      const first = m.phrase[0];
      // A quote opens the content itself, unless "أن" follows it: then it was a name
      // ("وكالة الأنباء السعودية "واس"، أن"). A colon is dropped.
      if (first === '"') {
        if (isTrailingName(tokens, from, j, to, lex)) return null;
        const close = quotedNameBeforeComplement(tokens, j, limit, cue);
        if (close < 0) return { at: j, content: j };
        j = close;
        continue;
      }
      return { at: j, content: m.end };
    }
    if (!inQuote && j >= from + 2 && opensGluedContent(t, cue)) return { at: j, content: j };
    if (isQuote(t)) inQuote = !inQuote;
    if (j > from && isVerbCueAt(tokens, j, lex)) return null;
  }
  return null;
}

const MAX_QUOTED_NAME = 6;

/** Closing quote of a short quotation at j that a non-quote complement follows ("…"، أن), or -1. */
function quotedNameBeforeComplement(tokens: readonly Token[], j: number, limit: number, cue: PreparedCue): number {
  let q = j + 1;
  while (q < limit && q - j <= MAX_QUOTED_NAME && !isQuote(tokens[q])) q++;
  if (q >= limit || !isQuote(tokens[q])) return -1;
  const after = isComma(tokens[q + 1]) ? q + 2 : q + 1;
  const m = matchAny(tokens, after, cue.complements);
  return m && m.phrase[0] !== '"' && m.phrase[0] !== ':' ? q : -1;
}

/**
 * '… حسب ما أوردت وكالة الأنباء السعودية "واس".': one or two quoted words ending the sentence
 * after an outlet phrase name the outlet ("وقال الوزير "الاتفاق مهم"." still speaks).
 */
function isTrailingName(tokens: readonly Token[], from: number, j: number, to: number, lex: Prepared): boolean {
  if (!isOutletLead(tokens[from], lex)) return false;
  let q = j + 1;
  while (q < to && q - j <= 3 && !isQuote(tokens[q])) q++;
  if (q >= to || !isQuote(tokens[q]) || q - j > 3) return false;
  for (let k = q + 1; k < to; k++) if (!isTerminalToken(tokens[k])) return false;
  return true;
}

const MAX_PARENTHETICAL = 40;

/** Comma ending the parenthetical clause opened by the comma at j ("، الذي …،", "، وهو …،"), or -1. */
function parentheticalEnd(tokens: readonly Token[], j: number, to: number, lex: Prepared): number {
  const opener = tokens[j + 1];
  if (!isComma(tokens[j]) || !opener || !opener.word || !lex.parentheticalOpeners.has(opener.key)) return -1;
  for (let k = j + 2; k < Math.min(to, j + MAX_PARENTHETICAL); k++) {
    const t = tokens[k]!;
    if (isTerminalToken(t) || isQuote(t)) return -1;
    if (isComma(t)) return k;
  }
  return -1;
}

/** "بالتلاعب", "بـ": a preposition glued to a verbal noun, opening what the speaker accused or called someone. */
function opensGluedContent(t: Token, cue: PreparedCue): boolean {
  if (!t.word || cue.gluedOpeners.length === 0) return false;
  if (t.key === 'ب') return true;
  return cue.gluedOpeners.some((o) => t.key.length >= o.length + 2 && t.key.startsWith(o));
}

const OBJECT_PARTICIPLE_REACH = 10;

/**
 * ", adding they began as flares", ", saying it would help": without "that", a participle's content
 * must open with a subject pronoun or a name ("adding more than £39 billion" reports nothing).
 */
function directContent(tokens: readonly Token[], at: number, to: number, cue: PreparedCue, lex: Prepared): { at: number; content: number } | null {
  const next = tokens[at];
  if (!cue.directObject || at >= to || !next || !next.word) return null;
  return lex.pronouns.has(next.key) || /^\p{Lu}/u.test(next.text) ? { at, content: at } : null;
}

/**
 * Participle continuation at token i ("، مضيفا أن", ", adding that"): no speaker phrase of its
 * own, the complement follows within two tokens. `prefixes` are the conjunctions to strip.
 */
export function participleCueAt(tokens: readonly Token[], i: number, from: number, to: number, lex: Prepared, prefixes: readonly string[]): CueMatch | null {
  const part = matchVerbForm(tokens, i, lex.participleCues, prefixes);
  if (!part) return null;
  // "واصفا القرار الأخير بأنه …": participles that take an object reach further for the content.
  const reach = part.cue.gluedOpeners.length > 0 ? OBJECT_PARTICIPLE_REACH : 2;
  const comp = findComplement(tokens, part.end, to, part.cue, lex, reach) ?? directContent(tokens, part.end, to, part.cue, lex);
  if (!comp) return null;
  const t = tokens[i]!;
  return {
    type: 'participle', hint: part.cue.hint, cueTok: i, cueEndTok: part.end, claimStart: t.start,
    cueStart: t.start + part.prefix.length, cueEnd: tokens[part.end - 1]!.end, npStart: part.end, npEnd: part.end,
    contentTok: comp.content, ppStart: part.end, ppEnd: comp.at, relative: false, ppRole: 'interview', contentBefore: false,
    leading: i === from, glued: false,
  };
}

/**
 * Prepositional source at token i ("بحسب X", "according to X"). At the start of a clause it
 * introduces what follows; later on, the content is what came before it.
 */
export function sourceCueAt(tokens: readonly Token[], i: number, from: number, to: number, lex: Prepared): CueMatch | null {
  const src = matchSource(tokens, i, lex);
  if (!src) return null;
  const npEnd = sourceNPEnd(tokens, src.npFrom, to, lex);
  if (npEnd <= src.npFrom) return null;
  const t = tokens[i]!;
  const leading = isClauseStart(tokens, i, from, lex);
  return {
    type: 'source', hint: 'statement', cueTok: i, cueEndTok: src.end, claimStart: t.start, cueStart: t.start + src.prefix.length,
    cueEnd: tokens[src.end - 1]!.end, npStart: src.npFrom, npEnd, contentTok: leading ? npEnd : from,
    ppStart: npEnd, ppEnd: npEnd, relative: false, ppRole: 'interview', contentBefore: !leading, leading, glued: false,
  };
}

/**
 * Is token i at the start of its sentence (ignoring conjunctions and
 * adverbs)? Only then does "according to X" introduce what follows; later in
 * the sentence it qualifies what came before.
 */
function isClauseStart(tokens: readonly Token[], i: number, from: number, lex: Prepared): boolean {
  let k = i - 1;
  while (k >= from && (!tokens[k]!.word || lex.skippableAdverbs.has(tokens[k]!.key) || ['and', 'but', 'et', 'mais', 'or', 'so'].includes(tokens[k]!.key))) {
    if (!tokens[k]!.word && !isQuote(tokens[k]) && !isComma(tokens[k])) break;
    k--;
  }
  return k < from;
}

/** The dot of an initial inside a phrase ("U.S. officials", "Robert M. Gates"): a single capital letter, a dot, then a word. */
export function isInitialDot(tokens: readonly Token[], j: number): boolean {
  const prev = tokens[j - 1];
  return tokens[j]?.text === '.' && !!prev?.word && /^\p{Lu}$/u.test(prev.text) && !!tokens[j + 1]?.word;
}

/** Speaker phrase after "بحسب"/"according to": up to a comma, relative pronoun, verb or sentence end. */
function sourceNPEnd(tokens: readonly Token[], from: number, to: number, lex: Prepared): number {
  let j = from;
  const limit = Math.min(to, from + MAX_SOURCE_NP);
  while (j < limit) {
    const t = tokens[j]!;
    if (!t.word && !(t.text === '"' || t.text === '-' || t.text === "'") && !isInitialDot(tokens, j)) break;
    if (t.word && (lex.relativePronouns.has(t.key) || (j > from && isVerbCueAt(tokens, j, lex)))) break;
    if (t.word && j > from && (t.key === 'فان' || t.key === 'that' || t.key === 'que' || t.key === 'qu\'')) break;
    if (lex.language !== 'ar' && t.word && j > from && lex.functionWords.has(t.key) && !['of', 'the', 'de', 'du', 'des', 'la', 'le', "l'", "d'", 'for', 'at'].includes(t.key)) break;
    j++;
  }
  // Trailing quote marks belong to the outlet name only if balanced.
  return j;
}

/**
 * What a scanner falls back on at token i when no verb cue starts there: a participle continuation
 * where the scanner allows one (`, adding that`, `، مضيفا أن`), else a prepositional source
 * (`according to`, `بحسب`). Gives the cue and the last token it covers.
 */
export function participleOrSourceCueAt(
  tokens: readonly Token[],
  i: number,
  from: number,
  to: number,
  lex: Prepared,
  participle: { allowed: boolean; prefixes: readonly string[] },
): { cue: CueMatch; last: number } | null {
  const part = participle.allowed ? participleCueAt(tokens, i, from, to, lex, participle.prefixes) : null;
  if (part) return { cue: part, last: part.ppEnd - 1 };
  const src = sourceCueAt(tokens, i, from, to, lex);
  return src ? { cue: src, last: src.npEnd - 1 } : null;
}
