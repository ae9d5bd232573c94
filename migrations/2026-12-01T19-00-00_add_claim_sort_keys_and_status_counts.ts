import { SqliteAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.
// The dashboard at a million claims: every order and filter it offers is read from one index, and the
// status summary of the unfiltered desk is read from counters instead of counting every claim.
// 1. claim.article_ingested_at copies its article's ingestion time, so the newest-first order
//    (article time desc, article id desc, position, id) is a column order of claim alone. Triggers fill
//    it for every insert, whichever code path writes the claim, and follow an article whose time changes.
// 2. One index per filterable column and order, led by the filter's column, so keyset pages never sort.
// 3. claim_status_count keeps the number of claims per status, maintained by triggers (statement-level on
//    PostgreSQL, so a bulk insert updates each counter once rather than once per row).
// 4. attribution_hop(outlet_id, claim_id, role) answers the outlet filter without reading hops.
// 5. A claim's history and a reviewer's queue are read in their order from an index.

const NEWEST = ['article_ingested_at desc', 'article_id desc', 'start_offset', 'id'];
const WORTHIEST = ['checkworthiness desc', 'id'];

const NEW_INDEXES: Array<[string, string, string[]]> = [
  ['claim_newest_idx', 'claim', NEWEST],
  ['claim_status_newest_idx', 'claim', ['status', ...NEWEST]],
  ['claim_speaker_newest_idx', 'claim', ['speaker_id', ...NEWEST]],
  ['claim_origin_newest_idx', 'claim', ['origin', ...NEWEST]],
  ['claim_article_position_idx', 'claim', ['article_id', 'start_offset', 'id']],
  ['claim_worthiest_idx', 'claim', WORTHIEST],
  ['claim_status_worthiest_idx', 'claim', ['status', ...WORTHIEST]],
  ['claim_speaker_worthiest_idx', 'claim', ['speaker_id', ...WORTHIEST]],
  ['claim_origin_worthiest_idx', 'claim', ['origin', ...WORTHIEST]],
  ['claim_article_worthiest_idx', 'claim', ['article_id', ...WORTHIEST]],
  ['claim_speaker_status_idx', 'claim', ['speaker_id', 'status']],
  ['claim_assignee_newest_idx', 'claim', ['assignee_id', ...NEWEST]],
  ['review_event_claim_id_created_at_id_idx', 'review_event', ['claim_id', 'created_at', 'id']],
  ['attribution_hop_outlet_claim_idx', 'attribution_hop', ['outlet_id', 'claim_id', 'role']],
];

// Prefixes of the new indexes: they would only slow every insert down.
const REPLACED_INDEXES: Array<[string, string, string[]]> = [
  ['claim_article_id_idx', 'claim', ['article_id', 'start_offset']],
  ['claim_status_idx', 'claim', ['status']],
  ['claim_speaker_id_idx', 'claim', ['speaker_id']],
  ['attribution_hop_outlet_id_idx', 'attribution_hop', ['outlet_id']],
  ['review_event_claim_id_idx', 'review_event', ['claim_id', 'created_at']],
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('claim').addColumn('article_ingested_at', 'text').execute();
  await sql`update claim set article_ingested_at = (select article.ingested_at from article where article.id = claim.article_id)`.execute(db);
  await db.schema
    .createTable('claim_status_count')
    .addColumn('status', 'text', (col) => col.primaryKey())
    .addColumn('claims', 'integer', (col) => col.notNull())
    .execute();
  await sql`insert into claim_status_count (status, claims) select status, count(*) from claim group by status`.execute(db);
  for (const [name] of REPLACED_INDEXES) await db.schema.dropIndex(name).execute();
  for (const [name, table, columns] of NEW_INDEXES) await db.schema.createIndex(name).on(table).columns(columns).execute();
  if (isSqlite(db)) await createSqliteTriggers(db);
  else await createPostgresTriggers(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) {
    for (const name of SQLITE_TRIGGERS) await sql`drop trigger if exists ${sql.id(name)}`.execute(db);
  } else {
    await sql`drop trigger if exists claim_fill_sort_key on claim`.execute(db);
    await sql`drop trigger if exists article_moves_claims on article`.execute(db);
    for (const name of ['claim_count_inserted', 'claim_count_deleted', 'claim_count_updated']) await sql`drop trigger if exists ${sql.id(name)} on claim`.execute(db);
    for (const name of ['claim_fill_sort_key', 'article_moves_claims', 'claim_count_inserted', 'claim_count_deleted', 'claim_count_updated']) {
      await sql`drop function if exists ${sql.id(name + '_fn')}()`.execute(db);
    }
  }
  for (const [name] of NEW_INDEXES) await db.schema.dropIndex(name).execute();
  for (const [name, table, columns] of REPLACED_INDEXES) await db.schema.createIndex(name).on(table).columns(columns).execute();
  await db.schema.dropTable('claim_status_count').execute();
  await db.schema.alterTable('claim').dropColumn('article_ingested_at').execute();
}

function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

const SQLITE_TRIGGERS = ['claim_fill_sort_key', 'claim_moves_article', 'article_moves_claims', 'claim_count_inserted', 'claim_count_deleted', 'claim_count_updated'];

async function createSqliteTriggers(db: Kysely<any>): Promise<void> {
  await sql`create trigger claim_fill_sort_key after insert on claim when new.article_ingested_at is null begin
    update claim set article_ingested_at = (select ingested_at from article where article.id = new.article_id) where id = new.id;
  end`.execute(db);
  await sql`create trigger claim_moves_article after update of article_id on claim when new.article_id is not old.article_id begin
    update claim set article_ingested_at = (select ingested_at from article where article.id = new.article_id) where id = new.id;
  end`.execute(db);
  await sql`create trigger article_moves_claims after update of ingested_at on article when new.ingested_at is not old.ingested_at begin
    update claim set article_ingested_at = new.ingested_at where article_id = new.id;
  end`.execute(db);
  await sql`create trigger claim_count_inserted after insert on claim begin
    insert into claim_status_count (status, claims) values (new.status, 1) on conflict (status) do update set claims = claims + 1;
  end`.execute(db);
  await sql`create trigger claim_count_deleted after delete on claim begin
    update claim_status_count set claims = claims - 1 where status = old.status;
  end`.execute(db);
  await sql`create trigger claim_count_updated after update of status on claim when new.status is not old.status begin
    update claim_status_count set claims = claims - 1 where status = old.status;
    insert into claim_status_count (status, claims) values (new.status, 1) on conflict (status) do update set claims = claims + 1;
  end`.execute(db);
}

async function createPostgresTriggers(db: Kysely<any>): Promise<void> {
  await sql`create function claim_fill_sort_key_fn() returns trigger language plpgsql as $$
    begin
      if new.article_ingested_at is null or tg_op = 'UPDATE' then
        new.article_ingested_at := (select ingested_at from article where article.id = new.article_id);
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger claim_fill_sort_key before insert or update of article_id on claim for each row execute function claim_fill_sort_key_fn()`.execute(db);
  await sql`create function article_moves_claims_fn() returns trigger language plpgsql as $$
    begin
      update claim set article_ingested_at = new.ingested_at where article_id = new.id;
      return null;
    end $$`.execute(db);
  await sql`create trigger article_moves_claims after update of ingested_at on article for each row
    when (new.ingested_at is distinct from old.ingested_at) execute function article_moves_claims_fn()`.execute(db);
  await createPostgresCounterTriggers(db);
}

async function createPostgresCounterTriggers(db: Kysely<any>): Promise<void> {
  const addRows = (rows: string, sign: string) => sql.raw(`
    insert into claim_status_count as c (status, claims)
      select status, ${sign}count(*) from ${rows} group by status
      on conflict (status) do update set claims = c.claims + excluded.claims;`);
  await sql`create function claim_count_inserted_fn() returns trigger language plpgsql as $$
    begin ${addRows('new_rows', '')} return null; end $$`.execute(db);
  await sql`create function claim_count_deleted_fn() returns trigger language plpgsql as $$
    begin ${addRows('old_rows', '-')} return null; end $$`.execute(db);
  await sql`create function claim_count_updated_fn() returns trigger language plpgsql as $$
    begin
      ${addRows('(select o.status from old_rows o join new_rows n on n.id = o.id where n.status is distinct from o.status) moved', '-')}
      ${addRows('(select n.status from old_rows o join new_rows n on n.id = o.id where n.status is distinct from o.status) moved', '')}
      return null;
    end $$`.execute(db);
  await sql`create trigger claim_count_inserted after insert on claim referencing new table as new_rows for each statement execute function claim_count_inserted_fn()`.execute(db);
  await sql`create trigger claim_count_deleted after delete on claim referencing old table as old_rows for each statement execute function claim_count_deleted_fn()`.execute(db);
  await sql`create trigger claim_count_updated after update on claim referencing old table as old_rows new table as new_rows for each statement execute function claim_count_updated_fn()`.execute(db);
}
