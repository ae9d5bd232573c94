import type { Db } from '../../db/connect.ts';

/**
 * The figures of the desk's charts, counted by the database and never from every claim: per-status counts
 * come from the counters the triggers keep (claim_facet_count, see the 2026-12-02T00-00-00 migration), an
 * article's from its own claims (at most MAX_CLAIMS_PER_ARTICLE), and verdicts per month from the counters of
 * the review history's status changes (verdict_month_count, see the 2026-12-03T03-00-00 migration).
 */

export interface StatusCount {
  status: string;
  claims: number;
}

export type CountedFacet = 'all' | 'speaker' | 'outlet';

/** Claims per status of the whole desk ('all', value ''), of a speaker or of an outlet. */
export async function readFacetStatusCounts(db: Db, facet: CountedFacet, value: string): Promise<StatusCount[]> {
  const rows = await db
    .selectFrom('claim_facet_count')
    .select(['status', 'claims'])
    .where('facet', '=', facet)
    .where('value', '=', value)
    .where('claims', '>', 0)
    .execute();
  return rows.map((row) => ({ status: row.status, claims: Number(row.claims) }));
}

/** Claims per status of one article, read through its claims' index. */
export async function countArticleClaimsByStatus(db: Db, articleId: string): Promise<StatusCount[]> {
  const rows = await db
    .selectFrom('claim')
    .select((eb) => ['status', eb.fn.countAll<string | number>().as('claims')])
    .where('article_id', '=', articleId)
    .groupBy('status')
    .execute();
  return rows.map((row) => ({ status: row.status, claims: Number(row.claims) }));
}

export interface FacetRanking {
  /** The speaker's or outlet's id. */
  value: string;
  counts: Record<string, number>;
  total: number;
}

/**
 * The speakers or outlets with the most claims under the given statuses (false and misleading, say), most
 * first. Each status's counters are read busiest first (an index of claim_facet_count by facet, status and
 * count), a few times `limit` of them; the candidates' totals are then summed. Whoever is missing from every
 * list has at most the sum of the lists' last counts, so when the `limit`-th candidate reaches that bound the
 * ranking is exact (the threshold algorithm); otherwise, on a desk whose counts are all alike, every counter
 * of those statuses is summed.
 */
export async function rankFacetValuesByStatuses(db: Db, facet: 'speaker' | 'outlet', statuses: readonly string[], limit: number): Promise<FacetRanking[]> {
  if (statuses.length === 0 || limit <= 0) return [];
  const probe = limit * 4;
  const lists = await Promise.all(
    statuses.map((status) =>
      db
        .selectFrom('claim_facet_count')
        .select(['value', 'claims'])
        .where('facet', '=', facet)
        .where('status', '=', status)
        .where('claims', '>', 0)
        .orderBy('claims', 'desc')
        .limit(probe)
        .execute(),
    ),
  );
  const candidates = [...new Set(lists.flatMap((list) => list.map((row) => row.value)))];
  if (candidates.length === 0) return [];
  const rows = await db
    .selectFrom('claim_facet_count')
    .select(['value', 'status', 'claims'])
    .where('facet', '=', facet)
    .where('value', 'in', candidates)
    .where('status', 'in', [...statuses])
    .execute();
  const ranked = rankRows(rows);
  const bound = lists.reduce((sum, list) => sum + (list.length === probe ? Number(list[probe - 1]!.claims) : 0), 0);
  const exact = bound === 0 || (ranked.length >= limit && ranked[limit - 1]!.total >= bound);
  if (exact) return ranked.slice(0, limit);
  return rankEveryFacetValue(db, facet, statuses, limit);
}

async function rankEveryFacetValue(db: Db, facet: 'speaker' | 'outlet', statuses: readonly string[], limit: number): Promise<FacetRanking[]> {
  const top = await db
    .selectFrom('claim_facet_count')
    .select((eb) => ['value', eb.fn.sum<string | number>('claims').as('total')])
    .where('facet', '=', facet)
    .where('status', 'in', [...statuses])
    .groupBy('value')
    .orderBy('total', 'desc')
    .orderBy('value')
    .limit(limit)
    .execute();
  if (top.length === 0) return [];
  const rows = await db
    .selectFrom('claim_facet_count')
    .select(['value', 'status', 'claims'])
    .where('facet', '=', facet)
    .where(
      'value',
      'in',
      top.map((row) => row.value),
    )
    .where('status', 'in', [...statuses])
    .execute();
  return rankRows(rows).slice(0, limit);
}

function rankRows(rows: ReadonlyArray<{ value: string; status: string; claims: number | string }>): FacetRanking[] {
  const byValue = new Map<string, FacetRanking>();
  for (const row of rows) {
    const claims = Number(row.claims);
    if (claims <= 0) continue;
    let entry = byValue.get(row.value);
    if (!entry) byValue.set(row.value, (entry = { value: row.value, counts: {}, total: 0 }));
    entry.counts[row.status] = claims;
    entry.total += claims;
  }
  return [...byValue.values()].sort((a, b) => b.total - a.total || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

/**
 * Names of speakers or outlets by id, each read by its key: a ranking names at most a few dozen, and an IN list
 * as long as a small table is read by scanning it.
 */
export async function findFacetNames(db: Db, facet: 'speaker' | 'outlet', ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await Promise.all(ids.map((id) => db.selectFrom(facet).select(['id', 'name']).where('id', '=', id).executeTakeFirst()));
  return new Map(rows.filter((row) => row !== undefined).map((row) => [row.id, row.name]));
}

export interface MonthlyVerdicts {
  /** 'YYYY-MM' of the change's time (UTC). */
  month: string;
  status: string;
  verdicts: number;
}

/**
 * Status changes of the review history to one of `statuses`, per calendar month of the change and status,
 * from the month `since` ('YYYY-MM') on: a verdict changed twice counts in each month it was given. Read from
 * the counters the triggers keep (verdict_month_count), a dozen rows whatever the desk's size.
 */
export async function countVerdictsByMonth(db: Db, statuses: readonly string[], since: string): Promise<MonthlyVerdicts[]> {
  if (statuses.length === 0) return [];
  const rows = await db
    .selectFrom('verdict_month_count')
    .select(['month', 'status', 'verdicts'])
    .where('month', '>=', since)
    .where('status', 'in', [...statuses])
    .where('verdicts', '>', 0)
    .execute();
  return rows.map((row) => ({ month: row.month, status: row.status, verdicts: Number(row.verdicts) }));
}
