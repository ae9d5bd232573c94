import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.
// The charts of the desk's work at a million claims:
// 1. The speakers and outlets with the most claims under a verdict: claim_facet_count read per (facet, status)
//    in order of the counter, so the busiest come first without reading every speaker's counters.
// 2. Verdicts given per month: the status changes of the review history read in order of time from an index
//    that holds the new status too, never from the rows.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('claim_facet_count_status_claims_idx').on('claim_facet_count').columns(['facet', 'status', 'claims', 'value']).execute();
  await db.schema.createIndex('review_event_field_created_at_idx').on('review_event').columns(['field', 'created_at', 'to_value']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('review_event_field_created_at_idx').execute();
  await db.schema.dropIndex('claim_facet_count_status_claims_idx').execute();
}
