import type { Db } from '../../db/connect.ts';
import type { NoteRow, NoteTable } from '../../db/schema.ts';

export async function insertNote(db: Db, note: NoteTable): Promise<void> {
  await db.insertInto('note').values(note).execute();
}

export async function listNotes(db: Db, claimId: string): Promise<NoteRow[]> {
  return db.selectFrom('note').selectAll().where('claim_id', '=', claimId).orderBy('created_at').orderBy('id').execute();
}

/** The notes of several claims, oldest first; without the private ones unless asked. */
export async function listNotesForClaims(db: Db, claimIds: readonly string[], options: { includePrivate: boolean }): Promise<NoteRow[]> {
  if (claimIds.length === 0) return [];
  return db
    .selectFrom('note')
    .selectAll()
    .where('claim_id', 'in', claimIds)
    .$if(!options.includePrivate, (qb) => qb.where('private', '=', 0))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
