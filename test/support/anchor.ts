import type { TextPositionSelector, TextQuoteSelector } from '../../src/features/reports/web-annotation.ts';

/**
 * Anchors selectors the way an annotation client does, in code points: a position selector is a
 * slice, a quote selector is the occurrence of `exact` whose neighbours match prefix and suffix.
 */
export function anchorPosition(text: string, selector: TextPositionSelector): { start: number; end: number; text: string } {
  return { start: selector.start, end: selector.end, text: Array.from(text).slice(selector.start, selector.end).join('') };
}

export function anchorQuote(text: string, selector: TextQuoteSelector): Array<{ start: number; end: number }> {
  const points = Array.from(text);
  const exact = Array.from(selector.exact);
  const prefix = Array.from(selector.prefix);
  const suffix = Array.from(selector.suffix);
  const matches: Array<{ start: number; end: number }> = [];
  for (let start = 0; start + exact.length <= points.length; start += 1) {
    const end = start + exact.length;
    if (points.slice(start, end).join('') !== selector.exact) continue;
    if (points.slice(Math.max(0, start - prefix.length), start).join('') !== selector.prefix) continue;
    if (points.slice(end, end + suffix.length).join('') !== selector.suffix) continue;
    matches.push({ start, end });
  }
  return matches;
}
