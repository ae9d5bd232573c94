import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extraction/index.ts';
import type { ExtractedClaim, ExtractionResult } from '../../src/extraction/index.ts';

interface GoldClaim {
  text: string;
  speaker: string;
  start: number;
  end: number;
}
interface Gold {
  claims: GoldClaim[];
  noise: { text: string }[];
}

const text = readFileSync(new URL('../../src/seed/article-ar-moscow-paris.txt', import.meta.url), 'utf8');
const gold = JSON.parse(readFileSync(new URL('../fixtures/article-ar-moscow-paris.gold.json', import.meta.url), 'utf8')) as Gold;

function iou(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return union === 0 ? 0 : inter / union;
}

function matches(c: ExtractedClaim, g: GoldClaim): boolean {
  return iou(c, g) >= 0.5 && c.speaker.name === g.speaker;
}

function score(result: ExtractionResult): { found: number; precision: number } {
  const found = gold.claims.filter((g) => result.claims.some((c) => matches(c, g))).length;
  const correct = result.claims.filter((c) => gold.claims.some((g) => matches(c, g))).length;
  return { found, precision: result.claims.length ? correct / result.claims.length : 0 };
}

describe('gold article: Moscow–Paris military cooperation (Sputnik Arabic)', () => {
  const result = extract(text);

  it('detects Arabic', () => {
    expect(result.language).toBe('ar');
  });

  it('finds at least 12 of the 13 annotated claims with the right speaker', () => {
    const { found } = score(result);
    expect(found).toBeGreaterThanOrEqual(12);
  });

  it('keeps false positives low (precision ≥ 0.85)', () => {
    expect(score(result).precision).toBeGreaterThanOrEqual(0.85);
  });

  it('returns spans that slice the input exactly', () => {
    for (const c of result.claims) {
      expect(c.text).toBe(text.slice(c.start, c.end));
      expect(c.prefix).toBe(text.slice(Math.max(0, c.start - 32), c.start));
      expect(c.suffix).toBe(text.slice(c.end, c.end + 32));
      expect(c.checkworthiness).toBeGreaterThanOrEqual(0);
      expect(c.checkworthiness).toBeLessThanOrEqual(1);
    }
  });

  it('detects the three noise spans and keeps them out of every claim', () => {
    for (const g of gold.noise) {
      const start = text.indexOf(g.text);
      const span = { start, end: start + g.text.length };
      const hit = result.noise.find((n) => iou(n, span) >= 0.8);
      expect(hit, g.text).toBeDefined();
      for (const c of result.claims) {
        const overlap = Math.min(c.end, span.end) - Math.max(c.start, span.start);
        expect(overlap, `${g.text} inside ${c.text}`).toBeLessThanOrEqual(0);
      }
    }
    expect(result.noise.map((n) => n.reason)).toEqual(expect.arrayContaining(['related_headline', 'photo_credit', 'share_link']));
  });

  it('resolves the expert across surname, role nouns and the headline institution', () => {
    const expert = result.speakers.find((s) => s.name === 'إيغور ديلانويه');
    expect(expert).toBeDefined();
    expect(expert!.kind).toBe('person');
    expect(expert!.aliases).toEqual(expect.arrayContaining(['ديلانويه', 'الخبير', 'الخبير الفرنسي']));
    expect(expert!.role).toContain('خبير');
    const staff = result.speakers.find((s) => s.name === 'هيئة الأركان الروسية');
    expect(staff?.kind).toBe('organization');
  });

  it('finds the outlets with their roles', () => {
    const find = (name: string) => result.outlets.filter((o) => o.name.includes(name));
    expect(find("L'Orient le Jour").map((o) => o.role)).toContain('interview');
    expect(find('Sputnik').map((o) => o.role)).toEqual(expect.arrayContaining(['photo_credit', 'republished']));
    const channel = find('buratha')[0];
    expect(channel?.role).toBe('distributed');
    expect(channel?.kind).toBe('channel');
    expect(channel?.url).toBe('https://telegram.me/buratha');
  });

  it("chains each of the expert's claims: interview outlet → publisher → channel", () => {
    for (const c of result.claims.filter((x) => x.speaker.name === 'إيغور ديلانويه')) {
      expect(c.outlets.map((o) => [o.name, o.role, o.order])).toEqual([
        ["L'Orient le Jour", 'interview', 1],
        ['Sputnik', 'republished', 2],
        ['buratha', 'distributed', 3],
      ]);
    }
  });

  it('uses an explicit publisher instead of the photo agency', () => {
    const r = extract(text, { publisher: 'Sputnik Arabic' });
    const c = r.claims.find((x) => x.speaker.name === 'إيغور ديلانويه')!;
    expect(c.outlets.map((o) => o.name)).toEqual(["L'Orient le Jour", 'Sputnik Arabic', 'buratha']);
  });

  it('classifies the question and the prediction cues', () => {
    const q = result.claims.find((c) => c.cue === 'تساءل' && c.text.startsWith('وتساءل'));
    expect(q?.kind).toBe('question');
    const p = result.claims.find((c) => c.cue === 'رجح');
    expect(p?.kind).toBe('prediction');
  });

  it('is deterministic', () => {
    expect(JSON.stringify(extract(text))).toBe(JSON.stringify(result));
  });
});
