import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../../errors.ts';
import { requireRole } from '../../http/auth.ts';
import { renderView, wantsFragment } from '../../http/render.ts';
import { msg, type LocalizedText } from '../../i18n/translate.ts';
import {
  deleteArticle,
  describeArticleDeletion,
  editArticle,
  editableFieldsOf,
  type ArticleConflict,
  type DeskActor,
} from './article-corrections.service.ts';
import { findArticleById, findArticleDeskEvent, type ArticleWithPublisher } from './articles.repository.ts';
import { ARTICLE_EDIT_FIELDS, ARTICLE_LANGUAGES, parseArticleEdit, type ArticleEditValues } from './articles.schema.ts';
import { reextractArticle, type ReextractionSummary } from './reextraction.service.ts';

const EDIT_PAGE = { page: 'pages/article-edit', fragment: 'partials/articles/edit-form' } as const;

function field(req: Request, name: string): string {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

/** The version a form was made from; -1 (never a version) when missing or garbled. */
function formVersion(req: Request): number {
  const value = Number(field(req, 'version'));
  return Number.isInteger(value) && value > 0 ? value : -1;
}

function actorOf(res: Response): DeskActor {
  const user = res.locals.user!;
  return { id: user.id, name: user.name };
}

async function articleOrNotFound(deps: AppDeps, id: string): Promise<ArticleWithPublisher> {
  const article = await findArticleById(deps.db, id);
  if (!article) throw new NotFoundError('Article', id);
  return article;
}

/** The edit form's values from the stored article: the date as the day a date input shows. */
function formValuesOf(article: ArticleWithPublisher): ArticleEditValues {
  const fields = editableFieldsOf(article);
  return {
    title: fields.title,
    language: fields.language,
    publisher: fields.publisher ?? '',
    sourceUrl: fields.sourceUrl ?? '',
    publishedAt: fields.publishedAt?.slice(0, 10) ?? '',
  };
}

function submittedValues(req: Request): ArticleEditValues {
  return Object.fromEntries(ARTICLE_EDIT_FIELDS.map((name) => [name, field(req, name)]));
}

interface EditFormState {
  values: ArticleEditValues;
  version: number;
  errors?: FieldErrors;
  /** Set when the article changed since the form was made: what it is now. */
  current?: ArticleEditValues;
}

function renderEditForm(req: Request, res: Response, article: ArticleWithPublisher, state: EditFormState, status = 200): void {
  renderView(req, res, { ...EDIT_PAGE, status, data: { title: msg('articles.edit.title', { title: article.title }), article, languages: ARTICLE_LANGUAGES, inline: wantsFragment(req), form: { errors: {}, ...state } } });
}

/** Editing, deleting and re-extracting articles: editors and admins. */
export function articleCorrectionsRouter(deps: AppDeps): Router {
  const { db, config } = deps;
  const router = Router();

  router.get<{ id: string }>('/articles/:id/edit', requireRole('editor'), async (req, res) => {
    const article = await articleOrNotFound(deps, req.params.id);
    renderEditForm(req, res, article, { values: formValuesOf(article), version: article.version });
  });

  router.post<{ id: string }>('/articles/:id/edit', requireRole('editor'), async (req, res) => {
    const values = submittedValues(req);
    const article = await articleOrNotFound(deps, req.params.id);
    try {
      const outcome = await editArticle(db, article.id, formVersion(req), parseArticleEdit(req.body), actorOf(res));
      if (!wantsFragment(req)) return res.redirect(303, `/articles/${article.id}?edited=${outcome.changed.length}`);
      renderView(req, res, { page: 'partials/articles/header', data: { article: outcome.article, edited: outcome.changed.length } });
    } catch (error) {
      if (error instanceof ValidationError) return renderEditForm(req, res, article, { values, version: formVersion(req), errors: error.fieldErrors }, 422);
      if (!(error instanceof ConflictError)) throw error;
      const { article: current } = error.current as ArticleConflict;
      renderEditForm(req, res, current, { values, version: current.version, current: formValuesOf(current), errors: { form: error.text } }, 409);
    }
  });

  router.get<{ id: string }>('/articles/:id/delete', requireRole('editor'), async (req, res) => {
    const deletion = await describeArticleDeletion(db, req.params.id);
    renderView(req, res, { page: 'pages/article-delete', data: { title: msg('articles.delete.title', { title: deletion.article.title }), ...deletion } });
  });

  router.post<{ id: string }>('/articles/:id/delete', requireRole('editor'), async (req, res) => {
    try {
      const { eventId } = await deleteArticle(db, req.params.id, formVersion(req), actorOf(res));
      res.redirect(303, `/articles?deleted=${eventId}`);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const deletion = await describeArticleDeletion(db, req.params.id);
      renderView(req, res, { page: 'pages/article-delete', status: 409, data: { title: msg('articles.delete.title', { title: deletion.article.title }), ...deletion, conflict: error.text } });
    }
  });

  router.post<{ id: string }>('/articles/:id/reextract', requireRole('editor'), async (req, res) => {
    const { article, summary, eventId, updatedClaimIds } = await reextractArticle(db, req.params.id, actorOf(res), config.maxClaimsPerArticle);
    for (const id of updatedClaimIds) deps.notifier.publish(id);
    if (!wantsFragment(req)) return res.redirect(303, `/articles/${article.id}/reextractions/${eventId}`);
    // The claims panel of the article page refreshes itself on this event.
    res.set('HX-Trigger', 'claims:resync');
    renderView(req, res, { page: 'partials/articles/reextract-summary', data: { article, summary } });
  });

  router.get<{ id: string; eventId: string }>('/articles/:id/reextractions/:eventId', async (req, res) => {
    const article = await articleOrNotFound(deps, req.params.id);
    const event = await findArticleDeskEvent(db, req.params.eventId, 'article.reextract');
    if (!event || event.target_id !== article.id || !event.after_json) throw new NotFoundError('Re-extraction', req.params.eventId);
    const summary = JSON.parse(event.after_json) as ReextractionSummary;
    renderView(req, res, { page: 'pages/article-reextraction', data: { title: msg('articles.reextraction.title', { title: article.title }), article, summary, event } });
  });

  return router;
}

/** The line the article list shows after a deletion, from what its desk_event keeps of the article and its figures. */
export async function deletionNotice(deps: AppDeps, eventId: unknown): Promise<LocalizedText | undefined> {
  if (typeof eventId !== 'string' || !/^[0-9a-f-]{36}$/.test(eventId)) return undefined;
  const event = await findArticleDeskEvent(deps.db, eventId, 'article.delete');
  if (!event?.before_json) return undefined;
  const before = JSON.parse(event.before_json) as { title: string; claims: number; verdicts: number; notes: number };
  return msg('articles.deleted', {
    actor: event.actor,
    title: before.title,
    claims: msg('articles.deleted.claims', { count: before.claims }),
    verdicts: msg('articles.deleted.verdicts', { count: before.verdicts }),
    notes: msg('articles.deleted.notes', { count: before.notes }),
  });
}
