import { SqliteAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.
// "Already checked elsewhere" at a million claims: each cluster counts its members whose status has a
// label that closes the review (rating_label.final = 1), so that the dashboard's filter and its counts
// read the clusters with such a member from an index instead of finding the checked claims again among
// every cluster member. A claim is checked elsewhere when its cluster's closed_members, less one if its own
// status is final, is above zero.
// Triggers keep the counter equal to a count of the rows:
// - a claim's status changes (the old and the new label's final flag);
// - a member joins, leaves, or moves to another cluster (a merge updates cluster_id);
// - a claim is deleted: its member row goes by cascade after the claim row is gone, so the claim's own
//   delete takes it off its cluster's count beforehand (a BEFORE DELETE trigger), and the member trigger
//   only counts the members whose claim is still there;
// - a label's final flag or code changes, or a label is added or deleted: the clusters holding claims with
//   that code are counted again.
// On PostgreSQL the claim and member triggers run once per statement (transition tables), the others per row.

const SQLITE_TRIGGERS = [
  'cluster_closed_status_changed',
  'cluster_closed_claim_deleting',
  'cluster_closed_member_joined',
  'cluster_closed_member_left',
  'cluster_closed_member_moved',
  'cluster_closed_label_changed',
  'cluster_closed_label_added',
  'cluster_closed_label_deleted',
];

const POSTGRES_TRIGGERS: Array<[string, string]> = [
  ['cluster_closed_status_changed', 'claim'],
  ['cluster_closed_claim_deleting', 'claim'],
  ['cluster_closed_member_joined', 'claim_cluster_member'],
  ['cluster_closed_member_left', 'claim_cluster_member'],
  ['cluster_closed_member_moved', 'claim_cluster_member'],
  ['cluster_closed_label_changed', 'rating_label'],
];

/** Counts the closed members of the clusters `where` picks, from the rows (`claim_cluster` is the row updated). */
const RECOUNT = `closed_members = (select count(*) from claim_cluster_member m
    join claim c on c.id = m.claim_id
    join rating_label l on l.code = c.status
    where m.cluster_id = claim_cluster.id and l.final = 1)`;

/** 1 when the status's label closes the review, else 0. */
const finalOf = (status: string) => `(select count(*) from rating_label where code = ${status} and final = 1)`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('claim_cluster').addColumn('closed_members', 'integer', (col) => col.notNull().defaultTo(0)).execute();
  await sql.raw(`update claim_cluster set ${RECOUNT}`).execute(db);
  // The filter starts from the clusters with a closed member: a few percent of the clusters at most.
  await db.schema
    .createIndex('claim_cluster_closed_idx')
    .on('claim_cluster')
    .columns(['id', 'closed_members'])
    .where(sql.ref('closed_members'), '>', sql.lit(0))
    .execute();
  if (isSqlite(db)) await createSqliteTriggers(db);
  else await createPostgresTriggers(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) {
    for (const name of SQLITE_TRIGGERS) await sql`drop trigger if exists ${sql.id(name)}`.execute(db);
  } else {
    for (const [name, table] of POSTGRES_TRIGGERS) await sql`drop trigger if exists ${sql.id(name)} on ${sql.id(table)}`.execute(db);
    for (const [name] of POSTGRES_TRIGGERS) await sql`drop function if exists ${sql.id(name + '_fn')}()`.execute(db);
  }
  await db.schema.dropIndex('claim_cluster_closed_idx').execute();
  await db.schema.alterTable('claim_cluster').dropColumn('closed_members').execute();
}

function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

async function createSqliteTriggers(db: Kysely<any>): Promise<void> {
  const clusterOf = (claimId: string) => `(select cluster_id from claim_cluster_member where claim_id = ${claimId})`;
  const statusOf = (claimId: string) => `(select status from claim where id = ${claimId})`;
  const recountFor = (codes: string) => `update claim_cluster set ${RECOUNT}
      where id in (select m.cluster_id from claim_cluster_member m join claim c on c.id = m.claim_id where c.status in (${codes}));`;
  const statements = [
    `create trigger cluster_closed_status_changed after update of status on claim when new.status is not old.status begin
      update claim_cluster set closed_members = closed_members + ${finalOf('new.status')} - ${finalOf('old.status')}
        where id = ${clusterOf('new.id')} and ${finalOf('new.status')} <> ${finalOf('old.status')};
    end`,
    `create trigger cluster_closed_claim_deleting before delete on claim begin
      update claim_cluster set closed_members = closed_members - 1 where id = ${clusterOf('old.id')} and ${finalOf('old.status')} = 1;
    end`,
    `create trigger cluster_closed_member_joined after insert on claim_cluster_member begin
      update claim_cluster set closed_members = closed_members + 1 where id = new.cluster_id and ${finalOf(statusOf('new.claim_id'))} = 1;
    end`,
    `create trigger cluster_closed_member_left after delete on claim_cluster_member begin
      update claim_cluster set closed_members = closed_members - 1 where id = old.cluster_id and ${finalOf(statusOf('old.claim_id'))} = 1;
    end`,
    `create trigger cluster_closed_member_moved after update of cluster_id, claim_id on claim_cluster_member
      when new.cluster_id is not old.cluster_id or new.claim_id is not old.claim_id begin
      update claim_cluster set closed_members = closed_members - 1 where id = old.cluster_id and ${finalOf(statusOf('old.claim_id'))} = 1;
      update claim_cluster set closed_members = closed_members + 1 where id = new.cluster_id and ${finalOf(statusOf('new.claim_id'))} = 1;
    end`,
    `create trigger cluster_closed_label_changed after update of final, code on rating_label
      when new.final is not old.final or new.code is not old.code begin ${recountFor('old.code, new.code')} end`,
    `create trigger cluster_closed_label_added after insert on rating_label when new.final = 1 begin ${recountFor('new.code')} end`,
    `create trigger cluster_closed_label_deleted after delete on rating_label when old.final = 1 begin ${recountFor('old.code')} end`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

async function createPostgresTriggers(db: Kysely<any>): Promise<void> {
  // Signed changes per cluster from (cluster_id, claim_id, sign) rows, applied in cluster order.
  const apply = (changes: string) => `update claim_cluster set closed_members = claim_cluster.closed_members + delta.closed
      from (select cluster_id, sum(sign)::integer as closed from (${changes}) change group by cluster_id having sum(sign) <> 0 order by cluster_id) delta
      where claim_cluster.id = delta.cluster_id;`;
  const closedMembers = (rows: string, sign: string) => `select r.cluster_id, ${sign} as sign from ${rows} r
      join claim c on c.id = r.claim_id join rating_label l on l.code = c.status where l.final = 1`;
  const movedFrom = (rows: string, others: string) =>
    `(select * from ${rows} x where not exists (select 1 from ${others} y where y.claim_id = x.claim_id and y.cluster_id = x.cluster_id))`;
  const statusChanges = `select m.cluster_id, (coalesce(nl.final, 0) - coalesce(ol.final, 0)) as sign
      from old_rows o join new_rows n on n.id = o.id
      join claim_cluster_member m on m.claim_id = n.id
      left join rating_label ol on ol.code = o.status
      left join rating_label nl on nl.code = n.status
      where n.status is distinct from o.status`;
  const functions: Array<[string, string]> = [
    ['cluster_closed_status_changed', `${apply(statusChanges)} return null;`],
    [
      'cluster_closed_claim_deleting',
      `update claim_cluster set closed_members = closed_members - 1
        where id = (select cluster_id from claim_cluster_member where claim_id = old.id)
        and exists (select 1 from rating_label where code = old.status and final = 1);
      return old;`,
    ],
    ['cluster_closed_member_joined', `${apply(closedMembers('new_rows', '1'))} return null;`],
    ['cluster_closed_member_left', `${apply(closedMembers('old_rows', '-1'))} return null;`],
    // Only the rows whose cluster (or claim) changed: the drift score and other columns are updated too.
    ['cluster_closed_member_moved', `${apply(`${closedMembers(movedFrom('old_rows', 'new_rows'), '-1')} union all ${closedMembers(movedFrom('new_rows', 'old_rows'), '1')}`)} return null;`],
    [
      'cluster_closed_label_changed',
      // OLD is null on insert and NEW on delete; an update that keeps the flag and the code changes nothing.
      `if tg_op = 'UPDATE' and new.final is not distinct from old.final and new.code is not distinct from old.code then return null; end if;
      update claim_cluster set ${RECOUNT}
        where id in (select m.cluster_id from claim_cluster_member m join claim c on c.id = m.claim_id where c.status in (old.code, new.code));
      return null;`,
    ],
  ];
  for (const [name, body] of functions) {
    await sql.raw(`create function ${name}_fn() returns trigger language plpgsql as $$ begin ${body} end $$`).execute(db);
  }
  const triggers = [
    `create trigger cluster_closed_status_changed after update on claim referencing old table as old_rows new table as new_rows for each statement execute function cluster_closed_status_changed_fn()`,
    `create trigger cluster_closed_claim_deleting before delete on claim for each row execute function cluster_closed_claim_deleting_fn()`,
    `create trigger cluster_closed_member_joined after insert on claim_cluster_member referencing new table as new_rows for each statement execute function cluster_closed_member_joined_fn()`,
    `create trigger cluster_closed_member_left after delete on claim_cluster_member referencing old table as old_rows for each statement execute function cluster_closed_member_left_fn()`,
    `create trigger cluster_closed_member_moved after update on claim_cluster_member referencing old table as old_rows new table as new_rows for each statement execute function cluster_closed_member_moved_fn()`,
    `create trigger cluster_closed_label_changed after insert or update or delete on rating_label for each row execute function cluster_closed_label_changed_fn()`,
  ];
  for (const statement of triggers) await sql.raw(statement).execute(db);
}
