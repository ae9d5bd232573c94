import { insertBatches } from '../../db/batches.ts';
import type { Db } from '../../db/connect.ts';
import type { ArticleRow, NewArticle, NoiseSpanTable } from '../../db/schema.ts';

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
  await db.insertInto('article').values(article).execute();
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
