// The desk's articles and their current claims in the layout of the annotated evaluation corpus
// (DIR/texts/NAME.txt, DIR/gold/NAME.gold.json, DIR/gold.json keyed by file name), so that what
// reviewers corrected can score the extraction engine with `npm run eval:extract -- --corpus DIR`.
// The corpus counts offsets in code points of the UTF-8 file; the app stores UTF-16 offsets.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../db/connect.ts';
import { listArticleOptions } from '../articles/articles.repository.ts';
import { getArticle } from '../articles/articles.service.ts';
import { eachClaimBatch, type ClaimView } from '../claims/claims.service.ts';
import { findSpeakerKinds, listClaimIdsWithHumanVerdict, type SpeakerKindRow } from './gold-export.repository.ts';

export interface GoldClaimRecord {
  text: string;
  start: number;
  end: number;
  speaker: string;
  speaker_kind: 'person' | 'organisation' | 'unnamed' | 'document';
  cue: string | null;
  outlets: string[];
  kind: string;
}

export interface GoldEntry {
  file: string;
  language: string;
  claims: GoldClaimRecord[];
  optional_claims: GoldClaimRecord[];
  noise: Array<{ start: number; end: number; reason: string }>;
  notes: string[];
  source: { article_id: string; title: string; url: string | null; publisher: string | null };
}

export interface GoldArticle {
  file: string;
  text: string;
  entry: GoldEntry;
}

/** Maps UTF-16 offsets of `text` to code point offsets: a character outside the BMP is two units but one code point. */
export function codePointOffsets(text: string): (utf16Offset: number) => number {
  const isHigh = (unit: number) => unit >= 0 && text.charCodeAt(unit) >= 0xd800 && text.charCodeAt(unit) <= 0xdbff;
  const isLow = (unit: number) => text.charCodeAt(unit) >= 0xdc00 && text.charCodeAt(unit) <= 0xdfff;
  const table = new Uint32Array(text.length + 1);
  let points = 0;
  for (let unit = 0; unit < text.length; unit++) {
    // The second half of a surrogate pair belongs to the code point its first half started.
    const secondHalf = isLow(unit) && isHigh(unit - 1);
    table[unit] = secondHalf ? points - 1 : points;
    if (!secondHalf) points++;
  }
  table[text.length] = points;
  return (offset) => table[Math.max(0, Math.min(offset, text.length))]!;
}

/** The corpus's speaker kinds; the app says "organization" where the corpus says "organisation". */
export function corpusSpeakerKind(speaker: SpeakerKindRow | undefined): GoldClaimRecord['speaker_kind'] {
  if (!speaker || speaker.unnamed === 1 || speaker.kind === 'unnamed') return 'unnamed';
  if (speaker.kind === 'person' || speaker.kind === 'document') return speaker.kind;
  return 'organisation';
}

const UNNAMED_MARK: Record<string, string> = { ar: ' (غير مسمّى)' };

/** The corpus names an unnamed source by its description followed by "(unnamed)" in the article's language. */
export function corpusSpeakerName(name: string, kind: GoldClaimRecord['speaker_kind'], language: string): string {
  const mark = UNNAMED_MARK[language] ?? ' (unnamed)';
  return kind === 'unnamed' && name && !name.endsWith(mark) ? `${name}${mark}` : name;
}

export function goldClaim(claim: ClaimView, toCodePoint: (offset: number) => number, speaker: SpeakerKindRow | undefined): GoldClaimRecord {
  const speakerKind = corpusSpeakerKind(speaker);
  return {
    text: claim.text,
    start: toCodePoint(claim.start_offset),
    end: toCodePoint(claim.end_offset),
    speaker: corpusSpeakerName(claim.speaker_name ?? '', speakerKind, claim.article_language),
    speaker_kind: speakerKind,
    cue: claim.cue || null,
    outlets: [...claim.hops].sort((a, b) => a.position - b.position).map((hop) => hop.outlet_name),
    kind: claim.kind,
  };
}

/** `01-ar-<id>.txt`: the number keeps export order, the language is where the corpus tools look for it. */
export function goldFileName(index: number, language: string, articleId: string): string {
  return `${String(index + 1).padStart(2, '0')}-${language}-${articleId}.txt`;
}

export interface GoldExportOptions {
  /** Only claims whose status or attribution verdict a person set; articles left without a claim are skipped. */
  reviewedOnly: boolean;
}

async function articleClaims(db: Db, articleId: string, reviewedOnly: boolean): Promise<ClaimView[]> {
  const reviewed = reviewedOnly ? await listClaimIdsWithHumanVerdict(db, articleId) : undefined;
  const claims: ClaimView[] = [];
  for await (const batch of eachClaimBatch(db, { articleId })) claims.push(...batch.filter((claim) => !reviewed || reviewed.has(claim.id)));
  return claims;
}

/** Every article, oldest first, with its current claims in text order. */
export async function* eachGoldArticle(db: Db, options: GoldExportOptions): AsyncGenerator<GoldArticle> {
  const articles = (await listArticleOptions(db)).reverse();
  let index = 0;
  for (const { id } of articles) {
    const claims = await articleClaims(db, id, options.reviewedOnly);
    if (options.reviewedOnly && claims.length === 0) continue;
    const { article, noise } = await getArticle(db, id);
    const toCodePoint = codePointOffsets(article.body);
    const speakers = await findSpeakerKinds(db, [...new Set(claims.flatMap((claim) => (claim.speaker_id ? [claim.speaker_id] : [])))]);
    const file = goldFileName(index++, article.language, article.id);
    const entry: GoldEntry = {
      file,
      language: article.language,
      claims: claims.map((claim) => goldClaim(claim, toCodePoint, claim.speaker_id ? speakers.get(claim.speaker_id) : undefined)),
      optional_claims: [],
      noise: noise.map((span) => ({ start: toCodePoint(span.start_offset), end: toCodePoint(span.end_offset), reason: span.reason })),
      notes: [],
      source: { article_id: article.id, title: article.title, url: article.source_url, publisher: article.publisher_name },
    };
    yield { file, text: article.body, entry };
  }
}

/** Writes the corpus under `dir`; returns how many articles and claims it holds. */
export async function exportGold(db: Db, dir: string, options: GoldExportOptions): Promise<{ articles: number; claims: number }> {
  mkdirSync(join(dir, 'texts'), { recursive: true });
  mkdirSync(join(dir, 'gold'), { recursive: true });
  const all: Record<string, GoldEntry> = {};
  let claims = 0;
  for await (const { file, text, entry } of eachGoldArticle(db, options)) {
    writeFileSync(join(dir, 'texts', file), text, 'utf8');
    writeFileSync(join(dir, 'gold', file.replace(/\.txt$/, '.gold.json')), `${JSON.stringify(entry, null, 1)}\n`, 'utf8');
    all[file] = entry;
    claims += entry.claims.length;
  }
  writeFileSync(join(dir, 'gold.json'), `${JSON.stringify(all, null, 1)}\n`, 'utf8');
  return { articles: Object.keys(all).length, claims };
}
