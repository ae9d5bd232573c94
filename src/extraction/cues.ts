import type { CueHint } from './lexicon/types.ts';
import type { Prepared, PreparedCue, Phrase } from './prepared.ts';
import { phraseOf } from './prepared.ts';
import type { Token } from './tokens.ts';
import { matchAny, matchPhrase, stripConjunction } from './tokens.ts';
import { isAbbreviation } from './sentences.ts';
import { arabicStem, isArabicDefinite } from './arabic.ts';
import { knownOutletAt } from './outlets.ts';
import { isCoordinatedCue, sentenceSubject } from './cues-coordinated.ts';

// Attribution cues: where a reported statement is introduced, by which word,
// and where its speaker phrase sits. Speaker resolution happens later.

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

const MAX_NP = 10;
// Arabic speaker phrases carry titles, places and venues before "أن":
// "قالت منسقة الشؤون الإنسانية في السودان X في مقابلة مع قناة Y إن".
const MAX_VSO_SCAN = 18;
const MAX_SOURCE_NP = 7;

export function isTerminalToken(t: Token | undefined): boolean {
  return !!t && !t.word && /^[.!?\u061f\u2026]$/.test(t.text);
}

export function isComma(t: Token | undefined): boolean {
  return !!t && !t.word && (t.text === ',' || t.text === '\u060c');
}

function isQuote(t: Token | undefined): boolean {
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

/** Words that end a speaker phrase and open a prepositional complement. */
function isPPStart(tokens: readonly Token[], j: number, lex: Prepared): boolean {
  const t = tokens[j];
  if (!t || !t.word) return false;
  if (lex.language === 'ar') {
    if (t.key === 'ل' || t.key === 'خلال' || t.key === 'امام' || t.key === 'عبر' || t.key === 'مع' || t.key === 'لدي') return true;
    // "في بيان", "في مقابلة", "في ختام تقريرها" close the speaker phrase; "في السودان" may be part of a role.
    if (t.key === 'في' || t.key === 'وفي') {
      const n = tokens[j + 1];
      return !!n && n.word && isStatementSetting(n.key, lex);
    }
    // "لصحيفة", "لوكالة": a lam glued to an outlet keyword
    if (t.key.startsWith('ل') && lex.outletKeywords.some((k) => k.words.length === 1 && t.key === 'ل' + k.words[0])) return true;
    return false;
  }
  return false;
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

function isVerbCueAt(tokens: readonly Token[], j: number, lex: Prepared): boolean {
  return matchVerbForm(tokens, j, lex.verbCues, lex.cuePrefixes) !== null;
}

/** Token before a quoted outlet name: a bare lam (لـ) or an outlet keyword. */
function isOutletLead(t: Token | undefined, lex: Prepared): boolean {
  if (!t || !t.word) return false;
  if (t.key === 'ل' || t.key === 'to' || t.key === 'a' || t.key === 'au') return true;
  const bare = t.key.replace(/^[لبو]/, '').replace(/^ال/, '');
  return lex.outletKeywords.some((k) => k.words.length === 1 && (k.words[0] === t.key || k.words[0] === bare));
}

const AR_NAME_PREPOSITIONS = new Set(['في', 'مع', 'عن', 'من', 'علي', 'الي', 'عبر', 'لدي']);

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
function findComplement(tokens: readonly Token[], from: number, to: number, cue: PreparedCue, lex: Prepared, maxSkip: number): { at: number; content: number } | null {
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
      // A quote opens the content itself; a colon is dropped.
      if (first === '"') return { at: j, content: j };
      return { at: j, content: m.end };
    }
    if (!inQuote && j >= from + 2 && opensGluedContent(t, cue)) return { at: j, content: j };
    if (isQuote(t)) inQuote = !inQuote;
    if (j > from && isVerbCueAt(tokens, j, lex)) return null;
  }
  return null;
}

function opensWithDocument(t: Token | undefined, lex: Prepared): boolean {
  return !!t && t.word && lex.documentNouns.has(arabicStem(t.key));
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

/** Arabic (verb-first) cue detection inside [from, to). */
function findVSO(tokens: readonly Token[], from: number, to: number, lex: Prepared): CueMatch[] {
  const out: CueMatch[] = [];
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (!t.word) continue;
    const prev = i > from ? tokens[i - 1] : undefined;
    const report = reportAt(tokens, i, to, lex);
    if (report) {
      out.push(report);
      i = report.contentTok - 1;
      continue;
    }
    const verb = matchVerbForm(tokens, i, lex.verbCues, lex.cuePrefixes);
    if (verb && verb.cue.documentSubject && !opensWithDocument(tokens[verb.end], lex)) continue;
    if (verb) {
      let comp = findComplement(tokens, verb.end, to, verb.cue, lex, MAX_VSO_SCAN);
      let direct = false;
      if (!comp && verb.cue.directObject) {
        // "أعلن الجيش الإسرائيلي مقتل ثلاثة": no complement, the object follows the subject.
        const np = directObjectSubjectEnd(tokens, verb.end, to, lex);
        if (np > verb.end) {
          let c = np;
          while (c < to && (isComma(tokens[c]) || lex.timeWords.has(tokens[c]!.key))) c++;
          let words = 0;
          for (let k = c; k < to && words < 2; k++) if (tokens[k]!.word) words++;
          if (words >= 2 && tokens[c]?.word && !lex.functionWords.has(tokens[c]!.key)) {
            comp = { at: np, content: c };
            direct = true;
          }
        }
      }
      if (!comp) continue;
      void direct;
      // "ويُعتقد أن": no speaker after a passive-capable form → impersonal hedge.
      if (comp.at === verb.end && lex.impersonalForms.has(t.key.replace(/^[وف]/, ''))) continue;
      let npEnd = comp.at;
      let ppStart = comp.at;
      for (let j = verb.end; j < comp.at; j++) {
        if (isPPStart(tokens, j, lex)) {
          ppStart = j;
          npEnd = j;
          break;
        }
      }
      const relative = !!prev && lex.relativePronouns.has(prev.key);
      let claimStart = t.start;
      if (comp.at === verb.end && !relative && verb.prefix === '') {
        // Subject first ("الوزير قال إن", headline style): the phrase opening the clause.
        const subj = subjectOpeningClause(tokens, i, from, lex);
        if (subj >= 0) {
          out.push({
            type: 'verb', hint: verb.cue.hint, cueTok: i, cueEndTok: verb.end, claimStart: tokens[subj]!.start,
            cueStart: t.start, cueEnd: tokens[verb.end - 1]!.end, npStart: subj, npEnd: i, contentTok: comp.content,
            ppStart: verb.end, ppEnd: comp.at, ppRole: 'interview', relative: false, contentBefore: false,
            leading: subj === from, glued: false,
          });
          i = comp.at - 1;
          continue;
        }
      }
      const pre = subjectBeforeAux(tokens, i, from, lex);
      if (pre) {
        // "وكان الرئيس جو بايدن قد صرح بأن": the speaker sits between كان and قد.
        out.push({
          type: 'verb', hint: verb.cue.hint, cueTok: i, cueEndTok: verb.end, claimStart: tokens[pre.aux]!.start,
          cueStart: t.start + verb.prefix.length, cueEnd: tokens[verb.end - 1]!.end, npStart: pre.start, npEnd: pre.end,
          contentTok: comp.content, ppStart: verb.end, ppEnd: comp.at, relative: false, ppRole: 'interview', contentBefore: false,
          leading: pre.aux === from, glued: false,
        });
        i = comp.at - 1;
        continue;
      }
      const lead = prev ? stripConjunction(prev.key, lex.cuePrefixes).some((v) => lex.cueLeadWords.has(v.stem)) : false;
      if (lead && prev) claimStart = prev.start;
      out.push({
        type: 'verb',
        hint: verb.cue.hint,
        cueTok: i,
        cueEndTok: verb.end,
        claimStart,
        cueStart: t.start + verb.prefix.length,
        cueEnd: tokens[verb.end - 1]!.end,
        npStart: verb.end,
        npEnd,
        contentTok: comp.content,
        ppStart,
        ppEnd: comp.at,
        relative,
        ppRole: 'interview', contentBefore: false,
        leading: i === from || (lead && i - 1 === from),
        glued: t.glued,
      });
      i = comp.at - 1;
      continue;
    }
    // "…"، مضيفا أن" and, without the comma, "…" مضيفا أن.
    if (isComma(prev) || isQuote(prev) || i === from) {
      const part = participleCueAt(tokens, i, from, to, lex, lex.cuePrefixes);
      if (part) {
        out.push(part);
        i = part.ppEnd - 1;
        continue;
      }
    }
    const src = sourceCueAt(tokens, i, from, to, lex);
    if (src) {
      out.push(src);
      i = src.npEnd - 1;
    }
  }
  return out;
}

/**
 * Participle continuation at token i ("، مضيفا أن", ", adding that"): no speaker phrase of its
 * own, the complement follows within two tokens. `prefixes` are the conjunctions to strip.
 */
function participleCueAt(tokens: readonly Token[], i: number, from: number, to: number, lex: Prepared, prefixes: readonly string[]): CueMatch | null {
  const part = matchVerbForm(tokens, i, lex.participleCues, prefixes);
  if (!part) return null;
  const comp = findComplement(tokens, part.end, to, part.cue, lex, 2);
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
function sourceCueAt(tokens: readonly Token[], i: number, from: number, to: number, lex: Prepared): CueMatch | null {
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
 * "نقلت وكالة X عن مصدر عسكري قوله إن …": an outlet relaying a speaker. The
 * outlet phrase sits between the verb and عن, the speaker after عن.
 */
function reportAt(tokens: readonly Token[], i: number, to: number, lex: Prepared): CueMatch | null {
  const t = tokens[i]!;
  if (lex.reportVerbs.size === 0 || !t.word) return null;
  const verb = stripConjunction(t.key, lex.cuePrefixes).find((v) => lex.reportVerbs.has(v.stem));
  if (!verb) return null;
  let an = -1;
  for (let j = i + 1; j < Math.min(to, i + 10); j++) {
    if (isTerminalToken(tokens[j])) return null;
    if (tokens[j]!.key === 'عن') {
      an = j;
      break;
    }
  }
  if (an <= i + 1) return null;
  const that = reportComplements(lex);
  for (let j = an + 1; j < Math.min(to, an + 12); j++) {
    const tk = tokens[j]!;
    if (isTerminalToken(tk)) return null;
    const m = matchAny(tokens, j, that);
    if (!m && !lex.reportSaying.has(tk.key)) continue;
    let content = m ? m.end : j + 1;
    if (!m) {
      const after = matchAny(tokens, content, that);
      if (after) content = after.end;
      else if (tokens[content]?.text === ':') content++;
    }
    if (j <= an + 1) return null;
    return {
      type: 'verb', hint: 'statement', cueTok: i, cueEndTok: i + 1, claimStart: t.start, cueStart: t.start + verb.prefix.length,
      cueEnd: t.end, npStart: an + 1, npEnd: j, contentTok: content, ppStart: i + 1, ppEnd: an, ppRole: 'original',
      relative: false, contentBefore: false, leading: false, glued: t.glued,
    };
  }
  return null;
}

const reportComplementCache = new WeakMap<Prepared, Phrase[]>();
/** "أن"/"إن" forms that open relayed speech: the complements of the language's first (most general) cue. */
function reportComplements(lex: Prepared): Phrase[] {
  let c = reportComplementCache.get(lex);
  if (!c) {
    const general = lex.lex.verbCues[0]?.complements ?? [];
    c = general.map((x) => phraseOf(x)).filter((p) => p[0] !== '"' && p[0] !== ':');
    reportComplementCache.set(lex, c);
  }
  return c;
}

/**
 * Subject of a cue verb used without "أن": an institution, role or anonymous
 * source head followed by its definite modifiers and genitives
 * ("المرصد السوري لحقوق الإنسان"). Returns the index after it, or `from`.
 */
export function directObjectSubjectEnd(tokens: readonly Token[], from: number, to: number, lex: Prepared): number {
  const first = tokens[from];
  if (!first || !first.word) return from;
  const stem = arabicStem(first.key);
  const head = lex.institutionHeads.has(first.key) || lex.institutionHeads.has(stem) || lex.roleNouns.has(first.key) || lex.unnamedHeads.has(first.key) || lex.unnamedHeads.has(stem);
  if (!head) return from;
  let j = from + 1;
  while (j < to && j - from < 7) {
    const t = tokens[j]!;
    if (!t.word) break;
    if (isArabicDefinite(t.key) && !lex.timeWords.has(t.key)) {
      j++;
      continue;
    }
    // Genitive links: "لحقوق الإنسان", "باسم الجيش"
    const next = tokens[j + 1];
    if ((t.key === 'باسم' || /^ل[^ا]/.test(t.key)) && next && next.word && isArabicDefinite(next.key)) {
      j += 2;
      continue;
    }
    break;
  }
  return j;
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

/** Start of a short subject phrase opening the clause right before an Arabic cue, or -1. */
function subjectOpeningClause(tokens: readonly Token[], i: number, from: number, lex: Prepared): number {
  let s = i;
  while (s > from && tokens[s - 1]!.word && i - s < 6) s--;
  if (s === i || !(s === from || isComma(tokens[s - 1]))) return -1;
  const first = tokens[s]!;
  const bare = stripConjunction(first.key, lex.cuePrefixes).map((v) => v.stem);
  if (bare.some((k) => lex.functionWords.has(k) || lex.cueLeadWords.has(k) || lex.timeWords.has(k))) return -1;
  if (particleBefore(tokens, i, lex) >= 0) return -1;
  const stem = arabicStem(first.key);
  const headed = lex.institutionHeads.has(first.key) || lex.institutionHeads.has(stem) || lex.roleNouns.has(first.key) || lex.unnamedHeads.has(first.key) || lex.unnamedHeads.has(stem);
  // Without a known head, only a short run of names ("بايدن قال") qualifies.
  if (!headed) {
    // Unheaded words after a comma are usually fronted adverbs ("لاحقا، قال إن").
    if (i - s > 3 || s !== from) return -1;
    for (let k = s; k < i; k++) if (isArabicDefinite(tokens[k]!.key) || lex.functionWords.has(tokens[k]!.key) || lex.verbWordSet.has(tokens[k]!.key)) return -1;
  }
  return s;
}

/** "وكان X قد VERB": the auxiliary and the subject before the particle قد. */
function subjectBeforeAux(tokens: readonly Token[], i: number, from: number, lex: Prepared): { aux: number; start: number; end: number } | null {
  if (lex.subjectFirstAux.size === 0) return null;
  const p = tokens[i - 1];
  if (!p || p.key !== 'قد') return null;
  for (let k = i - 2; k >= Math.max(from, i - 9); k--) {
    const t = tokens[k]!;
    if (!t.word) return null;
    if (stripConjunction(t.key, lex.cuePrefixes).some((v) => lex.subjectFirstAux.has(v.stem))) {
      return k + 1 < i - 1 ? { aux: k, start: k + 1, end: i - 1 } : null;
    }
  }
  return null;
}

/** Speaker phrase after "بحسب"/"according to": up to a comma, relative pronoun, verb or sentence end. */
function sourceNPEnd(tokens: readonly Token[], from: number, to: number, lex: Prepared): number {
  let j = from;
  const limit = Math.min(to, from + MAX_SOURCE_NP);
  while (j < limit) {
    const t = tokens[j]!;
    if (!t.word && !(t.text === '"' || t.text === '-' || t.text === "'")) break;
    if (t.word && (lex.relativePronouns.has(t.key) || (j > from && isVerbCueAt(tokens, j, lex)))) break;
    if (t.word && j > from && (t.key === 'فان' || t.key === 'that' || t.key === 'que' || t.key === 'qu\'')) break;
    if (lex.language !== 'ar' && t.word && j > from && lex.functionWords.has(t.key) && !['of', 'the', 'de', 'du', 'des', 'la', 'le', "l'", "d'", 'for', 'at'].includes(t.key)) break;
    j++;
  }
  // Trailing quote marks belong to the outlet name only if balanced.
  return j;
}

const EN_AUX = new Set(['has', 'have', 'had', 'also', 'later', 'previously']);
const FR_AUX = new Set(['a', 'ont', 'avait', 'avaient', 'aurait', 'auraient', 'est', 'sont', "s'", 'se']);
const FR_INVERTED = /^(.+?)-(?:t-)?(il|elle|ils|elles|on)$/;
// "when asked whether …" is passive: the one asked speaks later in the sentence.
const EN_BLOCKERS = new Set(['when', 'if', 'unless', 'to', 'will', 'would', 'could', 'can', 'may', 'might', 'should', 'not', "n't", 'did', 'does', 'do', 'the', 'is', 'was', 'were', 'are', 'be', 'been', 'being', 'a', 'an']);

/** English/French (subject-first) cue detection, including inversions after quotes. */
function findSVO(tokens: readonly Token[], from: number, to: number, lex: Prepared): CueMatch[] {
  const out: CueMatch[] = [];
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (!t.word) continue;
    const prev = i > from ? tokens[i - 1] : undefined;
    let verb = matchVerbForm(tokens, i, lex.verbCues, []);
    let invertedPronoun: number | null = null;
    if (!verb && lex.language === 'fr') {
      // "ajoute-t-il", "dit-elle": verb and subject pronoun in one token
      const m = FR_INVERTED.exec(t.key);
      if (m && m[1] && lex.verbCues.has(m[1])) {
        const cue = lex.verbCues.get(m[1])![0]!;
        verb = { cue, end: i + 1, prefix: '' };
        invertedPronoun = i;
      }
    }
    if (verb) {
      if (lex.language === 'en' && prev && EN_BLOCKERS.has(prev.key)) continue; // passive / infinitive / "the said"
      if (i > from && /^\p{Lu}/u.test(t.text) && !isQuote(prev)) continue; // "the United States" is not "states"
      let cueTok = i;
      // Auxiliaries belong to the cue: "a déclaré", "a-t-il ajouté", "has said".
      let k = i - 1;
      while (k >= from && tokens[k]!.word && (lex.language === 'fr' ? FR_AUX.has(tokens[k]!.key) || FR_INVERTED.test(tokens[k]!.key) && /^(a|ont|avait)-/.test(tokens[k]!.key) : EN_AUX.has(tokens[k]!.key))) {
        if (FR_INVERTED.test(tokens[k]!.key)) invertedPronoun = k;
        cueTok = k;
        k--;
      }
      if (lex.language === 'fr' && cueTok === i && verb.cue.form.length === 1 && !/(e|ent|it|t)$/.test(verb.cue.form[0]!) && !invertedPronoun) {
        // Bare French participles ("déclaré") without auxiliary are usually adjectives.
        const p = tokens[i - 1];
        if (!p || !isComma(p)) continue;
      }
      const before = tokens[cueTok - 1];
      // Inversion ("\"Q,\" said X", "« Q », a déclaré X") only right after a quotation.
      const afterQuoteOrComma = !!before && ((isComma(before) && isQuote(tokens[cueTok - 2])) || (isQuote(before) && isComma(tokens[cueTok - 2])));
      const comp = findComplement(tokens, verb.end, to, verb.cue, lex, 8);
      let npStart: number;
      let npEnd: number;
      let contentBefore = false;
      let contentTok = comp ? comp.content : verb.end;
      let ppStart = verb.end;
      let ppEnd = comp ? comp.at : verb.end;
      if (invertedPronoun !== null) {
        // "a-t-il ajouté", "dit-elle": the subject pronoun is inside the token.
        npStart = invertedPronoun;
        npEnd = invertedPronoun + 1;
        // The pronoun glued to the verb marks the inversion even without quotes: "…, a-t-il estimé".
        contentBefore = afterQuoteOrComma || (cueTok > from && isComma(before));
      } else {
        const np = afterQuoteOrComma ? null : subjectBefore(tokens, cueTok, from, lex);
        // Inversion: "\"Q,\" said X", "« Q », a déclaré X", and without quotes
        // "The decision is historic, said John Smith" when no subject precedes.
        const inverted = cueTok > from && (afterQuoteOrComma || (!np && !comp && isComma(before)));
        if (inverted) {
          let s0 = verb.end;
          const pp = outletBeforeSpeaker(tokens, s0, to);
          if (pp > s0) {
            ppStart = s0;
            ppEnd = pp;
            s0 = pp;
          } else ppStart = ppEnd = s0;
          npStart = s0;
          npEnd = inversionNPEnd(tokens, s0, to, lex);
          contentBefore = true;
          contentTok = from;
          if (npEnd === npStart) continue;
        } else {
          if (!np && isCoordinatedCue(tokens, cueTok, from)) {
            const coordinated = coordinatedCue(tokens, cueTok, verb, comp, from, to, out, lex);
            if (coordinated) out.push(coordinated);
            continue;
          }
          if (!np) continue;
          npStart = np.start;
          npEnd = np.end;
          const q = tokens[npStart - 1];
          if (q && (isQuote(q) || isComma(q)) && npStart - 1 > from) contentBefore = !comp || comp.content >= to;
        }
      }
      if (!contentBefore && (contentTok >= to || (!comp && !verb.cue.directObject))) continue;
      if (contentBefore) contentTok = from;
      out.push({
        type: 'verb',
        hint: verb.cue.hint,
        cueTok,
        cueEndTok: verb.end,
        claimStart: Math.min(tokens[cueTok]!.start, tokens[npStart]?.start ?? Infinity),
        cueStart: tokens[cueTok]!.start,
        cueEnd: tokens[verb.end - 1]!.end,
        npStart,
        npEnd,
        contentTok,
        ppStart,
        ppEnd,
        relative: !!tokens[npStart - 1] && lex.relativePronouns.has(tokens[npStart - 1]!.key) && npStart === npEnd,
        ppRole: 'interview',
        contentBefore,
        leading: npStart === from || cueTok === from,
        glued: false,
      });
      i = Math.max(i, npEnd - 1, verb.end - 1);
      continue;
    }
    if (isComma(prev)) {
      const part = participleCueAt(tokens, i, from, to, lex, []);
      if (part) {
        out.push(part);
        i = part.ppEnd - 1;
        continue;
      }
    }
    const src = sourceCueAt(tokens, i, from, to, lex);
    if (src) {
      out.push(src);
      i = src.npEnd - 1;
    }
  }
  return out;
}

/** Is there a word in tokens [a, b)? A cue followed only by punctuation reports nothing. */
function hasWord(tokens: readonly Token[], a: number, b: number): boolean {
  for (let k = a; k < b; k++) if (tokens[k]!.word) return true;
  return false;
}

/**
 * "X kept the crowd back, and said …": a cue coordinated with an earlier verb phrase. After an
 * earlier cue of the sentence it continues that speaker, from the cue on (like "adding that");
 * otherwise the claim opens with the subject of the sentence.
 */
function coordinatedCue(
  tokens: readonly Token[], cueTok: number, verb: { cue: PreparedCue; end: number }, comp: { at: number; content: number } | null,
  from: number, to: number, earlier: readonly CueMatch[], lex: Prepared,
): CueMatch | null {
  if (!comp && !verb.cue.directObject) return null;
  const contentTok = comp ? comp.content : verb.end;
  if (!hasWord(tokens, contentTok, to)) return null;
  const base = {
    hint: verb.cue.hint, cueTok, cueEndTok: verb.end, cueStart: tokens[cueTok]!.start, cueEnd: tokens[verb.end - 1]!.end, contentTok,
    ppStart: verb.end, ppEnd: comp ? comp.at : verb.end, relative: false, ppRole: 'interview' as const, contentBefore: false, glued: false,
  };
  if (earlier.some((c) => c.type === 'verb')) {
    return { ...base, type: 'participle', claimStart: tokens[cueTok]!.start, npStart: verb.end, npEnd: verb.end, leading: false };
  }
  const subject = sentenceSubject(tokens, from, cueTok, lex);
  if (!subject) return null;
  return { ...base, type: 'verb', claimStart: tokens[subject.start]!.start, npStart: subject.start, npEnd: subject.end, leading: true };
}

/** "a déclaré à l'AFP Marie Dupont", "told the BBC": outlet between an inverted verb and its speaker. */
function outletBeforeSpeaker(tokens: readonly Token[], from: number, to: number): number {
  const t = tokens[from];
  if (!t || !t.word || !['a', 'au', 'aux', 'to'].includes(t.key)) return from;
  let j = from + 1;
  while (j < to && ["l'", 'la', 'le', 'the', "d'"].includes(tokens[j]!.key)) j++;
  const start = j;
  const known = knownOutletAt(tokens, start, true);
  if (known) j = known.end;
  else if (/^[A-Z]{2,}$/.test(tokens[start]?.text ?? '')) j = start + 1;
  // Only when a speaker still follows the outlet.
  return j > start && j < to && tokens[j]!.word ? j : from;
}

/** Speaker after an inverted verb: up to a comma, terminal punctuation or sentence end. */
function inversionNPEnd(tokens: readonly Token[], from: number, to: number, lex: Prepared): number {
  let j = from;
  const limit = Math.min(to, from + MAX_NP);
  while (j < limit) {
    const t = tokens[j]!;
    if (!t.word && t.text !== '-' && t.text !== "'") break;
    if (t.word && j > from && ['that', 'que', 'on', 'in', 'at', 'during', 'lors', 'dans', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'after', 'before', 'après', 'avant', 'when', 'quand', 'while', 'tandis', 'alors'].includes(t.key)) break;
    j++;
  }
  void lex;
  return j;
}

/** Subject phrase before an SVO cue, with one appositive allowed ("Smith, an analyst at X, said"). */
function subjectBefore(tokens: readonly Token[], cueTok: number, from: number, lex: Prepared): { start: number; end: number } | null {
  let end = cueTok;
  for (;;) {
    if (end > from && tokens[end - 1]!.word && lex.skippableAdverbs.has(tokens[end - 1]!.key)) {
      end--;
      if (end > from && tokens[end]!.key === 'ailleurs' && tokens[end - 1]!.key === 'par') end--;
    } else if (end > from && lex.language === 'fr' && FR_AUX.has(tokens[end - 1]!.key) && end - 1 > from && tokens[end - 2]!.word) end--;
    // ", however," / ", cependant,"
    else if (end - 3 >= from && isComma(tokens[end - 1]) && lex.skippableAdverbs.has(tokens[end - 2]!.key) && isComma(tokens[end - 3])) end -= 3;
    else if (end > from && isComma(tokens[end - 1])) {
      // A short lower-case parenthesis between subject and verb: "X a, de son côté, assuré".
      let p = end - 2;
      while (p > from && end - p < 7 && tokens[p]!.word && !/^\p{Lu}/u.test(tokens[p]!.text)) p--;
      if (p > from && p < end - 2 && isComma(tokens[p]) && !lex.relativePronouns.has(tokens[p + 1]!.key)) {
        end = p;
        while (end > from && tokens[end - 1]!.word && (FR_AUX.has(tokens[end - 1]!.key) || EN_AUX.has(tokens[end - 1]!.key))) end--;
      } else break;
    } else break;
  }
  const boundary = (k: number): boolean => {
    const t = tokens[k]!;
    if (!t.word && t.text === '.' && k > from && isAbbreviation(tokens[k - 1]!.key)) return false; // "Sen. Rand Paul"
    if (!t.word) return isComma(t) || isQuote(t) || isTerminalToken(t) || t.text === ':' || t.text === '(' || t.text === ')';
    return ['that', 'and', 'but', 'que', "qu'", 'et', 'mais', 'while', 'tandis', 'whereas', 'because', 'parce', 'car', 'as'].includes(t.key);
  };
  let start = end;
  while (start > from && !boundary(start - 1) && end - start < MAX_NP) start--;
  if (start === end) {
    // "Smith, an analyst at X, said" / "X, who heads Y, said": an appositive or
    // relative clause sits between the subject and the cue.
    if (end - 1 > from && isComma(tokens[end - 1])) {
      let s1 = end - 1;
      while (s1 > from && !boundary(s1 - 1) && end - s1 < 2 * MAX_NP) s1--;
      if (s1 > from && isComma(tokens[s1 - 1])) {
        let s0 = s1 - 1;
        while (s0 > from && !boundary(s0 - 1) && s1 - s0 <= MAX_NP) s0--;
        const relative = lex.relativePronouns.has(tokens[s1]!.key);
        if (s0 < s1 - 1 && /^\p{Lu}/u.test(tokens[s0]!.text)) return { start: s0, end: relative ? s1 - 1 : end - 1 };
      }
    }
    return null;
  }
  // Conjunctions/adverbs opening the sentence are not part of the speaker.
  while (start < end && tokens[start]!.word && ['but', 'and', 'however', 'meanwhile', 'mais', 'et', 'cependant', 'pourtant'].includes(tokens[start]!.key)) start++;
  if (start >= end) return null;
  if (end - start >= MAX_NP) return null;
  return { start, end };
}

/**
 * Headline quotes ("Speaker: statement"). Returns candidates; the claim
 * builder keeps only those whose speaker phrase resolves to a speaker.
 */
export function findColonCues(tokens: readonly Token[], from: number, to: number, lex: Prepared): CueMatch[] {
  const out: CueMatch[] = [];
  for (let i = from + 1; i < to - 2; i++) {
    const t = tokens[i]!;
    if (t.word || t.text !== ':') continue;
    const before = tokens[i - 1]!;
    const after = tokens[i + 1]!;
    if (!before.word || /^\d+$/.test(before.key) || /^\d/.test(after.key)) continue; // 12:30
    let words = 0;
    for (let j = i + 1; j < to; j++) if (tokens[j]!.word) words++;
    if (words < 3) continue;
    let s = i;
    while (s > from && i - s < 6 && tokens[s - 1]!.word) s--;
    if (lex.labelWords.has(tokens[s]!.key) || lex.labelWords.has(before.key)) continue;
    out.push({
      type: 'colon', hint: 'statement', cueTok: i, cueEndTok: i + 1, claimStart: tokens[s]!.start, cueStart: t.start,
      cueEnd: t.end, npStart: s, npEnd: i, contentTok: i + 1, ppStart: i, ppEnd: i, relative: false,
      ppRole: 'interview', contentBefore: false, leading: s === from, glued: false,
    });
    break;
  }
  return out;
}

/** All attribution cues in tokens [from, to), in text order. Cues inside a quotation belong to it. */
export function findCues(tokens: readonly Token[], from: number, to: number, lex: Prepared): CueMatch[] {
  const all = lex.wordOrder === 'VSO' ? findVSO(tokens, from, to, lex) : findSVO(tokens, from, to, lex);
  const inside = quotedTokens(tokens, from, to);
  return inside ? all.filter((c) => !inside[c.cueTok - from]) : all;
}

/** Which tokens sit strictly inside balanced double quotes (null when there are none or they are unbalanced). */
export function quotedTokens(tokens: readonly Token[], from: number, to: number): boolean[] | null {
  let count = 0;
  for (let i = from; i < to; i++) if (isQuote(tokens[i])) count++;
  if (count === 0 || count % 2 === 1) return null;
  const mask = new Array<boolean>(to - from).fill(false);
  let open = false;
  for (let i = from; i < to; i++) {
    if (isQuote(tokens[i])) {
      open = !open;
      continue;
    }
    mask[i - from] = open;
  }
  return mask;
}

/** Pre-cue particles directly before token i ("فقد اعتبر"): returns the first particle token. */
export function particleBefore(tokens: readonly Token[], i: number, lex: Prepared): number {
  for (const p of lex.preCueParticles as Phrase[]) {
    const s = i - p.length;
    if (s >= 0 && matchPhrase(tokens, s, p) === i) return s;
  }
  return -1;
}
