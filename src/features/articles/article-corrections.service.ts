import type { Db } from '../../db/connect.ts';
import { INITIAL_STATUS } from '../../domain/claim-status.ts';
import { ConflictError, NotFoundError } from '../../errors.ts';
import { msg } from '../../i18n/translate.ts';
import { nowIso } from '../../ids.ts';
import { nameKey } from '../../text/name-key.ts';
import { recordDeskEvent } from '../activity/desk-events.repository.ts';
import { findOrCreateOutlet } from '../outlets/outlets.service.ts';
import { refreshQuoteDriftOfArticle } from '../clusters/quote-drift.service.ts';
import { lockClustersForClaimDeletion } from '../clusters/clusters.service.ts';
import {
  countArticleDependents,
  deleteArticleAndClaims,
  findArticleDeskEventIdAt,
  findArticleById,
  updateArticleFields,
  type ArticleDependents,
  type ArticleFieldsUpdate,
  type ArticleWithPublisher,
} from './articles.repository.ts';
import type { ArticleEdit } from './articles.schema.ts';

export interface DeskActor {
  id: string;
  name: string;
}

/** The article as it is now, when a form made from an older version is refused. */
export interface ArticleConflict {
  article: ArticleWithPublisher;
}

/** The fields an edit can change, as the audit row and the conflict notice name them. */
export interface EditableArticleFields {
  title: string;
  language: string;
  publisher: string | null;
  sourceUrl: string | null;
  publishedAt: string | null;
}

export function editableFieldsOf(article: ArticleWithPublisher): EditableArticleFields {
  return {
    title: article.title,
    language: article.language,
    publisher: article.publisher_name,
    sourceUrl: article.source_url,
    publishedAt: article.published_at,
  };
}

export interface ArticleEditOutcome {
  article: ArticleWithPublisher;
  /** The fields that changed; empty when the form changed nothing. */
  changed: Array<keyof EditableArticleFields>;
}

async function findArticleOrFail(db: Db, articleId: string): Promise<ArticleWithPublisher> {
  const article = await findArticleById(db, articleId);
  if (!article) throw new NotFoundError('Article', articleId);
  return article;
}

function staleArticle(article: ArticleWithPublisher): ConflictError<ArticleConflict> {
  return new ConflictError<ArticleConflict>(msg('articles.edit.conflict'), { article });
}

/**
 * Corrects an article's title, language, publisher, source and date in one transaction with its
 * desk_event. The form's version must still be the article's; otherwise nothing is written.
 */
export async function editArticle(db: Db, articleId: string, expectedVersion: number, edit: ArticleEdit, actor: DeskActor): Promise<ArticleEditOutcome> {
  const changed = await db.transaction().execute(async (trx) => {
    const current = await findArticleOrFail(trx, articleId);
    if (current.version !== expectedVersion) throw staleArticle(current);
    const before = editableFieldsOf(current);
    const after = editedFields(before, edit);
    const fields = (Object.keys(before) as Array<keyof EditableArticleFields>).filter((field) => before[field] !== after[field]);
    if (fields.length === 0) return fields;
    const publisher = after.publisher === null ? null : await findOrCreateOutlet(trx, { name: after.publisher, kind: 'website' });
    const update: ArticleFieldsUpdate = {
      title: after.title,
      language: after.language,
      source_url: after.sourceUrl,
      published_at: after.publishedAt,
      publisher_outlet_id: publisher?.id ?? null,
    };
    if (!(await updateArticleFields(trx, articleId, expectedVersion, update))) throw staleArticle((await findArticleById(trx, articleId)) ?? current);
    await recordDeskEvent(trx, {
      actor_id: actor.id,
      actor: actor.name,
      action: 'article.edit',
      target_type: 'article',
      target_id: articleId,
      summary: `edited the ${fields.map(fieldLabel).join(', ')} of «${current.title}»`,
      before: pick(before, fields),
      after: pick({ ...after, publisher: publisher?.name ?? null }, fields),
    });
    return fields;
  });
  if (changed.includes('publishedAt')) await refreshQuoteDriftOfArticle(db, articleId);
  return { article: await findArticleOrFail(db, articleId), changed };
}

function editedFields(before: EditableArticleFields, edit: ArticleEdit): EditableArticleFields {
  return {
    title: edit.title,
    language: edit.language,
    // The same outlet spelled differently is no change: outlets are one record per name key.
    publisher: edit.publisher && before.publisher && nameKey(edit.publisher) === nameKey(before.publisher) ? before.publisher : (edit.publisher ?? null),
    sourceUrl: edit.sourceUrl ?? null,
    publishedAt: publicationInstant(edit.publishedAt, before.publishedAt),
  };
}

/** The form shows the day only: the same day keeps the stored instant, whatever its time of day. */
function publicationInstant(submitted: string | undefined, stored: string | null): string | null {
  if (!submitted) return null;
  if (stored && stored.slice(0, 10) === submitted) return stored;
  return new Date(submitted).toISOString();
}

const FIELD_LABELS: Record<keyof EditableArticleFields, string> = {
  title: 'title',
  language: 'language',
  publisher: 'publisher',
  sourceUrl: 'source URL',
  publishedAt: 'publication date',
};

function fieldLabel(field: keyof EditableArticleFields): string {
  return FIELD_LABELS[field];
}

function pick(fields: EditableArticleFields, names: ReadonlyArray<keyof EditableArticleFields>): Partial<EditableArticleFields> {
  return Object.fromEntries(names.map((name) => [name, fields[name]]));
}

// ---------------------------------------------------------------------------------------------------
// Deletion

export interface ArticleDeletion {
  article: ArticleWithPublisher;
  dependents: ArticleDependents;
}

export interface DeletedArticle extends ArticleDeletion {
  /** The desk_event that records the deletion. */
  eventId: string;
}

export async function describeArticleDeletion(db: Db, articleId: string): Promise<ArticleDeletion> {
  const article = await findArticleOrFail(db, articleId);
  return { article, dependents: await countDependents(db, articleId) };
}

function countDependents(db: Db, articleId: string): Promise<ArticleDependents> {
  return countArticleDependents(db, articleId, { status: INITIAL_STATUS, attributionStatus: 'unchecked' });
}

/**
 * Deletes an article with its claims, chains, notes and their history, in one transaction with a
 * desk_event that keeps what was deleted. The confirmation's version must still be the article's:
 * a re-extraction or an edit since then changes what would be lost.
 */
export async function deleteArticle(db: Db, articleId: string, expectedVersion: number, actor: DeskActor): Promise<DeletedArticle> {
  return db.transaction().execute(async (trx) => {
    await lockClustersForClaimDeletion(trx);
    const article = await findArticleOrFail(trx, articleId);
    if (article.version !== expectedVersion) throw staleArticle(article);
    const dependents = await countDependents(trx, articleId);
    const at = nowIso();
    await deleteArticleAndClaims(trx, articleId, actor.id, at);
    await recordDeskEvent(trx, {
      actor_id: actor.id,
      actor: actor.name,
      action: 'article.delete',
      target_type: 'article',
      target_id: articleId,
      summary: `deleted «${article.title}» with ${plural(dependents.claims, 'claim')}, ${plural(dependents.verdicts, 'verdict')} and ${plural(dependents.notes, 'note')}`,
      before: { ...editableFieldsOf(article), checksum: article.checksum, ingestedAt: article.ingested_at, ...dependents },
      at,
    });
    return { article, dependents, eventId: (await findArticleDeskEventIdAt(trx, articleId, 'article.delete', at))! };
  });
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
