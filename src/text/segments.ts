export interface MarkedSpan {
  start: number;
  end: number;
  kind: string;
  id?: string;
}

export interface TextSegment {
  text: string;
  span?: MarkedSpan;
}

/**
 * Cuts a text into plain and marked segments for highlighting. Spans are anchored by their
 * offsets into the original text; a span that overlaps one already placed is left unmarked.
 */
export function segmentText(text: string, spans: MarkedSpan[]): TextSegment[] {
  const ordered = spans
    .filter((span) => span.start >= 0 && span.end <= text.length && span.end > span.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const segments: TextSegment[] = [];
  let cursor = 0;
  for (const span of ordered) {
    if (span.start < cursor) continue;
    if (span.start > cursor) segments.push({ text: text.slice(cursor, span.start) });
    segments.push({ text: text.slice(span.start, span.end), span });
    cursor = span.end;
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor) });
  return segments;
}
