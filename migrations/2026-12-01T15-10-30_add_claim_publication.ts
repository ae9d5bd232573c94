import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.
// When an editor published the claim's fact-check at its public address (/fact-checks/:claimId);
// null while it is not published (never, or withdrawn).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('claim').addColumn('published_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('claim').dropColumn('published_at').execute();
}
