import type { Db } from '../../db/connect.ts';
import type { NoteRow, NoteTable } from '../../db/schema.ts';

export async function insertNote(db: Db, note: NoteTable): Promise<void> {
  await db.insertInto('note').values(note).execute();
}

export async function listNotes(db: Db, claimId: string): Promise<NoteRow[]> {
  return db.selectFrom('note').selectAll().where('claim_id', '=', claimId).orderBy('created_at').orderBy('id').execute();
}
