import { createHash } from 'node:crypto';
import { InputRejectedError, ValidationError } from '../../errors.ts';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
// Control characters other than tab, line feed and carriage return never occur in article text.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Turns uploaded bytes or pasted text into article text, refusing what is not text:
 * invalid UTF-8, binary content, nothing at all, or more than the configured size.
 */
export function decodeArticleText(input: string | Uint8Array, maxBytes: number): string {
  const byteLength = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (byteLength > maxBytes) {
    throw new InputRejectedError(413, `The article is ${formatBytes(byteLength)}; the limit is ${formatBytes(maxBytes)}.`);
  }
  let text: string;
  if (typeof input === 'string') {
    // A replacement character means the text was already decoded from bytes that were not UTF-8.
    if (input.includes('\uFFFD')) throw new InputRejectedError(400, 'The text is not valid UTF-8. Save the file as UTF-8 and try again.');
    text = input.replace(/^\uFEFF/, '');
  } else {
    try {
      text = UTF8.decode(input);
    } catch {
      throw new InputRejectedError(400, 'The file is not valid UTF-8 text. Save it as UTF-8 and try again.');
    }
  }
  if (CONTROL_CHARACTERS.test(text)) throw new InputRejectedError(415, 'The file does not look like plain text.');
  if (text.trim() === '') throw new ValidationError({ text: 'Paste the article text or upload a .txt file.' });
  return text;
}

/** Line endings and surrounding blank space do not make a different article. */
export function articleChecksum(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n?/g, '\n').trim(), 'utf8').digest('hex');
}

/** A title for articles ingested without one: their first line, shortened at a word boundary. */
export function titleFromText(text: string, maxLength = 120): string {
  const firstLine = text.trim().split(/\r?\n/, 1)[0]!.replace(/\s+/g, ' ').trim();
  if (firstLine.length <= maxLength) return firstLine;
  const cut = firstLine.slice(0, maxLength);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut).trim()}…`;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
