import { PostgresAdapter, sql, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { RatingLabelTable } from '../../db/schema.ts';

export type RatingLabelRow = Selectable<RatingLabelTable>;
export type RatingLabelChanges = Omit<Updateable<RatingLabelTable>, 'code' | 'version'>;

/** The whole scale, retired labels included, in order: a handful of rows, read once per request. */
export async function listRatingLabels(db: Db): Promise<RatingLabelRow[]> {
  return db.selectFrom('rating_label').selectAll().orderBy('position').orderBy('code').execute();
}

export async function findRatingLabel(db: Db, code: string): Promise<RatingLabelRow | undefined> {
  return db.selectFrom('rating_label').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Adds a label unless its code is taken (by another admin a moment ago, say); answers whether it was added. */
export async function insertRatingLabel(db: Db, row: RatingLabelRow): Promise<boolean> {
  const result = await db.insertInto('rating_label').values(row).onConflict((oc) => oc.column('code').doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Changes a label if it is still at the version the editor saw; answers whether it was. */
export async function updateRatingLabel(db: Db, code: string, expectedVersion: number, changes: RatingLabelChanges): Promise<boolean> {
  const result = await db
    .updateTable('rating_label')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('code', '=', code)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Serialises the changes of the scale's order (a move, an addition at the end) until the transaction ends.
 * SQLite runs one write transaction at a time already; on PostgreSQL two moves of neighbouring labels would
 * otherwise read the same order and leave two labels at one place, or lock the pair in opposite orders (a deadlock).
 */
export async function lockRatingScaleOrder(db: Db): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`select pg_advisory_xact_lock(${RATING_ORDER_LOCK})`.execute(db);
}

/** The advisory lock's key: a 64-bit number the application uses for nothing else. */
const RATING_ORDER_LOCK = 7_310_425_114;

/**
 * Moves a label to another place without touching its version (a neighbour's move is not an edit of it),
 * provided it is still where the mover saw it; returns false when it moved meanwhile.
 */
export async function setRatingLabelPosition(db: Db, code: string, position: number, expectedPosition: number): Promise<boolean> {
  const result = await db.updateTable('rating_label').set({ position }).where('code', '=', code).where('position', '=', expectedPosition).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function maxRatingLabelPosition(db: Db): Promise<number> {
  const row = await db.selectFrom('rating_label').select((eb) => eb.fn.max('position').as('position')).executeTakeFirst();
  return Number(row?.position ?? 0);
}

/** Whether any claim or any line of history names the label: such a label can be retired, not deleted. */
export async function isRatingLabelUsed(db: Db, code: string): Promise<boolean> {
  const claim = await db.selectFrom('claim').select('id').where('status', '=', code).limit(1).executeTakeFirst();
  if (claim) return true;
  const event = await db
    .selectFrom('review_event')
    .select('id')
    .where('field', '=', 'status')
    .where((eb) => eb.or([eb('from_value', '=', code), eb('to_value', '=', code)]))
    .limit(1)
    .executeTakeFirst();
  return event !== undefined;
}

export async function deleteRatingLabel(db: Db, code: string, expectedVersion: number): Promise<boolean> {
  const result = await db.deleteFrom('rating_label').where('code', '=', code).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
