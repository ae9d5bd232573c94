import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { ValidationError } from '../../errors.ts';
import { problemFor } from '../../http/error-handler.ts';

export const PROBLEM_JSON = 'application/problem+json';

/** One field a 422 refused, named as the client sent it (`status`, `limit`, `publishedAt`). */
export interface FieldProblem {
  field: string;
  message: string;
}

export interface ApiProblem {
  status: number;
  detail: string;
  /** RFC 9457 extension members: `errors` for 422, `claim` for a 409 on a claim. */
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** A refusal raised inside the API that is not a domain error: missing credentials, a wrong role, a wrong body type. */
export class ApiRefusal extends Error {
  constructor(readonly problem: ApiProblem) {
    super(problem.detail);
  }
}

const BEARER_CHALLENGE = 'Bearer realm="isnad"';

export function unauthorized(detail: string, invalidToken: boolean): ApiRefusal {
  const challenge = invalidToken ? `${BEARER_CHALLENGE}, error="invalid_token"` : BEARER_CHALLENGE;
  return new ApiRefusal({ status: 401, detail, headers: { 'WWW-Authenticate': challenge } });
}

/** RFC 9457 problem details. With the type about:blank the title is the status's own phrase. */
export function sendProblem(res: Response, problem: ApiProblem): void {
  const body = { type: 'about:blank', title: STATUS_CODES[problem.status] ?? 'Error', status: problem.status, detail: problem.detail, ...problem.extensions };
  if (problem.headers) res.set(problem.headers);
  res.status(problem.status).type(`${PROBLEM_JSON}; charset=utf-8`).send(JSON.stringify(body));
}

export function fieldProblems(error: ValidationError): FieldProblem[] {
  return Object.entries(error.fieldErrors).map(([field, message]) => ({ field, message: String(message) }));
}

/** body-parser's refusals carry a `type`; each gets a detail a client developer can act on. */
const BODY_PARSER_PROBLEMS: Record<string, ApiProblem> = {
  'entity.parse.failed': { status: 400, detail: 'The request body is not valid JSON.' },
  'entity.too.large': { status: 413, detail: 'The request body is too large.' },
  'encoding.unsupported': { status: 415, detail: 'Send the body uncompressed or gzip/deflate-encoded.' },
  'charset.unsupported': { status: 415, detail: 'Send the JSON body in UTF-8.' },
  'request.aborted': { status: 400, detail: 'The request body was cut short.' },
  'request.size.invalid': { status: 400, detail: 'The request body does not match its Content-Length.' },
};

export function problemOf(error: unknown): ApiProblem {
  if (error instanceof ApiRefusal) return error.problem;
  if (error instanceof ValidationError) return { status: 422, detail: 'Some fields are not valid.', extensions: { errors: fieldProblems(error) } };
  const parserType = (error as { type?: unknown } | null)?.type;
  if (typeof parserType === 'string' && BODY_PARSER_PROBLEMS[parserType]) return BODY_PARSER_PROBLEMS[parserType]!;
  const problem = problemFor(error);
  return { status: problem.status, detail: String(problem.message), ...(problem.retryAfterSeconds ? { headers: { 'Retry-After': String(problem.retryAfterSeconds) } } : {}) };
}

export const apiNotFound: RequestHandler = (_req, res) => {
  sendProblem(res, { status: 404, detail: 'There is no API endpoint at this address. See /api/v1/openapi.json.' });
};

export const apiErrorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const problem = problemOf(error);
  if (problem.status >= 500 && problem.status !== 503) req.log.error({ err: error }, 'API request failed');
  else req.log.info({ status: problem.status, reason: problem.detail }, 'API request refused');
  if (res.headersSent) return;
  sendProblem(res, problem);
};
