import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.
// The editor's short wording of a claim (at most 75 characters), published as ClaimReview's
// claimReviewed; null until an editor writes one.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('claim').addColumn('summary', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('claim').dropColumn('summary').execute();
}
