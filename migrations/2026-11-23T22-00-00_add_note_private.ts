import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.
// A reviewer note marked private (1) stays inside the desk: never in shared pages or exports.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('note')
    .addColumn('private', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('note').dropColumn('private').execute();
}
