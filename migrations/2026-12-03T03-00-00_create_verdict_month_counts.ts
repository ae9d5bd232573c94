import { SqliteAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.
// The Desk overview's verdicts per month at a million claims: the status changes of the review history
// counted per calendar month (UTC, 'YYYY-MM' of created_at) and new status by triggers, so that the chart
// reads a dozen counters instead of every status change of the year (a busy desk's 80,000 took 55 ms to
// count through the 2026-12-03T02-00-00 index, which this counter replaces). The history is append-only;
// deletes and updates are counted all the same, so that the counters always equal a count of the rows.
// On PostgreSQL the triggers run once per statement and take the counters in (month, status) order.

const SQLITE_TRIGGERS = ['verdict_month_counted', 'verdict_month_uncounted', 'verdict_month_recounted'];
const POSTGRES_TRIGGERS = ['verdict_month_counted', 'verdict_month_uncounted', 'verdict_month_recounted'];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('verdict_month_count')
    .addColumn('month', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('verdicts', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('verdict_month_count_pkey', ['month', 'status'])
    .execute();
  if (isSqlite(db)) await createSqliteTriggers(db);
  else await createPostgresTriggers(db);
  await sql`insert into verdict_month_count (month, status, verdicts)
    select substr(created_at, 1, 7), to_value, count(*) from review_event where field = 'status' and to_value is not null
    group by substr(created_at, 1, 7), to_value`.execute(db);
  await db.schema.dropIndex('review_event_field_created_at_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('review_event_field_created_at_idx').on('review_event').columns(['field', 'created_at', 'to_value']).execute();
  if (isSqlite(db)) {
    for (const name of SQLITE_TRIGGERS) await sql`drop trigger if exists ${sql.id(name)}`.execute(db);
  } else {
    for (const name of POSTGRES_TRIGGERS) await sql`drop trigger if exists ${sql.id(name)} on review_event`.execute(db);
    for (const name of POSTGRES_TRIGGERS) await sql`drop function if exists ${sql.id(name + '_fn')}()`.execute(db);
  }
  await db.schema.dropTable('verdict_month_count').execute();
}

function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

async function createSqliteTriggers(db: Kysely<any>): Promise<void> {
  const add = (row: string) => `insert into verdict_month_count (month, status, verdicts)
      select substr(${row}.created_at, 1, 7), ${row}.to_value, 1 where ${row}.field = 'status' and ${row}.to_value is not null
      on conflict (month, status) do update set verdicts = verdicts + 1;`;
  const remove = (row: string) => `update verdict_month_count set verdicts = verdicts - 1
      where ${row}.field = 'status' and month = substr(${row}.created_at, 1, 7) and status = ${row}.to_value;`;
  await sql.raw(`create trigger verdict_month_counted after insert on review_event begin ${add('new')} end`).execute(db);
  await sql.raw(`create trigger verdict_month_uncounted after delete on review_event begin ${remove('old')} end`).execute(db);
  await sql.raw(`create trigger verdict_month_recounted after update of field, to_value, created_at on review_event begin ${remove('old')} ${add('new')} end`).execute(db);
}

async function createPostgresTriggers(db: Kysely<any>): Promise<void> {
  const add = (rows: string) => `insert into verdict_month_count (month, status, verdicts)
      select substr(created_at, 1, 7), to_value, count(*) from ${rows} where field = 'status' and to_value is not null
      group by 1, 2 order by 1, 2
      on conflict (month, status) do update set verdicts = verdict_month_count.verdicts + excluded.verdicts;`;
  const remove = (rows: string) => `update verdict_month_count set verdicts = verdict_month_count.verdicts - gone.verdicts
      from (select substr(created_at, 1, 7) as month, to_value as status, count(*) as verdicts from ${rows}
        where field = 'status' and to_value is not null group by 1, 2) gone
      where verdict_month_count.month = gone.month and verdict_month_count.status = gone.status;`;
  const functions: Array<[string, string]> = [
    ['verdict_month_counted', add('new_rows')],
    ['verdict_month_uncounted', remove('old_rows')],
    ['verdict_month_recounted', `${remove('old_rows')} ${add('new_rows')}`],
  ];
  for (const [name, body] of functions) {
    await sql.raw(`create function ${name}_fn() returns trigger language plpgsql as $$ begin ${body} return null; end $$`).execute(db);
  }
  await sql.raw(`create trigger verdict_month_counted after insert on review_event referencing new table as new_rows for each statement execute function verdict_month_counted_fn()`).execute(db);
  await sql.raw(`create trigger verdict_month_uncounted after delete on review_event referencing old table as old_rows for each statement execute function verdict_month_uncounted_fn()`).execute(db);
  await sql.raw(
    `create trigger verdict_month_recounted after update on review_event referencing old table as old_rows new table as new_rows for each statement execute function verdict_month_recounted_fn()`,
  ).execute(db);
}
