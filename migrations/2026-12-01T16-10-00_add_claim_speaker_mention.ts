import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.
// The words a claim's speaker was resolved from ("the French expert", "he", or the cue verb of a
// sentence without a subject), as offsets into the article body and their text, so that editors
// can see why a speaker was chosen. Null for claims ingested before extraction kept them.

const COLUMNS = [
  ['speaker_mention_start', 'integer'],
  ['speaker_mention_end', 'integer'],
  ['speaker_mention_text', 'text'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  // One statement per column: SQLite adds a single column per ALTER TABLE.
  for (const [name, type] of COLUMNS) await db.schema.alterTable('claim').addColumn(name, type).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of [...COLUMNS].reverse()) await db.schema.alterTable('claim').dropColumn(name).execute();
}
