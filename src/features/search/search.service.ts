import type { Db } from '../../db/connect.ts';
import { highlightParts, matchRanges, type HighlightPart, type SearchQuery } from '../../text/search.ts';
import {
  countMatches,
  findArticleHits,
  findClaimHits,
  findDirectoryHits,
  rankMatches,
  type DirectoryTable,
  type SearchedTable,
} from './search.repository.ts';

/** Each group counts its matches up to this many; past it the count is shown as a lower bound ("1000+"). */
export const SEARCH_COUNT_CAP = 1000;

/** Results shown per group. */
export const SEARCH_GROUP_SIZE = 10;

export interface SearchGroup<Item> {
  count: number;
  /** False when counting stopped at SEARCH_COUNT_CAP: count is a lower bound. */
  complete: boolean;
  items: Item[];
}

export interface ClaimResult {
  id: string;
  status: string;
  text: HighlightPart[];
  articleId: string;
  articleTitle: string | null;
  speakerId: string | null;
  speakerName: string | null;
}

export interface ArticleResult {
  id: string;
  language: string;
  ingestedAt: string;
  title: HighlightPart[];
}

export interface DirectoryResult {
  id: string;
  name: HighlightPart[];
  latinName: HighlightPart[] | null;
  /** The aliases the query matches, highlighted; the others are left out. */
  aliases: HighlightPart[][];
}

export interface SearchResults {
  claims: SearchGroup<ClaimResult>;
  articles: SearchGroup<ArticleResult>;
  speakers: SearchGroup<DirectoryResult>;
  outlets: SearchGroup<DirectoryResult>;
}

/** Claims, articles, speakers and outlets matching the query: each group counted (capped) with its best-ranked results. */
export async function searchEverything(db: Db, query: SearchQuery, limit = SEARCH_GROUP_SIZE): Promise<SearchResults> {
  const [claims, articles, speakers, outlets] = await Promise.all([
    searchGroup(db, 'claim', query, limit, async (ids) => (await findClaimHits(db, ids)).map((row) => ({
      id: row.id,
      status: row.status,
      text: highlightParts(row.text, query),
      articleId: row.article_id,
      articleTitle: row.article_title,
      speakerId: row.speaker_id,
      speakerName: row.speaker_name,
    }))),
    searchGroup(db, 'article', query, limit, async (ids) => (await findArticleHits(db, ids)).map((row) => ({
      id: row.id,
      language: row.language,
      ingestedAt: row.ingested_at,
      title: highlightParts(row.title, query),
    }))),
    directoryGroup(db, 'speaker', query, limit),
    directoryGroup(db, 'outlet', query, limit),
  ]);
  return { claims, articles, speakers, outlets };
}

async function searchGroup<Item extends { id: string }>(
  db: Db,
  table: SearchedTable,
  query: SearchQuery,
  limit: number,
  load: (ids: string[]) => Promise<Item[]>,
): Promise<SearchGroup<Item>> {
  const counted = await countMatches(db, table, query, SEARCH_COUNT_CAP);
  if (counted === 0) return { count: 0, complete: true, items: [] };
  const ids = await rankMatches(db, table, query, limit);
  const byId = new Map((await load(ids)).map((item) => [item.id, item]));
  return {
    count: Math.min(counted, SEARCH_COUNT_CAP),
    complete: counted <= SEARCH_COUNT_CAP,
    items: ids.flatMap((id) => byId.get(id) ?? []),
  };
}

function directoryGroup(db: Db, table: DirectoryTable, query: SearchQuery, limit: number): Promise<SearchGroup<DirectoryResult>> {
  return searchGroup(db, table, query, limit, async (ids) =>
    (await findDirectoryHits(db, table, ids)).map((row) => ({
      id: row.id,
      name: highlightParts(row.name, query),
      latinName: row.latin_name ? highlightParts(row.latin_name, query) : null,
      aliases: row.aliases.filter((alias) => matchRanges(alias, query).length > 0).map((alias) => highlightParts(alias, query)),
    })),
  );
}
