import { createHash } from 'node:crypto';
import { InputRejectedError, ValidationError } from '../../errors.ts';
import { msg, type LocalizedText } from '../../i18n/translate.ts';
import { shortenAtWord } from '../../text/shorten.ts';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
// Invisible controls that scraped and pasted text picks up: C0 other than tab, line feed and carriage
// return, DEL, and C1. They carry no meaning in an article; line tabulation, form feed and next line
// are breaks, so they become new lines rather than gluing words together.
const STRAY_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const BREAK_CONTROLS = new Set(['\u000B', '\u000C', '\u0085']);

export interface ArticleText {
  text: string;
  /** How many control characters were taken out (or turned into line breaks). */
  removedControlCharacters: number;
}

/**
 * Turns uploaded bytes or pasted text into article text, with the same rules for both: stray control
 * characters are taken out and counted; invalid UTF-8, binary content, nothing at all, or more than
 * the configured size are refused. U+FFFD is kept: it is a character like any other.
 */
export function decodeArticleText(input: string | Uint8Array, maxBytes: number): ArticleText {
  const byteLength = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (byteLength > maxBytes) throw articleTooLarge(maxBytes, byteLength);
  let text: string;
  if (typeof input === 'string') {
    text = input.replace(/^\uFEFF/, '');
  } else {
    try {
      text = UTF8.decode(input);
    } catch {
      throw new InputRejectedError(400, msg('articles.invalid.notUtf8'));
    }
  }
  if (looksBinary(text)) throw new InputRejectedError(415, msg('articles.invalid.binary'));
  let removedControlCharacters = 0;
  text = text.replace(STRAY_CONTROLS, (control) => {
    removedControlCharacters++;
    return BREAK_CONTROLS.has(control) ? '\n' : '';
  });
  if (text.trim() === '') throw new ValidationError({ text: msg('articles.invalid.noText') });
  return { text, removedControlCharacters };
}

/** Binary formats and UTF-16 are full of NUL bytes; a stray one in text is removed like any other control. */
function looksBinary(text: string): boolean {
  let nulCount = 0;
  for (let index = text.indexOf('\u0000'); index !== -1; index = text.indexOf('\u0000', index + 1)) nulCount++;
  return nulCount * 100 > text.length;
}

/** What the reader is told when control characters were taken out of an article (breaks among them left a new line). */
export function controlCharacterNotice(count: number): LocalizedText {
  return msg('articles.controlCharactersRemoved', { count });
}

/** The refusal for an article over the limit; the size is known for whole texts, not for an upload cut short. */
export function articleTooLarge(maxBytes: number, byteLength?: number): InputRejectedError {
  const message =
    byteLength === undefined
      ? msg('articles.invalid.tooLarge', { limit: formatBytes(maxBytes) })
      : msg('articles.invalid.tooLargeBy', { size: formatBytes(byteLength), limit: formatBytes(maxBytes) });
  return new InputRejectedError(413, message);
}

/** Line endings and surrounding blank space do not make a different article. */
export function articleChecksum(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n?/g, '\n').trim(), 'utf8').digest('hex');
}

/** A title for articles ingested without one: their first line, shortened at a word boundary. */
export function titleFromText(text: string, maxLength = 120): string {
  return shortenAtWord(text.trim().split(/\r?\n/, 1)[0]!, maxLength);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
