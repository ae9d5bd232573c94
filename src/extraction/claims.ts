import type { CueHint } from './lexicon/types.ts';
import type { Prepared } from './prepared.ts';
import type { Token } from './tokens.ts';
import { matchAny, stripConjunction } from './tokens.ts';
import type { CueMatch } from './cues.ts';
import { directObjectSubjectEnd, findColonCues, findCues, isComma, isTerminalToken, matchSource, matchVerbForm } from './cues.ts';
import type { ParsedNP, SpeakerEntry, SpeakerRegistry } from './speakers.ts';
import { sentenceSubject } from './cues-coordinated.ts';
import { documentClauseIssuer, resumptiveIn } from './document-clauses.ts';
import { isArabicDefinite, isNisba } from './speakers.ts';

// Turns the cues of one sentence into claim spans with speakers. A claim
// starts at its cue (with a leading و / كما) or, in subject-first languages,
// at its speaker, and runs until the next cue, a clause connector that starts
// a new statement, or the end of the sentence.

export interface RawClaim {
  /** Token range [a, b) of the claim. */
  a: number;
  b: number;
  /** First token of the reported content (for kind and score). */
  contentA: number;
  speaker: SpeakerEntry;
  /** Folded offsets of the cue to report. */
  cueStart: number;
  cueEnd: number;
  /** Hint of the claim's own cue; null when the cue was inherited from a previous clause. */
  hint: CueHint | null;
  /** Tokens between speaker and content ("لـ سبوتنيك", "told CNN"). */
  ppA: number;
  ppB: number;
  /** Role of an outlet found in [ppA, ppB): it interviewed the speaker or relays them. */
  ppRole: 'interview' | 'original';
  /** Sentence token range. */
  sa: number;
  sb: number;
  /** For headline quotes: where the speaker phrase starts. */
  colon: boolean;
  /** Folded offsets of the words the speaker was resolved from (the cue itself for a zero subject). */
  mention: MentionSpan;
}

export interface MentionSpan {
  start: number;
  end: number;
}

/**
 * The words the cue's speaker phrase is resolved from, as the registry reads it (up to its
 * appositive, without time words or a trailing adverbial: "قال الوزير الثلاثاء" → الوزير);
 * the relative pronoun or the cue word itself when the subject is implicit ("وأوضح في مقال").
 */
export function speakerMention(tokens: readonly Token[], cue: CueMatch, registry: Pick<SpeakerRegistry, 'mentionRange'>): MentionSpan {
  const range = cue.npEnd > cue.npStart ? registry.mentionRange(cue.npStart, cue.npEnd) : null;
  if (range) return { start: tokens[range[0]]!.start, end: tokens[range[1] - 1]!.end };
  // "الخبير الذي لفت": the relative pronoun stands for the speaker.
  const relativePronoun = cue.relative ? tokens[cue.cueTok - 1] : undefined;
  if (relativePronoun) return { start: relativePronoun.start, end: relativePronoun.end };
  return { start: cue.cueStart, end: cue.cueEnd };
}

export interface ClaimContext {
  tokens: readonly Token[];
  lex: Prepared;
  registry: SpeakerRegistry;
}

interface Segment {
  a: number;
  b: number;
  contentA: number;
  speaker: SpeakerEntry | null;
  cue: CueMatch | null;
  hint: CueHint | null;
  own: boolean;
}

/** Which tokens of [a, b) sit inside double quotes (all false when quotes are unbalanced). */
export function quoteMask(tokens: readonly Token[], a: number, b: number): boolean[] {
  const mask = new Array<boolean>(b - a).fill(false);
  let count = 0;
  for (let i = a; i < b; i++) if (!tokens[i]!.word && tokens[i]!.text === '"') count++;
  if (count % 2 === 1) return mask;
  let inside = false;
  for (let i = a; i < b; i++) {
    const t = tokens[i]!;
    if (!t.word && t.text === '"') {
      inside = !inside;
      mask[i - a] = true;
      continue;
    }
    mask[i - a] = inside;
  }
  return mask;
}

/** Clause connectors (", لكن", ", علما أن") outside quotes: token indices where a new clause starts. */
export function connectorStarts(tokens: readonly Token[], a: number, b: number, lex: Prepared): number[] {
  if (lex.clauseConnectors.length === 0) return [];
  const mask = quoteMask(tokens, a, b);
  const out: number[] = [];
  for (let i = a + 1; i < b; i++) {
    if (!isComma(tokens[i - 1]) || mask[i - a]) continue;
    if (matchAny(tokens, i, lex.clauseConnectors)) out.push(i);
  }
  return out;
}

/** End of a claim before a trailing clause that only adds circumstances (", in a move aimed at …"). */
export function circumstanceCut(tokens: readonly Token[], a: number, b: number, sa: number, mask: readonly boolean[], lex: Prepared): number {
  if (lex.circumstanceOpeners.length === 0) return b;
  for (let i = a + 3; i < b; i++) {
    if (!isComma(tokens[i - 1]) || mask[i - sa]) continue;
    if (matchAny(tokens, i, lex.circumstanceOpeners)) return i - 1;
  }
  return b;
}

/**
 * A headline speaker given by a title alone, "وزير الصحة:", "محافظ المركزي التونسي:": a role
 * phrase starting at p. Indefinite bare roles ("نائب:") parse as unnamed and stay out.
 */
export function isTitledRole(np: ParsedNP, p: number): boolean {
  return np.type === 'role' && np.role !== null && np.role[0] === p && np.role[1] - np.role[0] >= 2;
}

/** Where the speaker of a headline quote starts, and who it is. */
function colonSpeaker(ctx: ClaimContext, cue: CueMatch, sentenceStart: number, at: number): { npStart: number; speaker: SpeakerEntry } | null {
  const { tokens, registry } = ctx;
  // Farthest institution or role head before the colon: "هيئة الأركان الروسية:".
  let best = -1;
  for (let p = cue.npEnd - 1; p >= cue.npStart; p--) {
    const np = registry.parse(p, cue.npEnd);
    if (np.type === 'organization' && registry.isInstitutionAt(p)) best = p;
    // Latin scripts: the phrase must be just a name ("Macron :"), not a headline topic ("Grève à la SNCF :").
    else if (np.type === 'person' && np.name && np.name[0] === p && np.name[1] === cue.npEnd && ctx.lex.language !== 'ar') best = p;
    else if (np.type === 'person' && np.role && np.role[0] === p) best = p;
    else if (isTitledRole(np, p)) best = p;
  }
  // "وتابع X قائلا:" is a verb clause, not a headline speaker.
  for (let k = cue.npStart; k < cue.npEnd; k++) {
    const t = tokens[k]!;
    if (matchVerbForm(tokens, k, ctx.lex.verbCues, ctx.lex.cuePrefixes) || ctx.lex.participleCues.has(t.key) || ctx.lex.complementFirstWords.has(t.key)) return null;
  }
  if (best < 0 && cue.npStart === sentenceStart && cue.npEnd - cue.npStart <= 3) {
    const np = registry.parse(cue.npStart, cue.npEnd);
    const wholeName = np.type === 'person' && (ctx.lex.language === 'ar' || (np.name !== null && np.name[1] === cue.npEnd));
    if (wholeName || (np.type === 'organization' && ctx.lex.language !== 'ar' && /^\p{Lu}/u.test(tokens[cue.npStart]!.text))) best = cue.npStart;
  }
  if (best < 0) return null;
  const speaker = registry.resolve(best, cue.npEnd, at);
  if (!speaker || speaker.kind === 'unnamed') return null;
  return { npStart: best, speaker };
}

/** Claims of one sentence (token range [sa, sb)). */
export function sentenceClaims(ctx: ClaimContext, sa: number, sb: number): { claims: RawClaim[]; colonStart: number | null } {
  const { tokens, lex, registry } = ctx;
  const cues = findCues(tokens, sa, sb, lex);
  let colonStart: number | null = null;
  const colon = findColonCues(tokens, sa, sb, lex)[0];
  const extra: CueMatch[] = [];
  // A headline quote only when no verb cue claims the sentence ("X : « … », alerte Oxfam").
  if (colon && !cues.some((c) => c.type !== 'source' && (c.cueTok < colon.cueTok || c.contentBefore))) {
    const at = tokens[colon.npStart]!.start;
    const found = colonSpeaker(ctx, colon, sa, at);
    if (found) {
      colonStart = found.npStart;
      const accepted: CueMatch = { ...colon, npStart: found.npStart, claimStart: tokens[found.npStart]!.start };
      extra.push(accepted);
      colonSpeakers.set(accepted, found.speaker);
    }
  }
  const all = [...extra, ...cues.filter((c) => !extra.length || c.cueTok > extra[0]!.cueTok)].sort((x, y) => x.cueTok - y.cueTok);
  const segs = lex.wordOrder === 'VSO' ? absorbNestedReports(ctx, segmentVSO(ctx, all, sa, sb)) : segmentSVO(ctx, all, sa, sb);
  const claims: RawClaim[] = [];
  const mask = quoteMask(tokens, sa, sb);
  for (const s of segs) {
    if (!s.speaker || !s.cue) continue;
    if (!s.cue.contentBefore) s.b = circumstanceCut(tokens, s.a, s.b, sa, mask, lex);
    let words = 0;
    for (let i = s.a; i < s.b; i++) if (tokens[i]!.word) words++;
    if (words < 3) continue;
    claims.push({
      a: s.a,
      b: s.b,
      contentA: Math.max(s.a, Math.min(s.contentA, s.b - 1)),
      speaker: s.speaker,
      cueStart: s.cue.cueStart,
      cueEnd: s.cue.cueEnd,
      hint: s.own ? s.hint : null,
      ppA: s.own ? s.cue.ppStart : s.a,
      ppB: s.own ? s.cue.ppEnd : s.a,
      ppRole: s.own ? s.cue.ppRole : 'interview',
      sa,
      sb,
      colon: s.cue.type === 'colon',
      mention: speakerMention(tokens, s.cue, registry),
    });
    registry.markSpoke(s.speaker, tokens[s.a]!.start);
  }
  return { claims, colonStart };
}

const colonSpeakers = new WeakMap<CueMatch, SpeakerEntry>();

const LATIN_LINKS = new Set(['of', 'de', 'du', 'des', "d'", "l'", 'la', 'le', 'les', 'the', 'for', 'pour']);
const THAT_WORDS = new Set(['فان', 'فإن', 'ان', 'that', 'que', "qu'"]);

/**
 * "Selon l'AFP, le ministère a recensé …", "According to Reuters, the
 * ministry said …", "وبحسب رويترز، فإن وزارة الصحة …": when a leading source
 * is an outlet and the clause has its own institutional or named subject,
 * that subject is the speaker and the outlet only relays it.
 */
function sourceThroughOutlet(ctx: ClaimContext, c: CueMatch, sb: number): { speaker: SpeakerEntry; cue: CueMatch } | null {
  const { tokens, lex, registry } = ctx;
  if (!registry.outletNamed(c.npStart, c.npEnd)) return null;
  let i = c.npEnd;
  while (i < sb && (!tokens[i]!.word || THAT_WORDS.has(tokens[i]!.key))) {
    if (isTerminalToken(tokens[i])) return null;
    i++;
  }
  let j = i;
  if (lex.language === 'ar') j = directObjectSubjectEnd(tokens, i, sb, lex);
  else {
    // A few modifiers, then an institution or role head or a capitalised name ("the central bank").
    const isHead = (k: number): boolean => {
      const t = tokens[k]!;
      return t.word && ((/^\p{Lu}/u.test(t.text) && !LATIN_LINKS.has(t.key)) || lex.institutionHeads.has(t.key) || lex.roleNouns.has(t.key));
    };
    let k = i;
    while (k < sb && k - i < 4 && tokens[k]!.word && !isHead(k)) k++;
    if (k >= sb || !isHead(k)) return null;
    j = k + 1;
    while (j < sb && j - i < 8 && tokens[j]!.word && (isHead(j) || LATIN_LINKS.has(tokens[j]!.key))) j++;
    while (j > k + 1 && LATIN_LINKS.has(tokens[j - 1]!.key)) j--;
    const next = tokens[j];
    if (!next || !next.word || /^\p{Lu}/u.test(next.text)) return null;
  }
  if (j <= i) return null;
  const np = registry.parse(i, j);
  let institutional = false;
  for (let k = i; k < j; k++) if (registry.isInstitutionAt(k)) institutional = true;
  if (np.type === 'pronoun' || (np.type === 'organization' && !institutional)) return null;
  const speaker = registry.resolve(i, j, tokens[i]!.start);
  if (!speaker) return null;
  return { speaker, cue: { ...c, npStart: i, npEnd: j, ppStart: c.npStart, ppEnd: c.npEnd, ppRole: 'original' } };
}

/**
 * "وذكرت صحيفة "إزفستيا"، نقلا عن مصدر عسكري روسي، أن …": an outlet as the subject with a
 * source cue in apposition. The source after the cue is the speaker; the outlet relays it.
 */
export function relayedInAppositive(ctx: ClaimContext, c: CueMatch): { speaker: SpeakerEntry; cue: CueMatch } | null {
  const { tokens, lex, registry } = ctx;
  if (c.type !== 'verb' || c.relative || c.npEnd <= c.npStart) return null;
  let comma = c.npStart;
  while (comma < c.npEnd && !isComma(tokens[comma])) comma++;
  if (comma >= c.npEnd - 1 || !registry.outletNamed(c.npStart, comma)) return null;
  const src = matchSource(tokens, comma + 1, lex);
  if (!src) return null;
  let end = src.npFrom;
  while (end < c.npEnd && !isComma(tokens[end])) end++;
  if (end <= src.npFrom) return null;
  const speaker = registry.resolve(src.npFrom, end, tokens[src.npFrom]!.start);
  if (!speaker) return null;
  return { speaker, cue: { ...c, npStart: src.npFrom, npEnd: end, ppStart: c.npStart, ppEnd: comma, ppRole: 'original' } };
}

function resolveCue(ctx: ClaimContext, c: CueMatch, origin: CueMatch): SpeakerEntry | null {
  const colonSpeaker = colonSpeakers.get(origin);
  if (colonSpeaker) return colonSpeaker;
  return ctx.registry.resolve(c.npStart, c.npEnd, ctx.tokens[c.cueTok]!.start);
}

/** Arabic: verb-first clauses, connector splits, trailing "بحسب X" and relative cues. */
function segmentVSO(ctx: ClaimContext, cues: CueMatch[], sa: number, sb: number): Segment[] {
  const { tokens, lex, registry } = ctx;
  type Ev = { at: number; cue?: CueMatch; connector?: boolean };
  const events: Ev[] = cues.map((c) => ({ at: c.cueTok, cue: c }));
  for (const k of connectorStarts(tokens, sa, sb, lex)) events.push({ at: k, connector: true });
  // "غير أن وزير الخزانة، X، رأى أن": a sentence opened by a connector may front the subject too.
  if (matchAny(tokens, sa, lex.clauseConnectors)) events.push({ at: sa, connector: true });
  events.sort((x, y) => x.at - y.at || (x.connector ? -1 : 1));
  const segs: Segment[] = [];
  let cur: Segment | null = null;
  let cursor = sa;
  let lastSourceSpeaker: { end: number; speaker: SpeakerEntry | null } | null = null;
  const close = (end: number): void => {
    if (cur) {
      cur.b = Math.max(cur.a, end);
      applyQuoteClosure(tokens, cur, lex);
      segs.push(cur);
    }
    cur = null;
    cursor = end;
  };
  for (const ev of events) {
    if (ev.connector) {
      const open: Segment | null = cur;
      const inherited: Segment | null = open ?? segs[segs.length - 1] ?? null;
      const inheritedEndsHere: boolean = open !== null || (inherited !== null && inherited.b >= ev.at - 1);
      close(ev.at - 1);
      cur = {
        a: ev.at, b: sb, contentA: ev.at,
        speaker: inheritedEndsHere ? inherited?.speaker ?? null : null,
        cue: inheritedEndsHere ? inherited?.cue ?? null : null,
        hint: null, own: false,
      };
      continue;
    }
    const c = ev.cue!;
    const startTok = c.type === 'colon' ? c.npStart : tokenAt(tokens, c.claimStart, c.cueTok);
    const open: Segment | null = cur;
    const fronted: { speaker: SpeakerEntry; cue: CueMatch } | null = c.type === 'verb' && open && !open.own ? subjectAfterConnector(ctx, open, c) : null;
    if (fronted && open) {
      // "، لكن الدول الغربية، اتهمت النظام …": the subject sits between the connector and the verb.
      cur = { a: open.a, b: sb, contentA: c.contentTok, speaker: fronted.speaker, cue: fronted.cue, hint: c.hint, own: true };
      continue;
    }
    if (c.type === 'verb' || c.type === 'participle' || c.type === 'colon') {
      const cut = c.relative ? c.cueTok - 1 : startTok;
      if (cur) close(cut);
      else cursor = cut;
      let speaker: SpeakerEntry | null;
      let cue = c;
      const relay = relayedInAppositive(ctx, c);
      const document = c.type === 'verb' ? documentClauseSpeaker(ctx, c, sa) : null;
      const clauseSubject: { speaker: SpeakerEntry; cue: CueMatch } | null = c.type === 'participle' && !cur && segs.length === 0 ? verbClauseSubject(ctx, sa, c) : null;
      if (clauseSubject) ({ speaker, cue } = clauseSubject);
      else if (c.type === 'participle') speaker = segs[segs.length - 1]?.speaker ?? registry.last;
      else if (document) ({ speaker, cue } = document);
      else if (c.relative && lastSourceSpeaker && lastSourceSpeaker.end >= c.cueTok - 1) speaker = lastSourceSpeaker.speaker;
      else if (c.relative) ({ speaker, cue } = relativeAntecedent(ctx, c, sa) ?? { speaker: registry.last, cue });
      else if (relay) ({ speaker, cue } = relay);
      else speaker = resolveCue(ctx, c, c);
      cur = { a: startTok, b: sb, contentA: c.contentTok, speaker, cue, hint: c.hint, own: true };
      continue;
    }
    // Source cue: "بحسب X".
    if (c.leading) {
      const relay = sourceThroughOutlet(ctx, c, sb);
      const speaker = relay ? relay.speaker : registry.resolve(c.npStart, c.npEnd, tokens[c.cueTok]!.start);
      if (cur) close(startTok);
      cur = { a: startTok, b: sb, contentA: c.npEnd, speaker, cue: relay ? relay.cue : c, hint: 'statement', own: true };
      continue;
    }
    const speaker = registry.resolve(c.npStart, c.npEnd, tokens[c.cueTok]!.start);
    const seg: Segment = cur ?? { a: cursor, b: sb, contentA: cursor, speaker: null, cue: null, hint: null, own: false };
    if (!seg.own || !seg.speaker) {
      seg.speaker = speaker;
      seg.cue = c;
      seg.hint = 'statement';
      seg.own = true;
      seg.contentA = seg.a;
    }
    cur = seg;
    close(c.npEnd);
    lastSourceSpeaker = { end: c.npEnd, speaker };
  }
  close(sb);
  return segs.filter((s) => s.b > s.a);
}

/**
 * "أصدرت الحركة بيانا أعلنت فيه", "في تصريح لرئيس السلطة قال فيه": the cue speaks for the
 * document's issuer (see document-clauses.ts), who is remembered for a later "البيان". "في الوقت
 * الذي أعلن فيه حيدر العبادي": without a document, a subject after the resumptive word is the cue's own.
 */
function documentClauseSpeaker(ctx: ClaimContext, c: CueMatch, sa: number): { speaker: SpeakerEntry | null; cue: CueMatch } | null {
  const { tokens, lex, registry } = ctx;
  const clause = documentClauseIssuer(tokens, c.cueTok, c.npStart, c.npEnd, sa, lex);
  if (clause?.range === 'implicit') return { speaker: registry.last, cue: c };
  if (clause) {
    const [from, to] = clause.range;
    const speaker = registry.resolve(from, to, tokens[from]!.start);
    if (speaker) {
      registry.noteDocumentIssuer(clause.document, clause.documentToken, speaker);
      return { speaker, cue: { ...c, npStart: from, npEnd: to } };
    }
  }
  const resumptive = resumptiveIn(tokens, c.npStart, c.npEnd, lex);
  const subject = resumptive === null ? null : subjectAfterResumptive(ctx, resumptive + 1, c.npEnd);
  if (!subject) return null;
  const own = { ...c, npStart: subject[0], npEnd: subject[1] };
  return { speaker: registry.resolve(own.npStart, own.npEnd, tokens[c.cueTok]!.start), cue: own };
}

const MAX_ANTECEDENT_WORDS = 6;

/**
 * "والنظام السوري الذي ينفي الاتهامات"، "وحمل على روسيا التي قالت": the noun phrase right before
 * the relative pronoun is the cue's subject, when it is a head noun with its adjectives or a
 * person the article has named ("في الوقت الذي أعلن"، "الأصول التي" name nobody). The phrase is
 * the longest such run of words after a preposition, a comma or the sentence start.
 */
function relativeAntecedent(ctx: ClaimContext, c: CueMatch, sa: number): { speaker: SpeakerEntry; cue: CueMatch } | null {
  const { tokens, lex, registry } = ctx;
  let end = c.cueTok - 1;
  // "المرصد السوري، الذي قال": the antecedent may close with a comma.
  if (isComma(tokens[end - 1])) end--;
  let first = end;
  while (first > sa && end - first < MAX_ANTECEDENT_WORDS && tokens[first - 1]!.word && !lex.functionWords.has(tokens[first - 1]!.key)) first--;
  // "وكان المرصد …، الذي قال": an auxiliary opening the sentence is not part of the subject.
  if (first < end && stripConjunction(tokens[first]!.key, lex.cuePrefixes).some(({ stem }) => lex.subjectFirstAux.has(stem))) first++;
  for (let start = first; start < end; start++) {
    if (subjectPhraseEnd(ctx, start, end) !== end) continue;
    const speaker = registry.resolve(start, end, tokens[start]!.start);
    return speaker ? { speaker, cue: { ...c, npStart: start, npEnd: end } } : null;
  }
  return null;
}

/**
 * "وخفض صندوق النقد الدولي، هذا الأسبوع، توقعاته …، مشيرا إلى": a participle closing a sentence
 * that has no cue of its own speaks for the subject of the verb opening it — an institution,
 * role or unnamed source with its adjectives, or a person the article has named.
 */
function verbClauseSubject(ctx: ClaimContext, sa: number, c: CueMatch): { speaker: SpeakerEntry; cue: CueMatch } | null {
  const { tokens, lex, registry } = ctx;
  let verb = sa;
  while (verb < c.cueTok && !tokens[verb]!.word) verb++;
  const first = tokens[verb];
  if (lex.language !== 'ar' || !first || verb + 1 >= c.cueTok || lex.functionWords.has(first.key) || isArabicDefinite(first.key)) return null;
  if (registry.knownNameEnd(verb) > verb || registry.opensWithPreposition(verb)) return null;
  const from = verb + 1;
  const end = subjectPhraseEnd(ctx, from, c.cueTok);
  if (end <= from) return null;
  const speaker = registry.resolve(from, end, tokens[from]!.start);
  return speaker ? { speaker, cue: { ...c, npStart: from, npEnd: end } } : null;
}

/**
 * "أعلن فيه حيدر العبادي عن …"، "يقر فيها مسؤول كندي بأن": a head noun and its adjectives, or a
 * person the article has named, filling the slot. Anything else after "فيه" may be the object of
 * a verb whose subject is implicit ("حذرت فيه ترامب"، "تتهم فيها إسرائيل إيران").
 */
function subjectAfterResumptive(ctx: ClaimContext, from: number, to: number): [number, number] | null {
  const { tokens, lex } = ctx;
  const end = subjectPhraseEnd(ctx, from, to);
  if (end <= from) return null;
  for (let k = end; k < to; k++) if (tokens[k]!.word && !lex.timeWords.has(tokens[k]!.key)) return null;
  return [from, end];
}

/**
 * End of a subject starting at token `from` that can be trusted without a cue to delimit it: a
 * head noun with its adjectives ("صندوق النقد الدولي", "مسؤول كندي") or a person the article has
 * named; -1 otherwise. A bare indefinite head ("رئيس", "حركة") has lost the name it governs.
 */
function subjectPhraseEnd(ctx: ClaimContext, from: number, to: number): number {
  const { tokens, lex, registry } = ctx;
  let end = directObjectSubjectEnd(tokens, from, to, lex);
  while (end > from && end < to && tokens[end]!.word && isNisba(tokens[end]!.key) && !isArabicDefinite(tokens[end]!.key)) end++;
  if (end === from + 1 && !isArabicDefinite(tokens[from]!.key)) end = from;
  return end > from ? end : registry.knownNameEnd(from);
}

const MAX_NESTED_SUBJECT = 3;

/**
 * "وذكر الموقع أن الوزارة قالت إنها …", "مضيفا أن الولايات المتحدة ترى أن …": a statement whose
 * content is only the subject of a second cue reports that cue. The two make one claim; its
 * speaker is the inner one when the outer is a news outlet relaying it.
 */
function absorbNestedReports(ctx: ClaimContext, segs: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (let i = 0; i < segs.length; i++) {
    const outer = segs[i]!;
    const inner = segs[i + 1];
    if (inner && isNestedReport(ctx.tokens, outer, inner)) {
      const relayed = !outer.speaker || isOutletPhrase(ctx, outer.cue!);
      // The inner speaker is the outer content: "أن الوزارة قالت".
      const speaker = relayed ? ctx.registry.resolve(outer.contentA, outer.b, ctx.tokens[outer.contentA]!.start) ?? inner.speaker : outer.speaker;
      out.push({ ...outer, b: inner.b, speaker });
      i++;
      continue;
    }
    out.push(outer);
  }
  return out;
}

/** "موقع "المدى"", "الموقع", "Reuters": the speaker phrase names a news outlet. */
function isOutletPhrase(ctx: ClaimContext, cue: CueMatch): boolean {
  if (ctx.registry.outletNamed(cue.npStart, cue.npEnd) !== null) return true;
  const head = ctx.tokens[cue.npStart];
  if (!head || !head.word) return false;
  const bare = head.key.replace(/^ال/, '');
  return ctx.lex.outletKeywords.some((k) => k.words.length === 1 && k.words[0] === bare);
}

function isNestedReport(tokens: readonly Token[], outer: Segment, inner: Segment): boolean {
  if (!outer.own || !inner.own || !outer.cue || !inner.cue || inner.cue.type !== 'verb' || outer.cue.contentBefore) return false;
  if (inner.a !== outer.b || outer.contentA >= outer.b || outer.b - outer.contentA > MAX_NESTED_SUBJECT) return false;
  for (let k = outer.contentA; k < outer.b; k++) if (!tokens[k]!.word) return false;
  return true;
}

const MAX_FRONTED_SUBJECT = 8;

/**
 * A verb without a conjunction right after a connector clause's opening words ("لكن X، اتهمت"):
 * those words are its subject. Null when they are not a noun phrase (a preposition or adverb opens them).
 */
function subjectAfterConnector(ctx: ClaimContext, seg: Segment, c: CueMatch): { speaker: SpeakerEntry; cue: CueMatch } | null {
  const { tokens, lex } = ctx;
  const conn = matchAny(tokens, seg.a, lex.clauseConnectors);
  if (!conn || c.cueStart !== tokens[c.cueTok]!.start) return null;
  const start = conn.end;
  let end = c.cueTok;
  while (end > start && !tokens[end - 1]!.word) end--;
  const first = tokens[start];
  if (end <= start || end - start > MAX_FRONTED_SUBJECT || !first || !first.word || lex.functionWords.has(first.key)) return null;
  for (let k = start; k < end; k++) if (isTerminalToken(tokens[k]) || lex.verbWordSet.has(tokens[k]!.key)) return null;
  const speaker = ctx.registry.resolve(start, end, first.start);
  if (!speaker) return null;
  return { speaker, cue: { ...c, npStart: start, npEnd: end, claimStart: tokens[seg.a]!.start } };
}

/** Index of the token starting at folded offset `start` (falls back to `fallback`). */
function tokenAt(tokens: readonly Token[], start: number, fallback: number): number {
  for (let i = fallback; i >= 0 && i >= fallback - 12; i--) if (tokens[i]!.start === start) return i;
  return fallback;
}

/**
 * When the reported content opens with a direct quotation and the writer carries on after a
 * comma ("…"، دون تحديده), the quote delimits the claim. A quote the sentence goes on from
 * without a comma ("أسفه العميق" للقرار …) or followed by a relative clause or "بل" is part of
 * the statement.
 */
export function applyQuoteClosure(tokens: readonly Token[], seg: Segment, lex: Prepared): void {
  if (!seg.own || !seg.cue || seg.cue.type !== 'verb') return;
  let q = seg.contentA;
  const open = tokens[q];
  if (!open || open.word || open.text !== '"') return;
  q++;
  while (q < seg.b && !(tokens[q]!.text === '"' && !tokens[q]!.word)) q++;
  if (q >= seg.b - 1 || !isComma(tokens[q + 1])) return;
  const next = tokens[q + 2];
  if (!next || !next.word || lex.relativePronouns.has(next.key) || QUOTE_CONTINUERS.has(next.key)) return;
  seg.b = q + 1;
}

/** Words after "…"، that carry the quoted statement on: "بل أيضا", "and". */
const QUOTE_CONTINUERS = new Set(['بل', 'وبل', 'and', 'but', 'et', 'mais']);

/** English / French: subject-first clauses, inversions after quotes, "according to". */
function segmentSVO(ctx: ClaimContext, cues: CueMatch[], sa: number, sb: number): Segment[] {
  const { registry } = ctx;
  const segs: Segment[] = [];
  let cursor = sa;
  let current: SpeakerEntry | null = null;
  for (let idx = 0; idx < cues.length; idx++) {
    const c = cues[idx]!;
    const next = cues[idx + 1];
    let cut = sb;
    if (next) {
      // '"Q1", a souligné X, "Q2", a ajouté Y': each inverted cue closes its own quotation.
      if (c.contentBefore && next.type === 'verb' && next.contentBefore) cut = inversionEnd(ctx.tokens, c.npEnd, next.cueTok);
      else if (next.type === 'participle') cut = next.cueTok - 1;
      else if (next.type === 'verb' && !next.contentBefore) cut = Math.min(next.npStart, next.cueTok);
      else if (next.type === 'source' && next.leading) cut = next.cueTok;
    }
    if (c.type === 'participle') {
      if (!current) {
        // "He then continued in Mandarin, saying, …": the subject of the sentence speaks.
        const opened = participleAfterClause(ctx, c, sa, cut);
        if (opened) {
          segs.push(opened);
          current = opened.speaker;
          cursor = cut;
        }
        continue;
      }
      segs.push({ a: c.cueTok, b: cut, contentA: c.contentTok, speaker: current, cue: c, hint: c.hint, own: true });
      cursor = cut;
      continue;
    }
    if (c.type === 'source' && !c.leading) {
      if (segs.length > 0 && segs[segs.length - 1]!.b >= c.cueTok) continue; // "X said ..., according to Y": keep X
      const speaker = registry.resolve(c.npStart, c.npEnd, ctx.tokens[c.cueTok]!.start);
      // "The economy will shrink, according to the IMF" / "X, according to Y, will…": the whole clause.
      segs.push({ a: cursor, b: Math.max(c.npEnd, cut), contentA: cursor, speaker, cue: c, hint: 'statement', own: true });
      current = speaker;
      cursor = segs[segs.length - 1]!.b;
      continue;
    }
    const relay = c.type === 'source' ? sourceThroughOutlet(ctx, c, sb) : null;
    const speaker = relay ? relay.speaker : resolveCue(ctx, c, c);
    if (!speaker) continue;
    current = speaker;
    const a = c.type === 'source' ? c.cueTok : c.contentBefore ? cursor : Math.min(c.npStart, c.cueTok);
    const b = Math.max(cut, c.npEnd);
    if (segs.length && segs[segs.length - 1]!.b > a) segs[segs.length - 1]!.b = a;
    segs.push({ a, b, contentA: c.contentBefore ? a : c.contentTok, speaker, cue: relay ? relay.cue : c, hint: c.hint, own: true });
    cursor = b;
    if (b > cut) idx = skipCovered(cues, idx, b);
  }
  return segs.filter((s) => s.b > s.a);
}

/** After an inverted speaker, the comma or quote that opens the next quotation ("…, a dit X dans un communiqué, «"). */
function inversionEnd(tokens: readonly Token[], from: number, to: number): number {
  for (let k = from; k < to; k++) if (isComma(tokens[k]) || (!tokens[k]!.word && tokens[k]!.text === '"')) return k;
  return from;
}

/** A participle cue after a clause with no cue of its own: the claim opens with the sentence's subject. */
function participleAfterClause(ctx: ClaimContext, c: CueMatch, sa: number, cut: number): Segment | null {
  const subject = sentenceSubject(ctx.tokens, sa, c.cueTok, ctx.lex);
  if (!subject) return null;
  const speaker = ctx.registry.resolve(subject.start, subject.end, ctx.tokens[subject.start]!.start);
  if (!speaker) return null;
  const cue: CueMatch = { ...c, npStart: subject.start, npEnd: subject.end };
  return { a: subject.start, b: cut, contentA: c.contentTok, speaker, cue, hint: c.hint, own: true };
}

function skipCovered(cues: CueMatch[], idx: number, b: number): number {
  while (idx + 1 < cues.length && cues[idx + 1]!.cueTok < b) idx++;
  return idx;
}

/**
 * A sentence that is nothing but a quotation, right after a sentence with a
 * claim, continues that speaker: '"X," Biden said. "We will not back down."'
 */
export function quoteContinuation(tokens: readonly Token[], sa: number, sb: number, prev: RawClaim): RawClaim | null {
  let b = sb;
  while (b > sa && isTerminalToken(tokens[b - 1])) b--;
  const first = tokens[sa];
  const last = tokens[b - 1];
  if (!first || !last || first.word || first.text !== '"' || last.word || last.text !== '"' || b - sa < 5) return null;
  for (let i = sa + 1; i < b - 1; i++) if (!tokens[i]!.word && tokens[i]!.text === '"') return null;
  return { a: sa, b: sb, contentA: sa, speaker: prev.speaker, cueStart: prev.cueStart, cueEnd: prev.cueEnd, hint: null, ppA: sa, ppB: sa, ppRole: 'interview', sa, sb, colon: false, mention: prev.mention };
}
