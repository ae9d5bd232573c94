import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.
// Outlets get aliases like speakers have ("الجزيرة نت" for Al Jazeera once the desk merges them), and
// both alias tables get an index on the folded alias: names typed into a filter or a type-ahead are
// looked up by alias as well as by canonical name, by exact key or by prefix, on tables of 100k rows.
// merged_into is indexed so that merging a record can re-point the records already merged into it.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('outlet_alias')
    .addColumn('outlet_id', 'text', (col) => col.notNull())
    .addColumn('alias', 'text', (col) => col.notNull())
    .addColumn('normalized_alias', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('outlet_alias_pkey', ['outlet_id', 'normalized_alias'])
    .addForeignKeyConstraint('outlet_alias_outlet_id_fkey', ['outlet_id'], 'outlet', ['id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('outlet_alias_normalized_alias_idx').on('outlet_alias').columns(['normalized_alias', 'outlet_id']).execute();
  await db.schema.createIndex('speaker_alias_normalized_alias_idx').on('speaker_alias').columns(['normalized_alias', 'speaker_id']).execute();
  await db.schema.createIndex('speaker_merged_into_idx').on('speaker').column('merged_into').execute();
  await db.schema.createIndex('outlet_merged_into_idx').on('outlet').column('merged_into').execute();
  await db.schema.createIndex('article_publisher_outlet_id_idx').on('article').column('publisher_outlet_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of [
    'article_publisher_outlet_id_idx',
    'outlet_merged_into_idx',
    'speaker_merged_into_idx',
    'speaker_alias_normalized_alias_idx',
    'outlet_alias_normalized_alias_idx',
  ]) {
    await db.schema.dropIndex(index).execute();
  }
  await db.schema.dropTable('outlet_alias').execute();
}
