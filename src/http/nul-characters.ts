import type { RequestHandler } from 'express';
import { InputRejectedError } from '../errors.ts';
import { msg } from '../i18n/translate.ts';
import { containsNulCharacter, urlContainsNulCharacter } from '../text/nul-character.ts';

/**
 * Refuses (400) a request whose address or form carries a NUL character (U+0000): no field of the desk takes
 * one, and PostgreSQL would fail the query that read it (a 500). Mounted after the form parser; an upload's
 * text has its control characters removed by ingestion instead.
 */
export const refuseNulCharacters: RequestHandler = (req, _res, next) => {
  if (urlContainsNulCharacter(req.originalUrl) || containsNulCharacter(req.body)) return next(new InputRejectedError(400, msg('errors.nulCharacter')));
  next();
};
