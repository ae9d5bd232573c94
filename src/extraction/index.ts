import type {
  ExtractedClaim,
  ExtractionResult,
  ExtractOptions,
  Language,
  NoiseSpan,
} from './types.ts';
import type { Normalized } from './normalize.ts';
import { normalize, toOriginal } from './normalize.ts';
import { detectLanguage } from './language.ts';
import type { Prepared } from './prepared.ts';
import { preparedLexicon } from './prepared.ts';
import type { Token } from './tokens.ts';
import { matchAny, splitGluedWords, stripConjunction, tokenize } from './tokens.ts';
import type { Span } from './sentences.ts';
import { splitSentences, trimClaimSpan } from './sentences.ts';
import type { Line, NoiseHit, PhotoCredit } from './noise.ts';
import {
  bylineSpan,
  datelineAt,
  findUrls,
  isShareLine,
  looksLikeHeadlineRun,
  mastheadSpan,
  photoCreditAt,
  reportingCredits,
  teaserSpan,
  trailingAgencyCredit,
} from './noise.ts';
import type { OutletMention, OutletRef } from './outlets.ts';
import { canonicalOutlet, channelFromUrl, findOutletMentions, knownOutletAt, OutletAnaphors } from './outlets.ts';
import { carriedHops, chainInputs, claimChain, OutletTable, resolvePublisher } from './chains.ts';
import { ValidatedSpeakerRegistry } from './validated-speakers.ts';
import { findCues, isTerminalToken, particleBefore } from './cues.ts';
import type { RawClaim } from './claims.ts';
import { quoteContinuation, sentenceClaims } from './claims.ts';
import { checkworthiness, classifyKind, features } from './classify.ts';

export type * from './types.ts';
export { detectLanguage } from './language.ts';

const CONTEXT = 32;

interface Sentence extends Span {
  a: number;
  b: number;
  headlineRun: boolean;
}

/** Lines of the folded text with their token ranges. */
function computeLines(text: string, tokens: readonly Token[]): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let ti = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text[i] !== '\n') continue;
    const a = ti;
    while (ti < tokens.length && tokens[ti]!.start < i) ti++;
    lines.push({ start, end: i, a, b: ti });
    start = i + 1;
  }
  return lines;
}

/** Index of the first item whose position is ≥ value, in items sorted by that position. */
function firstAtOrAfter<T>(items: readonly T[], position: (item: T) => number, value: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (position(items[mid]!) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First token index whose start is ≥ offset. */
function lowerBound(tokens: readonly Token[], offset: number): number {
  return firstAtOrAfter(tokens, (token) => token.start, offset);
}

/**
 * Where a real sentence begins inside a line without punctuation before it:
 * a cue split off a glued word, or "فقد" + cue right after a word.
 */
function mergePoint(tokens: readonly Token[], line: Line, lex: Prepared): { at: number; glued: boolean } | null {
  if (lex.wordOrder !== 'VSO') return null;
  for (const c of findCues(tokens, line.a, line.b, lex)) {
    if (c.type !== 'verb') continue;
    const t = tokens[c.cueTok]!;
    if (c.glued) return { at: t.start, glued: true };
    const p = particleBefore(tokens, c.cueTok, lex);
    if (p > line.a) {
      const pt = tokens[p]!;
      if (pt.glued) return { at: pt.start, glued: true };
      if (tokens[p - 1]!.word && pt.key === 'فقد') return { at: pt.start, glued: false };
    }
  }
  return null;
}

function hasInterviewMarker(tokens: readonly Token[], a: number, b: number, lex: Prepared): boolean {
  for (let i = a; i < b; i++) {
    const t = tokens[i]!;
    if (!t.word) continue;
    if (matchAny(tokens, i, lex.interviewMarkers)) return true;
    if (lex.language === 'ar' && stripConjunction(t.key, lex.cuePrefixes).some((v) => lex.interviewMarkers.some((m) => m.length === 1 && m[0] === v.stem))) return true;
  }
  return false;
}

export function extract(text: string, options: ExtractOptions = {}): ExtractionResult {
  const language: Language = options.language ?? detectLanguage(text);
  const lex = preparedLexicon(language);
  const norm = normalize(text);
  const nt = norm.text;
  const tokens = splitGluedWords(tokenize(nt), lex);
  const lines = computeLines(nt, tokens);

  // 1. Noise and line-level structure.
  const hits: NoiseHit[] = [];
  const breaks: number[] = [];
  const headlineRuns: Span[] = [];
  const credits: PhotoCredit[] = [];
  const channels: OutletRef[] = [];
  let dateline: OutletRef | null = null;
  let mastheadOutlet: OutletRef | null = null;
  for (const u of findUrls(nt)) {
    hits.push({ start: u.start, end: u.end, reason: 'share_link' });
    const [os, oe] = toOriginal(norm, u.start, u.end);
    const ch = channelFromUrl(text.slice(os, oe));
    if (ch && !channels.some((c) => c.name === ch.name)) channels.push(ch);
  }
  let firstLine = true;
  for (const line of lines) {
    if (line.b <= line.a) continue;
    const isFirst = firstLine;
    firstLine = false;
    const lineHits = [isShareLine(tokens, line, lex) ? { start: line.start, end: line.end, reason: 'share_link' as const } : null, teaserSpan(tokens, line, lex), bylineSpan(tokens, line, lex), mastheadSpan(nt, tokens, line, lex, isFirst)].find((h) => h !== null);
    if (lineHits) {
      hits.push(lineHits);
      if (lineHits.reason === 'masthead' && !mastheadOutlet) mastheadOutlet = knownOutletInLine(tokens, line, norm);
      continue;
    }
    const src = sourceLine(tokens, line, lex);
    if (src) {
      hits.push({ start: line.start, end: line.end, reason: 'byline' });
      if (!dateline) dateline = knownOutletInLine(tokens, line, norm);
      continue;
    }
    const credit = reportingCredits(nt, line);
    if (credit) hits.push(credit);
    const dl = datelineAt(tokens, line);
    if (dl) {
      hits.push(dl.hit);
      if (!dateline) dateline = outletRef(tokens, dl.agencyTok, norm, lex);
    }
    const tail = trailingAgencyCredit(tokens, line);
    if (tail) {
      hits.push(tail.hit);
      if (!dateline) dateline = outletRef(tokens, tail.agencyTok, norm, lex);
    }
    const merge = mergePoint(tokens, line, lex);
    const photo = photoCreditAt(tokens, line, lex, merge?.at ?? line.end);
    if (photo) {
      hits.push(photo);
      if (photo.agency) credits.push(photo);
      continue;
    }
    if (merge) {
      let runA = line.a;
      const mTok = lowerBound(tokens, merge.at);
      for (let i = line.a; i < mTok; i++) if (isTerminalToken(tokens[i]) && !(tokens[i]!.text === '.' && (tokens[i + 1]?.text === '.' || tokens[i - 1]?.text === '.'))) runA = i + 1;
      if (runA < mTok && looksLikeHeadlineRun(nt, tokens, runA, mTok, merge.glued)) {
        headlineRuns.push({ start: tokens[runA]!.start, end: tokens[mTok - 1]!.end });
        breaks.push(tokens[runA]!.start, merge.at);
      } else if (merge.glued) breaks.push(merge.at);
    }
  }
  hits.sort((x, y) => x.start - y.start || y.end - x.end);

  // 2. Sentences in the gaps between noise spans.
  const sentences: Sentence[] = [];
  let pos = 0;
  const gaps: Span[] = [];
  for (const h of hits) {
    if (h.start > pos) gaps.push({ start: pos, end: h.start });
    pos = Math.max(pos, h.end);
  }
  if (pos < nt.length) gaps.push({ start: pos, end: nt.length });
  const sortedBreaks = [...breaks].sort((x, y) => x - y);
  for (const g of gaps) {
    for (const s of splitSentences(nt, g.start, g.end, sortedBreaks.filter((b) => b > g.start && b < g.end))) {
      const a = lowerBound(tokens, s.start);
      let b = lowerBound(tokens, s.end);
      // A token running into a noise span (a word glued to a URL) is left out.
      while (b > a && tokens[b - 1]!.end > s.end) b--;
      if (b <= a) continue;
      const headlineRun = headlineRuns.some((r) => r.start <= s.start && s.end <= r.end);
      sentences.push({ ...s, a, b, headlineRun });
    }
  }

  // 3. Who is introduced where, and which outlet interviewed them.
  const registry = new ValidatedSpeakerRegistry(norm, tokens, lex);
  const interviews = new Map<number, OutletRef>();
  const mentionsBySentence = new Map<Sentence, OutletMention[]>();
  const interviewSentences = new Set<Sentence>();
  const anaphors = new OutletAnaphors();
  for (const s of sentences) {
    const introduced = registry.scanIntroductions(s.a, s.b);
    const mentions = anaphors.resolve(findOutletMentions(tokens, s.a, s.b, lex, norm, true));
    mentionsBySentence.set(s, mentions);
    const marked = mentions.length > 0 && hasInterviewMarker(tokens, s.a, s.b, lex);
    if (marked) interviewSentences.add(s);
    if (marked && introduced.length) {
      for (const e of introduced) {
        const m = [...mentions].reverse().find((x) => tokens[x.tokStart]!.start <= e.introducedAt) ?? mentions[0]!;
        if (!interviews.has(e.id)) interviews.set(e.id, { name: m.name, kind: m.kind, url: null, surface: m.surface });
      }
    }
  }

  // 4. Claims.
  const raw: { claim: RawClaim; sentence: Sentence }[] = [];
  const relatedNoise: NoiseHit[] = [];
  let previous: RawClaim | null = null;
  for (const s of sentences) {
    registry.noteSentenceSubject(s.a, s.b);
    const { claims, colonStart } = sentenceClaims({ tokens, lex, registry }, s.a, s.b);
    if (claims.length === 0 && previous) {
      const cont = quoteContinuation(tokens, s.a, s.b, previous);
      if (cont) claims.push(cont);
    }
    previous = claims[claims.length - 1] ?? null;
    for (const c of claims) raw.push({ claim: c, sentence: s });
    if (s.headlineRun) {
      const end = colonStart !== null ? tokens[colonStart]!.start : claims.length ? tokens[claims[0]!.a]!.start : s.end;
      const span = trimClaimSpan(nt, s.start, end);
      let words = 0;
      for (let i = lowerBound(tokens, span.start); i < s.b && tokens[i]!.start < span.end; i++) if (tokens[i]!.word) words++;
      if (words >= 2) relatedNoise.push({ start: span.start, end: span.end, reason: 'related_headline' });
    }
  }

  // 5. Outlet chains.
  const publisher = resolvePublisher(options.publisher, credits, norm, lex) ?? mastheadOutlet;
  const outletTable = new OutletTable();
  for (const c of credits) {
    const [os, oe] = toOriginal(norm, c.agencySurfaceStart, c.agencySurfaceEnd);
    const known = canonicalOutlet(c.agency, lex);
    outletTable.add({ name: known?.name ?? c.agency, kind: known?.kind ?? 'agency', url: null, surface: text.slice(os, oe), role: 'photo_credit' }, c.start);
  }
  const article = { interviews, dateline, publisher, channels };
  const firstHops = carriedHops(chainInputs(raw, mentionsBySentence, interviewSentences, sentences), tokens, lex, interviews);
  const usedSpeakers = new Set<number>();
  const claims: ExtractedClaim[] = [];
  for (const [k, { claim }] of raw.entries()) {
    const span = trimClaimSpan(nt, tokens[claim.a]!.start, tokens[claim.b - 1]!.end);
    if (span.end <= span.start) continue;
    const [start, end] = toOriginal(norm, span.start, span.end);
    const chain = claimChain(firstHops[k] ?? null, article);
    chain.forEach((h) => outletTable.add(h, span.start));
    const endsWithQuestion = /^\s*[?\u061f]/.test(nt.slice(span.end, span.end + 3));
    const f = features(tokens, claim.contentA, claim.b, lex, endsWithQuestion);
    const kind = classifyKind(claim.hint, f);
    usedSpeakers.add(claim.speaker.id);
    const [cs, ce] = claim.cueStart < claim.cueEnd ? toOriginal(norm, claim.cueStart, claim.cueEnd) : [start, start];
    const [ms, me] = toOriginal(norm, claim.mention.start, claim.mention.end);
    claims.push({
      text: text.slice(start, end),
      start,
      end,
      prefix: text.slice(Math.max(0, start - CONTEXT), start),
      suffix: text.slice(end, end + CONTEXT),
      speaker: { name: '', aliases: [], unnamed: claim.speaker.unnamed, mention: { start: ms, end: me, text: text.slice(ms, me) } },
      cue: text.slice(cs, ce),
      outlets: chain.map((h, i) => ({ name: h.name, role: h.role, order: i + 1, url: h.url })),
      kind,
      checkworthiness: checkworthiness(kind, f),
      _speakerId: claim.speaker.id,
    } as ExtractedClaim & { _speakerId: number });
  }
  if (publisher) outletTable.add({ ...publisher, role: claims.some((c) => c.outlets.some((o) => o.name === publisher.name && o.role === 'republished')) ? 'republished' : 'original' }, 0);
  for (const ch of channels) outletTable.add({ ...ch, role: 'distributed' }, Number.MAX_SAFE_INTEGER);

  // Speakers are finalised after every mention has been seen (aliases, fullest names).
  // One object per speaker, shared by its claims: copying the alias list per claim grows with claims × aliases.
  const finalSpeakers = new Map<number, ExtractedClaim['speaker']>();
  for (const c of claims as (ExtractedClaim & { _speakerId?: number })[]) {
    let speaker = finalSpeakers.get(c._speakerId!);
    if (!speaker) {
      const e = registry.entry(c._speakerId!)!;
      speaker = { name: e.name, aliases: [...e.aliases.values()], unnamed: e.unnamed };
      finalSpeakers.set(c._speakerId!, speaker);
    }
    // The mention is the claim's own; name and aliases stay shared.
    c.speaker = { ...speaker, mention: c.speaker.mention };
    delete c._speakerId;
  }
  claims.sort((x, y) => x.start - y.start || x.end - y.end);

  const noise: NoiseSpan[] = [...hits, ...relatedNoise]
    .map((h) => {
      const [s, e] = toOriginal(norm, h.start, h.end);
      return { start: s, end: e, reason: h.reason, text: text.slice(s, e) };
    })
    .filter((n) => n.end > n.start)
    .sort((x, y) => x.start - y.start);

  return {
    language,
    claims,
    speakers: registry.list(usedSpeakers),
    outlets: outletTable.list(),
    noise,
  };
}

function surface(norm: Normalized, tokens: readonly Token[], a: number, b: number): string {
  const [s, e] = toOriginal(norm, tokens[a]!.start, tokens[b - 1]!.end);
  return norm.original.slice(s, e);
}

/** "المصدر: الجزيرة + وكالات", "Source: AFP": a label line naming where the story comes from. */
function sourceLine(tokens: readonly Token[], line: Line, lex: Prepared): boolean {
  let i = line.a;
  while (i < line.b && !tokens[i]!.word) i++;
  const t = tokens[i];
  if (!t || !lex.sourceLabels.has(t.key) || tokens[i + 1]?.text !== ':') return false;
  let words = 0;
  for (let k = i; k < line.b; k++) if (tokens[k]!.word) words++;
  return words <= 8;
}

/** First known outlet named on a masthead line ("Le Monde avec AFP" → Le Monde). */
function knownOutletInLine(tokens: readonly Token[], line: Line, norm: Normalized): OutletRef | null {
  for (let i = line.a; i < line.b; i++) {
    const k = knownOutletAt(tokens, i, true);
    if (k) return { name: k.name, kind: k.outlet.kind, url: null, surface: surface(norm, tokens, i, k.end) };
  }
  return null;
}

/** Outlet named by tokens [a, b): canonical when known. */
function outletRef(tokens: readonly Token[], [a, b]: [number, number], norm: Normalized, lex: Prepared): OutletRef {
  const known = knownOutletAt(tokens, a, true);
  const text = surface(norm, tokens, a, b);
  return { name: known?.name ?? canonicalOutlet(text, lex)?.name ?? text, kind: known?.outlet.kind ?? 'agency', url: null, surface: text };
}
