import type {
  ExtractedClaim,
  ExtractionResult,
  ExtractOptions,
  Language,
  NoiseSpan,
  SpeakerMention,
} from './types.ts';
import type { Normalized } from './normalize.ts';
import { normalize, toOriginal } from './normalize.ts';
import { detectLanguage } from './language.ts';
import type { Prepared } from './prepared.ts';
import { preparedLexicon } from './prepared.ts';
import type { Token } from './tokens.ts';
import { firstAtOrAfter, matchAny, splitGluedWords, stripConjunction, tokenize } from './tokens.ts';
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
import { carriedHops, chainInputs, claimChain, OutletTable, resolvePublisher, type Hop } from './chains.ts';
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

/** What the whole article holds for every stage: the text, its folded copy, tokens, lines, lexicon. */
interface ArticleText {
  text: string;
  norm: Normalized;
  tokens: Token[];
  lines: Line[];
  lex: Prepared;
}

export function extract(text: string, options: ExtractOptions = {}): ExtractionResult {
  const language: Language = options.language ?? detectLanguage(text);
  const lex = preparedLexicon(language);
  const norm = normalize(text);
  const tokens = splitGluedWords(tokenize(norm.text), lex);
  const article: ArticleText = { text, norm, tokens, lines: computeLines(norm.text, tokens), lex };

  const scan = scanLines(article);
  const sentences = findSentences(article, scan);
  const people = scanPeople(article, sentences);
  const { raw, relatedNoise } = findClaims(article, sentences, people.registry);
  const publisher = resolvePublisher(options.publisher, scan.credits, norm, lex) ?? scan.mastheadOutlet;
  const outletTable = photoCreditOutlets(article, scan.credits);
  const firstHops = carriedHops(chainInputs(raw, people.mentionsBySentence, people.interviewSentences, sentences), tokens, lex, people.interviews);
  const chainContext = { interviews: people.interviews, dateline: scan.dateline, publisher, channels: scan.channels };
  const placed = raw.flatMap(({ claim }, k) => {
    const chain = claimChain(firstHops[k] ?? null, chainContext);
    const output = claimOutput(article, claim, chain);
    if (output) chain.forEach((hop) => outletTable.add(hop, output.foldedStart));
    return output ? [output] : [];
  });
  const claims = withFinalSpeakers(placed, people.registry);
  if (publisher) outletTable.add({ ...publisher, role: claims.some((c) => c.outlets.some((o) => o.name === publisher.name && o.role === 'republished')) ? 'republished' : 'original' }, 0);
  for (const channel of scan.channels) outletTable.add({ ...channel, role: 'distributed' }, Number.MAX_SAFE_INTEGER);

  return {
    language,
    claims,
    speakers: people.registry.list(new Set(placed.map((c) => c.speakerId))),
    outlets: outletTable.list(),
    noise: originalNoise(article, [...scan.hits, ...relatedNoise]),
  };
}

/** Stage 1's hand-off: noise spans and what the article's lines say about where it comes from. */
interface LineScan {
  hits: NoiseHit[];
  /** Offsets where a sentence must start although no punctuation precedes (glued headlines, cues). */
  breaks: number[];
  headlineRuns: Span[];
  credits: PhotoCredit[];
  channels: OutletRef[];
  dateline: OutletRef | null;
  mastheadOutlet: OutletRef | null;
}

/** Stage 1: scraper noise and line-level structure (share links, bylines, datelines, credits, glued headlines). */
function scanLines(article: ArticleText): LineScan {
  const { norm, lines } = article;
  const scan: LineScan = { hits: [], breaks: [], headlineRuns: [], credits: [], channels: [], dateline: null, mastheadOutlet: null };
  for (const url of findUrls(norm.text)) {
    scan.hits.push({ start: url.start, end: url.end, reason: 'share_link' });
    const [os, oe] = toOriginal(norm, url.start, url.end);
    const channel = channelFromUrl(article.text.slice(os, oe));
    if (channel && !scan.channels.some((c) => c.name === channel.name)) scan.channels.push(channel);
  }
  let firstLine = true;
  for (const line of lines) {
    if (line.b <= line.a) continue;
    scanLine(article, line, firstLine, scan);
    firstLine = false;
  }
  scan.hits.sort((x, y) => x.start - y.start || y.end - x.end);
  return scan;
}

function scanLine(article: ArticleText, line: Line, isFirst: boolean, scan: LineScan): void {
  const { norm, tokens, lex } = article;
  const nt = norm.text;
  const wholeLine = [isShareLine(tokens, line, lex) ? { start: line.start, end: line.end, reason: 'share_link' as const } : null, teaserSpan(tokens, line, lex), bylineSpan(tokens, line, lex), mastheadSpan(nt, tokens, line, lex, isFirst)].find((h) => h !== null);
  if (wholeLine) {
    scan.hits.push(wholeLine);
    if (wholeLine.reason === 'masthead' && !scan.mastheadOutlet) scan.mastheadOutlet = knownOutletInLine(tokens, line, norm);
    return;
  }
  if (sourceLine(tokens, line, lex)) {
    scan.hits.push({ start: line.start, end: line.end, reason: 'byline' });
    scan.dateline ??= knownOutletInLine(tokens, line, norm);
    return;
  }
  const credit = reportingCredits(nt, line);
  if (credit) scan.hits.push(credit);
  for (const agencyCredit of [datelineAt(tokens, line), trailingAgencyCredit(tokens, line)]) {
    if (!agencyCredit) continue;
    scan.hits.push(agencyCredit.hit);
    scan.dateline ??= outletRef(tokens, agencyCredit.agencyTok, norm, lex);
  }
  const merge = mergePoint(tokens, line, lex);
  const photo = photoCreditAt(tokens, line, lex, merge?.at ?? line.end);
  if (photo) {
    scan.hits.push(photo);
    if (photo.agency) scan.credits.push(photo);
    return;
  }
  if (merge) markMergedHeadlines(article, line, merge, scan);
}

/** A run of headlines glued before a line's first real sentence becomes its own span, cut off by breaks. */
function markMergedHeadlines(article: ArticleText, line: Line, merge: { at: number; glued: boolean }, scan: LineScan): void {
  const { tokens } = article;
  let runA = line.a;
  const mergeTok = lowerBound(tokens, merge.at);
  for (let i = line.a; i < mergeTok; i++) if (isTerminalToken(tokens[i]) && !(tokens[i]!.text === '.' && (tokens[i + 1]?.text === '.' || tokens[i - 1]?.text === '.'))) runA = i + 1;
  if (runA < mergeTok && looksLikeHeadlineRun(article.norm.text, tokens, runA, mergeTok, merge.glued)) {
    scan.headlineRuns.push({ start: tokens[runA]!.start, end: tokens[mergeTok - 1]!.end });
    scan.breaks.push(tokens[runA]!.start, merge.at);
  } else if (merge.glued) scan.breaks.push(merge.at);
}

/** Stage 2: sentences in the gaps between noise spans, as token ranges. */
function findSentences(article: ArticleText, scan: LineScan): Sentence[] {
  const { tokens } = article;
  const nt = article.norm.text;
  const gaps: Span[] = [];
  let pos = 0;
  for (const hit of scan.hits) {
    if (hit.start > pos) gaps.push({ start: pos, end: hit.start });
    pos = Math.max(pos, hit.end);
  }
  if (pos < nt.length) gaps.push({ start: pos, end: nt.length });
  const sortedBreaks = [...scan.breaks].sort((x, y) => x - y);
  const sentences: Sentence[] = [];
  for (const gap of gaps) {
    for (const s of splitSentences(nt, gap.start, gap.end, sortedBreaks.filter((b) => b > gap.start && b < gap.end))) {
      const a = lowerBound(tokens, s.start);
      let b = lowerBound(tokens, s.end);
      // A token running into a noise span (a word glued to a URL) is left out.
      while (b > a && tokens[b - 1]!.end > s.end) b--;
      if (b <= a) continue;
      const headlineRun = scan.headlineRuns.some((r) => r.start <= s.start && s.end <= r.end);
      sentences.push({ ...s, a, b, headlineRun });
    }
  }
  return sentences;
}

/** Stage 3's hand-off: who the article introduces, the outlets each sentence names, and who was interviewed by which. */
interface PeopleScan {
  registry: ValidatedSpeakerRegistry;
  interviews: Map<number, OutletRef>;
  mentionsBySentence: Map<Sentence, OutletMention[]>;
  interviewSentences: Set<Sentence>;
}

/** Stage 3: who is introduced where, and which outlet interviewed them. */
function scanPeople(article: ArticleText, sentences: readonly Sentence[]): PeopleScan {
  const { norm, tokens, lex } = article;
  const people: PeopleScan = { registry: new ValidatedSpeakerRegistry(norm, tokens, lex), interviews: new Map(), mentionsBySentence: new Map(), interviewSentences: new Set() };
  const anaphors = new OutletAnaphors();
  for (const s of sentences) {
    const introduced = people.registry.scanIntroductions(s.a, s.b);
    const mentions = anaphors.resolve(findOutletMentions(tokens, s.a, s.b, lex, norm, true));
    people.mentionsBySentence.set(s, mentions);
    if (mentions.length === 0 || !hasInterviewMarker(tokens, s.a, s.b, lex)) continue;
    people.interviewSentences.add(s);
    for (const entry of introduced) {
      const m = [...mentions].reverse().find((x) => tokens[x.tokStart]!.start <= entry.introducedAt) ?? mentions[0]!;
      if (!people.interviews.has(entry.id)) people.interviews.set(entry.id, { name: m.name, kind: m.kind, url: null, surface: m.surface });
    }
  }
  return people;
}

/** Stage 4: each sentence's claims (with quote continuations), and headline runs left as noise. */
function findClaims(article: ArticleText, sentences: readonly Sentence[], registry: ValidatedSpeakerRegistry): { raw: { claim: RawClaim; sentence: Sentence }[]; relatedNoise: NoiseHit[] } {
  const { tokens, lex } = article;
  const raw: { claim: RawClaim; sentence: Sentence }[] = [];
  const relatedNoise: NoiseHit[] = [];
  let previous: RawClaim | null = null;
  for (const s of sentences) {
    registry.noteSentenceSubject(s.a, s.b);
    const { claims, colonStart } = sentenceClaims({ tokens, lex, registry }, s.a, s.b);
    if (claims.length === 0 && previous) {
      const continuation = quoteContinuation(tokens, s.a, s.b, previous);
      if (continuation) claims.push(continuation);
    }
    previous = claims[claims.length - 1] ?? null;
    for (const claim of claims) raw.push({ claim, sentence: s });
    if (s.headlineRun) {
      const related = relatedHeadline(article, s, colonStart ?? claims[0]?.a ?? null);
      if (related) relatedNoise.push(related);
    }
  }
  return { raw, relatedNoise };
}

/** The part of a headline-run sentence before its claim (or all of it), when it has two words or more. */
function relatedHeadline(article: ArticleText, s: Sentence, claimTok: number | null): NoiseHit | null {
  const { tokens } = article;
  const end = claimTok !== null ? tokens[claimTok]!.start : s.end;
  const span = trimClaimSpan(article.norm.text, s.start, end);
  let words = 0;
  for (let i = lowerBound(tokens, span.start); i < s.b && tokens[i]!.start < span.end; i++) if (tokens[i]!.word) words++;
  return words >= 2 ? { start: span.start, end: span.end, reason: 'related_headline' } : null;
}

/** Photo-credit agencies open the article's outlet list. */
function photoCreditOutlets(article: ArticleText, credits: readonly PhotoCredit[]): OutletTable {
  const table = new OutletTable();
  for (const credit of credits) {
    const [os, oe] = toOriginal(article.norm, credit.agencySurfaceStart, credit.agencySurfaceEnd);
    const known = canonicalOutlet(credit.agency, article.lex);
    table.add({ name: known?.name ?? credit.agency, kind: known?.kind ?? 'agency', url: null, surface: article.text.slice(os, oe), role: 'photo_credit' }, credit.start);
  }
  return table;
}

/** A claim placed in the original text, its speaker still an id of the registry. */
interface PlacedClaim extends Omit<ExtractedClaim, 'speaker'> {
  speakerId: number;
  mention: SpeakerMention;
  /** Where the claim starts in the folded text (outlets are ordered by it). */
  foldedStart: number;
}

/** Stage 5: a raw claim as the caller sees it (original offsets, cue, chain, kind), or null when its span is empty. */
function claimOutput(article: ArticleText, claim: RawClaim, chain: readonly Hop[]): PlacedClaim | null {
  const { text, norm, tokens, lex } = article;
  const span = trimClaimSpan(norm.text, tokens[claim.a]!.start, tokens[claim.b - 1]!.end);
  if (span.end <= span.start) return null;
  const [start, end] = toOriginal(norm, span.start, span.end);
  const endsWithQuestion = /^\s*[?\u061f]/.test(norm.text.slice(span.end, span.end + 3));
  const f = features(tokens, claim.contentA, claim.b, lex, endsWithQuestion);
  const kind = classifyKind(claim.hint, f);
  const [cs, ce] = claim.cueStart < claim.cueEnd ? toOriginal(norm, claim.cueStart, claim.cueEnd) : [start, start];
  const [ms, me] = toOriginal(norm, claim.mention.start, claim.mention.end);
  return {
    text: text.slice(start, end),
    start,
    end,
    prefix: text.slice(Math.max(0, start - CONTEXT), start),
    suffix: text.slice(end, end + CONTEXT),
    cue: text.slice(cs, ce),
    outlets: chain.map((hop, i) => ({ name: hop.name, role: hop.role, order: i + 1, url: hop.url })),
    kind,
    checkworthiness: checkworthiness(kind, f),
    speakerId: claim.speaker.id,
    mention: { start: ms, end: me, text: text.slice(ms, me) },
    foldedStart: span.start,
  };
}

/**
 * Stage 6: speakers are finalised after every mention has been seen (aliases, fullest names). One
 * speaker object per entity, shared by its claims' name and aliases: copying the alias list per claim
 * grows with claims × aliases; the mention stays each claim's own.
 */
function withFinalSpeakers(placed: readonly PlacedClaim[], registry: ValidatedSpeakerRegistry): ExtractedClaim[] {
  const finalSpeakers = new Map<number, Omit<ExtractedClaim['speaker'], 'mention'>>();
  const claims = placed.map((claim): ExtractedClaim => {
    let speaker = finalSpeakers.get(claim.speakerId);
    if (!speaker) {
      const entry = registry.entry(claim.speakerId)!;
      speaker = { name: entry.name, aliases: [...entry.aliases.values()], unnamed: entry.unnamed };
      finalSpeakers.set(claim.speakerId, speaker);
    }
    const { text, start, end, prefix, suffix, cue, outlets, kind, checkworthiness } = claim;
    return { text, start, end, prefix, suffix, speaker: { ...speaker, mention: claim.mention }, cue, outlets, kind, checkworthiness };
  });
  return claims.sort((x, y) => x.start - y.start || x.end - y.end);
}

/** Noise spans in original offsets, with their text. */
function originalNoise(article: ArticleText, hits: readonly NoiseHit[]): NoiseSpan[] {
  return hits
    .map((hit) => {
      const [s, e] = toOriginal(article.norm, hit.start, hit.end);
      return { start: s, end: e, reason: hit.reason, text: article.text.slice(s, e) };
    })
    .filter((n) => n.end > n.start)
    .sort((x, y) => x.start - y.start);
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
