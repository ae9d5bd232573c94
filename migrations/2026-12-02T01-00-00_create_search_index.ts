import { SqliteAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.
// Full-text search over claims' text, articles' titles, and speakers' and outlets' names and aliases.
// Folding (Arabic letter variants, harakat, clitic prefixes, Latin accents) is JavaScript, so each row
// carries search_text, its folded copy: one term per word in the text's order, written by the
// repositories. Rows that exist before this migration keep search_text null until the application fills
// it in at start-up, finding them through a partial index of the rows without a copy; a null copy is
// not indexed.
// SQLite: one contentless FTS5 table per searched table, keyed by the row's rowid (kept by VACUUM on the
// bundled SQLite) and kept by triggers on search_text; unicode61 splits the copy on its spaces as the
// application does. PostgreSQL: a stored tsvector of the same copy ('simple': no stemming, no stop
// words) with a GIN index.

const SEARCHED_TABLES = ['claim', 'article', 'speaker', 'outlet'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of SEARCHED_TABLES) {
    await db.schema.alterTable(table).addColumn('search_text', 'text').execute();
    // Finds the rows still to fold without reading the others: empty once every row has its copy.
    await db.schema.createIndex(`${table}_search_text_missing_idx`).on(table).column('id').where(sql.ref('search_text'), 'is', null).execute();
    const statements = isSqlite(db) ? sqliteIndex(table) : postgresIndex(table);
    for (const statement of statements) await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of SEARCHED_TABLES) {
    if (isSqlite(db)) {
      for (const trigger of ['insert', 'update', 'delete']) await sql.raw(`drop trigger if exists ${table}_search_${trigger}`).execute(db);
      await sql.raw(`drop table if exists ${table}_search`).execute(db);
    } else {
      await sql.raw(`drop index if exists ${table}_search_vector_idx`).execute(db);
      await db.schema.alterTable(table).dropColumn('search_vector').execute();
    }
    await db.schema.dropIndex(`${table}_search_text_missing_idx`).execute();
    await db.schema.alterTable(table).dropColumn('search_text').execute();
  }
}

function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

function sqliteIndex(table: string): string[] {
  const index = `${table}_search`;
  return [
    `create virtual table ${index} using fts5(search_text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`,
    `create trigger ${index}_insert after insert on ${table} when new.search_text is not null begin
      insert into ${index} (rowid, search_text) values (new.rowid, new.search_text);
    end`,
    `create trigger ${index}_update after update of search_text on ${table} when new.search_text is not old.search_text begin
      delete from ${index} where rowid = old.rowid;
      insert into ${index} (rowid, search_text) select new.rowid, new.search_text where new.search_text is not null;
    end`,
    `create trigger ${index}_delete after delete on ${table} when old.search_text is not null begin
      delete from ${index} where rowid = old.rowid;
    end`,
  ];
}

function postgresIndex(table: string): string[] {
  return [
    `alter table ${table} add column search_vector tsvector generated always as (to_tsvector('simple', coalesce(search_text, ''))) stored`,
    `create index ${table}_search_vector_idx on ${table} using gin (search_vector)`,
  ];
}
