import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.
// Corrections by the desk. A claim records where it came from (the engine's, edited by a person,
// or added by hand) and who last edited it. Speakers and outlets get a Latin transliteration and,
// once merged into another record, the id of that record so that their old URLs can redirect.
// desk_event is the audit log of changes that are not one claim's: article edits, deletions and
// re-extractions, speaker and outlet edits and merges. Ids are plain text without foreign keys:
// the log outlives what it mentions. Portable: one column per ALTER TABLE, text timestamps.

const COLUMNS: Array<{ table: string; column: string; notNullDefault?: string }> = [
  { table: 'claim', column: 'origin', notNullDefault: 'machine' },
  { table: 'claim', column: 'edited_by' },
  { table: 'claim', column: 'edited_at' },
  { table: 'speaker', column: 'latin_name' },
  { table: 'speaker', column: 'merged_into' },
  { table: 'outlet', column: 'latin_name' },
  { table: 'outlet', column: 'merged_into' },
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const { table, column, notNullDefault } of COLUMNS) {
    await db.schema
      .alterTable(table)
      .addColumn(column, 'text', (col) => (notNullDefault === undefined ? col : col.notNull().defaultTo(notNullDefault)))
      .execute();
  }
  await db.schema
    .createTable('desk_event')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('actor_id', 'text')
    .addColumn('actor', 'text', (col) => col.notNull())
    // 'article.edit', 'article.delete', 'article.reextract', 'speaker.edit', 'speaker.merge', 'outlet.edit', 'outlet.merge', …
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('target_type', 'text', (col) => col.notNull())
    .addColumn('target_id', 'text', (col) => col.notNull())
    // A line a person can read in the Activity page ("merged «X» into «Y»: 12 claims moved").
    .addColumn('summary', 'text', (col) => col.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('desk_event_created_at_idx').on('desk_event').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('desk_event_actor_id_created_at_idx').on('desk_event').columns(['actor_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('desk_event_target_idx').on('desk_event').columns(['target_type', 'target_id', 'created_at']).execute();
  await db.schema.createIndex('claim_origin_idx').on('claim').columns(['origin']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('claim_origin_idx').execute();
  await db.schema.dropTable('desk_event').execute();
  for (const { table, column } of [...COLUMNS].reverse()) {
    await db.schema.alterTable(table).dropColumn(column).execute();
  }
}
