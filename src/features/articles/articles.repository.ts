import { insertBatches } from '../../db/batches.ts';
import type { Db } from '../../db/connect.ts';
import type { ArticleRow, DeskEventRow, NewArticle, NoiseSpanTable } from '../../db/schema.ts';
import { searchIndexText } from '../../text/search.ts';

export async function findArticleByChecksum(db: Db, checksum: string): Promise<ArticleRow | undefined> {
  return db.selectFrom('article').selectAll().where('checksum', '=', checksum).executeTakeFirst();
}

export interface ArticleWithPublisher extends ArticleRow {
  publisher_name: string | null;
}

export async function findArticleById(db: Db, id: string): Promise<ArticleWithPublisher | undefined> {
  return db
    .selectFrom('article')
    .leftJoin('outlet', 'outlet.id', 'article.publisher_outlet_id')
    .selectAll('article')
    .select('outlet.name as publisher_name')
    .where('article.id', '=', id)
    .executeTakeFirst();
}

export async function insertArticle(db: Db, article: NewArticle): Promise<void> {
  await db.insertInto('article').values({ ...article, search_text: searchIndexText(article.title) }).execute();
}

export async function insertNoiseSpans(db: Db, spans: readonly NoiseSpanTable[]): Promise<void> {
  for (const batch of insertBatches(spans)) await db.insertInto('noise_span').values(batch).execute();
}

export async function countArticleClaims(db: Db, articleId: string): Promise<number> {
  const row = await db
    .selectFrom('claim')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('article_id', '=', articleId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function listNoiseSpans(db: Db, articleId: string): Promise<NoiseSpanTable[]> {
  return db.selectFrom('noise_span').selectAll().where('article_id', '=', articleId).orderBy('start_offset').execute();
}

export async function countArticles(db: Db): Promise<number> {
  const row = await db.selectFrom('article').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

export interface ArticleOption {
  id: string;
  title: string;
  language: string;
}

export async function listArticleOptions(db: Db): Promise<ArticleOption[]> {
  return db
    .selectFrom('article')
    .select(['id', 'title', 'language'])
    .orderBy('ingested_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** The newest articles, and the selected one wherever it stands: a filter list that does not grow with the desk. */
export async function listRecentArticleOptions(db: Db, limit: number, selectedId?: string): Promise<ArticleOption[]> {
  const recent = await db
    .selectFrom('article')
    .select(['id', 'title', 'language'])
    .orderBy('ingested_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  if (selectedId === undefined || recent.some((a) => a.id === selectedId)) return recent;
  const selected = await db.selectFrom('article').select(['id', 'title', 'language']).where('id', '=', selectedId).executeTakeFirst();
  return selected ? [selected, ...recent] : recent;
}

export interface ArticleSummary {
  id: string;
  title: string;
  language: string;
  ingested_at: string;
  publisher_name: string | null;
  claim_count: number;
  open_count: number;
}

/** Newest first, with how many claims each has and how many are still open. */
export async function listArticleSummaries(
  db: Db,
  openStatuses: readonly string[],
  limit: number,
  before?: { ingestedAt: string; id: string },
): Promise<ArticleSummary[]> {
  const rows = await db
    .selectFrom('article')
    .leftJoin('outlet', 'outlet.id', 'article.publisher_outlet_id')
    .select((eb) => [
      'article.id',
      'article.title',
      'article.language',
      'article.ingested_at',
      'outlet.name as publisher_name',
      eb.selectFrom('claim').select(eb.fn.countAll().as('n')).whereRef('claim.article_id', '=', 'article.id').as('claim_count'),
      eb
        .selectFrom('claim')
        .select(eb.fn.countAll().as('n'))
        .whereRef('claim.article_id', '=', 'article.id')
        .where('claim.status', 'in', openStatuses)
        .as('open_count'),
    ])
    .$if(before !== undefined, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('article.ingested_at', '<', before!.ingestedAt),
          eb.and([eb('article.ingested_at', '=', before!.ingestedAt), eb('article.id', '<', before!.id)]),
        ]),
      ),
    )
    .orderBy('article.ingested_at', 'desc')
    .orderBy('article.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, claim_count: Number(row.claim_count ?? 0), open_count: Number(row.open_count ?? 0) }));
}

export interface ArticleFieldsUpdate {
  title: string;
  language: string;
  source_url: string | null;
  published_at: string | null;
  publisher_outlet_id: string | null;
}

/** Optimistic concurrency on article.version: false when the article changed since the form was made. */
export async function updateArticleFields(db: Db, articleId: string, expectedVersion: number, fields: ArticleFieldsUpdate): Promise<boolean> {
  const result = await db
    .updateTable('article')
    .set((eb) => ({ ...fields, search_text: searchIndexText(fields.title), version: eb('version', '+', 1) }))
    .where('id', '=', articleId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function bumpArticleVersion(db: Db, articleId: string, expectedVersion: number): Promise<boolean> {
  const result = await db
    .updateTable('article')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', articleId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** What deleting an article takes with it. */
export interface ArticleDependents {
  claims: number;
  /** Claims with a verification status or an attribution verdict a person set. */
  verdicts: number;
  notes: number;
}

export async function countArticleDependents(
  db: Db,
  articleId: string,
  initial: { status: string; attributionStatus: string },
): Promise<ArticleDependents> {
  const claims = await db
    .selectFrom('claim')
    .select((eb) => [
      eb.fn.countAll().as('claims'),
      eb.fn
        .sum(eb.case().when(eb.or([eb('status', '<>', initial.status), eb('attribution_status', '<>', initial.attributionStatus)])).then(1).else(0).end())
        .as('verdicts'),
    ])
    .where('article_id', '=', articleId)
    .executeTakeFirstOrThrow();
  const notes = await db
    .selectFrom('note')
    .innerJoin('claim', 'claim.id', 'note.claim_id')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('claim.article_id', '=', articleId)
    .executeTakeFirstOrThrow();
  return { claims: Number(claims.claims), verdicts: Number(claims.verdicts ?? 0), notes: Number(notes.count) };
}

/**
 * Deletes an article and everything hanging from it, children first. The claims' review_event rows
 * stay: the audit log is append-only and has no foreign key to claim. Share links to the article or
 * its claims are revoked rather than deleted, so they answer "gone".
 */
export async function deleteArticleAndClaims(db: Db, articleId: string, revokedBy: string, at: string): Promise<void> {
  const claimIds = db.selectFrom('claim').select('claim.id').where('claim.article_id', '=', articleId);
  await db
    .updateTable('report_share')
    .set({ revoked_at: at, revoked_by: revokedBy })
    .where('revoked_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('target_type', '=', 'article'), eb('target_id', '=', articleId)]),
        eb.and([eb('target_type', '=', 'claim'), eb('target_id', 'in', claimIds)]),
      ]),
    )
    .execute();
  await db.deleteFrom('note').where('claim_id', 'in', claimIds).execute();
  await db.deleteFrom('attribution_hop').where('claim_id', 'in', claimIds).execute();
  await db.deleteFrom('claim').where('article_id', '=', articleId).execute();
  await db.deleteFrom('noise_span').where('article_id', '=', articleId).execute();
  await db.deleteFrom('article').where('id', '=', articleId).execute();
}

export async function replaceNoiseSpans(db: Db, articleId: string, spans: readonly NoiseSpanTable[]): Promise<void> {
  await db.deleteFrom('noise_span').where('article_id', '=', articleId).execute();
  await insertNoiseSpans(db, spans);
}

/** One audit row of an article, such as the summary of a re-extraction or what a deletion took. */
export async function findArticleDeskEvent(db: Db, eventId: string, action: string): Promise<DeskEventRow | undefined> {
  return db
    .selectFrom('desk_event')
    .selectAll()
    .where('id', '=', eventId)
    .where('target_type', '=', 'article')
    .where('action', '=', action)
    .executeTakeFirst();
}

/** The id of the audit row just recorded for an article, found by its action and instant. */
export async function findArticleDeskEventIdAt(db: Db, articleId: string, action: string, at: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('desk_event')
    .select('id')
    .where('target_type', '=', 'article')
    .where('target_id', '=', articleId)
    .where('action', '=', action)
    .where('created_at', '=', at)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.id;
}
