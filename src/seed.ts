import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { Db } from './db/connect.ts';
import { countArticles } from './features/articles/articles.repository.ts';
import { ingestArticle } from './features/articles/articles.service.ts';

const SEED_ARTICLE = new URL('./seed/article-ar-moscow-paris.txt', import.meta.url);

/** An empty database gets the sample article, through the same ingestion path as any other. */
export async function seedIfEmpty(db: Db, logger: Logger, maxBytes: number): Promise<void> {
  if ((await countArticles(db)) > 0) return;
  const result = await ingestArticle(
    db,
    {
      text: await readFile(SEED_ARTICLE),
      title: 'ما هي آفاق التعاون العسكري بين موسكو وباريس ضد داعش؟',
      language: 'ar',
      publisher: 'Sputnik',
      sourceUrl: 'https://arabic.sputniknews.com/',
    },
    { maxBytes },
  );
  logger.info({ articleId: result.article.id, claims: result.claimCount }, 'sample article ingested');
}
