import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { escapeHtml } from '../../text/bidi.ts';

const marked = new Marked({ gfm: true, breaks: true, async: false });

/**
 * marked does not sanitise, so its output goes through an allow-list. No style, no event
 * handlers, no hx-* or data-* attributes (htmx would act on them), and only web and mail links.
 */
const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'strong', 'em', 'del', 'code', 'pre', 'blockquote',
    'ul', 'ol', 'li', 'a', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
    'table', 'thead', 'tbody', 'tr', 'th', 'td',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener noreferrer ugc' }),
  },
};

/**
 * A note sits under the page's own headings (the page title is h1, the notes section h2 or h3), so its
 * headings start at h4: a note never adds a title or a section to the page it is shown on.
 */
const NOTE_SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  ...SANITIZE_OPTIONS,
  transformTags: { ...SANITIZE_OPTIONS.transformTags, h1: 'h4', h2: 'h5', h3: 'h6', h4: 'h6', h5: 'h6' },
};

/** Thrown when marked gives up on a text (its parser recurses, so deep enough nesting overflows the stack). */
export class MarkdownRenderError extends Error {}

function render(markdown: string, options: sanitizeHtml.IOptions): string {
  let html: string;
  try {
    html = marked.parse(markdown) as string;
  } catch (error) {
    throw new MarkdownRenderError('Markdown could not be rendered', { cause: error });
  }
  return sanitizeHtml(html, options);
}

/** Markdown as sanitised HTML; a text marked cannot render is shown as plain text instead of failing the page. */
export function renderMarkdown(markdown: string): string {
  try {
    return render(markdown, SANITIZE_OPTIONS);
  } catch (error) {
    if (error instanceof MarkdownRenderError) return plainTextHtml(markdown);
    throw error;
  }
}

/** A reviewer's note as sanitised HTML, headings demoted; throws MarkdownRenderError when marked cannot render it. */
export function renderNoteMarkdown(markdown: string): string {
  return render(markdown, NOTE_SANITIZE_OPTIONS);
}

/** Text shown as written, escaped: paragraphs at blank lines, line breaks kept. */
export function plainTextHtml(text: string): string {
  return text
    .split(/(?:\r?\n){2,}/)
    .filter((paragraph) => paragraph.trim() !== '')
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\r?\n/g, '<br />')}</p>`)
    .join('\n');
}
