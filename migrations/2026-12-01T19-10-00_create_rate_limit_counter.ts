import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.
// Sign-in failure counters shared by every app instance on the database, one row per limited key
// (an address, or an address and a name) and window. The key is stored as its SHA-256, so rows hold
// neither addresses nor names, and a long submitted name cannot outgrow an index entry.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limit_counter')
    .addColumn('key_hash', 'text', (col) => col.primaryKey())
    .addColumn('hits', 'integer', (col) => col.notNull())
    .addColumn('reset_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('rate_limit_counter_reset_at_idx').on('rate_limit_counter').column('reset_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limit_counter').execute();
}
