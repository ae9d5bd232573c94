import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.
// The desk's own verification labels (its rating scale), seeded with the eight statuses the application
// had until now; claim.status keeps the codes, so every existing verdict keeps its label. A label is
// retired rather than deleted once claims or history use it.
// review_event rows of status changes keep the names of both labels as they were when the change was
// made (from_label_*, to_label_*), so the history still tells what a reviewer chose after a rename;
// existing rows get the names the labels have now, which are the only ones they ever had.

const SEED = [
  // code, English, Arabic, colour, rated, final, ClaimReview rating
  ['unverified', 'Unverified', 'لم يُتحقق منه', '#5d6676', 0, 0, null],
  ['in_review', 'In review', 'قيد المراجعة', '#124a85', 0, 0, null],
  ['accurate', 'Accurate', 'صحيح', '#1f7a3d', 1, 1, 5],
  ['mostly_accurate', 'Mostly accurate', 'صحيح في معظمه', '#3f6b12', 1, 1, 4],
  ['misleading', 'Misleading', 'مضلل', '#8a5a00', 1, 1, 2],
  ['false', 'False', 'خاطئ', '#a4262c', 1, 1, 1],
  ['unverifiable', 'Unverifiable', 'لا يمكن التحقق منه', '#563d7c', 0, 1, null],
  ['not_a_claim', 'Not a claim', 'ليس ادعاءً', '#5d6676', 0, 1, null],
] as const;

const LABEL_COLUMNS = ['from_label_en', 'from_label_ar', 'to_label_en', 'to_label_ar'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rating_label')
    .addColumn('code', 'text', (col) => col.primaryKey())
    .addColumn('name_en', 'text', (col) => col.notNull())
    .addColumn('name_ar', 'text', (col) => col.notNull())
    .addColumn('colour', 'text', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('rated', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('final', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('rating_value', 'integer')
    .addColumn('alternate_name_en', 'text')
    .addColumn('alternate_name_ar', 'text')
    .addColumn('retired_at', 'text')
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('updated_by', 'text')
    .addCheckConstraint('rating_label_rating_value_check', sql`rating_value is null or (rating_value between 1 and 5)`)
    .addCheckConstraint('rating_label_rated_check', sql`rated in (0, 1) and final in (0, 1)`)
    .execute();
  await db.schema.createIndex('rating_label_position_idx').on('rating_label').column('position').execute();

  // The seed's time is the migration's own, so that every database migrated holds the same rows.
  const now = '2026-12-03T01:00:00.000Z';
  await db
    .insertInto('rating_label')
    .values(
      SEED.map(([code, en, ar, colour, rated, final, rating], index) => ({
        code,
        name_en: en,
        name_ar: ar,
        colour,
        position: index + 1,
        rated,
        final,
        rating_value: rating,
        // No wording of their own: ClaimReview's alternateName is the label's name, renamed with it.
        alternate_name_en: null,
        alternate_name_ar: null,
        version: 1,
        updated_at: now,
        updated_by: null,
      })),
    )
    .execute();

  // Claims whose status is no seeded code (none should exist) keep it: it becomes a retired label of its
  // own, named by its code, so no claim is left without a label.
  await sql`insert into rating_label (code, name_en, name_ar, colour, position, rated, final, version, updated_at, retired_at)
    select s.status, s.status, s.status, '#5d6676', ${sql.lit(SEED.length + 1)}, 0, 1, 1, ${now}, ${now}
    from (select distinct status from claim where status not in (select code from rating_label)) s`.execute(db);

  for (const column of LABEL_COLUMNS) await db.schema.alterTable('review_event').addColumn(column, 'text').execute();
  for (const side of ['from', 'to'] as const) {
    await sql`update review_event set
        ${sql.ref(`${side}_label_en`)} = (select name_en from rating_label where code = review_event.${sql.ref(`${side}_value`)}),
        ${sql.ref(`${side}_label_ar`)} = (select name_ar from rating_label where code = review_event.${sql.ref(`${side}_value`)})
      where field = 'status' and ${sql.ref(`${side}_value`)} is not null`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of LABEL_COLUMNS) await db.schema.alterTable('review_event').dropColumn(column).execute();
  await db.schema.dropTable('rating_label').execute();
}
