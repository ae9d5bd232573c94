import { SqliteAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.
// The status summary of a filtered dashboard at a million claims: the number of claims per status under
// each single filter, kept by triggers so that no summary counts rows.
//   facet 'all'         value ''                    every claim (replaces claim_status_count)
//   facet 'speaker'     value speaker id
//   facet 'origin'      value machine | edited | manual
//   facet 'assignee'    value user id
//   facet 'score'       value 'NNN'                 claims whose check-worthiness reaches NNN % and not NNN+1 %
//   facet 'outlet'      value outlet id              claims with at least one hop through the outlet
//   facet 'outlet_role' value outlet id ':' role     claims with at least one hop through the outlet in that role
// The score bucket is the largest whole percentage p with checkworthiness >= p / 100, computed with the same
// double division the dashboard's filter uses, so "at least 75 %" sums buckets '075' to '100' exactly.
// On PostgreSQL every counter change of a statement is one upsert in (facet, value, status) order, so two
// transactions never take the same counters in opposite orders; the status change of the 2026-12-01T19-00-00
// counters took two (old status, then new) and could deadlock, which is one reason this table replaces it.

/** `whole` truncates a non-negative number: SQLite's cast does, PostgreSQL's would round. */
function scoreBucket(cw: string, whole: (x: string) => string): string {
  const percent = whole(`${cw} * 100`);
  return `(case when ${cw} < ${percent} / 100.0 then ${percent} - 1
    when ${cw} >= (${percent} + 1) / 100.0 then ${percent} + 1 else ${percent} end)`;
}

const sqliteScore = (cw: string) => `printf('%03d', ${scoreBucket(cw, (x) => `cast(${x} as integer)`)})`;
const postgresScore = (cw: string) => `lpad((${scoreBucket(cw, (x) => `floor(${x})::integer`)})::text, 3, '0')`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('claim_facet_count')
    .addColumn('facet', 'text', (col) => col.notNull())
    .addColumn('value', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('claims', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('claim_facet_count_pkey', ['facet', 'value', 'status'])
    .execute();
  const statements = isSqlite(db) ? [...DROP_OLD_SQLITE_COUNTERS, ...sqliteTriggers()] : [...DROP_OLD_POSTGRES_COUNTERS, ...postgresTriggers()];
  for (const statement of statements) await sql.raw(statement).execute(db);
  await db.schema.dropTable('claim_status_count').execute();
  await backfill(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) {
    for (const name of SQLITE_TRIGGER_NAMES) await sql`drop trigger if exists ${sql.id(name)}`.execute(db);
  } else {
    for (const [name, table] of POSTGRES_TRIGGERS) await sql`drop trigger if exists ${sql.id(name)} on ${sql.id(table)}`.execute(db);
    for (const [name] of POSTGRES_TRIGGERS) await sql`drop function if exists ${sql.id(name + '_fn')}()`.execute(db);
  }
  await db.schema.createTable('claim_status_count').addColumn('status', 'text', (col) => col.primaryKey()).addColumn('claims', 'integer', (col) => col.notNull()).execute();
  await sql`insert into claim_status_count (status, claims) select status, count(*) from claim group by status`.execute(db);
  await db.schema.dropTable('claim_facet_count').execute();
  // The previous migration's counter triggers are not recreated here: migrating down past this point
  // continues with the previous migration's own down, which drops them.
}

function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/** The claim facets of one claim row (its outlets aside), as rows of (facet, value). */
function claimFacetRows(row: string, score: (cw: string) => string): string {
  return `select 'all' as facet, '' as value
    union all select 'speaker', ${row}.speaker_id
    union all select 'origin', ${row}.origin
    union all select 'assignee', ${row}.assignee_id
    union all select 'score', ${score(`${row}.checkworthiness`)}`;
}

async function backfill(db: Kysely<any>): Promise<void> {
  const score = isSqlite(db) ? sqliteScore : postgresScore;
  await sql.raw(`insert into claim_facet_count (facet, value, status, claims)
    select facet, value, status, count(*) from (
      select 'all' as facet, '' as value, status from claim
      union all select 'speaker', speaker_id, status from claim where speaker_id is not null
      union all select 'origin', origin, status from claim
      union all select 'assignee', assignee_id, status from claim where assignee_id is not null
      union all select 'score', ${score('checkworthiness')}, status from claim
    ) facets group by facet, value, status`).execute(db);
  await sql.raw(`insert into claim_facet_count (facet, value, status, claims)
    select 'outlet', outlet_id, status, count(*) from (
      select distinct h.claim_id, h.outlet_id, c.status from attribution_hop h join claim c on c.id = h.claim_id
    ) pairs group by outlet_id, status`).execute(db);
  await sql.raw(`insert into claim_facet_count (facet, value, status, claims)
    select 'outlet_role', outlet_id || ':' || role, status, count(*) from (
      select distinct h.claim_id, h.outlet_id, h.role, c.status from attribution_hop h join claim c on c.id = h.claim_id
    ) pairs group by outlet_id, role, status`).execute(db);
}

// ---------------------------------------------------------------------------------------------- SQLite

const DROP_OLD_SQLITE_COUNTERS = ['claim_count_inserted', 'claim_count_deleted', 'claim_count_updated'].map((name) => `drop trigger if exists ${name}`);

const SQLITE_TRIGGER_NAMES = [
  'claim_facets_inserted',
  'claim_facets_deleted',
  'claim_facets_updated',
  'claim_outlet_facets_deleted',
  'claim_outlet_facets_moved',
  'hop_facets_inserted',
  'hop_facets_deleted',
  'hop_facets_updated',
];

function sqliteAddClaimFacets(row: string, sign: '+' | '-'): string {
  return `insert into claim_facet_count (facet, value, status, claims)
      select facet, value, ${row}.status, ${sign}1 from (${claimFacetRows(row, sqliteScore)}) facets where value is not null
      on conflict (facet, value, status) do update set claims = claims ${sign} 1;`;
}

/** The outlet facets of one claim: each outlet, and each outlet in each role, once however many hops. */
function sqliteClaimOutletFacets(claimId: string): string {
  return `select 'outlet' as facet, outlet_id as value from attribution_hop where claim_id = ${claimId}
      union select 'outlet_role', outlet_id || ':' || role from attribution_hop where claim_id = ${claimId}`;
}

function sqliteAddClaimOutletFacets(row: string, sign: '+' | '-'): string {
  return `insert into claim_facet_count (facet, value, status, claims)
      select facet, value, ${row}.status, ${sign}1 from (${sqliteClaimOutletFacets(`${row}.id`)}) facets where true
      on conflict (facet, value, status) do update set claims = claims ${sign} 1;`;
}

/**
 * A hop's two facets counted when it is its claim's first hop through that outlet (and role); removed when it
 * was the last. `others` holds the claim's other hops of the same outlet at the time the statement runs.
 */
function sqliteHopFacets(hop: string, sign: '+' | '-'): string {
  const others = (sameRole: boolean) => `select 1 from attribution_hop other where other.claim_id = ${hop}.claim_id
        and other.outlet_id = ${hop}.outlet_id and other.id <> ${hop}.id${sameRole ? ` and other.role = ${hop}.role` : ''}`;
  return `insert into claim_facet_count (facet, value, status, claims)
      select facets.facet, facets.value, claim.status, ${sign}1 from claim join (
        select 'outlet' as facet, ${hop}.outlet_id as value where not exists (${others(false)})
        union all select 'outlet_role', ${hop}.outlet_id || ':' || ${hop}.role where not exists (${others(true)})
      ) facets where claim.id = ${hop}.claim_id
      on conflict (facet, value, status) do update set claims = claims ${sign} 1;`;
}

function sqliteTriggers(): string[] {
  const claimFacetsChanged = ['status', 'speaker_id', 'origin', 'assignee_id', 'checkworthiness']
    .map((column) => `new.${column} is not old.${column}`)
    .join(' or ');
  return [
    `create trigger claim_facets_inserted after insert on claim begin ${sqliteAddClaimFacets('new', '+')} end`,
    `create trigger claim_facets_deleted after delete on claim begin ${sqliteAddClaimFacets('old', '-')} end`,
    `create trigger claim_facets_updated after update of status, speaker_id, origin, assignee_id, checkworthiness on claim
      when ${claimFacetsChanged} begin ${sqliteAddClaimFacets('old', '-')} ${sqliteAddClaimFacets('new', '+')} end`,
    // Before the row goes: its hops are deleted by the cascade after it, when the claim's status is gone.
    `create trigger claim_outlet_facets_deleted before delete on claim begin ${sqliteAddClaimOutletFacets('old', '-')} end`,
    `create trigger claim_outlet_facets_moved after update of status on claim when new.status is not old.status begin
      ${sqliteAddClaimOutletFacets('old', '-')} ${sqliteAddClaimOutletFacets('new', '+')} end`,
    `create trigger hop_facets_inserted after insert on attribution_hop begin ${sqliteHopFacets('new', '+')} end`,
    // A hop deleted with its claim finds no claim here: the claim's own trigger counted it out.
    `create trigger hop_facets_deleted after delete on attribution_hop begin ${sqliteHopFacets('old', '-')} end`,
    `create trigger hop_facets_updated after update of claim_id, outlet_id, role on attribution_hop
      when new.claim_id is not old.claim_id or new.outlet_id is not old.outlet_id or new.role is not old.role begin
      ${sqliteHopFacets('old', '-')} ${sqliteHopFacets('new', '+')} end`,
  ];
}

// ------------------------------------------------------------------------------------------ PostgreSQL

const DROP_OLD_POSTGRES_COUNTERS = ['claim_count_inserted', 'claim_count_deleted', 'claim_count_updated'].flatMap((name) => [
  `drop trigger if exists ${name} on claim`,
  `drop function if exists ${name}_fn()`,
]);

const POSTGRES_TRIGGERS: Array<[name: string, table: string]> = [
  ['claim_facets_inserted', 'claim'],
  ['claim_facets_deleted', 'claim'],
  ['claim_facets_updated', 'claim'],
  ['claim_outlet_facets_deleted', 'claim'],
  ['hop_facets_inserted', 'attribution_hop'],
  ['hop_facets_deleted', 'attribution_hop'],
  ['hop_facets_updated', 'attribution_hop'],
];

/** Adds the summed changes of `changes` (facet, value, status, delta) in one upsert, in key order. */
function postgresApply(changes: string): string {
  return `insert into claim_facet_count as c (facet, value, status, claims)
      select facet, value, status, sum(delta) from (${changes}) changes where value is not null
      group by facet, value, status having sum(delta) <> 0 order by facet, value, status
      on conflict (facet, value, status) do update set claims = c.claims + excluded.claims;`;
}

function postgresClaimFacets(rows: string, sign: '' | '-'): string {
  return `select facets.facet, facets.value, r.status, ${sign}1 as delta from ${rows} r
      cross join lateral (${claimFacetRows('r', postgresScore)}) facets`;
}

function postgresClaimOutletFacets(rows: string, sign: '' | '-'): string {
  return `select facets.facet, facets.value, r.status, ${sign}1 as delta from ${rows} r cross join lateral (
        select 'outlet' as facet, h.outlet_id as value from attribution_hop h where h.claim_id = r.id
        union select 'outlet_role', h.outlet_id || ':' || h.role from attribution_hop h where h.claim_id = r.id
      ) facets`;
}

/**
 * A hop statement changes the outlet facets of the (claim, outlet[, role]) pairs it touched whose hops went
 * from none to some or from some to none. The count before is the count now, less the statement's new
 * rows, plus its old rows. Hops deleted with their claim find no claim: the claim's own trigger counted them.
 */
function postgresHopPairs(facet: string, columns: readonly string[], value: (p: string) => string): string {
  const list = columns.join(', ');
  const same = columns.map((column) => `h.${column} = p.${column}`).join(' and ');
  // Transition tables have no index and no statistics: the statement's rows are grouped once rather than
  // searched per pair, and the claim's status is a lookup per pair (a join was planned as a scan of claim).
  return `select * from (
      select '${facet}' as facet, ${value('p')} as value, (select claim.status from claim where claim.id = p.claim_id) as status,
        (case when now_n > 0 then 1 else 0 end) - (case when now_n - new_n + old_n > 0 then 1 else 0 end) as delta
      from (
        select p.*, (select count(*) from attribution_hop h where ${same}) as now_n
        from (select ${list}, sum(new_n) as new_n, sum(old_n) as old_n from (
            select ${list}, 1 as new_n, 0 as old_n from new_rows n
            union all select ${list}, 0, 1 from old_rows o) touched
          group by ${list}) p
      ) p
    ) pairs where status is not null`;
}

function postgresTriggers(): string[] {
  const outletPairs = postgresHopPairs('outlet', ['claim_id', 'outlet_id'], (p) => `${p}.outlet_id`);
  const rolePairs = postgresHopPairs('outlet_role', ['claim_id', 'outlet_id', 'role'], (p) => `${p}.outlet_id || ':' || ${p}.role`);
  const changed = `(select o.* from old_rows o join new_rows n on n.id = o.id
      where (n.status, n.speaker_id, n.origin, n.assignee_id, n.checkworthiness) is distinct from (o.status, o.speaker_id, o.origin, o.assignee_id, o.checkworthiness))`;
  const movedOld = '(select o.* from old_rows o join new_rows n on n.id = o.id where n.status is distinct from o.status)';
  const movedNew = '(select n.* from old_rows o join new_rows n on n.id = o.id where n.status is distinct from o.status)';
  const changedNew = changed.replace('select o.*', 'select n.*');
  const fn = (name: string, body: string) => `create function ${name}_fn() returns trigger language plpgsql as $$
    begin ${body} return null; end $$`;
  return [
    fn('claim_facets_inserted', postgresApply(postgresClaimFacets('new_rows', ''))),
    `create trigger claim_facets_inserted after insert on claim referencing new table as new_rows for each statement execute function claim_facets_inserted_fn()`,
    fn('claim_facets_deleted', postgresApply(postgresClaimFacets('old_rows', '-'))),
    `create trigger claim_facets_deleted after delete on claim referencing old table as old_rows for each statement execute function claim_facets_deleted_fn()`,
    fn('claim_facets_updated', postgresApply(`${postgresClaimFacets(changed, '-')} union all ${postgresClaimFacets(changedNew, '')}
      union all ${postgresClaimOutletFacets(movedOld, '-')} union all ${postgresClaimOutletFacets(movedNew, '')}`)),
    `create trigger claim_facets_updated after update on claim referencing old table as old_rows new table as new_rows for each statement execute function claim_facets_updated_fn()`,
    // Row by row and before the row goes: the cascade deletes its hops after it, when its status is gone.
    `create function claim_outlet_facets_deleted_fn() returns trigger language plpgsql as $$
    begin ${postgresApply(postgresClaimOutletFacets('(select old.id as id, old.status as status)', '-'))} return old; end $$`,
    `create trigger claim_outlet_facets_deleted before delete on claim for each row execute function claim_outlet_facets_deleted_fn()`,
    ...([['insert', 'hop_facets_inserted'], ['delete', 'hop_facets_deleted'], ['update', 'hop_facets_updated']] as const).flatMap(([event, name]) => {
      const oldRows = event === 'insert' ? '(select * from attribution_hop where false)' : 'old_rows';
      const newRows = event === 'delete' ? '(select * from attribution_hop where false)' : 'new_rows';
      const body = postgresApply(`${outletPairs} union all ${rolePairs}`).replaceAll('new_rows', newRows).replaceAll('old_rows', oldRows);
      const referencing = [event !== 'insert' ? 'old table as old_rows' : '', event !== 'delete' ? 'new table as new_rows' : ''].filter(Boolean).join(' ');
      return [fn(name, body), `create trigger ${name} after ${event} on attribution_hop referencing ${referencing} for each statement execute function ${name}_fn()`];
    }),
  ];
}
