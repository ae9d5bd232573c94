import { PostgresAdapter, sql, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { lookupBatches } from '../../db/batches.ts';
import type { Db } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import { indexedQuery, searchIndexText, type SearchQuery } from '../../text/search.ts';

// Full-text search over the folded copies (search_text) the 2026-12-02T01-00-00 migration indexes:
// FTS5 tables keyed by rowid on SQLite, a tsvector column on PostgreSQL. Queries are built from the
// parsed words and phrases only, so nothing typed is ever read as FTS5 or tsquery syntax.

export type SearchedTable = 'claim' | 'article' | 'speaker' | 'outlet';

/** Speakers and outlets: their name, Latin transliteration and aliases are searched. */
export type DirectoryTable = 'speaker' | 'outlet';

function onPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** FTS5 query text: each word and each phrase in double quotes; words hold only letters and digits. */
function fts5Query(query: SearchQuery): string {
  const { words, phrases } = indexedQuery(query);
  return [...words.map((word) => `"${word}"`), ...phrases.map((phrase) => `"${phrase.join(' ')}"`)].join(' ');
}

function tsQuery(query: SearchQuery): RawBuilder<unknown> {
  const { words, phrases } = indexedQuery(query);
  const parts = [
    ...(words.length > 0 ? [sql`plainto_tsquery('simple', ${words.join(' ')})`] : []),
    ...phrases.map((phrase) => sql`phraseto_tsquery('simple', ${phrase.join(' ')})`),
  ];
  return sql`(${sql.join(parts, sql` && `)})`;
}

const ftsTable = (table: SearchedTable) => sql.table(`${table}_search`);

/**
 * How a claim list reads a search: 'hits' starts from the index's matches and sorts them (quick when
 * they are few), 'probe' walks the list's own order and asks the index about each claim (quick when
 * matches are many, since a page fills after a few rows).
 */
export type SearchAccess = 'hits' | 'probe';

/** Whether the row of `table` (under its own name in the outer query) matches the query. */
export function rowMatches(db: Db, table: SearchedTable, query: SearchQuery, access: SearchAccess = 'hits'): RawBuilder<SqlBool> {
  if (onPostgres(db)) return sql<SqlBool>`${sql.ref(`${table}.search_vector`)} @@ ${tsQuery(query)}`;
  const index = ftsTable(table);
  if (access === 'probe') {
    return sql<SqlBool>`exists (select 1 from ${index} where ${index} match ${fts5Query(query)} and ${index}.rowid = ${sql.ref(`${table}.rowid`)})`;
  }
  return sql<SqlBool>`${sql.ref(`${table}.rowid`)} in (select rowid from ${index} where ${index} match ${fts5Query(query)})`;
}

/** Up to this many matching claims, a claim list reads them from the index and sorts them. */
export const SEARCH_HITS_SORTED = 5000;

/** The list reads through the index's matches when they are few enough to sort (SQLite; PostgreSQL's planner chooses itself). */
export async function claimSearchAccess(db: Db, query: SearchQuery): Promise<SearchAccess> {
  if (onPostgres(db)) return 'hits';
  return (await countMatches(db, 'claim', query, SEARCH_HITS_SORTED)) > SEARCH_HITS_SORTED ? 'probe' : 'hits';
}

const liveRows = (table: SearchedTable) =>
  table === 'speaker' || table === 'outlet' ? sql`and ${sql.ref(`${table}.merged_into`)} is null` : sql``;

/**
 * Rows of a table matching the query (merged speakers and outlets aside), counted up to `cap` + 1. On
 * SQLite the count walks the index's matches and stops at the cap: an IN list would read every match first.
 */
export async function countMatches(db: Db, table: SearchedTable, query: SearchQuery, cap: number): Promise<number> {
  const target = sql.table(table);
  const matching = onPostgres(db)
    ? sql`select 1 from ${target} where ${rowMatches(db, table, query)} ${liveRows(table)}`
    : sql`select 1 from ${ftsTable(table)} join ${target} on ${sql.ref(`${table}.rowid`)} = ${ftsTable(table)}.rowid ${liveRows(table)}
        where ${ftsTable(table)} match ${fts5Query(query)}`;
  const { rows } = await sql<{ count: number | string }>`select count(*) as count from (${matching} limit ${cap + 1}) as hits`.execute(db);
  return Number(rows[0]?.count ?? 0);
}

/** Claims whose statuses a search's summary counts, at most `cap`, read from the index's matches on SQLite. */
export function joinClaimMatches<QB extends SelectQueryBuilder<Database, 'claim', object>>(db: Db, qb: QB, query: SearchQuery): QB {
  if (onPostgres(db)) return qb.where(rowMatches(db, 'claim', query)) as QB;
  const index = ftsTable('claim');
  return qb
    .innerJoin(sql<{ rowid: number }>`${index}`.as('claim_search'), (join) => join.on(sql`claim_search.rowid`, '=', sql.ref('claim.rowid')))
    .where(sql<SqlBool>`claim_search match ${fts5Query(query)}`) as unknown as QB;
}

/**
 * Ranking reads at most this many matches (the newest on SQLite), so that a word found in a third of a
 * million claims ranks as quickly as a rare one.
 */
export const RANKED_CANDIDATES = 2000;

/** Ids of the best-ranked matches (bm25 on SQLite, ts_rank on PostgreSQL), best first. */
export async function rankMatches(db: Db, table: SearchedTable, query: SearchQuery, limit: number): Promise<string[]> {
  const target = sql.table(table);
  if (onPostgres(db)) {
    const { rows } = await sql<{ id: string }>`select hits.id from (
        select ${sql.ref(`${table}.id`)} as id, ts_rank(${sql.ref(`${table}.search_vector`)}, ${tsQuery(query)}) as score
        from ${target} where ${rowMatches(db, table, query)} ${liveRows(table)} limit ${RANKED_CANDIDATES}) as hits
      order by hits.score desc, hits.id limit ${limit}`.execute(db);
    return rows.map((row) => row.id);
  }
  const index = ftsTable(table);
  const { rows } = await sql<{ id: string }>`select ${sql.ref(`${table}.id`)} as id from (
      select rowid as hit, bm25(${index}) as score from ${index} where ${index} match ${fts5Query(query)}
      order by rowid desc limit ${RANKED_CANDIDATES}) as hits
    join ${target} on ${sql.ref(`${table}.rowid`)} = hits.hit ${liveRows(table)}
    order by hits.score, ${sql.ref(`${table}.id`)} limit ${limit}`.execute(db);
  return rows.map((row) => row.id);
}

/** The folded copies of speakers or outlets, rebuilt from their name, Latin name and aliases. */
export async function refreshDirectorySearchText(db: Db, table: DirectoryTable, ids: readonly string[]): Promise<void> {
  for (const batch of lookupBatches([...new Set(ids)])) {
    const records = await db.selectFrom(table).select(['id', 'name', 'latin_name']).where('id', 'in', batch).execute();
    const aliases = await directoryAliases(db, table, batch);
    for (const record of records) {
      const names = [record.name, record.latin_name ?? '', ...aliases.filter((alias) => alias.owner === record.id).map((alias) => alias.alias)];
      await db.updateTable(table).set({ search_text: searchIndexText(names.join('\n')) }).where('id', '=', record.id).execute();
    }
  }
}

function directoryAliases(db: Db, table: DirectoryTable, ids: string[]): Promise<Array<{ owner: string; alias: string }>> {
  if (table === 'speaker') return db.selectFrom('speaker_alias').select(['speaker_id as owner', 'alias']).where('speaker_id', 'in', ids).execute();
  return db.selectFrom('outlet_alias').select(['outlet_id as owner', 'alias']).where('outlet_id', 'in', ids).execute();
}

/** Rows written before search existed, this many per transaction. */
export const SEARCH_FILL_BATCH = 1000;

/**
 * Writes the folded copy of every row that has none (rows from before the search index), in batches
 * along the primary key; running it again finds nothing to do. Returns how many rows it wrote.
 */
export async function fillMissingSearchText(db: Db, batchSize = SEARCH_FILL_BATCH): Promise<number> {
  let written = 0;
  for (const [table, column] of [['claim', 'text'], ['article', 'title']] as const) {
    written += await fillBatches(db, table, async (trx, ids) => {
      const rows = await trx.selectFrom(table).select(['id', `${column} as source`]).where('id', 'in', ids).execute();
      for (const row of rows) await trx.updateTable(table).set({ search_text: searchIndexText(row.source) }).where('id', '=', row.id).execute();
    }, batchSize);
  }
  for (const table of ['speaker', 'outlet'] as const) {
    written += await fillBatches(db, table, (trx, ids) => refreshDirectorySearchText(trx, table, ids), batchSize);
  }
  return written;
}

async function fillBatches(db: Db, table: SearchedTable, fill: (trx: Db, ids: string[]) => Promise<void>, batchSize: number): Promise<number> {
  let written = 0;
  let after = '';
  for (;;) {
    const ids = (
      await db.selectFrom(table).select('id').where(sql.ref('search_text'), 'is', null).where('id', '>', after).orderBy('id').limit(batchSize).execute()
    ).map((row) => row.id);
    if (ids.length === 0) return written;
    await db.transaction().execute((trx) => fill(trx, ids));
    written += ids.length;
    after = ids.at(-1)!;
  }
}

export interface ClaimHitRow {
  id: string;
  text: string;
  status: string;
  article_id: string;
  article_title: string | null;
  speaker_id: string | null;
  speaker_name: string | null;
}

export async function findClaimHits(db: Db, ids: string[]): Promise<ClaimHitRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('claim')
    .leftJoin('article', 'article.id', 'claim.article_id')
    .leftJoin('speaker', 'speaker.id', 'claim.speaker_id')
    .select(['claim.id', 'claim.text', 'claim.status', 'claim.article_id', 'article.title as article_title', 'claim.speaker_id', 'speaker.name as speaker_name'])
    .where('claim.id', 'in', ids)
    .execute();
}

export interface ArticleHitRow {
  id: string;
  title: string;
  language: string;
  ingested_at: string;
}

export async function findArticleHits(db: Db, ids: string[]): Promise<ArticleHitRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('article').select(['id', 'title', 'language', 'ingested_at']).where('id', 'in', ids).execute();
}

export interface DirectoryHitRow {
  id: string;
  name: string;
  latin_name: string | null;
  aliases: string[];
}

export async function findDirectoryHits(db: Db, table: DirectoryTable, ids: string[]): Promise<DirectoryHitRow[]> {
  if (ids.length === 0) return [];
  const records = await db.selectFrom(table).select(['id', 'name', 'latin_name']).where('id', 'in', ids).execute();
  const aliases = await directoryAliases(db, table, ids);
  return records.map((record) => ({ ...record, aliases: aliases.filter((alias) => alias.owner === record.id).map((alias) => alias.alias).sort() }));
}
