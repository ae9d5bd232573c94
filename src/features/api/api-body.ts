import express, { type Request, type RequestHandler } from 'express';
import { containsNulCharacter, urlContainsNulCharacter } from '../../text/nul-character.ts';
import { ApiRefusal } from './api-problems.ts';

const JSON_TYPES = ['application/json', 'application/*+json'];

function hasBody(req: Request): boolean {
  const length = req.get('Content-Length');
  return req.get('Transfer-Encoding') !== undefined || (length !== undefined && length !== '0');
}

/**
 * JSON bodies only, up to `limit` bytes: a body of another type is refused with 415 before it is read,
 * malformed JSON with 400 and an oversize body with 413 (see api-problems.ts).
 */
export function jsonBody(limit: number): RequestHandler {
  const parse = express.json({ limit, strict: true, type: JSON_TYPES });
  // PostgreSQL refuses U+0000 in text: an address or body carrying one is bad input, not a failed query.
  const nulRefusal = () => new ApiRefusal({ status: 400, detail: 'The request holds a NUL character (U+0000), which is not text.' });
  return (req, res, next) => {
    if (urlContainsNulCharacter(req.originalUrl)) return next(nulRefusal());
    if (!hasBody(req)) return next();
    if (!req.is(JSON_TYPES)) return next(new ApiRefusal({ status: 415, detail: 'Send the request body as application/json.', headers: { Accept: 'application/json' } }));
    parse(req, res, (error?: unknown) => {
      if (error) return next(error);
      next(containsNulCharacter(req.body) ? nulRefusal() : undefined);
    });
  };
}
