import { STATUS_CODES } from 'node:http';
import type { Response } from 'express';
import { problemFor } from './error-handler.ts';

/**
 * A refusal as RFC 9457 problem details, for clients that asked for a machine-readable file. With the
 * type about:blank, the title is the status's own phrase and the detail says what went wrong.
 */
export function sendProblemJson(res: Response, error: unknown): void {
  const problem = problemFor(error);
  const body = { type: 'about:blank', title: STATUS_CODES[problem.status] ?? String(problem.title), status: problem.status, detail: String(problem.message) };
  res.status(problem.status).set('Content-Type', 'application/problem+json; charset=utf-8').send(JSON.stringify(body));
}
