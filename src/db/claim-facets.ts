import { sql, type RawBuilder } from 'kysely';
import type { Db } from './connect.ts';

/**
 * The number of claims of one speaker or outlet, read from the counters the triggers keep in
 * claim_facet_count (see the 2026-12-02T00-00-00 migration) rather than counted: the busiest outlet of a
 * desk's years of work is in a quarter of a million hops. Null when it has no claim.
 */
export function claimsUnderFacet(facet: 'speaker' | 'outlet', idColumn: 'speaker.id' | 'outlet.id'): RawBuilder<string | number | null> {
  return sql<string | number | null>`(select sum(claim_facet_count.claims) from claim_facet_count where claim_facet_count.facet = ${facet} and claim_facet_count.value = ${sql.ref(idColumn)})`;
}

/** The number of claims of one speaker or outlet by its id, from the same counters. */
export async function countClaimsUnderFacet(db: Db, facet: 'speaker' | 'outlet', id: string): Promise<number> {
  const row = await db
    .selectFrom('claim_facet_count')
    .select((eb) => eb.fn.sum<string | number>('claims').as('count'))
    .where('facet', '=', facet)
    .where('value', '=', id)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}
