import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.
// A note's HTML is rendered and sanitised once, when it is written, and kept beside its Markdown.
// Existing notes keep null: they are rendered when shown, with plain text as the fallback.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('note').addColumn('body_html', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('note').dropColumn('body_html').execute();
}
