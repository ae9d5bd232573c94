import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app.ts';
import type { Db } from '../../db/connect.ts';
import { ConflictError, ValidationError, type FieldErrors } from '../../errors.ts';
import { requireRole } from '../../http/auth.ts';
import { renderView } from '../../http/render.ts';
import { getArticle } from '../articles/articles.service.ts';
import { renderClaimPage } from '../claims/claims.routes.ts';
import { getClaim } from '../claims/claims.service.ts';
import { listArticleSpeakerNames } from './claim-edits.repository.ts';
import { readClaimEditor, readVersion, type ClaimEditorValues } from './claim-edits.schema.ts';
import { addClaim, deleteClaim, editClaim, type EditConflict } from './claim-edits.service.ts';
import { msg } from '../../i18n/translate.ts';

function actorOf(res: Response) {
  const user = res.locals.user!;
  return { id: user.id, name: user.name };
}

export function claimEditsRouter({ db, notifier }: AppDeps): Router {
  const router = Router();

  router.post<{ id: string }>('/claims/:id/edit', requireRole('reviewer'), async (req, res) => {
    const values = readClaimEditor(req.body);
    try {
      const { claim, changed } = await editClaim(db, { claimId: req.params.id, expectedVersion: readVersion(req.body), values, actor: actorOf(res) });
      if (changed.length > 0) notifier.publish(claim.id);
      res.redirect(303, `/claims/${claim.id}?corrected=${changed.length > 0 ? changed.join(',') : 'none'}#claim-editor`);
    } catch (error) {
      if (error instanceof ConflictError) {
        const { claim } = error.current as EditConflict;
        return renderClaimPage(db, req, res, claim, { status: 409, editor: { values, conflict: error.text } });
      }
      if (error instanceof ValidationError) {
        return renderClaimPage(db, req, res, await getClaim(db, req.params.id), { status: 422, editor: { values, errors: error.fieldErrors } });
      }
      throw error;
    }
  });

  router.get<{ id: string }>('/claims/:id/delete', requireRole('editor'), async (req, res) => {
    const claim = await getClaim(db, req.params.id);
    renderView(req, res, { page: 'pages/claim-delete', data: { title: msg('claims.delete.title'), claim } });
  });

  router.post<{ id: string }>('/claims/:id/delete', requireRole('editor'), async (req, res) => {
    try {
      const claim = await deleteClaim(db, { claimId: req.params.id, expectedVersion: readVersion(req.body), actor: actorOf(res) });
      notifier.publish(claim.id);
      res.redirect(303, `/articles/${claim.article_id}`);
    } catch (error) {
      if (error instanceof ValidationError) {
        const claim = await getClaim(db, req.params.id);
        return renderView(req, res, { page: 'pages/claim-delete', status: 422, data: { title: msg('claims.delete.title'), claim, conflict: Object.values(error.fieldErrors)[0] } });
      }
      if (!(error instanceof ConflictError)) throw error;
      const { claim } = error.current as EditConflict;
      renderView(req, res, { page: 'pages/claim-delete', status: 409, data: { title: msg('claims.delete.title'), claim, conflict: error.text } });
    }
  });

  router.get<{ id: string }>('/articles/:id/claims/new', requireRole('editor'), async (req, res) => {
    const values: Partial<ClaimEditorValues> = {
      start: typeof req.query.start === 'string' ? req.query.start : '',
      end: typeof req.query.end === 'string' ? req.query.end : '',
    };
    await renderNewClaimPage(db, req, res, { values });
  });

  router.post<{ id: string }>('/articles/:id/claims', requireRole('editor'), async (req, res) => {
    const values = readClaimEditor(req.body);
    try {
      const claim = await addClaim(db, { articleId: req.params.id, values, actor: actorOf(res) });
      notifier.publish(claim.id);
      res.redirect(303, `/claims/${claim.id}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      await renderNewClaimPage(db, req, res, { values, errors: error.fieldErrors, status: 422 });
    }
  });

  return router;
}

interface NewClaimState {
  values: Partial<ClaimEditorValues>;
  errors?: FieldErrors;
  status?: number;
}

/** The article's text with the form to add a claim to it; also where a refused addition comes back to. */
async function renderNewClaimPage(db: Db, req: Request<{ id: string }>, res: Response, state: NewClaimState): Promise<void> {
  const { article, noise, spans } = await getArticle(db, req.params.id);
  const speakerNames = await listArticleSpeakerNames(db, article.id);
  renderView(req, res, {
    page: 'pages/claim-new',
    status: state.status ?? 200,
    data: { title: msg('claims.add.title'), article, noise, spans, speakerNames, addForm: { values: state.values, errors: state.errors ?? {} } },
  });
}
