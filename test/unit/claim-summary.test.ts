import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_CLAIM_SUMMARY, defaultClaimSummary } from '../../src/features/reports/claim-summary.ts';
import { shortenAtWord } from '../../src/text/shorten.ts';

const GOLD = JSON.parse(readFileSync(new URL('../fixtures/article-ar-moscow-paris.gold.json', import.meta.url), 'utf8')) as {
  claims: Array<{ text: string; cue: string; speaker: string | null }>;
};

describe('the short claim ClaimReview publishes when the editor wrote none', () => {
  it('drops a leading cue with its speaker and complementizer', () => {
    expect(defaultClaimSummary('قال ديلانويه إن آفاق مثل هذا التبادل "ليس واضحا بما فيه الكفاية"', 'قال')).toBe('آفاق مثل هذا التبادل "ليس واضحا بما فيه الكفاية');
    expect(defaultClaimSummary('وأقر الخبير بأن "موازين القوى تغيرت في هذا الميدان"', 'أقر')).toBe('موازين القوى تغيرت في هذا الميدان');
    expect(defaultClaimSummary('هيئة الأركان الروسية: ندعم جهود فرنسا لتشكيل تحالف', ':')).toBe('ندعم جهود فرنسا لتشكيل تحالف');
    expect(defaultClaimSummary('The minister said that the bridge will reopen in May', 'said')).toBe('the bridge will reopen in May');
  });

  it('drops a trailing attribution', () => {
    expect(defaultClaimSummary('بالتالي فإن التعاون بين روسيا وفرنسا في هذا المجال لن يتجاوز محاربة داعش بحسب الخبير', 'بحسب')).toBe(
      'بالتالي فإن التعاون بين روسيا وفرنسا في هذا المجال لن يتجاوز محاربة داعش',
    );
  });

  it('keeps every annotated claim of the sample article within 75 characters, cut at a word, without its speaker in front', () => {
    for (const claim of GOLD.claims) {
      const summary = defaultClaimSummary(claim.text, claim.cue);
      expect(Array.from(summary).length).toBeLessThanOrEqual(MAX_CLAIM_SUMMARY);
      expect(summary.length).toBeGreaterThan(10);
      if (claim.speaker) expect(summary.startsWith(claim.speaker)).toBe(false);
      if (!summary.endsWith('…')) continue;
      const flat = claim.text.replace(/\s+/g, ' ');
      const head = summary.slice(0, -1);
      const at = flat.indexOf(head);
      expect(at).toBeGreaterThanOrEqual(0);
      // Cut between words, not inside one.
      expect(flat[at + head.length]).toMatch(/[^\p{L}\p{N}]/u);
    }
  });
});

describe('shortening at a word', () => {
  it('leaves short text alone and cuts long text at a space with an ellipsis', () => {
    expect(shortenAtWord('  short   text ', 70)).toBe('short text');
    expect(shortenAtWord('one two three four', 12)).toBe('one two…');
    expect(Array.from(shortenAtWord('كلمة '.repeat(40), 70)).length).toBeLessThanOrEqual(70);
  });

  it('counts code points, so an emoji is never split', () => {
    const text = `${'😀'.repeat(10)} tail`;
    const short = shortenAtWord(text, 8);
    expect(Array.from(short)).toHaveLength(8);
    expect(short).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});
