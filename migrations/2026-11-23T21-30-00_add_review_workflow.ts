import type { Kysely } from 'kysely';

// Frozen in time: this file must never import application code, whose types move on.
// Portable to SQLite and PostgreSQL: one column per ALTER TABLE (SQLite allows no more), text ids and
// timestamps. User, hop and note ids are plain text without foreign keys: the audit log outlives what it
// mentions, and this migration stays independent of the accounts migration that creates app_user.

const COLUMNS: Array<{ table: string; column: string; notNullDefault?: string }> = [
  { table: 'claim', column: 'assignee_id' },
  { table: 'claim', column: 'assigned_at' },
  { table: 'claim', column: 'attribution_status', notNullDefault: 'unchecked' },
  { table: 'attribution_hop', column: 'evidence_url' },
  { table: 'attribution_hop', column: 'checked_by' },
  { table: 'attribution_hop', column: 'checked_at' },
  { table: 'review_event', column: 'actor_id' },
  { table: 'review_event', column: 'hop_id' },
  { table: 'review_event', column: 'note_id' },
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const { table, column, notNullDefault } of COLUMNS) {
    await db.schema
      .alterTable(table)
      .addColumn(column, 'text', (col) => (notNullDefault === undefined ? col : col.notNull().defaultTo(notNullDefault)))
      .execute();
  }
  // A reviewer's queue: their claims whose status is still open.
  await db.schema.createIndex('claim_assignee_id_status_idx').on('claim').columns(['assignee_id', 'status']).execute();
  // The activity page: every change newest first (keyset on created_at, id), or one reviewer's.
  await db.schema.createIndex('review_event_created_at_idx').on('review_event').columns(['created_at', 'id']).execute();
  await db.schema
    .createIndex('review_event_actor_id_created_at_idx')
    .on('review_event')
    .columns(['actor_id', 'created_at', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['review_event_actor_id_created_at_idx', 'review_event_created_at_idx', 'claim_assignee_id_status_idx']) {
    await db.schema.dropIndex(index).execute();
  }
  for (const { table, column } of [...COLUMNS].reverse()) {
    await db.schema.alterTable(table).dropColumn(column).execute();
  }
}
