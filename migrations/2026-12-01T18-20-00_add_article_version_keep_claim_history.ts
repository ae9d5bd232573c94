import { SqliteAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.
// 1. An article's version, bumped by every edit and re-extraction, so that a form made before a change
//    is refused instead of silently overwriting it. Existing articles start at 1.
// 2. review_event loses its foreign key to claim: the audit log is append-only and must outlive a
//    deleted article's claims, like desk_event, whose ids have no foreign keys either.
//    SQLite cannot drop a constraint, so there the table is rebuilt with the same columns and indexes.

const REVIEW_EVENT_COLUMNS = ['id', 'claim_id', 'actor', 'field', 'from_value', 'to_value', 'note', 'created_at', 'actor_id', 'hop_id', 'note_id'];

const REVIEW_EVENT_INDEXES: Array<[string, string[]]> = [
  ['review_event_claim_id_idx', ['claim_id', 'created_at']],
  ['review_event_created_at_idx', ['created_at', 'id']],
  ['review_event_actor_id_created_at_idx', ['actor_id', 'created_at', 'id']],
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('article')
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .execute();
  if (isSqlite(db)) await rebuildReviewEvent(db, false);
  else await db.schema.alterTable('review_event').dropConstraint('review_event_claim_id_fkey').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // Events of claims deleted meanwhile cannot point at a claim again: they go with the constraint.
  await db.deleteFrom('review_event').where('claim_id', 'not in', db.selectFrom('claim').select('id')).execute();
  if (isSqlite(db)) await rebuildReviewEvent(db, true);
  else {
    await db.schema
      .alterTable('review_event')
      .addForeignKeyConstraint('review_event_claim_id_fkey', ['claim_id'], 'claim', ['id'])
      .execute();
  }
  await db.schema.alterTable('article').dropColumn('version').execute();
}

function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

async function rebuildReviewEvent(db: Kysely<any>, withClaimForeignKey: boolean): Promise<void> {
  await db.schema
    .createTable('review_event_rebuilt')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('claim_id', 'text', (col) => col.notNull())
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('field', 'text', (col) => col.notNull())
    .addColumn('from_value', 'text')
    .addColumn('to_value', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('hop_id', 'text')
    .addColumn('note_id', 'text')
    .$call((table) => (withClaimForeignKey ? table.addForeignKeyConstraint('review_event_claim_id_fkey', ['claim_id'], 'claim', ['id']) : table))
    .execute();
  const columns = sql.join(REVIEW_EVENT_COLUMNS.map((column) => sql.ref(column)));
  await sql`insert into review_event_rebuilt (${columns}) select ${columns} from review_event`.execute(db);
  await db.schema.dropTable('review_event').execute();
  await db.schema.alterTable('review_event_rebuilt').renameTo('review_event').execute();
  for (const [name, columns] of REVIEW_EVENT_INDEXES) await db.schema.createIndex(name).on('review_event').columns(columns).execute();
}
