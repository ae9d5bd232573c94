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
