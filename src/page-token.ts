import { InputRejectedError } from './errors.ts';
import { containsNulCharacter } from './text/nul-character.ts';

/** Keyset positions travel in links as opaque tokens: the key values as base64url JSON. */
export function encodePageToken(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Reads a token back through `parse`, which checks the values; a damaged token is bad input, not a 500. */
export function decodePageToken<T>(token: string | undefined, parse: (values: unknown[]) => T | undefined): T | undefined {
  if (!token) return undefined;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  // A NUL character in a key value could not be compared by PostgreSQL: the link is as damaged as any other.
  const position = Array.isArray(values) && !containsNulCharacter(values) ? parse(values) : undefined;
  if (position === undefined) throw new InputRejectedError(400, 'The page link is damaged. Go back to the first page.');
  return position;
}
