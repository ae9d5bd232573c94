import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.
// Bearer tokens for the JSON API. Only the SHA-256 of a token is stored: the token itself is shown once.
// A token belongs to one user and acts with that user's role; deleting the user deletes its tokens.
// Revoked tokens stay, with the time they were revoked, so the account page can tell what happened.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('api_token')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('token_hash', 'text', (col) => col.notNull())
    .addColumn('label', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .addUniqueConstraint('api_token_token_hash_key', ['token_hash'])
    .addForeignKeyConstraint('api_token_user_id_fkey', ['user_id'], 'app_user', ['id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('api_token_user_id_created_at_idx').on('api_token').columns(['user_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('api_token').execute();
}
