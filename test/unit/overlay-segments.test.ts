import { describe, expect, it } from 'vitest';
import { overlaySegments } from '../../src/text/overlay-segments.ts';
import { segmentText } from '../../src/text/segments.ts';

const text = 'abcdefghijklmnop';

function pieces(spans: Parameters<typeof segmentText>[1], overlays: Parameters<typeof overlaySegments>[1]) {
  return overlaySegments(segmentText(text, spans), overlays).map((segment) => ({
    span: segment.span?.kind ?? null,
    parts: segment.parts.map((part) => (part.overlay ? `[${part.text}${part.first ? '*' : ''}]` : part.text)).join(''),
  }));
}

describe('overlay segments', () => {
  it('nest an overlay inside the span that holds it', () => {
    expect(pieces([{ start: 2, end: 10, kind: 'claim' }], [{ start: 4, end: 6, kind: 'mention' }])).toEqual([
      { span: null, parts: 'ab' },
      { span: 'claim', parts: 'cd[ef*]ghij' },
      { span: null, parts: 'klmnop' },
    ]);
  });

  it('cut an overlay that crosses span boundaries into pieces, the first one carrying the anchor', () => {
    expect(pieces([{ start: 4, end: 8, kind: 'claim' }, { start: 10, end: 12, kind: 'noise' }], [{ start: 2, end: 11, kind: 'mention' }])).toEqual([
      { span: null, parts: 'ab[cd*]' },
      { span: 'claim', parts: '[efgh]' },
      { span: null, parts: '[ij]' },
      { span: 'noise', parts: '[k]l' },
      { span: null, parts: 'mnop' },
    ]);
  });

  it('leave out overlays that overlap an earlier one or fall outside the text', () => {
    const segments = overlaySegments(segmentText(text, []), [
      { start: 1, end: 5, kind: 'mention' },
      { start: 3, end: 7, kind: 'mention' },
      { start: 12, end: 40, kind: 'mention' },
      { start: 9, end: 9, kind: 'mention' },
    ]);
    expect(segments.flatMap((segment) => segment.parts).filter((part) => part.overlay).map((part) => part.text)).toEqual(['bcde']);
    expect(segments.flatMap((segment) => segment.parts).map((part) => part.text).join('')).toBe(text);
  });

  it('keep every segment whole when there is no overlay', () => {
    const segments = overlaySegments(segmentText(text, [{ start: 3, end: 5, kind: 'claim' }]), []);
    expect(segments.map((segment) => segment.parts)).toEqual([[{ text: 'abc' }], [{ text: 'de' }], [{ text: 'fghijklmnop' }]]);
  });
});
