import { describe, expect, it } from 'vitest';
import { MAX_DIFF_EDITS, diffQuotes } from '../../src/text/quote-diff.ts';

/** A long statement of `words` distinct words, every `every`-th one replaced in the second copy. */
function longPair(words: number, every: number): [string, string] {
  const earlier = Array.from({ length: words }, (_, i) => `word${i}`);
  const later = earlier.map((word, i) => (i % every === 0 ? `other${i}` : word));
  return [earlier.join(' '), later.join(' ')];
}

describe('the diff of two long quotes', () => {
  it('is worked out word by word while the changes stay under the bound', () => {
    const [earlier, later] = longPair(3000, 20); // 150 words replaced: 300 edits
    const diff = diffQuotes(earlier, later);
    expect(diff.parts.filter((part) => part.op !== 'same').length).toBe(2 * 150);
    expect(diff.score).toBeGreaterThan(0);
    expect(diff.score).toBeLessThan(0.2);
  });

  it('past the bound, shows the later quote replacing the earlier one whole, scored as drifted entirely', () => {
    const [earlier, later] = longPair(3000, 3); // 1,000 words replaced: 2,000 edits
    const diff = diffQuotes(earlier, later);
    expect(diff.parts.map((part) => [part.op, part.words.length])).toEqual([
      ['deleted', 3000],
      ['inserted', 3000],
    ]);
    expect(diff.score).toBe(1);
    expect(diff.segments.filter((segment) => segment.op === 'deleted').map((segment) => segment.text)).toEqual([earlier]);
    expect(diff.segments.filter((segment) => segment.op === 'inserted').map((segment) => segment.text)).toEqual([later]);
    expect(MAX_DIFF_EDITS).toBeLessThan(2000);
  });

  it('of a quote against nothing, past the bound, is the one quote inserted', () => {
    const [, later] = longPair(MAX_DIFF_EDITS + 10, 1);
    const diff = diffQuotes('', later);
    expect(diff.parts.map((part) => part.op)).toEqual(['inserted']);
  });
});
