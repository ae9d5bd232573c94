import { MarkdownRenderError, plainTextHtml, renderNoteMarkdown } from './markdown.ts';
import { msg, type LocalizedText } from '../../i18n/translate.ts';

/** Longest note accepted, in characters. */
export const MAX_NOTE_LENGTH = 5_000;
/** Deepest run of quote and list markers one line may open ("> > - 1. "). */
export const MAX_NOTE_NESTING = 16;
/**
 * Most emphasis markers (*, _, ~) one paragraph may hold. marked pairs them with a search that grows
 * with the square of their number, and recurses once per level of nested emphasis.
 */
export const MAX_EMPHASIS_MARKERS = 600;
/** Rendered HTML longer than this is not a note any more (reference links repeated to expand a long address). */
export const MAX_NOTE_HTML_LENGTH = 200_000;

// As CommonMark (and marked) read a fence: a backtick fence's info string holds no backtick.
const FENCE = /^ {0,3}(`{3,}(?=[^`]*$)|~{3,})/;
const CONTAINER_MARKER = /^[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/;
const THEMATIC_BREAK_OR_UNDERLINE = /^ {0,3}(?:([-*_])(?:[ \t]*\1){2,}|=+|-+)[ \t]*$/;
const EMPHASIS_MARKER = /[*_~]/g;

/** Why a new note is refused, or null. */
export function noteBodyProblem(body: string): LocalizedText | null {
  if (body.length > MAX_NOTE_LENGTH) return msg('claims.notes.tooLong', { max: MAX_NOTE_LENGTH, length: body.length });
  return markdownHazard(body);
}

/**
 * What in a text marked would choke on (nesting deep enough to overflow its stack, emphasis marks
 * enough to take seconds), or null. One cheap pass over the lines, so such a text is refused, or shown
 * as plain text, before marked ever sees it.
 */
export function markdownHazard(body: string): LocalizedText | null {
  let fence: string | null = null;
  let paragraphMarkers = 0;
  for (const line of body.split(/\r\n?|\n/)) {
    const fenceMark = FENCE.exec(line)?.[1];
    if (fence !== null) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = null;
      continue;
    }
    if (fenceMark) {
      fence = fenceMark;
      continue;
    }
    if (line.trim() === '') {
      paragraphMarkers = 0;
      continue;
    }
    const { depth, rest } = containerPrefix(line);
    if (depth > MAX_NOTE_NESTING) return msg('claims.notes.tooDeep', { max: MAX_NOTE_NESTING, depth });
    if (THEMATIC_BREAK_OR_UNDERLINE.test(rest)) continue;
    paragraphMarkers += rest.match(EMPHASIS_MARKER)?.length ?? 0;
    if (paragraphMarkers > MAX_EMPHASIS_MARKERS) return msg('claims.notes.tooMuchEmphasis', { max: MAX_EMPHASIS_MARKERS });
  }
  return null;
}

function containerPrefix(line: string): { depth: number; rest: string } {
  let depth = 0;
  let rest = line;
  for (let match = CONTAINER_MARKER.exec(rest); match; match = CONTAINER_MARKER.exec(rest)) {
    depth += 1;
    rest = rest.slice(match[0].length);
  }
  return { depth, rest };
}

/** Why a note's Markdown cannot be shown, when it passed noteBodyProblem and marked still failed on it. */
export class NoteRenderError extends Error {
  constructor(readonly text: LocalizedText) {
    super(String(text));
  }
}

/** A note as it will be stored and shown; NoteRenderError when it cannot be rendered within bounds. */
export function renderNoteBody(body: string, check: (body: string) => LocalizedText | null = noteBodyProblem): string {
  const problem = check(body);
  if (problem) throw new NoteRenderError(problem);
  let html: string;
  try {
    html = renderNoteMarkdown(body);
  } catch (error) {
    if (!(error instanceof MarkdownRenderError)) throw error;
    throw new NoteRenderError(msg('claims.notes.cannotDisplay'));
  }
  if (html.length > MAX_NOTE_HTML_LENGTH) throw new NoteRenderError(msg('claims.notes.expands'));
  return html;
}

/**
 * The HTML to show for a stored note: the HTML rendered when it was written, else (notes written before
 * that was kept, under a longer limit) rendered now, or shown as plain text when it cannot be. Never
 * throws on a note's content.
 */
export function noteHtml(note: { body: string; body_html: string | null }): string {
  if (note.body_html !== null) return note.body_html;
  try {
    return renderNoteBody(note.body, markdownHazard);
  } catch (error) {
    if (error instanceof NoteRenderError) return plainTextHtml(note.body);
    throw error;
  }
}
