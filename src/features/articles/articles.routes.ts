import { Router, type Request, type RequestHandler } from 'express';
import multer from 'multer';
import type { AppDeps } from '../../app.ts';
import { InputRejectedError, ValidationError } from '../../errors.ts';
import { requireRole } from '../../http/auth.ts';
import { renderView, wantsFragment } from '../../http/render.ts';
import { msg, type LocalizedText } from '../../i18n/translate.ts';
import { csrfProtection } from '../../http/security.ts';
import { renderClaimList } from '../claims/claims.routes.ts';
import { articleProgressChart } from '../charts/charts.service.ts';
import type { UiLanguage } from '../../i18n/languages.ts';
import { articleTooLarge, controlCharacterNotice, formatBytes } from './article-text.ts';
import { ARTICLE_LANGUAGES, parseArticleForm, type ArticleFormValues } from './articles.schema.ts';
import { getArticle, ingestArticle, listArticles } from './articles.service.ts';
import { articleCorrectionsRouter, deletionNotice } from './article-corrections.routes.ts';
import { containsNulCharacter } from '../../text/nul-character.ts';

const FORM_FIELDS = ['title', 'language', 'publisher', 'sourceUrl', 'publishedAt', 'text'] as const;
const OVERSIZE_CODES = new Set(['LIMIT_FILE_SIZE', 'LIMIT_FIELD_VALUE']);

/** An upload cut short for its size: the form is answered with the limit and the fields read before it. */
const oversizeUploads = new WeakMap<Request, InputRejectedError>();

export function articlesRouter(deps: AppDeps): Router {
  const { db, config } = deps;
  const router = Router();
  const formData = { title: msg('articles.new.title'), languages: ARTICLE_LANGUAGES, maxSize: formatBytes(config.maxArticleBytes) };
  // Twice the article limit, so that an oversize paste is answered by the form with its message, not by the parser.
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: config.maxArticleBytes, fieldSize: config.maxArticleBytes * 2, files: 1, fields: 20 },
  });

  router.get('/articles', async (req, res) => {
    const before = typeof req.query.before === 'string' ? req.query.before : undefined;
    const [list, deleted] = await Promise.all([listArticles(db, config.pageSize, before), deletionNotice(deps, req.query.deleted)]);
    renderView(req, res, { page: 'pages/articles', data: { title: msg('articles.title'), ...list, deleted } });
  });

  router.get('/articles/new', requireRole('editor'), (req, res) => {
    renderView(req, res, { page: 'pages/article-new', data: { ...formData, values: {}, errors: {} } });
  });

  const receiveUpload: RequestHandler = (req, res, next) => {
    upload.single('file')(req, res, (error?: unknown) => {
      if (error instanceof multer.MulterError && OVERSIZE_CODES.has(error.code)) {
        oversizeUploads.set(req, articleTooLarge(config.maxArticleBytes));
        return next();
      }
      if (!error || error instanceof multer.MulterError) return next(error);
      // busboy's errors on a truncated or malformed body carry no status of their own.
      next(new InputRejectedError(400, msg('articles.invalid.formData')));
    });
  };

  router.post('/articles/new', requireRole('editor'), receiveUpload, csrfProtection, async (req, res) => {
    const values = submittedValues(req.body);
    try {
      const oversize = oversizeUploads.get(req);
      if (oversize) throw oversize;
      const form = parseArticleForm(req.body);
      // The text is judged by ingestion (a NUL there marks what is not text); in a title or a name it is refused, as in every form.
      const { text: _text, ...fields } = (req.body ?? {}) as Record<string, unknown>;
      if (containsNulCharacter(fields)) throw new InputRejectedError(400, msg('errors.nulCharacter'));
      const file = req.file && req.file.size > 0 ? req.file : undefined;
      if (file && !/\.txt$/i.test(file.originalname) && !file.mimetype.startsWith('text/')) {
        throw new InputRejectedError(415, msg('articles.invalid.notText'));
      }
      const result = await ingestArticle(
        db,
        { ...form, text: file ? file.buffer : form.text },
        { maxBytes: config.maxArticleBytes, maxClaims: config.maxClaimsPerArticle },
      );
      res.redirect(303, articleLocation(result.article.id, result.created, result.removedControlCharacters));
    } catch (error) {
      if (!(error instanceof ValidationError || error instanceof InputRejectedError)) throw error;
      const errors = error instanceof ValidationError ? error.fieldErrors : { text: error.text };
      const status = error instanceof ValidationError ? 422 : error.status;
      renderView(req, res, { page: 'pages/article-new', status, data: { ...formData, values, errors } });
    }
  });

  router.get('/articles/:id', async (req, res) => {
    const detail = await getArticle(db, req.params.id);
    // The chart is the page's, not the claim list's: a page of the list fetched by htmx goes without it.
    const progressChart = wantsFragment(req) ? undefined : await articleProgressChart(db, detail.article.id, res.locals.lang as UiLanguage);
    await renderClaimList(deps, req, res, {
      page: 'pages/article',
      fixed: { article: detail.article.id },
      data: { title: detail.article.title, ...detail, progressChart, existing: req.query.existing === '1', notice: intakeNotice(req.query.removed) ?? editNotice(req.query.edited) },
    });
  });

  router.use(articleCorrectionsRouter(deps));

  return router;
}

/** The article page after an ingestion, telling whether it was known already and what was cleaned out of the text. */
function articleLocation(id: string, created: boolean, removedControlCharacters: number): string {
  const query = new URLSearchParams();
  if (!created) query.set('existing', '1');
  if (removedControlCharacters > 0) query.set('removed', String(removedControlCharacters));
  return `/articles/${id}${query.size > 0 ? `?${query}` : ''}`;
}

function intakeNotice(removed: unknown): LocalizedText | undefined {
  const count = typeof removed === 'string' && /^[1-9]\d{0,8}$/.test(removed) ? Number(removed) : 0;
  return count > 0 ? controlCharacterNotice(count) : undefined;
}

function editNotice(edited: unknown): LocalizedText | undefined {
  if (edited === '0') return msg('articles.edited.unchanged');
  return typeof edited === 'string' && /^[1-9]$/.test(edited) ? msg('articles.edited.changed') : undefined;
}

function submittedValues(body: unknown): ArticleFormValues {
  const source = (body ?? {}) as Record<string, unknown>;
  const values: ArticleFormValues = {};
  for (const field of FORM_FIELDS) if (typeof source[field] === 'string') values[field] = source[field];
  return values;
}
