import type { ErrorRequestHandler, RequestHandler } from 'express';
import { BusyError, ConflictError, GoneError, InputRejectedError, NoVerdictError, NotFoundError, NotPublishedError, ValidationError } from '../errors.ts';
import { isDatabaseBusy } from '../db/busy.ts';
import { isQueryTimeout } from '../db/timeouts.ts';
import { renderView, wantsFragment } from './render.ts';

interface HttpProblem {
  status: number;
  title: string;
  message: string;
  /** Sent as Retry-After, in seconds. */
  retryAfterSeconds?: number;
}

/** The one place where domain errors become HTTP statuses. */
export function problemFor(error: unknown): HttpProblem {
  if (error instanceof NotFoundError) return { status: 404, title: 'Not found', message: `${error.entity} not found.` };
  if (error instanceof ValidationError) return { status: 422, title: 'Check the form', message: error.message };
  if (error instanceof ConflictError) return { status: 409, title: 'Changed by someone else', message: error.message };
  if (error instanceof GoneError) return { status: 410, title: 'No longer available', message: `${error.entity} is no longer available.` };
  if (error instanceof NoVerdictError) return { status: 422, title: 'No verdict yet', message: error.message };
  if (error instanceof NotPublishedError) return { status: 422, title: 'Not published', message: error.message };
  if (error instanceof InputRejectedError) return { status: error.status, title: 'Input refused', message: error.message };
  if (error instanceof BusyError) return { status: 503, title: 'Busy', message: error.message, retryAfterSeconds: error.retryAfterSeconds };
  // Another process (an ingest beside the server) held the SQLite write lock past busy_timeout.
  if (isDatabaseBusy(error)) return { status: 503, title: 'Busy', message: 'The database is busy with another task. Try again in a moment.', retryAfterSeconds: 2 };
  if (isQueryTimeout(error)) {
    return { status: 503, title: 'Taking too long', message: 'The database took too long to answer this request, so it was stopped. Try again in a moment, or narrow the filters.', retryAfterSeconds: 5 };
  }
  if ((error as { code?: unknown })?.code === 'EBADCSRFTOKEN') {
    return { status: 403, title: 'Form expired', message: 'This form has expired or did not come from Isnad. Reload the page and try again.' };
  }
  const status = httpStatusOf(error);
  if (status && status >= 400 && status < 500) {
    return { status, title: 'Request refused', message: status === 413 ? 'The request is too large.' : 'The request could not be understood.' };
  }
  return { status: 500, title: 'Something went wrong', message: 'An unexpected error occurred. It has been logged; please try again.' };
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
  renderProblem(req, res, { status: 404, title: 'Not found', message: 'There is nothing at this address.' });
};

export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const problem = problemFor(error);
  if (problem.status >= 500 && !problem.retryAfterSeconds) req.log.error({ err: error }, 'request failed');
  else req.log.info({ status: problem.status, reason: problem.message }, 'request refused');
  if (res.headersSent) return;
  if (problem.retryAfterSeconds) res.set('Retry-After', String(problem.retryAfterSeconds));
  try {
    renderProblem(req, res, problem);
  } catch (renderError) {
    // The error page itself failed: answer in plain text rather than let Express print a stack.
    req.log.error({ err: renderError }, 'error page failed');
    res.status(problem.status).type('text').send(problem.message);
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
