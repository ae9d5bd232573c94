const RTL_LANGUAGES = new Set(['ar', 'fa', 'he', 'ur']);

export function directionOf(language: string): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
}

// A URL, or a run of Latin words with the apostrophes, hyphens, dots and spaces between them ("L'Orient le Jour").
const LATIN_RUN = /\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s"'<>]+|[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F0-9'’.\-]*(?:[ \u00A0]+[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F0-9'’.\-]*)*/g;

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Escapes text for HTML and, inside right-to-left text, isolates Latin runs as left-to-right
 * so that names like "L'Orient le Jour" keep their order and punctuation.
 */
export function bidiHtml(text: string, language: string): string {
  if (directionOf(language) === 'ltr') return escapeHtml(text);
  let html = '';
  let cursor = 0;
  for (const match of text.matchAll(LATIN_RUN)) {
    html += escapeHtml(text.slice(cursor, match.index));
    html += `<bdi dir="ltr" lang="und-Latn">${escapeHtml(match[0])}</bdi>`;
    cursor = match.index + match[0].length;
  }
  return html + escapeHtml(text.slice(cursor));
}

// Opening tags of the blocks that hold a line of their own: paragraphs, list items and the lists around
// them, quotes, headings, code blocks and table cells. Matched in sanitised HTML, whose tags are lower
// case and whose text and attribute values carry no raw "<".
const DIRECTIONAL_BLOCK = /<(p|li|ul|ol|blockquote|h[1-6]|pre|table|th|td)(?=[\s>])/g;

/**
 * Gives each block of sanitised HTML (a rendered note) dir="auto", so that each takes its direction from
 * its own first letters: a note opened by an Arabic line keeps its English list left to right, markers
 * and all, and an English note its Arabic quote right to left.
 */
export function autoDirectedBlocks(html: string): string {
  return html.replace(DIRECTIONAL_BLOCK, '<$1 dir="auto"');
}
