import { DEFAULT_MAX_CLAIMS_PER_ARTICLE } from '../../config.ts';
import type { Db } from '../../db/connect.ts';
import type { ArticleRow } from '../../db/schema.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { msg } from '../../i18n/translate.ts';
import type { ExtractionResult } from '../../extraction/index.ts';
import { newId, nowIso } from '../../ids.ts';
import { decodePageToken, encodePageToken } from '../../page-token.ts';
import { loadRatingScale } from '../ratings/ratings.service.ts';
import { insertAttributionHops, insertClaims, listClaimSpans, type ClaimSpan } from '../claims/claims.repository.ts';
import { findOutletIdsByNormalizedNames, insertOutlets } from '../outlets/outlets.repository.ts';
import { findSpeakerIdsByNormalizedNames, insertSpeakerAliasRows, insertSpeakers, refreshSpeakerSearchText } from '../speakers/speakers.repository.ts';
import { extractOffThread } from './article-extractor.ts';
import { articleChecksum, decodeArticleText, titleFromText } from './article-text.ts';
import type { ArticleLanguage } from './articles.schema.ts';
import {
  countArticleClaims,
  findArticleByChecksum,
  findArticleById,
  insertArticle,
  insertNoiseSpans,
  listArticleSummaries,
  listNoiseSpans,
  type ArticleSummary,
  type ArticleWithPublisher,
} from './articles.repository.ts';
import { buildIngestionRows, collectEntities, type IngestionRows } from './ingestion-rows.ts';
import { indexClaims } from '../clusters/clusters.service.ts';

export interface IngestInput {
  text: string | Uint8Array;
  title?: string | undefined;
  language?: ArticleLanguage | undefined;
  publisher?: string | undefined;
  sourceUrl?: string | undefined;
  publishedAt?: string | undefined;
}

export interface IngestLimits {
  maxBytes: number;
  /** An article with more claims is refused as a whole; DEFAULT_MAX_CLAIMS_PER_ARTICLE when unset. */
  maxClaims?: number;
}

export interface IngestResult {
  article: ArticleRow;
  /** False when the same text was ingested before: nothing was added. */
  created: boolean;
  /** The article's claims: those just stored, or those of the article ingested before. */
  claimCount: number;
  /** Control characters taken out of the text before anything else (see decodeArticleText). */
  removedControlCharacters: number;
}

// A speaker or outlet created by another writer between preparation and the write: prepare again.
const MAX_PREPARATIONS = 3;

class EntityRaceError extends Error {}

/**
 * The one ingestion path, used by the web form, the command line and the start-up seed: decode and check
 * the text, extract claims on a worker thread, prepare every row, then write them in one short
 * transaction of batched inserts, so that readers and other writers wait as little as possible.
 */
export async function ingestArticle(db: Db, input: IngestInput, limits: IngestLimits): Promise<IngestResult> {
  const { text, removedControlCharacters } = decodeArticleText(input.text, limits.maxBytes);
  const checksum = articleChecksum(text);
  const existing = await findArticleByChecksum(db, checksum);
  if (existing) return earlierIngestion(db, existing, removedControlCharacters);

  const { extraction } = await extractOffThread(text, { language: input.language, publisher: input.publisher });
  refuseTooManyClaims(extraction.claims.length, limits.maxClaims ?? DEFAULT_MAX_CLAIMS_PER_ARTICLE);
  for (let preparation = 1; ; preparation++) {
    const rows = await prepareRows(db, text, checksum, input, extraction);
    try {
      await db.transaction().execute((trx) => writeRows(trx, rows));
    } catch (error) {
      // Two concurrent ingestions of the same text: the unique checksum lets only one through.
      const winner = await findArticleByChecksum(db, checksum);
      if (winner) return earlierIngestion(db, winner, removedControlCharacters);
      if (error instanceof EntityRaceError && preparation < MAX_PREPARATIONS) continue;
      throw error;
    }
    // Outside the transaction, which holds inserts only (and outside its retry: the article is written):
    // a speaker's new aliases become searchable, and the claims join the clusters of earlier claims that
    // say the same thing (a claim left unindexed by a failure here is indexed at the next start).
    if (rows.aliases.length > 0) await refreshSpeakerSearchText(db, rows.aliases.map((alias) => alias.speaker_id));
    await indexClaims(db, rows.claims.map((claim) => claim.id));
    return { article: rows.article, created: true, claimCount: rows.claims.length, removedControlCharacters };
  }
}

async function earlierIngestion(db: Db, article: ArticleRow, removedControlCharacters: number): Promise<IngestResult> {
  return { article, created: false, claimCount: await countArticleClaims(db, article.id), removedControlCharacters };
}

export function refuseTooManyClaims(claimCount: number, maxClaims: number): void {
  if (claimCount <= maxClaims) return;
  throw new ValidationError({ text: msg('articles.invalid.tooManyClaims', { count: claimCount, max: maxClaims }) });
}

/** Everything that reads: which speakers and outlets exist already, and the rows to write. */
async function prepareRows(db: Db, text: string, checksum: string, input: IngestInput, extraction: ExtractionResult): Promise<IngestionRows> {
  const entities = collectEntities(extraction, input.publisher);
  const known = {
    speakers: await findSpeakerIdsByNormalizedNames(db, [...entities.speakers.keys()]),
    outlets: await findOutletIdsByNormalizedNames(db, [...entities.outlets.keys()]),
  };
  const article = {
    id: newId(),
    title: input.title?.trim() || titleFromText(text),
    language: input.language ?? extraction.language,
    body: text,
    checksum,
    source_url: input.sourceUrl ?? null,
    published_at: input.publishedAt ? new Date(input.publishedAt).toISOString() : null,
    ingested_at: nowIso(),
    version: 1,
  };
  return buildIngestionRows(article, input.publisher, extraction, entities, known);
}

/** The write transaction: batched inserts only, in foreign-key order. */
async function writeRows(trx: Db, rows: IngestionRows): Promise<void> {
  const outletsInserted = await insertOutlets(trx, rows.outlets);
  const speakersInserted = await insertSpeakers(trx, rows.speakers);
  if (outletsInserted < rows.outlets.length || speakersInserted < rows.speakers.length) throw new EntityRaceError();
  await insertArticle(trx, rows.article);
  await insertNoiseSpans(trx, rows.noise);
  await insertClaims(trx, rows.claims);
  await insertSpeakerAliasRows(trx, rows.aliases);
  await insertAttributionHops(trx, rows.hops);
}

export interface ArticleList {
  articles: ArticleSummary[];
  /** Token for the next, older page; null on the last page. */
  next: string | null;
}

export async function listArticles(db: Db, pageSize: number, beforeToken: string | undefined): Promise<ArticleList> {
  const before = decodeArticleCursor(beforeToken);
  const rows = await listArticleSummaries(db, (await loadRatingScale(db)).openCodes, pageSize + 1, before);
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
