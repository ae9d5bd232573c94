import { PostgresAdapter, sql } from 'kysely';
import { insertBatches, lookupBatches } from '../../db/batches.ts';
import { claimsUnderFacet, countClaimsUnderFacet } from '../../db/claim-facets.ts';
import type { Db } from '../../db/connect.ts';
import { searchIndexText } from '../../text/search.ts';
import { refreshDirectorySearchText } from '../search/search.repository.ts';
import type { OutletRow, NewOutlet } from '../../db/schema.ts';
import { likeContains, prefixUpperBound, type NameMatch } from '../speakers/speakers.repository.ts';

export async function findOutletByNormalizedName(db: Db, normalizedName: string): Promise<OutletRow | undefined> {
  return db.selectFrom('outlet').selectAll().where('normalized_name', '=', normalizedName).executeTakeFirst();
}

export async function findOutletById(db: Db, id: string): Promise<OutletRow | undefined> {
  return db.selectFrom('outlet').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A new outlet with the folded copy its search reads; aliases added later refresh it. */
const withOutletSearchText = (outlet: NewOutlet): NewOutlet => ({ ...outlet, search_text: searchIndexText([outlet.name, outlet.latin_name ?? ''].join('\n')) });

export async function insertOutlet(db: Db, outlet: NewOutlet): Promise<void> {
  await db.insertInto('outlet').values(withOutletSearchText(outlet)).execute();
}

/**
 * Outlet ids by normalised name, for the names that already have an outlet. A name merged into another
 * outlet answers with that outlet, so new chains go through the record the desk kept.
 */
export async function findOutletIdsByNormalizedNames(db: Db, normalizedNames: readonly string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const batch of lookupBatches(normalizedNames)) {
    const rows = await db.selectFrom('outlet').select(['id', 'normalized_name', 'merged_into']).where('normalized_name', 'in', batch).execute();
    for (const row of rows) ids.set(row.normalized_name, row.merged_into ?? row.id);
  }
  return ids;
}

/**
 * Inserts outlets in batches, skipping names that meanwhile got an outlet of their own.
 * Returns how many were inserted, so that the caller can tell whether it raced another writer.
 */
export async function insertOutlets(db: Db, outlets: readonly NewOutlet[]): Promise<number> {
  let inserted = 0;
  for (const batch of insertBatches(outlets.map(withOutletSearchText))) {
    const result = await db
      .insertInto('outlet')
      .values(batch)
      .onConflict((oc) => oc.column('normalized_name').doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

/** Claims through the outlet in each role, from the counters kept by triggers (facet outlet_role: "outlet id:role"). */
export async function countOutletHopsByRole(db: Db, outletId: string): Promise<Map<string, number>> {
  const prefix = `${outletId}:`;
  const rows = await db
    .selectFrom('claim_facet_count')
    .select(['value', (eb) => eb.fn.sum<string | number>('claims').as('count')])
    .where('facet', '=', 'outlet_role')
    // Every value of the outlet, as a range the primary key answers: ';' is the character after ':'.
    .where('value', '>=', prefix)
    .where('value', '<', `${outletId};`)
    .groupBy('value')
    .execute();
  return new Map(rows.map((row) => [row.value.slice(prefix.length), Number(row.count)]));
}

export interface OutletFieldsUpdate {
  name: string;
  normalized_name: string;
  latin_name: string | null;
  kind: string;
  country: string | null;
  url: string | null;
}

export async function updateOutletFields(db: Db, id: string, fields: OutletFieldsUpdate): Promise<void> {
  await db.updateTable('outlet').set(fields).where('id', '=', id).execute();
  await refreshDirectorySearchText(db, 'outlet', [id]);
}

export async function listOutletAliases(db: Db, outletId: string): Promise<string[]> {
  const rows = await db.selectFrom('outlet_alias').select('alias').where('outlet_id', '=', outletId).orderBy('alias').execute();
  return rows.map((row) => row.alias);
}

/** An alias the outlet already has is kept as it was. */
export async function insertOutletAliases(db: Db, outletId: string, aliases: ReadonlyArray<{ alias: string; normalizedAlias: string }>): Promise<void> {
  const rows = aliases.map(({ alias, normalizedAlias }) => ({ outlet_id: outletId, alias, normalized_alias: normalizedAlias }));
  for (const batch of insertBatches(rows)) {
    await db
      .insertInto('outlet_alias')
      .values(batch)
      .onConflict((oc) => oc.columns(['outlet_id', 'normalized_alias']).doNothing())
      .execute();
  }
  if (rows.length > 0) await refreshDirectorySearchText(db, 'outlet', [outletId]);
}

export async function deleteOutletAliases(db: Db, outletId: string, normalizedAliases: readonly string[]): Promise<void> {
  for (const batch of lookupBatches(normalizedAliases)) {
    await db.deleteFrom('outlet_alias').where('outlet_id', '=', outletId).where('normalized_alias', 'in', batch).execute();
  }
  await refreshDirectorySearchText(db, 'outlet', [outletId]);
}

/** Claims whose chain goes through the outlet: what a merge moves. From the counters kept by triggers. */
export async function countOutletClaims(db: Db, outletId: string): Promise<number> {
  return countClaimsUnderFacet(db, 'outlet', outletId);
}

export interface OutletHop {
  id: string;
  claim_id: string;
  outlet_id: string;
  role: string;
  status: string;
  evidence_url: string | null;
  checked_by: string | null;
  checked_at: string | null;
}

/** The hops of both outlets on the claims the first one appears in, to merge them claim by claim. */
export async function listHopsOnClaimsOf(db: Db, outletId: string, otherOutletId: string): Promise<OutletHop[]> {
  return db
    .selectFrom('attribution_hop')
    .select(['id', 'claim_id', 'outlet_id', 'role', 'status', 'evidence_url', 'checked_by', 'checked_at'])
    .where('outlet_id', 'in', [outletId, otherOutletId])
    .where('claim_id', 'in', (eb) => eb.selectFrom('attribution_hop as own').select('own.claim_id').where('own.outlet_id', '=', outletId))
    .orderBy('claim_id')
    .orderBy('position')
    .execute();
}

export interface ChainLink {
  claim_id: string;
  outlet_name: string;
  role: string;
}

/** The attribution chains of some claims, hop by hop in order. */
export async function listChainsOfClaims(db: Db, claimIds: readonly string[]): Promise<Map<string, ChainLink[]>> {
  const chains = new Map<string, ChainLink[]>();
  for (const batch of lookupBatches(claimIds)) {
    const rows = await db
      .selectFrom('attribution_hop')
      .innerJoin('outlet', 'outlet.id', 'attribution_hop.outlet_id')
      .select(['attribution_hop.claim_id', 'outlet.name as outlet_name', 'attribution_hop.role'])
      .where('attribution_hop.claim_id', 'in', batch)
      .orderBy('attribution_hop.claim_id')
      .orderBy('attribution_hop.position')
      .execute();
    for (const row of rows) chains.set(row.claim_id, [...(chains.get(row.claim_id) ?? []), row]);
  }
  return chains;
}

export async function deleteHops(db: Db, hopIds: readonly string[]): Promise<void> {
  for (const batch of lookupBatches(hopIds)) await db.deleteFrom('attribution_hop').where('id', 'in', batch).execute();
}

/** Carries a check over to the hop that stays when two hops of a claim become one. */
export async function copyHopCheck(db: Db, hopId: string, check: Pick<OutletHop, 'status' | 'evidence_url' | 'checked_by' | 'checked_at'>): Promise<void> {
  await db.updateTable('attribution_hop').set(check).where('id', '=', hopId).execute();
}

export async function moveHopsToOutlet(db: Db, fromId: string, toId: string): Promise<void> {
  await db.updateTable('attribution_hop').set({ outlet_id: toId }).where('outlet_id', '=', fromId).execute();
}

export async function moveArticlesToPublisher(db: Db, fromId: string, toId: string): Promise<number> {
  const result = await db.updateTable('article').set({ publisher_outlet_id: toId }).where('publisher_outlet_id', '=', fromId).executeTakeFirst();
  return Number(result.numUpdatedRows ?? 0);
}

/** Marks claims as corrected by a person: an engine's claim becomes 'edited'. */
export async function markClaimsEdited(db: Db, claimIds: readonly string[], actorId: string, at: string): Promise<void> {
  for (const batch of lookupBatches(claimIds)) {
    await db
      .updateTable('claim')
      .set((eb) => ({ edited_by: actorId, edited_at: at, origin: eb.case().when('origin', '=', 'machine').then('edited').else(eb.ref('origin')).end() }))
      .where('id', 'in', batch)
      .execute();
  }
}

/** Marks an outlet as merged, and re-points those merged into it earlier so that every redirect is one hop. */
export async function markOutletMerged(db: Db, id: string, intoId: string): Promise<void> {
  await db.updateTable('outlet').set({ merged_into: intoId }).where((eb) => eb.or([eb('id', '=', id), eb('merged_into', '=', id)])).execute();
}

export interface OutletSuggestion {
  id: string;
  name: string;
  claims: number;
}

/** Live outlets (not merged, in at least one chain) whose name or an alias matches, most claims first. */
export async function findOutletSuggestions(db: Db, match: NameMatch, limit: number, excluded: readonly string[] = []): Promise<OutletSuggestion[]> {
  const matchingIds = db
    .selectFrom('outlet as by_name')
    .select('by_name.id as id')
    .where((eb) =>
      match.kind === 'prefix'
        ? eb.and([eb('by_name.normalized_name', '>=', match.key), eb('by_name.normalized_name', '<', prefixUpperBound(match.key))])
        : eb('by_name.normalized_name', 'like', sql<string>`${likeContains(match.key)} escape '\\'`),
    )
    .union(
      db
        .selectFrom('outlet_alias')
        .select('outlet_alias.outlet_id as id')
        .where((eb) =>
          match.kind === 'prefix'
            ? eb.and([eb('outlet_alias.normalized_alias', '>=', match.key), eb('outlet_alias.normalized_alias', '<', prefixUpperBound(match.key))])
            : eb('outlet_alias.normalized_alias', 'like', sql<string>`${likeContains(match.key)} escape '\\'`),
        ),
    );
  const rows = await db
    .selectFrom('outlet')
    .select(['outlet.id', 'outlet.name', claimsUnderFacet('outlet', 'outlet.id').as('claims')])
    .where('outlet.id', 'in', matchingIds)
    // Not "merged_into is null": SQLite would walk the merged_into index over every live record.
    .where(sql<string>`coalesce(outlet.merged_into, '')`, '=', '')
    .where(claimsUnderFacet('outlet', 'outlet.id'), '>', 0)
    .$if(excluded.length > 0, (qb) => qb.where('outlet.id', 'not in', excluded))
    .orderBy('claims', 'desc')
    .orderBy('outlet.name')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, claims: Number(row.claims ?? 0) }));
}

/** Live outlets that carry this alias, most claims first. */
export async function findOutletsByAlias(db: Db, normalizedAlias: string): Promise<OutletSuggestion[]> {
  const rows = await db
    .selectFrom('outlet_alias')
    .innerJoin('outlet', 'outlet.id', 'outlet_alias.outlet_id')
    .select(['outlet.id', 'outlet.name', claimsUnderFacet('outlet', 'outlet.id').as('claims')])
    .where('outlet_alias.normalized_alias', '=', normalizedAlias)
    .where('outlet.merged_into', 'is', null)
    .orderBy('claims', 'desc')
    .orderBy('outlet.name')
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, claims: Number(row.claims ?? 0) }));
}

/** Locks outlets until the transaction ends (see lockSpeakers). */
export async function lockOutlets(trx: Db, ids: readonly string[]): Promise<void> {
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) return;
  await trx.selectFrom('outlet').select('id').where('id', 'in', [...ids]).orderBy('id').forUpdate().execute();
}
