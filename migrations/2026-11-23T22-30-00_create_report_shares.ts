import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.
// A share link to a claim or article report. Only the SHA-256 of the link's key is stored. The target is
// a claim or an article, so it has no foreign key; user ids are plain text, like the audit log's.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_share')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('key_hash', 'text', (col) => col.notNull())
    .addColumn('target_type', 'text', (col) => col.notNull())
    .addColumn('target_id', 'text', (col) => col.notNull())
    .addColumn('language', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('revoked_by', 'text')
    .addColumn('revoked_at', 'text')
    .addUniqueConstraint('report_share_key_hash_key', ['key_hash'])
    .addCheckConstraint('report_share_target_type_check', sql`target_type in ('claim', 'article')`)
    .addCheckConstraint('report_share_language_check', sql`language in ('ar', 'en')`)
    .execute();
  await db.schema.createIndex('report_share_target_idx').on('report_share').columns(['target_type', 'target_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_share').execute();
}
