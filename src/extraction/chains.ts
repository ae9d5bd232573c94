import type { ExtractedOutlet, OutletKind, OutletRole } from './types.ts';
import type { Normalized } from './normalize.ts';
import { toOriginal } from './normalize.ts';
import type { Prepared } from './prepared.ts';
import { firstAtOrAfter, type Token } from './tokens.ts';
import type { PhotoCredit } from './noise.ts';
import type { OutletMention, OutletRef } from './outlets.ts';
import { canonicalOutlet } from './outlets.ts';
import type { RawClaim } from './claims.ts';
import { namesOtherVenue, outletContextFor } from './outlet-context.ts';

// Outlet chains: which outlet each claim passed through (interview or
// original outlet → publisher → channel), and how an outlet that carries an
// interview stays with the speaker's following statements.

export interface Hop extends OutletRef {
  role: OutletRole;
}

/** One claim with what its sentence says about outlets. */
export interface ChainInput {
  claim: RawClaim;
  /** Outlet mentions of the claim's sentence, in text order. */
  mentions: readonly OutletMention[];
  /** Claims of the same sentence, in text order (the claim included). */
  sentenceClaims: readonly RawClaim[];
  /** The sentence speaks of an interview ("in an interview", "في مقابلة"). */
  interviewMarked: boolean;
  /** Index of the claim's sentence in the article. */
  sentenceIndex: number;
}

export interface ArticleOutlets {
  interviews: Map<number, OutletRef>;
  dateline: OutletRef | null;
  publisher: OutletRef | null;
  channels: OutletRef[];
}

const hopOf = (m: OutletMention, role: OutletRole): Hop => ({ name: m.name, kind: m.kind, url: null, surface: m.surface, role });

/** Index of the first mention starting at or after token `tok` (mentions are in text order). */
function firstMentionFrom(mentions: readonly OutletMention[], tok: number): number {
  return firstAtOrAfter(mentions, (m) => m.tokStart, tok);
}

/** Role a mention plays for a claim: what its construction says, else what the cue says. */
function roleOf(m: OutletMention, fallback: OutletRole): OutletRole {
  return m.construction === 'interview' ? 'interview' : m.construction === 'relay' ? 'original' : fallback;
}

/** The speaker is itself an outlet ("according to Reuters", "ذكرت وكالة رويترز"): it is the origin. */
function speakerOutletOf(claim: RawClaim, mentions: readonly OutletMention[], tokens: readonly Token[], lex: Prepared): OutletMention | undefined {
  // The words the speaker was resolved from name an outlet ("the TV report said", "وأضافت الوكالة").
  const spoken = claim.mention;
  const inMention = mentions.find((m) => m.construction === null && tokens[m.tokStart]!.start < spoken.end && tokens[m.tokEnd - 1]!.end > spoken.start);
  if (inMention) return inMention;
  if (claim.speaker.nameWords.length === 0) return undefined;
  const known = canonicalOutlet(claim.speaker.name, lex);
  // Only mentions inside the claim's own window are examined, so long sentences stay linear.
  for (let i = firstMentionFrom(mentions, Math.min(claim.ppA, claim.a)); i < mentions.length && mentions[i]!.tokStart < claim.b; i++) {
    const m = mentions[i]!;
    // "قال محمد لبي بي سي": an outlet spoken to is not the speaker, even when the speaker phrase ran over it.
    if (m.construction === 'interview') continue;
    if (m.tokEnd <= claim.b && ((known && known.canonical === m.canonical) || (m.surface !== '' && claim.speaker.name.includes(m.surface)))) return m;
  }
  return undefined;
}

/** Does another claim of the sentence, by someone else, sit between token positions a and b? */
function otherSpeakerBetween(input: ChainInput, a: number, b: number): boolean {
  return input.sentenceClaims.some((c) => c !== input.claim && c.a > a && c.a < b && c.speaker.id !== input.claim.speaker.id);
}

/**
 * An outlet named in the claim's sentence through a construction: "…، وفقا لما
 * نقلته وكالة X" after the statement, "في تصريح لـ(X)، قال" before it.
 */
function constructionMention(input: ChainInput): OutletMention | undefined {
  const { claim, mentions } = input;
  for (let i = firstMentionFrom(mentions, claim.a); i < mentions.length; i++) {
    const m = mentions[i]!;
    if (otherSpeakerBetween(input, claim.a, m.tokStart)) break;
    if (m.construction) return m;
  }
  for (let i = firstMentionFrom(mentions, claim.a) - 1; i >= 0; i--) {
    const m = mentions[i]!;
    if (input.sentenceClaims.some((c) => c !== claim && c.a >= m.tokEnd && c.a < claim.a)) break;
    if (m.construction && m.tokEnd <= claim.a) return m;
  }
  return undefined;
}

// Tokens allowed between an outlet subject and its cue ("قد", "أمس").
const SUBJECT_GAP = 2;

/** The outlet the claim's own sentence names for it, if any, with its role. */
export function ownHop(input: ChainInput, tokens: readonly Token[], lex: Prepared): Hop | null {
  const { claim, mentions } = input;
  const speakerOutlet = speakerOutletOf(claim, mentions, tokens, lex);
  if (speakerOutlet) return hopOf(speakerOutlet, 'original');
  const li = firstMentionFrom(mentions, claim.ppA);
  const local = mentions[li] && mentions[li]!.tokEnd <= claim.ppB + 1 ? mentions[li] : undefined;
  if (local) return hopOf(local, roleOf(local, claim.ppRole));
  // "ونقلت سانا عن مراسلها قوله": an outlet between the cue and the content relays the speaker.
  const inCue = mentions[firstMentionFrom(mentions, claim.a)];
  if (inCue && inCue.tokEnd <= claim.contentA) return hopOf(inCue, roleOf(inCue, 'original'));
  const built = constructionMention(input);
  if (built) return hopOf(built, roleOf(built, 'original'));
  // "وكانت وكالة X قد ذكرت": the outlet named just before the cue is its subject.
  const subject = mentions[firstMentionFrom(mentions, claim.a) - 1];
  if (subject && claim.a - subject.tokEnd <= SUBJECT_GAP && !input.sentenceClaims.some((c) => c !== claim && c.a >= subject.tokEnd && c.a < claim.a)) return hopOf(subject, 'original');
  if (input.interviewMarked) {
    const before = mentions[firstMentionFrom(mentions, claim.a) - 1];
    const after = mentions[firstMentionFrom(mentions, claim.ppA)];
    const m = [before, after].find((x) => x !== undefined && (x.tokEnd <= claim.a || x.tokStart >= claim.ppA));
    if (m) return hopOf(m, 'interview');
  }
  return null;
}

/**
 * Outlet hop of every claim, in text order. An outlet that carried a speaker's
 * statement stays with that speaker's next statements until another outlet or
 * venue ("في بيان", "at a news conference") takes over, and reaches back to the
 * lead statements just before it that named none.
 */
export function carriedHops(inputs: readonly ChainInput[], tokens: readonly Token[], lex: Prepared, interviews: Map<number, OutletRef>): (Hop | null)[] {
  const ctx = outletContextFor(lex.language);
  const carried = new Map<number, Hop>();
  const hops: (Hop | null)[] = [];
  for (const input of inputs) {
    const { claim } = input;
    const own = ownHop(input, tokens, lex);
    const venue = !own && namesOtherVenue(tokens, claim.a, claim.contentA, ctx, lex);
    if (own) carried.set(claim.speaker.id, own);
    else if (venue) carried.delete(claim.speaker.id);
    const bound = interviews.get(claim.speaker.id);
    hops.push(own ?? (venue ? null : carried.get(claim.speaker.id) ?? (bound ? { ...bound, role: 'interview' } : null)));
    if (own && own.role === 'interview' && namedInMention(claim, tokens)) backfill(inputs, hops, hops.length - 1, tokens, ctx, lex);
  }
  return hops;
}

const LEAD_DISTANCE = 2;

/** The claim names its speaker ("أكد بوتن"), rather than a pronoun or description standing for someone. */
function namedInMention(claim: RawClaim, tokens: readonly Token[]): boolean {
  const names = new Set(claim.speaker.nameWords);
  for (let i = firstAtOrAfter(tokens, (t) => t.end, claim.mention.start + 1); i < tokens.length && tokens[i]!.start < claim.mention.end; i++) {
    if (names.has(tokens[i]!.key)) return true;
  }
  return false;
}

/** Give the interview outlet at `k` to the same speaker's statements just before it that name no outlet. */
function backfill(inputs: readonly ChainInput[], hops: (Hop | null)[], k: number, tokens: readonly Token[], ctx: ReturnType<typeof outletContextFor>, lex: Prepared): void {
  const speaker = inputs[k]!.claim.speaker.id;
  for (let j = k - 1; j >= 0; j--) {
    const input = inputs[j]!;
    if (input.claim.speaker.id !== speaker || hops[j] || inputs[k]!.sentenceIndex - input.sentenceIndex > LEAD_DISTANCE) return;
    if (namesOtherVenue(tokens, input.claim.a, input.claim.contentA, ctx, lex)) return;
    hops[j] = hops[k]!;
  }
}

/** Ordered hops for one claim: its own or carried outlet → dateline agency → publisher → distribution channel. */
export function claimChain(first: Hop | null, article: ArticleOutlets): Hop[] {
  const hops: Hop[] = [];
  const push = (h: Hop): void => {
    if (!hops.some((x) => x.name.toLowerCase() === h.name.toLowerCase())) hops.push(h);
  };
  if (first) push(first);
  if (article.dateline) push({ ...article.dateline, role: 'original' });
  if (article.publisher) push({ ...article.publisher, role: hops.length ? 'republished' : 'original' });
  for (const ch of article.channels) push({ ...ch, role: 'distributed' });
  return hops;
}

export function resolvePublisher(given: string | undefined, credits: PhotoCredit[], norm: Normalized, lex: Prepared): OutletRef | null {
  if (given && given.trim()) {
    const known = canonicalOutlet(given, lex);
    return { name: known?.name ?? given.trim(), kind: known?.kind ?? 'website', url: null, surface: given.trim() };
  }
  // Without an explicit publisher, the agency signing the photos is the best guess.
  const c = credits[0];
  if (!c) return null;
  const known = canonicalOutlet(c.agency, lex);
  const [os, oe] = toOriginal(norm, c.agencySurfaceStart, c.agencySurfaceEnd);
  return { name: known?.name ?? c.agency, kind: known?.kind ?? 'agency', url: null, surface: norm.original.slice(os, oe) };
}

const STAGE: Record<OutletRole, number> = { original: 0, interview: 0, republished: 1, distributed: 2, photo_credit: 3 };

/** Article-level outlet list: one entry per (outlet, role), ordered by chain stage then first appearance. */
export class OutletTable {
  private rows = new Map<string, { name: string; kind: OutletKind; role: OutletRole; url: string | null; aliases: Set<string>; first: number }>();

  add(h: Hop, at: number): void {
    const key = `${h.name.toLowerCase()}|${h.role}`;
    const row = this.rows.get(key);
    if (row) {
      if (h.surface && h.surface !== row.name) row.aliases.add(h.surface);
      row.first = Math.min(row.first, at);
      return;
    }
    const aliases = new Set<string>();
    if (h.surface && h.surface !== h.name) aliases.add(h.surface);
    this.rows.set(key, { name: h.name, kind: h.kind, role: h.role, url: h.url, aliases, first: at });
  }

  list(): ExtractedOutlet[] {
    // Aliases are shared across the roles an outlet plays.
    const byName = new Map<string, Set<string>>();
    for (const r of this.rows.values()) {
      const s = byName.get(r.name.toLowerCase()) ?? new Set<string>();
      for (const a of r.aliases) s.add(a);
      byName.set(r.name.toLowerCase(), s);
    }
    return [...this.rows.values()]
      .sort((x, y) => STAGE[x.role] - STAGE[y.role] || x.first - y.first)
      .map((r, i) => ({ name: r.name, kind: r.kind, role: r.role, url: r.url, order: i + 1, aliases: [...(byName.get(r.name.toLowerCase()) ?? [])].filter((a) => a !== r.name) }));
  }
}

/** Chain inputs for the article's claims (in text order), from their sentences. */
export function chainInputs<S>(raw: readonly { claim: RawClaim; sentence: S }[], mentions: Map<S, OutletMention[]>, interviewSentences: Set<S>, sentences: readonly S[]): ChainInput[] {
  const index = new Map(sentences.map((s, i) => [s, i]));
  const bySentence = new Map<S, RawClaim[]>();
  for (const r of raw) {
    const list = bySentence.get(r.sentence) ?? [];
    list.push(r.claim);
    bySentence.set(r.sentence, list);
  }
  return raw.map(({ claim, sentence }) => ({
    claim,
    mentions: mentions.get(sentence) ?? [],
    sentenceClaims: bySentence.get(sentence) ?? [claim],
    interviewMarked: interviewSentences.has(sentence),
    sentenceIndex: index.get(sentence) ?? 0,
  }));
}
