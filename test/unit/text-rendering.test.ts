import { describe, expect, it } from 'vitest';
import { bidiHtml, directionOf, escapeHtml } from '../../src/text/bidi.ts';
import { nameKey } from '../../src/text/name-key.ts';
import { segmentText } from '../../src/text/segments.ts';

describe('bidirectional claim text', () => {
  it('isolates Latin names inside Arabic as left-to-right', () => {
    const html = bidiHtml('تحدثت صحيفة "L\'Orient le Jour" اللبنانية', 'ar');
    expect(html).toContain('<bdi dir="ltr" lang="und-Latn">L&#39;Orient le Jour</bdi>');
    expect(html.startsWith('تحدثت صحيفة &quot;')).toBe(true);
  });

  it('keeps a URL inside Arabic in one left-to-right piece', () => {
    expect(bidiHtml('رابط https://telegram.me/buratha للقناة', 'ar')).toBe('رابط <bdi dir="ltr" lang="und-Latn">https://telegram.me/buratha</bdi> للقناة');
  });

  it('escapes markup in every language', () => {
    expect(bidiHtml('<script>alert("x")</script> قال', 'ar')).not.toContain('<script>');
    expect(bidiHtml('<img src=x onerror=alert(1)>', 'en')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeHtml(`"'&<>`)).toBe('&quot;&#39;&amp;&lt;&gt;');
  });

  it('picks the direction from the language', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('fr')).toBe('ltr');
  });
});

describe('text segments for highlighting', () => {
  const text = 'abcdefghij';

  it('cut plain and marked pieces that join back into the text', () => {
    const segments = segmentText(text, [
      { start: 6, end: 8, kind: 'noise' },
      { start: 2, end: 4, kind: 'claim', id: 'c1' },
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments.filter((s) => s.span).map((s) => [s.text, s.span!.kind])).toEqual([
      ['cd', 'claim'],
      ['gh', 'noise'],
    ]);
  });

  it('leave overlapping and out-of-range spans unmarked', () => {
    const segments = segmentText(text, [
      { start: 1, end: 5, kind: 'claim' },
      { start: 3, end: 7, kind: 'claim' },
      { start: 8, end: 20, kind: 'claim' },
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments.filter((s) => s.span)).toHaveLength(1);
  });
});

describe('name keys', () => {
  it('fold Arabic spelling variants, diacritics and tatweel', () => {
    expect(nameKey('إيغُور  ديلانويـه')).toBe(nameKey('ايغور ديلانويه'));
    expect(nameKey('هيئة الأركان')).toBe(nameKey('هيئه الاركان'));
  });

  it('fold Latin case and accents', () => {
    expect(nameKey('Igor Delanoë')).toBe(nameKey('igor delanoe'));
    expect(nameKey('L’Orient le Jour')).toBe(nameKey("L'Orient Le Jour"));
  });
});
