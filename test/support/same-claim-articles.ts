import type { Db } from '../../src/db/connect.ts';
import type { IngestInput, ingestArticle } from '../../src/features/articles/articles.service.ts';

/**
 * Short articles written for the cluster tests (no corpus text): one statement about fuel prices carried
 * by several outlets, in English and in Arabic. Ingestion clusters them through the near-duplicate index:
 * - `minister`, `republished` and `economist` say the same words (a cluster of three), the economist's
 *   copy attributing them to someone else; `economist` is published first, though ingested last of the three;
 * - `paraphrase` says it in other words, close enough to be only suggested;
 * - `weather` shares stop words and nothing else.
 * The Arabic set has the same shape without the paraphrase.
 */
export const SAME_CLAIM_ARTICLES = {
  minister: {
    title: 'Energy minister warns on fuel prices',
    publisher: 'Reuters',
    sourceUrl: 'https://news.example/reuters/fuel-prices',
    publishedAt: '2026-11-20T08:00:00Z',
    text: 'Energy minister Sami Haddad told Reuters that fuel prices could double again before the end of the current year because of supply cuts.',
  },
  republished: {
    title: 'Fuel prices could double, says minister',
    publisher: 'Daily Courier',
    sourceUrl: 'https://news.example/courier/fuel',
    publishedAt: '2026-11-22T10:00:00Z',
    text: 'Energy minister Sami Haddad said that fuel prices could double again before the end of the current year because of supply cuts.',
  },
  economist: {
    title: 'Economist expects another price shock',
    publisher: 'Morning Post',
    sourceUrl: 'https://news.example/post/shock',
    publishedAt: '2026-11-18T07:30:00Z',
    text: 'Economist Karim Nasser said that fuel prices could double again before the end of the current year because of supply cuts.',
  },
  paraphrase: {
    title: 'Minister expects sharp rise',
    publisher: 'Evening Star',
    // No publication date: the list dates it by its ingestion.
    text: 'Sami Haddad said fuel prices might rise sharply before the end of the year after supply cuts.',
  },
  weather: {
    title: 'Weather service update',
    publisher: 'Daily Courier',
    publishedAt: '2026-11-21T06:00:00Z',
    text: 'The weather service said that heavy rain is expected in the north before the end of the week.',
  },
} satisfies Record<string, Omit<IngestInput, 'language'> & { text: string }>;

export const SAME_CLAIM_ARTICLES_AR = {
  minister: {
    title: 'وزير الطاقة يتوقع ارتفاع الأسعار',
    publisher: 'سبوتنيك',
    sourceUrl: 'https://news.example/sputnik/fuel',
    publishedAt: '2026-11-20T08:00:00Z',
    text: 'قال وزير الطاقة سامي الحداد لوكالة سبوتنيك إن أسعار الوقود قد تتضاعف مرة أخرى قبل نهاية العام الحالي بسبب خفض الإمدادات.',
  },
  republished: {
    title: 'الحداد: الأسعار قد تتضاعف',
    publisher: 'روسيا اليوم',
    sourceUrl: 'https://news.example/rt/fuel',
    publishedAt: '2026-11-22T10:00:00Z',
    text: 'قال وزير الطاقة سامي الحداد إن أسعار الوقود قد تتضاعف مرة أخرى قبل نهاية العام الحالي بسبب خفض الإمدادات.',
  },
  economist: {
    title: 'تحذير من موجة غلاء',
    publisher: 'الصباح',
    publishedAt: '2026-11-18T07:30:00Z',
    text: 'قال الخبير الاقتصادي كريم ناصر إن أسعار الوقود قد تتضاعف مرة أخرى قبل نهاية العام الحالي بسبب خفض الإمدادات.',
  },
} satisfies Record<string, Omit<IngestInput, 'language'> & { text: string }>;

export type SameClaimKey = keyof typeof SAME_CLAIM_ARTICLES;

type Ingest = (input: IngestInput) => ReturnType<typeof ingestArticle>;

/** Ingests the articles in the order given and returns, for each, the id of its one claim. */
export async function ingestSameClaimArticles<Key extends string>(
  db: Db,
  ingest: Ingest,
  articles: Record<Key, Omit<IngestInput, 'language'>>,
  order: readonly Key[],
  language: 'en' | 'ar' = 'en',
): Promise<Record<Key, string>> {
  const ids = {} as Record<Key, string>;
  for (const key of order) {
    const { article } = await ingest({ ...articles[key], language });
    const claims = await db.selectFrom('claim').select('id').where('article_id', '=', article.id).execute();
    if (claims.length !== 1) throw new Error(`the article "${key}" has ${claims.length} claims, not one`);
    ids[key] = claims[0]!.id;
  }
  return ids;
}
