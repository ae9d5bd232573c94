import { insertBatches, lookupBatches } from '../../db/batches.ts';
import type { Db } from '../../db/connect.ts';
import type { OutletRow, NewOutlet } from '../../db/schema.ts';

export async function findOutletByNormalizedName(db: Db, normalizedName: string): Promise<OutletRow | undefined> {
  return db.selectFrom('outlet').selectAll().where('normalized_name', '=', normalizedName).executeTakeFirst();
}

export async function findOutletById(db: Db, id: string): Promise<OutletRow | undefined> {
  return db.selectFrom('outlet').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertOutlet(db: Db, outlet: NewOutlet): Promise<void> {
  await db.insertInto('outlet').values(outlet).execute();
}

/** Outlet ids by normalised name, for the names that already have an outlet. */
export async function findOutletIdsByNormalizedNames(db: Db, normalizedNames: readonly string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const batch of lookupBatches(normalizedNames)) {
    const rows = await db.selectFrom('outlet').select(['id', 'normalized_name']).where('normalized_name', 'in', batch).execute();
    for (const row of rows) ids.set(row.normalized_name, row.id);
  }
  return ids;
}

/**
 * Inserts outlets in batches, skipping names that meanwhile got an outlet of their own.
 * Returns how many were inserted, so that the caller can tell whether it raced another writer.
 */
export async function insertOutlets(db: Db, outlets: readonly NewOutlet[]): Promise<number> {
  let inserted = 0;
  for (const batch of insertBatches(outlets)) {
    const result = await db
      .insertInto('outlet')
      .values(batch)
      .onConflict((oc) => oc.column('normalized_name').doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

export interface OutletOption {
  id: string;
  name: string;
}

/** Outlets that appear in at least one attribution chain, for the dashboard filter. */
export async function listAttributedOutlets(db: Db): Promise<OutletOption[]> {
  return db
    .selectFrom('outlet')
    .select(['outlet.id', 'outlet.name'])
    .where((eb) => eb.exists(eb.selectFrom('attribution_hop').select('attribution_hop.id').whereRef('attribution_hop.outlet_id', '=', 'outlet.id')))
    .orderBy('outlet.name')
    .execute();
}

export async function countOutletHopsByRole(db: Db, outletId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('attribution_hop')
    .select(['role', (eb) => eb.fn.count<string | number>('claim_id').distinct().as('count')])
    .where('outlet_id', '=', outletId)
    .groupBy('role')
    .execute();
  return new Map(rows.map((row) => [row.role, Number(row.count)]));
}
