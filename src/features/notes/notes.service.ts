import type { Db } from '../../db/connect.ts';
import type { NoteRow } from '../../db/schema.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { newId, nowIso } from '../../ids.ts';
import { findClaimById } from '../claims/claims.repository.ts';
import { recordNoteAdded } from '../review/review.service.ts';
import { NoteRenderError, noteHtml, renderNoteBody } from './note-body.ts';
import { insertNote, listNotes } from './notes.repository.ts';
import { msg } from '../../i18n/translate.ts';

export interface RenderedNote extends NoteRow {
  html: string;
}

export async function listRenderedNotes(db: Db, claimId: string): Promise<RenderedNote[]> {
  const notes = await listNotes(db, claimId);
  return notes.map((note) => ({ ...note, html: noteHtml(note) }));
}

/** The note as it will be kept: trimmed, and rendered to HTML within the limits, or refused (ValidationError). */
export function prepareNoteBody(body: string): { body: string; html: string } {
  const trimmed = body.trim();
  if (!trimmed) throw new ValidationError({ body: msg('claims.notes.write') });
  try {
    return { body: trimmed, html: renderNoteBody(trimmed) };
  } catch (error) {
    if (error instanceof NoteRenderError) throw new ValidationError({ body: error.text });
    throw error;
  }
}

/**
 * Adds a note and its audit row (field 'note') in one transaction. authorId is the author's user id when
 * known; a private note stays inside the desk, out of shared pages and exports.
 */
export async function addNote(
  db: Db,
  input: { claimId: string; author: string; authorId?: string | null; body: string; private?: boolean },
): Promise<RenderedNote> {
  const { body, html } = prepareNoteBody(input.body);
  const note: NoteRow = { id: newId(), claim_id: input.claimId, author: input.author, body, body_html: html, created_at: nowIso(), private: input.private ? 1 : 0 };
  await db.transaction().execute(async (trx) => {
    if (!(await findClaimById(trx, input.claimId))) throw new NotFoundError('Claim', input.claimId);
    await insertNote(trx, note);
    await recordNoteAdded(trx, { claimId: note.claim_id, noteId: note.id, actor: { id: input.authorId ?? null, name: input.author }, at: note.created_at });
  });
  return { ...note, html };
}
