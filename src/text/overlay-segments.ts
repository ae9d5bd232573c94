import type { MarkedSpan, TextSegment } from './segments.ts';

export interface TextPart {
  text: string;
  overlay?: MarkedSpan;
  /** The first piece of its overlay: the one that carries the overlay's anchor. */
  first?: boolean;
}

export interface LayeredSegment extends TextSegment {
  parts: TextPart[];
}

/**
 * Cuts highlighted segments further by a second layer of spans (a speaker mention inside, before
 * or across a claim span). An overlay that crosses a segment boundary is marked in every piece it
 * covers, so that the markup stays well nested; overlays overlapping one already placed, or out
 * of range, are left unmarked. `segments` must cover the text in order, as segmentText returns them.
 */
export function overlaySegments(segments: readonly TextSegment[], overlays: readonly MarkedSpan[]): LayeredSegment[] {
  const length = segments.reduce((sum, segment) => sum + segment.text.length, 0);
  const ordered = placeable(overlays, length);
  const layered: LayeredSegment[] = [];
  let offset = 0;
  let next = 0;
  for (const segment of segments) {
    const segmentEnd = offset + segment.text.length;
    while (next < ordered.length && ordered[next]!.end <= offset) next++;
    const parts: TextPart[] = [];
    let cursor = offset;
    for (let k = next; k < ordered.length && ordered[k]!.start < segmentEnd; k++) {
      const overlay = ordered[k]!;
      const start = Math.max(overlay.start, offset);
      const end = Math.min(overlay.end, segmentEnd);
      if (start > cursor) parts.push({ text: segment.text.slice(cursor - offset, start - offset) });
      parts.push({ text: segment.text.slice(start - offset, end - offset), overlay, first: start === overlay.start });
      cursor = end;
    }
    if (cursor < segmentEnd || parts.length === 0) parts.push({ text: segment.text.slice(cursor - offset) });
    layered.push({ ...segment, parts });
    offset = segmentEnd;
  }
  return layered;
}

/** In-range, non-empty overlays in text order, without those overlapping an earlier one. */
function placeable(overlays: readonly MarkedSpan[], length: number): MarkedSpan[] {
  const sorted = overlays
    .filter((span) => span.start >= 0 && span.end <= length && span.end > span.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: MarkedSpan[] = [];
  for (const span of sorted) if (kept.length === 0 || span.start >= kept[kept.length - 1]!.end) kept.push(span);
  return kept;
}
