import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/** A cluster member as quote drift compares it: its words and its speaker, earliest first. */
export interface DriftMemberRow {
  claim_id: string;
  speaker_id: string | null;
  text: string;
  cue: string;
  quote_drift: number | null;
}

/**
 * The members of a cluster in the order of their appearances (as the cluster list shows them): by the
 * article's publication date, else its ingestion, then by claim id.
 */
export async function listDriftMembers(db: Db, clusterId: string): Promise<DriftMemberRow[]> {
  const rows = await db
    .selectFrom('claim_cluster_member as member')
    .innerJoin('claim', 'claim.id', 'member.claim_id')
    .innerJoin('article', 'article.id', 'claim.article_id')
    .select(['member.claim_id', 'claim.speaker_id', 'claim.text', 'claim.cue', 'member.quote_drift'])
    .where('member.cluster_id', '=', clusterId)
    .orderBy(sql`coalesce(article.published_at, article.ingested_at)`)
    .orderBy('member.claim_id')
    .execute();
  return rows.map((row) => ({ ...row, quote_drift: row.quote_drift === null ? null : Number(row.quote_drift) }));
}

export async function updateQuoteDrift(db: Db, claimId: string, drift: number | null): Promise<void> {
  await db.updateTable('claim_cluster_member').set({ quote_drift: drift }).where('claim_id', '=', claimId).execute();
}

/** Claim ids per lookup: a merged speaker's claims can outnumber the parameters a statement may bind. */
const IDS_PER_LOOKUP = 500;

/** The clusters the claims are members of, once each. */
/** The clusters any claim of the article is in (through claim_article_id_idx and the members' primary key). */
export async function listClusterIdsOfArticle(db: Db, articleId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('claim')
    .innerJoin('claim_cluster_member as member', 'member.claim_id', 'claim.id')
    .select('member.cluster_id')
    .distinct()
    .where('claim.article_id', '=', articleId)
    .execute();
  return rows.map((row) => row.cluster_id);
}

export async function listClusterIdsOfClaims(db: Db, claimIds: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  for (let at = 0; at < claimIds.length; at += IDS_PER_LOOKUP) {
    const rows = await db.selectFrom('claim_cluster_member').select('cluster_id').where('claim_id', 'in', claimIds.slice(at, at + IDS_PER_LOOKUP)).execute();
    for (const row of rows) found.add(row.cluster_id);
  }
  return [...found];
}

/**
 * Clusters, after `afterClusterId` in id order, where a speaker appears more than once and more than one
 * of those appearances has no drift: only the earliest of a speaker's appearances is left without one once
 * drift was computed, so these are clusters whose drift was never computed.
 */
export async function listClustersMissingDrift(db: Db, afterClusterId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('claim_cluster_member as member')
    .innerJoin('claim', 'claim.id', 'member.claim_id')
    .select('member.cluster_id')
    .where('member.cluster_id', '>', afterClusterId)
    .where('claim.speaker_id', 'is not', null)
    .groupBy(['member.cluster_id', 'claim.speaker_id'])
    .having((eb) => eb(eb.fn.countAll(), '>', sql<number>`count(${sql.ref('member.quote_drift')}) + 1`))
    .orderBy('member.cluster_id')
    .limit(limit)
    .execute();
  return [...new Set(rows.map((row) => row.cluster_id))];
}

/** A quote's appearance: a claim with its article and the article's publisher. */
export interface QuoteAppearanceRow {
  claim_id: string;
  cluster_id: string;
  text: string;
  cue: string;
  version: number;
  status: string;
  attribution_status: string;
  speaker_id: string | null;
  speaker_name: string | null;
  article_id: string;
  article_title: string;
  article_language: string;
  source_url: string | null;
  published_at: string | null;
  ingested_at: string;
  outlet_id: string | null;
  outlet_name: string | null;
  joined_at: string;
  quote_drift: number | null;
}

function appearanceQuery(db: Db) {
  return db
    .selectFrom('claim_cluster_member as member')
    .innerJoin('claim', 'claim.id', 'member.claim_id')
    .innerJoin('article', 'article.id', 'claim.article_id')
    .leftJoin('speaker', 'speaker.id', 'claim.speaker_id')
    .leftJoin('outlet', 'outlet.id', 'article.publisher_outlet_id')
    .select([
      'member.claim_id',
      'member.cluster_id',
      'claim.text',
      'claim.cue',
      'claim.version',
      'claim.status',
      'claim.attribution_status',
      'claim.speaker_id',
      'speaker.name as speaker_name',
      'claim.article_id',
      'article.title as article_title',
      'article.language as article_language',
      'article.source_url',
      'article.published_at',
      'article.ingested_at',
      'outlet.id as outlet_id',
      'outlet.name as outlet_name',
      'member.joined_at',
      'member.quote_drift',
    ]);
}

function readAppearance<T extends { quote_drift: unknown; version: unknown }>(row: T): T & { quote_drift: number | null; version: number } {
  return { ...row, quote_drift: row.quote_drift === null ? null : Number(row.quote_drift), version: Number(row.version) };
}

/** The claim as a cluster member, or undefined when it is in no cluster. */
export async function findQuoteAppearance(db: Db, claimId: string): Promise<QuoteAppearanceRow | undefined> {
  const row = await appearanceQuery(db).where('member.claim_id', '=', claimId).executeTakeFirst();
  return row && readAppearance(row);
}

/**
 * The earliest appearance of each of the speakers in the clusters: what a later quote of that speaker is
 * compared with. One row per (cluster, speaker), read from the clusters' own members.
 */
export async function findEarliestAppearances(db: Db, pairs: ReadonlyArray<{ clusterId: string; speakerId: string }>): Promise<QuoteAppearanceRow[]> {
  if (pairs.length === 0) return [];
  const clusterIds = [...new Set(pairs.map((pair) => pair.clusterId))];
  const speakerIds = [...new Set(pairs.map((pair) => pair.speakerId))];
  const rows = await appearanceQuery(db)
    .where('member.cluster_id', 'in', clusterIds)
    .where('claim.speaker_id', 'in', speakerIds)
    .orderBy(sql`coalesce(article.published_at, article.ingested_at)`)
    .orderBy('member.claim_id')
    .execute();
  const earliest = new Map<string, QuoteAppearanceRow>();
  for (const row of rows) {
    const key = `${row.cluster_id} ${row.speaker_id}`;
    if (!earliest.has(key)) earliest.set(key, readAppearance(row));
  }
  return pairs.flatMap((pair) => earliest.get(`${pair.clusterId} ${pair.speakerId}`) ?? []);
}

/** Where a page of the drift list ends: the last row's join time and claim id. */
export interface DriftCursor {
  joinedAt: string;
  claimId: string;
}

/**
 * Cluster members whose quote drifted at least `minDrift` from their speaker's earliest appearance,
 * newest first (the time they joined their cluster), one row more than asked. Read from the drift
 * index (joined_at, claim_id, quote_drift where quote_drift is not null): the rows come in its order
 * and the drift is checked in the index, so only the page's claims are read.
 */
export async function listDriftedAppearances(db: Db, minDrift: number, after: DriftCursor | undefined, limit: number): Promise<QuoteAppearanceRow[]> {
  const rows = await appearanceQuery(db)
    .where(sql.ref('member.quote_drift'), 'is not', null)
    .where('member.quote_drift', '>=', minDrift)
    .$if(after !== undefined, (qb) =>
      qb.where((eb) => {
        const { joinedAt, claimId } = after!;
        // The first bound alone lets the index seek to the cursor.
        return eb.and([
          eb('member.joined_at', '<=', joinedAt),
          eb.or([eb('member.joined_at', '<', joinedAt), eb.and([eb('member.joined_at', '=', joinedAt), eb('member.claim_id', '<', claimId)])]),
        ]);
      }),
    )
    .orderBy('member.joined_at', 'desc')
    .orderBy('member.claim_id', 'desc')
    .limit(limit + 1)
    .execute();
  return rows.map(readAppearance);
}
