import type { ErrorRequestHandler, RequestHandler } from 'express';
import { BusyError, ConflictError, GoneError, InputRejectedError, NoVerdictError, NotFoundError, NotPublishedError, ValidationError, type UserMessage } from '../errors.ts';
import { msg, type LocalizedText } from '../i18n/translate.ts';
import type { MessageKey } from '../i18n/messages/index.ts';
import { isDatabaseBusy } from '../db/busy.ts';
import { isQueryTimeout } from '../db/timeouts.ts';
import { renderView, wantsFragment } from './render.ts';

interface HttpProblem {
  status: number;
  /** Put into the reader's language by the error page; their string form (English) is for logs and the API. */
  title: LocalizedText;
  message: UserMessage;
  /** Sent as Retry-After, in seconds. */
  retryAfterSeconds?: number;
}

/** The records a NotFoundError may name, as the error page says them; others get a plain "Not found." */
const NOT_FOUND_MESSAGES: Record<string, MessageKey> = {
  Article: 'errors.notFound.article',
  Claim: 'errors.notFound.claim',
  Speaker: 'errors.notFound.speaker',
  Outlet: 'errors.notFound.outlet',
  User: 'errors.notFound.user',
  Token: 'errors.notFound.token',
  'Re-extraction': 'errors.notFound.reextraction',
  'Share link': 'errors.notFound.shareLink',
  'Shared report': 'errors.notFound.sharedReport',
};

function notFoundMessage(entity: string): UserMessage {
  const key = NOT_FOUND_MESSAGES[entity];
  return key ? msg(key) : `${entity} not found.`;
}

function goneMessage(entity: string): UserMessage {
  return entity === 'This shared report' ? msg('errors.gone.sharedReport') : `${entity} is no longer available.`;
}

/** The one place where domain errors become HTTP statuses. */
export function problemFor(error: unknown): HttpProblem {
  if (error instanceof NotFoundError) return { status: 404, title: msg('errors.notFound.title'), message: notFoundMessage(error.entity) };
  if (error instanceof ValidationError) {
    // A form re-renders with each field's message; a refusal that reaches this page names the first problem, in the reader's language.
    return { status: 422, title: msg('errors.invalid.title'), message: Object.values(error.fieldErrors)[0] ?? error.message };
  }
  if (error instanceof ConflictError) return { status: 409, title: msg('errors.conflict.title'), message: error.text };
  if (error instanceof GoneError) return { status: 410, title: msg('errors.gone.title'), message: goneMessage(error.entity) };
  if (error instanceof NoVerdictError) return { status: 422, title: msg('errors.noVerdict.title'), message: error.message };
  if (error instanceof NotPublishedError) return { status: 422, title: msg('errors.notPublished.title'), message: error.message };
  if (error instanceof InputRejectedError) return { status: error.status, title: msg('errors.inputRefused.title'), message: error.text };
  if (error instanceof BusyError) return { status: 503, title: msg('errors.busy.title'), message: error.text, retryAfterSeconds: error.retryAfterSeconds };
  // Another process (an ingest beside the server) held the SQLite write lock past busy_timeout.
  if (isDatabaseBusy(error)) return { status: 503, title: msg('errors.busy.title'), message: msg('errors.busy.database'), retryAfterSeconds: 2 };
  if (isQueryTimeout(error)) return { status: 503, title: msg('errors.timeout.title'), message: msg('errors.timeout.message'), retryAfterSeconds: 5 };
  if ((error as { code?: unknown })?.code === 'EBADCSRFTOKEN') {
    return { status: 403, title: msg('errors.formExpired.title'), message: msg('errors.formExpired.message') };
  }
  const status = httpStatusOf(error);
  if (status && status >= 400 && status < 500) {
    return { status, title: msg('errors.refused.title'), message: msg(status === 413 ? 'errors.refused.tooLarge' : 'errors.refused.message') };
  }
  return { status: 500, title: msg('errors.failed.title'), message: msg('errors.failed.message') };
}

/** Errors raised by body parsers and multer carry a status or a code of their own. */
function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, statusCode, code } = error as { status?: unknown; statusCode?: unknown; code?: unknown };
  if (typeof status === 'number') return status;
  if (typeof statusCode === 'number') return statusCode;
  if (code === 'LIMIT_FILE_SIZE' || code === 'LIMIT_FIELD_VALUE') return 413;
  if (typeof code === 'string' && code.startsWith('LIMIT_')) return 400;
  return undefined;
}

export const notFoundHandler: RequestHandler = (req, res) => {
  renderProblem(req, res, { status: 404, title: msg('errors.notFound.title'), message: msg('errors.notFound.address') });
};

export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const problem = problemFor(error);
  if (problem.status >= 500 && !problem.retryAfterSeconds) req.log.error({ err: error }, 'request failed');
  else req.log.info({ status: problem.status, reason: String(problem.message) }, 'request refused');
  if (res.headersSent) return;
  if (problem.retryAfterSeconds) res.set('Retry-After', String(problem.retryAfterSeconds));
  try {
    renderProblem(req, res, problem);
  } catch (renderError) {
    // The error page itself failed: answer in plain text rather than let Express print a stack.
    req.log.error({ err: renderError }, 'error page failed');
    res.status(problem.status).type('text').send(String(problem.message));
  }
};

function renderProblem(req: Parameters<RequestHandler>[0], res: Parameters<RequestHandler>[1], problem: HttpProblem): void {
  if (wantsFragment(req)) {
    res.vary('HX-Request').vary('HX-Request-Type');
    // htmx swaps error responses too; the flash partial is small enough for any target.
    renderView(req, res, { page: 'partials/flash', status: problem.status, data: { flash: { level: 'error', message: problem.message } } });
    return;
  }
  renderView(req, res, { page: 'pages/error', status: problem.status, data: { problem, title: problem.title } });
}
