import { decodeHTML } from 'entities';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { AnyNode, ChildNode, Element, Text } from 'domhandler';

/** What a public page or export shows where an e-mail address was. */
export const EMAIL_REDACTION = '[e-mail removed]';

/**
 * Addresses are looked for in a decoded, normalised view of the text (see readableView). The local
 * part also takes the emphasis markers a writer may wrap around it (**b5**@example.org): they are
 * part of what a reader reads as the address.
 */
const EMAIL_ADDRESS = /(?:mailto:)?[\p{L}\p{M}\p{N}._%+\-*~'`]+@[\p{L}\p{M}\p{N}-]+(?:\.[\p{L}\p{M}\p{N}-]+)+/giu;
/**
 * No address is without one of these, even once decoded: '@', the two characters NFKC turns into '@'
 * (﹫ U+FE6B, ＠ U+FF20), '&', which may start an entity for one, or '%40'.
 */
const MAY_HOLD_ADDRESS = /[@\uFE6B\uFF20&]|%40/;
const AT_SIGN_CANDIDATES = new RegExp(MAY_HOLD_ADDRESS.source, 'g');
const WHITESPACE = /\s/;
const ENTITY = /^&(?:#[0-9]{1,7};?|#x[0-9a-f]{1,6};?|[a-z][a-z0-9]{1,31};?)/i;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const INVISIBLE = /^\p{Cf}$/u;

export interface TextRange {
  start: number;
  end: number;
}

/**
 * The text as a reader takes it in, with where each of its characters came from: HTML entities and
 * the URL escape %40 decoded (&#64; and %40 are '@'), Markdown backslash escapes dropped (a\@b),
 * compatibility forms folded (NFKC, so the fullwidth ＠ is '@') and invisible format characters
 * (zero-width spaces, bidi marks) skipped.
 */
function readableView(text: string): { view: string; from: number[]; to: number[] } {
  let view = '';
  const from: number[] = [];
  const to: number[] = [];
  let index = 0;
  const push = (chunk: string, start: number, end: number) => {
    for (let i = 0; i < chunk.length; i += 1) {
      from.push(start);
      to.push(end);
    }
    view += chunk;
  };
  while (index < text.length) {
    const char = text[index]!;
    if (char === '&') {
      const entity = ENTITY.exec(text.slice(index, index + 40))?.[0];
      const decoded = entity ? decodeHTML(entity) : '';
      if (entity && decoded !== entity) {
        push(decoded.normalize('NFKC'), index, index + entity.length);
        index += entity.length;
        continue;
      }
    }
    if (char === '%' && text.slice(index + 1, index + 3) === '40') {
      push('@', index, index + 3);
      index += 3;
      continue;
    }
    if (char === '\\' && ASCII_PUNCTUATION.test(text[index + 1] ?? '')) {
      push(text[index + 1]!, index, index + 2);
      index += 2;
      continue;
    }
    const codePoint = String.fromCodePoint(text.codePointAt(index)!);
    if (!INVISIBLE.test(codePoint)) push(codePoint.normalize('NFKC'), index, index + codePoint.length);
    index += codePoint.length;
  }
  return { view, from, to };
}

/** Where the text holds e-mail addresses, as ranges of the text itself (not of its decoded view). */
export function findEmailAddresses(text: string): TextRange[] {
  // Only the words around a possible at sign are decoded: no address spans white space, and a whole
  // article decoded character by character would cost a public page half a second per megabyte.
  const ranges: TextRange[] = [];
  let searched = 0;
  for (const candidate of text.matchAll(AT_SIGN_CANDIDATES)) {
    if (candidate.index < searched) continue;
    let start = candidate.index;
    while (start > 0 && !WHITESPACE.test(text[start - 1]!)) start -= 1;
    let end = candidate.index + candidate[0].length;
    while (end < text.length && !WHITESPACE.test(text[end]!)) end += 1;
    for (const range of addressesInWord(text.slice(start, end))) ranges.push({ start: start + range.start, end: start + range.end });
    searched = end;
  }
  return ranges;
}

function addressesInWord(word: string): TextRange[] {
  const { view, from, to } = readableView(word);
  return [...view.matchAll(EMAIL_ADDRESS)].map((match) => ({ start: from[match.index]!, end: to[match.index + match[0].length - 1]! }));
}

/** Shared pages and exports never carry e-mail addresses, whoever they belong to. */
export function redactEmailAddresses(text: string): string {
  return redactSlice(text, findEmailAddresses(text), 0, text.length);
}

export function containsEmailAddress(text: string): boolean {
  return findEmailAddresses(text).length > 0;
}

/**
 * text.slice(start, end) with the addresses found in the whole text (ranges) redacted, so that an
 * address cut by the slice's edges is still recognised. The marker stands where the address starts;
 * a slice that only holds the rest of one just loses it.
 */
export function redactSlice(text: string, ranges: readonly TextRange[], start: number, end: number): string {
  let result = '';
  let cursor = start;
  for (const range of ranges) {
    if (range.end <= start || range.start >= end) continue;
    const cut = Math.max(range.start, start);
    result += text.slice(cursor, cut) + (range.start >= start ? EMAIL_REDACTION : '');
    cursor = Math.min(range.end, end);
  }
  return result + text.slice(cursor, end);
}

const BLOCK_ELEMENTS = new Set([
  'p', 'br', 'hr', 'pre', 'blockquote', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'div',
]);

interface TextPiece {
  node: Text;
  /** Where the node's text starts in the joined text. */
  offset: number;
}

/**
 * Sanitised HTML with every e-mail address removed from what a reader sees: addresses are looked for
 * in the decoded text of each block, across inline markup (<strong>b5</strong>@example.org), and links
 * to an address (mailto:, or any href or title that holds one) lose their link and keep their text.
 */
export function redactEmailAddressesInHtml(html: string): string {
  if (!MAY_HOLD_ADDRESS.test(html)) return html;
  const document = parseDocument(html);
  unlinkAddresses(document.children);
  const pieces: TextPiece[] = [];
  let joined = '';
  const walk = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (node.type === 'text') {
        pieces.push({ node: node as Text, offset: joined.length });
        joined += (node as Text).data;
      } else if (DomUtils.isTag(node)) {
        // A block boundary is a line break to the reader: addresses do not run across it.
        if (BLOCK_ELEMENTS.has(node.name)) joined += '\n';
        walk(node.children);
        if (BLOCK_ELEMENTS.has(node.name)) joined += '\n';
      }
    }
  };
  walk(document.children);
  const ranges = findEmailAddresses(joined);
  for (const piece of pieces) piece.node.data = redactSlice(joined, ranges, piece.offset, piece.offset + piece.node.data.length);
  return DomUtils.getOuterHTML(document.children, { encodeEntities: 'utf8' });
}

function unlinkAddresses(nodes: AnyNode[]): void {
  for (const node of [...nodes]) {
    if (!DomUtils.isTag(node)) continue;
    const element = node as Element;
    if (element.attribs.title !== undefined && containsEmailAddress(element.attribs.title)) element.attribs.title = redactEmailAddresses(element.attribs.title);
    unlinkAddresses(element.children);
    const href = element.attribs.href;
    if (element.name === 'a' && href !== undefined && (/^\s*mailto:/i.test(href) || containsEmailAddress(href))) {
      const children = [...element.children];
      for (const child of children) DomUtils.prepend(element, child);
      DomUtils.removeElement(element);
    }
  }
}
