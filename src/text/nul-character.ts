/**
 * U+0000 is no text: PostgreSQL refuses it in a text value (SQLite would store it and cut names short where
 * C strings are read). Input carrying one is refused at the door, before any query sees it.
 */
const NUL = '\u0000';

/** Whether a string, or any string inside arrays and objects (a parsed query or body), holds a NUL character. */
export function containsNulCharacter(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes(NUL);
  if (value === null || typeof value !== 'object' || depth > 32) return false;
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes(NUL) || containsNulCharacter(inner, depth + 1)) return true;
  }
  return false;
}

/** A NUL character written into a URL (%00), in its path or its query. */
export function urlContainsNulCharacter(url: string): boolean {
  return /%00/.test(url) || url.includes(NUL);
}
