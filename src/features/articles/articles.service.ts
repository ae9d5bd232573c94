import type { Db } from '../../db/connect.ts';
import type { ArticleRow } from '../../db/schema.ts';
import { NotFoundError } from '../../errors.ts';
import { extract, type ExtractedClaim, type ExtractionResult } from '../../extraction/index.ts';
import { newId, nowIso } from '../../ids.ts';
import { decodePageToken, encodePageToken } from '../../page-token.ts';
import { INITIAL_STATUS, OPEN_STATUSES } from '../claims/claim-status.ts';
import { insertAttributionHops, insertClaim, listClaimSpans, type ClaimSpan } from '../claims/claims.repository.ts';
import { findOrCreateOutlet } from '../outlets/outlets.service.ts';
import { findOrCreateSpeaker } from '../speakers/speakers.service.ts';
import { articleChecksum, decodeArticleText, titleFromText } from './article-text.ts';
import type { ArticleLanguage } from './articles.schema.ts';
import {
  findArticleByChecksum,
  findArticleById,
  insertArticle,
  insertNoiseSpans,
  listArticleSummaries,
  listNoiseSpans,
  type ArticleSummary,
  type ArticleWithPublisher,
} from './articles.repository.ts';

export interface IngestInput {
  text: string | Uint8Array;
  title?: string | undefined;
  language?: ArticleLanguage | undefined;
  publisher?: string | undefined;
  sourceUrl?: string | undefined;
  publishedAt?: string | undefined;
}

export interface IngestResult {
  article: ArticleRow;
  /** False when the same text was ingested before: nothing was added. */
  created: boolean;
  claimCount: number;
}

/**
 * The one ingestion path, used by the web form, the command line and the start-up seed:
 * decode and check the text, extract claims, and store everything in one transaction.
 */
export async function ingestArticle(db: Db, input: IngestInput, limits: { maxBytes: number }): Promise<IngestResult> {
  const text = decodeArticleText(input.text, limits.maxBytes);
  const checksum = articleChecksum(text);
  const existing = await findArticleByChecksum(db, checksum);
  if (existing) return { article: existing, created: false, claimCount: 0 };

  const extraction = extract(text, { language: input.language, publisher: input.publisher });
  try {
    const article = await db.transaction().execute((trx) => storeArticle(trx, text, checksum, input, extraction));
    return { article, created: true, claimCount: extraction.claims.length };
  } catch (error) {
    // Two concurrent ingestions of the same text: the unique checksum lets only one through.
    const winner = await findArticleByChecksum(db, checksum);
    if (winner) return { article: winner, created: false, claimCount: 0 };
    throw error;
  }
}

async function storeArticle(trx: Db, text: string, checksum: string, input: IngestInput, extraction: ExtractionResult): Promise<ArticleRow> {
  const publisher = input.publisher ? await findOrCreateOutlet(trx, { name: input.publisher, kind: 'website' }) : undefined;
  const article: ArticleRow = {
    id: newId(),
    title: input.title?.trim() || titleFromText(text),
    language: input.language ?? extraction.language,
    body: text,
    checksum,
    source_url: input.sourceUrl ?? null,
    publisher_outlet_id: publisher?.id ?? null,
    published_at: input.publishedAt ? new Date(input.publishedAt).toISOString() : null,
    ingested_at: nowIso(),
  };
  await insertArticle(trx, article);
  await insertNoiseSpans(
    trx,
    extraction.noise.map((span) => ({ id: newId(), article_id: article.id, start_offset: span.start, end_offset: span.end, reason: span.reason })),
  );
  for (const claim of extraction.claims) await storeClaim(trx, article, claim, extraction);
  return article;
}

async function storeClaim(trx: Db, article: ArticleRow, claim: ExtractedClaim, extraction: ExtractionResult): Promise<void> {
  const speakerEntity = extraction.speakers.find((speaker) => speaker.name === claim.speaker.name);
  const speaker = await findOrCreateSpeaker(trx, {
    name: claim.speaker.name,
    aliases: claim.speaker.aliases,
    unnamed: claim.speaker.unnamed,
    kind: speakerEntity?.kind,
    role: speakerEntity?.role ?? null,
  });
  const claimId = newId();
  await insertClaim(trx, {
    id: claimId,
    article_id: article.id,
    speaker_id: speaker.id,
    text: claim.text,
    start_offset: claim.start,
    end_offset: claim.end,
    prefix: claim.prefix,
    suffix: claim.suffix,
    cue: claim.cue,
    kind: claim.kind,
    checkworthiness: claim.checkworthiness,
    status: INITIAL_STATUS,
    version: 1,
    created_at: article.ingested_at,
  });
  const hops = [];
  for (const [index, hop] of claim.outlets.entries()) {
    const outletEntity = extraction.outlets.find((outlet) => outlet.name === hop.name);
    const outlet = await findOrCreateOutlet(trx, { name: hop.name, kind: outletEntity?.kind ?? 'website', url: hop.url });
    hops.push({ id: newId(), claim_id: claimId, outlet_id: outlet.id, role: hop.role, position: index + 1, url: hop.url, status: 'unconfirmed' });
  }
  await insertAttributionHops(trx, hops);
}

export interface ArticleList {
  articles: ArticleSummary[];
  /** Token for the next, older page; null on the last page. */
  next: string | null;
}

export async function listArticles(db: Db, pageSize: number, beforeToken: string | undefined): Promise<ArticleList> {
  const before = decodeArticleCursor(beforeToken);
  const rows = await listArticleSummaries(db, OPEN_STATUSES, pageSize + 1, before);
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  return { articles: page, next: rows.length > pageSize && last ? encodePageToken([last.ingested_at, last.id]) : null };
}

function decodeArticleCursor(token: string | undefined): { ingestedAt: string; id: string } | undefined {
  return decodePageToken(token, ([ingestedAt, id, ...rest]) =>
    typeof ingestedAt === 'string' && typeof id === 'string' && rest.length === 0 ? { ingestedAt, id } : undefined,
  );
}

export interface ArticleDetail {
  article: ArticleWithPublisher;
  noise: Array<{ start_offset: number; end_offset: number; reason: string }>;
  /** Every claim's span in the text, for highlighting. */
  spans: ClaimSpan[];
}

export async function getArticle(db: Db, id: string): Promise<ArticleDetail> {
  const article = await findArticleById(db, id);
  if (!article) throw new NotFoundError('Article', id);
  const [noise, spans] = await Promise.all([listNoiseSpans(db, id), listClaimSpans(db, id)]);
  return { article, noise, spans };
}
