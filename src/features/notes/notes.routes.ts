import { Router } from 'express';
import type { AppDeps } from '../../app.ts';
import { ValidationError } from '../../errors.ts';
import { requireRole } from '../../http/auth.ts';
import { renderView, wantsFragment } from '../../http/render.ts';
import { renderClaimPage } from '../claims/claims.routes.ts';
import { getClaim } from '../claims/claims.service.ts';
import { addNote, listRenderedNotes } from './notes.service.ts';

export function notesRouter({ db, notifier }: AppDeps): Router {
  const router = Router();

  router.post<{ id: string }>('/claims/:id/notes', requireRole('reviewer'), async (req, res) => {
    const body = typeof req.body?.body === 'string' ? req.body.body : '';
    const isPrivate = req.body?.private === '1';
    try {
      await addNote(db, { claimId: req.params.id, author: res.locals.user!.name, authorId: res.locals.user!.id, body, private: isPrivate });
      notifier.publish(req.params.id);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const claim = await getClaim(db, req.params.id);
      const notes = await listRenderedNotes(db, claim.id);
      const noteForm = { values: { body, private: isPrivate ? '1' : '' }, errors: error.fieldErrors };
      if (wantsFragment(req)) return renderView(req, res, { page: 'partials/notes/section', status: 422, data: { claim, notes, noteForm } });
      return renderClaimPage(db, req, res, claim, { noteForm, status: 422 });
    }
    if (!wantsFragment(req)) return res.redirect(303, `/claims/${req.params.id}#notes`);
    const claim = await getClaim(db, req.params.id);
    renderView(req, res, { page: 'partials/notes/section', data: { claim, notes: await listRenderedNotes(db, claim.id), noteForm: {} } });
  });

  return router;
}
