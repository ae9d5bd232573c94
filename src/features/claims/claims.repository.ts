import { sql } from 'kysely';
import { insertBatches } from '../../db/batches.ts';
import type { Db } from '../../db/connect.ts';
import type { NewAttributionHop, NewClaim, NewReviewEvent, ReviewEventRow } from '../../db/schema.ts';
import { WORKFLOW_STATUSES } from '../../domain/rating-scale.ts';
import { searchIndexText, type SearchQuery } from '../../text/search.ts';
import { claimSearchAccess, joinClaimMatches, rowMatches, type SearchAccess } from '../search/search.repository.ts';
import { CLUSTER_STATUS_COUNT_CAP, CHECKED_ELSEWHERE_SORTED, clusterCondition, countCheckedElsewhereByStatus, countCheckedElsewhereUpTo, type ClusterAccess, type ClusterFilter } from '../clusters/cluster-desk.repository.ts';

export interface ClaimFilters {
  status?: string;
  speakerId?: string;
  outletId?: string;
  /** Only with outletId: the role the outlet plays in the chain. */
  outletRole?: string;
  articleId?: string;
  minCheckworthiness?: number;
  /** Claims assigned to this user id. */
  assigneeId?: string;
  /** Where the claim came from: see src/domain/claim-origin.ts. */
  origin?: string;
  /**
   * Only claims whose status still needs a verdict: the desk scale's open labels (the service passes
   * RatingScale.openCodes); `true` alone means the workflow's own open states.
   */
  openOnly?: boolean | readonly string[];
  /** Only claims by where they stand in a cluster: "checked" elsewhere already, or "new" (no other appearance). */
  cluster?: ClusterFilter;
  /** Only claims whose text matches these words and phrases. */
  search?: SearchQuery;
}

export const CLAIM_SORTS = ['newest', 'checkworthiness'] as const;
export type ClaimSort = (typeof CLAIM_SORTS)[number];

/** Position of the last row of a page, in the page's own order. */
export type ClaimCursor =
  | { sort: 'newest'; ingestedAt: string; articleId: string; start: number; claimId: string }
  | { sort: 'checkworthiness'; score: number; claimId: string };

export interface ClaimListRow {
  id: string;
  article_id: string;
  speaker_id: string | null;
  text: string;
  start_offset: number;
  end_offset: number;
  prefix: string;
  suffix: string;
  cue: string;
  kind: string;
  checkworthiness: number;
  status: string;
  version: number;
  status_changed_by: string | null;
  status_changed_at: string | null;
  assignee_id: string | null;
  assigned_at: string | null;
  attribution_status: string;
  article_title: string;
  article_language: string;
  article_ingested_at: string;
  speaker_name: string | null;
  speaker_unnamed: number | null;
  assignee_name: string | null;
  /** See src/domain/claim-origin.ts; absent means the engine's. */
  origin?: string;
  edited_at?: string | null;
  /** Name of whoever last corrected the claim; null when nobody did or the account is gone. */
  editor_name?: string | null;
}

export interface HopListRow {
  id: string;
  claim_id: string;
  outlet_id: string;
  outlet_name: string;
  outlet_kind: string;
  role: string;
  position: number;
  url: string | null;
  status: string;
  evidence_url: string | null;
  checked_by: string | null;
  checked_at: string | null;
}

/** A claim as written: with the folded copy its search reads. */
const withSearchText = (claim: NewClaim): NewClaim => ({ ...claim, search_text: searchIndexText(claim.text) });

export async function insertClaim(db: Db, claim: NewClaim): Promise<void> {
  await db.insertInto('claim').values(withSearchText(claim)).execute();
}

export async function insertClaims(db: Db, claims: readonly NewClaim[]): Promise<void> {
  for (const batch of insertBatches(claims.map(withSearchText))) await db.insertInto('claim').values(batch).execute();
}

export async function insertAttributionHops(db: Db, hops: readonly NewAttributionHop[]): Promise<void> {
  for (const batch of insertBatches(hops)) await db.insertInto('attribution_hop').values(batch).execute();
}

/**
 * How an outlet filter reads: 'scan' walks the page's order index and checks each claim's hops (quick when
 * the outlet is in many claims), 'hops' starts from the outlet's hops, at most OUTLET_HOPS_SORTED of them
 * (quick when it is in few claims, whose sort stays small); counts read 'every-hop', all of the outlet's hops.
 */
type OutletAccess = 'scan' | 'hops' | 'every-hop';

/** Up to this many claims through one outlet, they are read from its hops and sorted. */
export const OUTLET_HOPS_SORTED = 5000;

function outletHops(db: Db, filters: ClaimFilters) {
  return db
    .selectFrom('attribution_hop')
    .where('attribution_hop.outlet_id', '=', filters.outletId!)
    .$if(filters.outletRole !== undefined, (sub) => sub.where('attribution_hop.role', '=', filters.outletRole!));
}

async function outletAccessFor(db: Db, filters: ClaimFilters): Promise<OutletAccess> {
  if (filters.outletId === undefined) return 'scan';
  // The counters the triggers keep answer how many claims go through the outlet without reading its hops.
  const claims = await readFacetCounts(db, outletFacet(filters.outletId, filters.outletRole));
  const total = [...claims.values()].reduce((sum, n) => sum + n, 0);
  return total > OUTLET_HOPS_SORTED ? 'scan' : 'hops';
}

function outletFacet(outletId: string, role: string | undefined): FacetSelection {
  return role === undefined ? { facet: 'outlet', value: outletId } : { facet: 'outlet_role', value: `${outletId}:${role}` };
}

/** "Checked elsewhere" is read as a list when few claims are (walking a million claims to find a hundred took seconds). */
async function clusterAccessFor(db: Db, filters: ClaimFilters): Promise<ClusterAccess> {
  if (filters.cluster !== 'checked') return 'probe';
  return (await countCheckedElsewhereUpTo(db, CHECKED_ELSEWHERE_SORTED + 1)) > CHECKED_ELSEWHERE_SORTED ? 'probe' : 'list';
}

/** The claims matching the filters, from claim alone: each filter is a leading column of an index (see the 2026-12-01T19-00-00 migration). */
function filteredClaims(db: Db, filters: ClaimFilters, outletAccess: OutletAccess = 'scan', sort?: ClaimSort, searchAccess: SearchAccess = 'hits', clusterAccess: ClusterAccess = 'probe') {
  return db
    .selectFrom('claim')
    .$if(filters.search !== undefined, (qb) => qb.where(rowMatches(db, 'claim', filters.search!, searchAccess)))
    .$if(filters.origin !== undefined, (qb) => qb.where('claim.origin', '=', filters.origin!))
    .$if(filters.status !== undefined, (qb) => qb.where('claim.status', '=', filters.status!))
    .$if(filters.speakerId !== undefined, (qb) => qb.where('claim.speaker_id', '=', filters.speakerId!))
    .$if(filters.articleId !== undefined, (qb) => qb.where('claim.article_id', '=', filters.articleId!))
    .$if(filters.outletId !== undefined && outletAccess === 'scan', (qb) =>
      qb.where((eb) =>
        eb.exists(
          eb
            .selectFrom('attribution_hop')
            .select('attribution_hop.claim_id')
            .where('attribution_hop.outlet_id', '=', filters.outletId!)
            .whereRef('attribution_hop.claim_id', '=', 'claim.id')
            .$if(filters.outletRole !== undefined, (sub) => sub.where('attribution_hop.role', '=', filters.outletRole!)),
        ),
      ),
    )
    .$if(filters.outletId !== undefined && outletAccess === 'hops', (qb) =>
      qb.where('claim.id', 'in', outletHops(db, filters).select('attribution_hop.claim_id').limit(OUTLET_HOPS_SORTED)),
    )
    .$if(filters.outletId !== undefined && outletAccess === 'every-hop', (qb) =>
      qb.where('claim.id', 'in', outletHops(db, filters).select('attribution_hop.claim_id')),
    )
    .$if(filters.minCheckworthiness !== undefined, (qb) =>
      // In the newest order the threshold is checked along the order's index: a range on the score would sort.
      qb.where(sort === 'newest' ? sql<number>`+${sql.ref('claim.checkworthiness')}` : sql.ref('claim.checkworthiness'), '>=', filters.minCheckworthiness!),
    )
    .$if(filters.assigneeId !== undefined, (qb) => qb.where('claim.assignee_id', '=', filters.assigneeId!))
    .$if(Boolean(filters.openOnly), (qb) => qb.where('claim.status', 'in', openCodes(filters)))
    // Probed per claim (see clusterCondition), so the list keeps walking its order's index, unless few claims match.
    .$if(filters.cluster !== undefined, (qb) => qb.where(clusterCondition(filters.cluster!, clusterAccess)));
}

function claimListQuery(db: Db, filters: ClaimFilters, outletAccess: OutletAccess, sort: ClaimSort, searchAccess: SearchAccess, clusterAccess: ClusterAccess) {
  // A left join (every claim has its article) keeps claim the outer loop, read in the order's index.
  return filteredClaims(db, filters, outletAccess, sort, searchAccess, clusterAccess)
    .leftJoin('article', 'article.id', 'claim.article_id')
    .leftJoin('speaker', 'speaker.id', 'claim.speaker_id')
    // People's names are looked up for the rows of the page only: two more joins made SQLite read far
    // past the page's rows on an ordered list (4 s instead of 2 ms at a million claims).
    .select((eb) => [
      eb.selectFrom('app_user').select('app_user.name').whereRef('app_user.id', '=', 'claim.assignee_id').as('assignee_name'),
      eb.selectFrom('app_user').select('app_user.name').whereRef('app_user.id', '=', 'claim.edited_by').as('editor_name'),
    ]);
}

const CLAIM_LIST_COLUMNS = [
  'claim.id',
  'claim.article_id',
  'claim.speaker_id',
  'claim.text',
  'claim.start_offset',
  'claim.end_offset',
  'claim.prefix',
  'claim.suffix',
  'claim.cue',
  'claim.kind',
  'claim.checkworthiness',
  'claim.status',
  'claim.version',
  'claim.status_changed_by',
  'claim.status_changed_at',
  'claim.assignee_id',
  'claim.assigned_at',
  'claim.attribution_status',
  'article.title as article_title',
  'article.language as article_language',
  'claim.article_ingested_at',
  'speaker.name as speaker_name',
  'speaker.unnamed as speaker_unnamed',
  'claim.origin',
  'claim.edited_at',
] as const;

/** What a CSV export of the claims writes: no context, offsets or history, which cost time at every row. */
const CLAIM_EXPORT_COLUMNS = [
  'claim.id',
  'claim.article_id',
  'claim.text',
  'claim.start_offset',
  'claim.kind',
  'claim.checkworthiness',
  'claim.status',
  'claim.status_changed_by',
  'claim.status_changed_at',
  'claim.attribution_status',
  'article.title as article_title',
  'article.language as article_language',
  'claim.article_ingested_at',
  'speaker.name as speaker_name',
] as const;

export type ClaimExportRow = Pick<
  ClaimListRow,
  | 'id' | 'article_id' | 'text' | 'start_offset' | 'kind' | 'checkworthiness' | 'status' | 'status_changed_by' | 'status_changed_at'
  | 'attribution_status' | 'article_title' | 'article_language' | 'article_ingested_at' | 'speaker_name' | 'assignee_name'
>;

/** Keyset pagination: fetches one row more than asked so the caller knows whether a next page exists. */
export async function listClaims(
  db: Db,
  filters: ClaimFilters,
  after: ClaimCursor | undefined,
  limit: number,
  sort: ClaimSort = 'newest',
): Promise<ClaimListRow[]> {
  const page = await claimPageQuery(db, filters, after, limit, sort);
  return page.select(CLAIM_LIST_COLUMNS).$narrowType<{ article_title: string; article_language: string }>().execute();
}

/** listClaims with the columns of a CSV export only: fewer columns to read and convert at every row. */
export async function listClaimsForExport(
  db: Db,
  filters: ClaimFilters,
  after: ClaimCursor | undefined,
  limit: number,
  sort: ClaimSort = 'newest',
): Promise<ClaimExportRow[]> {
  const page = await claimPageQuery(db, filters, after, limit, sort);
  return page.select(CLAIM_EXPORT_COLUMNS).$narrowType<{ article_title: string; article_language: string }>().execute();
}

/** A page in the order's keyset, columns to choose: seeks to the cursor through the order's index and reads one row more than asked. */
async function claimPageQuery(db: Db, filters: ClaimFilters, after: ClaimCursor | undefined, limit: number, sort: ClaimSort) {
  const searchAccess = filters.search === undefined ? 'hits' : await claimSearchAccess(db, filters.search);
  const limited = claimListQuery(db, filters, await outletAccessFor(db, filters), sort, searchAccess, await clusterAccessFor(db, filters)).limit(limit + 1);
  if (sort === 'checkworthiness') {
    return limited
      .$if(after?.sort === 'checkworthiness', (qb) =>
        qb.where((eb) => {
          const { score, claimId } = after as Extract<ClaimCursor, { sort: 'checkworthiness' }>;
          // The first bound alone lets the index seek to the cursor instead of reading every row before it.
          return eb.and([eb('claim.checkworthiness', '<=', score), eb.or([
            eb('claim.checkworthiness', '<', score),
            eb.and([eb('claim.checkworthiness', '=', score), eb('claim.id', '>', claimId)]),
          ])]);
        }),
      )
      .orderBy('claim.checkworthiness', 'desc')
      .orderBy('claim.id', 'asc');
  }
  return limited
    .$if(after?.sort === 'newest', (qb) =>
      qb.where((eb) => {
        const { ingestedAt, articleId, start, claimId } = after as Extract<ClaimCursor, { sort: 'newest' }>;
        const sameArticle = eb.and([eb('claim.article_ingested_at', '=', ingestedAt), eb('claim.article_id', '=', articleId)]);
        return eb.and([
          eb('claim.article_ingested_at', '<=', ingestedAt),
          eb.or([
            eb('claim.article_ingested_at', '<', ingestedAt),
            eb.and([eb('claim.article_ingested_at', '=', ingestedAt), eb('claim.article_id', '<', articleId)]),
            eb.and([sameArticle, eb('claim.start_offset', '>', start)]),
            eb.and([sameArticle, eb('claim.start_offset', '=', start), eb('claim.id', '>', claimId)]),
          ]),
        ]);
      }),
    )
    // Within one article the article's time and id are the same for every row: its index orders by position.
    .$if(filters.articleId === undefined, (qb) => qb.orderBy('claim.article_ingested_at', 'desc').orderBy('claim.article_id', 'desc'))
    .orderBy('claim.start_offset', 'asc')
    .orderBy('claim.id', 'asc');
}

/** Beyond this many claims a combination of filters stops counting: its counts are lower bounds. */
export const STATUS_COUNT_CAP = 10_000;

/** A search's summary reads each matching claim's row (no index holds its status): it stops sooner. */
export const SEARCH_STATUS_COUNT_CAP = 1000;

export interface StatusCounts {
  byStatus: Map<string, number>;
  /** False when the count stopped at its cap (STATUS_COUNT_CAP, or SEARCH_STATUS_COUNT_CAP with a search, CLUSTER_STATUS_COUNT_CAP with a cluster filter). */
  complete: boolean;
}

/** A facet of claim_facet_count (see the 2026-12-02T00-00-00 migration) and the values to sum. */
interface FacetSelection {
  facet: string;
  value: string;
  /** The score facet sums every bucket from its value up. */
  orAbove?: boolean;
}

function openCodes(filters: Pick<ClaimFilters, 'openOnly'>): readonly string[] {
  return Array.isArray(filters.openOnly) ? filters.openOnly : WORKFLOW_STATUSES;
}

/** The counters that answer the filters exactly, when only one filter (open-only aside) is set. */
function facetFor(filters: Omit<ClaimFilters, 'status'>): FacetSelection | undefined {
  const { openOnly: _openOnly, outletRole, ...rest } = filters;
  const set = Object.entries(rest).filter(([, value]) => value !== undefined);
  if (set.length === 0) return { facet: 'all', value: '' };
  if (set.length > 1) return undefined;
  if (filters.speakerId !== undefined) return { facet: 'speaker', value: filters.speakerId };
  if (filters.origin !== undefined) return { facet: 'origin', value: filters.origin };
  if (filters.assigneeId !== undefined) return { facet: 'assignee', value: filters.assigneeId };
  if (filters.outletId !== undefined) return outletFacet(filters.outletId, outletRole);
  const percent = Math.round((filters.minCheckworthiness ?? NaN) * 100);
  // The buckets are whole percentages taken with the same division the filter's threshold comes from.
  if (percent >= 0 && percent <= 100 && percent / 100 === filters.minCheckworthiness) {
    return { facet: 'score', value: String(percent).padStart(3, '0'), orAbove: true };
  }
  return undefined;
}

async function readFacetCounts(db: Db, selection: FacetSelection): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('claim_facet_count')
    .select(['status', (eb) => eb.fn.sum<string | number>('claims').as('count')])
    .where('facet', '=', selection.facet)
    .where('value', selection.orAbove ? '>=' : '=', selection.value)
    .groupBy('status')
    .execute();
  return new Map(rows.map((row) => [row.status, Number(row.count)]));
}

/**
 * One filter (or none) is answered by the counters kept by triggers; a combination counts the matching
 * claims through the filters' indexes, up to STATUS_COUNT_CAP of them.
 */
export async function countClaimsByStatus(
  db: Db,
  filters: Omit<ClaimFilters, 'status'>,
  cap = filters.search ? SEARCH_STATUS_COUNT_CAP : filters.cluster ? CLUSTER_STATUS_COUNT_CAP : STATUS_COUNT_CAP,
): Promise<StatusCounts> {
  const facet = facetFor(filters);
  if (facet) {
    const counts = await readFacetCounts(db, facet);
    if (filters.openOnly) for (const status of counts.keys()) if (!openCodes(filters).includes(status)) counts.delete(status);
    return { byStatus: counts, complete: true };
  }
  const { search, ...others } = filters;
  // "Checked elsewhere" alone is read from the claims with a verdict, through their clusters.
  const { cluster, openOnly: _open, ...nonCluster } = others;
  if (cluster === 'checked' && search === undefined && Object.values(nonCluster).every((value) => value === undefined)) {
    const byStatus = await countCheckedElsewhereByStatus(db, cap);
    if (filters.openOnly) for (const status of byStatus.keys()) if (!openCodes(filters).includes(status)) byStatus.delete(status);
    return { byStatus, complete: [...byStatus.values()].reduce((sum, n) => sum + n, 0) < cap };
  }
  // A search alone walks the index's matches up to the cap; with another filter, that filter's index leads
  // (a busy speaker's claims each probing the index would take seconds) and the matches are an IN list.
  const searchOnly = search !== undefined && Object.values(others).every((value) => value === undefined);
  const reading = searchOnly ? joinClaimMatches(db, filteredClaims(db, others), search) : filteredClaims(db, filters, 'every-hop');
  const matching = reading.select('claim.status').limit(cap);
  const rows = await db
    .selectFrom(matching.as('matching'))
    .select(['matching.status', (eb) => eb.fn.countAll<string | number>().as('count')])
    .groupBy('matching.status')
    .execute();
  const byStatus = new Map(rows.map((row) => [row.status, Number(row.count)]));
  const counted = [...byStatus.values()].reduce((sum, n) => sum + n, 0);
  return { byStatus, complete: counted < cap };
}

export async function findClaimById(db: Db, id: string): Promise<ClaimListRow | undefined> {
  return db
    .selectFrom('claim')
    .innerJoin('article', 'article.id', 'claim.article_id')
    .leftJoin('speaker', 'speaker.id', 'claim.speaker_id')
    .leftJoin('app_user as assignee', 'assignee.id', 'claim.assignee_id')
    .leftJoin('app_user as editor', 'editor.id', 'claim.edited_by')
    .select(CLAIM_LIST_COLUMNS)
    .select(['assignee.name as assignee_name', 'editor.name as editor_name'])
    .where('claim.id', '=', id)
    .executeTakeFirst();
}

export interface StoredSpeakerMention {
  speaker_mention_start: number | null;
  speaker_mention_end: number | null;
  speaker_mention_text: string | null;
}

export async function findSpeakerMention(db: Db, claimId: string): Promise<StoredSpeakerMention | undefined> {
  return db
    .selectFrom('claim')
    .select(['speaker_mention_start', 'speaker_mention_end', 'speaker_mention_text'])
    .where('id', '=', claimId)
    .executeTakeFirst();
}

export async function listHopsForClaims(db: Db, claimIds: string[]): Promise<HopListRow[]> {
  if (claimIds.length === 0) return [];
  return db
    .selectFrom('attribution_hop')
    .innerJoin('outlet', 'outlet.id', 'attribution_hop.outlet_id')
    .select([
      'attribution_hop.id',
      'attribution_hop.claim_id',
      'attribution_hop.outlet_id',
      'outlet.name as outlet_name',
      'outlet.kind as outlet_kind',
      'attribution_hop.role',
      'attribution_hop.position',
      'attribution_hop.url',
      'attribution_hop.status',
      'attribution_hop.evidence_url',
      'attribution_hop.checked_by',
      'attribution_hop.checked_at',
    ])
    .where('attribution_hop.claim_id', 'in', claimIds)
    .orderBy('attribution_hop.claim_id')
    .orderBy('attribution_hop.position')
    .execute();
}

/** The part of a hop a CSV export writes. */
export type ExportHopRow = Pick<HopListRow, 'claim_id' | 'outlet_name' | 'role' | 'status'>;

export async function listExportHopsForClaims(db: Db, claimIds: string[]): Promise<ExportHopRow[]> {
  if (claimIds.length === 0) return [];
  return db
    .selectFrom('attribution_hop')
    .innerJoin('outlet', 'outlet.id', 'attribution_hop.outlet_id')
    .select(['attribution_hop.claim_id', 'outlet.name as outlet_name', 'attribution_hop.role', 'attribution_hop.status'])
    .where('attribution_hop.claim_id', 'in', claimIds)
    .orderBy('attribution_hop.claim_id')
    .orderBy('attribution_hop.position')
    .execute();
}

export interface StatusUpdate {
  claimId: string;
  expectedVersion: number;
  status: string;
  actor: string;
  at: string;
}

/** Optimistic concurrency: returns false when the claim's version moved on since the reviewer loaded it. */
export type ClaimStatusFields = Pick<ClaimListRow, 'status' | 'version' | 'status_changed_by' | 'status_changed_at'>;

/** The claim's status fields as written, or undefined when its version moved on meanwhile. */
export async function updateClaimStatus(db: Db, update: StatusUpdate): Promise<ClaimStatusFields | undefined> {
  return db
    .updateTable('claim')
    .set((eb) => ({
      status: update.status,
      version: eb('version', '+', 1),
      status_changed_by: update.actor,
      status_changed_at: update.at,
    }))
    .where('id', '=', update.claimId)
    .where('version', '=', update.expectedVersion)
    .returning(['status', 'version', 'status_changed_by', 'status_changed_at'])
    .executeTakeFirst();
}

export async function insertReviewEvent(db: Db, event: NewReviewEvent): Promise<void> {
  await db.insertInto('review_event').values(event).execute();
}

export async function listReviewEvents(db: Db, claimId: string): Promise<ReviewEventRow[]> {
  return db
    .selectFrom('review_event')
    .selectAll()
    .where('claim_id', '=', claimId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export interface ClaimSpan {
  id: string;
  start_offset: number;
  end_offset: number;
  status: string;
}

export async function listClaimSpans(db: Db, articleId: string): Promise<ClaimSpan[]> {
  return db
    .selectFrom('claim')
    .select(['id', 'start_offset', 'end_offset', 'status'])
    .where('article_id', '=', articleId)
    .orderBy('start_offset')
    .execute();
}
