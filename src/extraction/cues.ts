import type { Prepared, Phrase } from './prepared.ts';
import { phraseOf } from './prepared.ts';
import type { Token } from './tokens.ts';
import { matchAny, matchPhrase, stripConjunction } from './tokens.ts';
import { arabicStem, isArabicDefinite } from './arabic.ts';
import type { CueMatch } from './cues-common.ts';
import {
  findComplement, isComma, isQuote, isStatementSetting, isTerminalToken, matchVerbForm, participleOrSourceCueAt,
} from './cues-common.ts';
import { findSVO } from './cues-svo.ts';
import { foldKey } from './normalize.ts';
import { arabicEnvoyNouns } from './lexicon/envoys.ts';

export type { CueMatch, CueType } from './cues-common.ts';
export { isComma, isQuotedNameLead, isStatementSetting, isTerminalToken, matchSource, matchVerbForm } from './cues-common.ts';

// Attribution cues: where a reported statement is introduced, by which word,
// and where its speaker phrase sits. Speaker resolution happens later.
// Verb-first cues (Arabic) live here; subject-first ones in cues-svo.ts.

// Arabic speaker phrases carry titles, places and venues before "أن":
// "قالت منسقة الشؤون الإنسانية في السودان X في مقابلة مع قناة Y إن".
const MAX_VSO_SCAN = 18;
// Tokens between كان and its cue: "وكان المتحدث باسم \"فيلق الرحمن\" قد قال".
const MAX_AUX_SUBJECT = 12;
const BRACKETS = new Set(['(', ')']);

/** Words that end a speaker phrase and open a prepositional complement. */
function isPPStart(tokens: readonly Token[], j: number, lex: Prepared): boolean {
  const t = tokens[j];
  if (!t || !t.word) return false;
  if (lex.language === 'ar') {
    if (t.key === 'لدي') return !afterEnvoy(tokens, j);
    if (t.key === 'ل' || t.key === 'خلال' || t.key === 'امام' || t.key === 'عبر' || t.key === 'مع') return true;
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

const ENVOY_NOUNS = new Set(arabicEnvoyNouns.map(foldKey));
// Words between an envoy noun and لدى: the country or nationality ("السفيرة الأمريكية لدى").
const MAX_ENVOY_GAP = 3;

/** "السفير الفرنسي لدى الأمم المتحدة": لدى after an envoy noun belongs to the role. */
function afterEnvoy(tokens: readonly Token[], j: number): boolean {
  for (let k = j - 1; k >= 0 && j - k <= MAX_ENVOY_GAP; k--) {
    const t = tokens[k]!;
    if (!t.word) return false;
    if (ENVOY_NOUNS.has(arabicStem(t.key))) return true;
  }
  return false;
}

function opensWithDocument(t: Token | undefined, lex: Prepared): boolean {
  return !!t && t.word && lex.documentNouns.has(arabicStem(t.key));
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
      const pre = relative || verb.prefix !== '' ? null : subjectBeforeAux(tokens, i, from, lex, npEnd > verb.end);
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
    const fallback = participleOrSourceCueAt(tokens, i, from, to, lex, { allowed: isComma(prev) || isQuote(prev) || i === from, prefixes: lex.cuePrefixes });
    if (fallback) {
      out.push(fallback.cue);
      i = fallback.last;
    }
  }
  return out;
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

/**
 * "وكان X قد VERB", "وكانت X VERB": the auxiliary and the subject between it and the cue (or
 * its particle قد). The subject may hold quote marks, brackets and appositive commas
 * ("وكانت وكالة الأنباء الرسمية (سانا) ذكرت"); without قد it must open with a content word and
 * hold no relative pronoun, so "كانت ما تزال … الذي قال" keeps its own speaker, and the verb
 * no subject of its own after it.
 */
function subjectBeforeAux(tokens: readonly Token[], i: number, from: number, lex: Prepared, subjectAfterVerb: boolean): { aux: number; start: number; end: number } | null {
  if (lex.subjectFirstAux.size === 0) return null;
  const qad = tokens[i - 1]?.key === 'قد';
  if (!qad && subjectAfterVerb) return null;
  const end = qad ? i - 1 : i;
  // "وكان لسوروس رأي … حيث قال": a subordinator before the cue opens a clause of its own.
  if (!qad && lex.functionWords.has(tokens[end - 1]?.key ?? '')) return null;
  for (let k = end - 1; k >= Math.max(from, end - MAX_AUX_SUBJECT); k--) {
    const t = tokens[k]!;
    if (!t.word) {
      // Without قد a comma ends the search: "كانت قريبة، مضيفا أن X ترى" is no subject before كان.
      if (isTerminalToken(t) || (!qad && isComma(t)) || !(isComma(t) || isQuote(t) || BRACKETS.has(t.text))) return null;
      continue;
    }
    if (stripConjunction(t.key, lex.cuePrefixes).some((v) => lex.subjectFirstAux.has(v.stem))) {
      let start = k + 1;
      while (start < end && !tokens[start]!.word) start++;
      if (start >= end) return null;
      if (!qad && lex.functionWords.has(tokens[start]!.key)) return null;
      return { aux: k, start, end };
    }
    if (t.key === 'ان' || (!qad && (lex.relativePronouns.has(t.key) || lex.verbWordSet.has(t.key)))) return null;
  }
  return null;
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
