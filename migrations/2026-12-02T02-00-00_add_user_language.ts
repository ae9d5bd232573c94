import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.
// Each user may choose the language of the interface; null leaves it to the browser and the desk default.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('app_user').addColumn('language', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('app_user').dropColumn('language').execute();
}
