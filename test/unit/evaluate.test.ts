import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  evaluateArticle,
  figuresFrom,
  matchClaims,
  normalizeSpeakerName,
  spanIoU,
  speakerMatches,
  summarize,
  type GoldArticle,
  type GoldClaim,
  type PredictedClaim,
} from '../../src/extraction/evaluate.ts';

function goldClaim(text: string, source: string, speaker: string): GoldClaim {
  const start = source.indexOf(text);
  if (start < 0) throw new Error(`not in source: ${text}`);
  return { text, speaker, start, end: start + text.length };
}

function predicted(start: number, end: number, speaker: string): PredictedClaim {
  return { start, end, speaker: { name: speaker, aliases: [] } };
}

describe('spanIoU', () => {
  it('is 1 for identical spans, 0 for disjoint or touching spans', () => {
    expect(spanIoU({ start: 10, end: 20 }, { start: 10, end: 20 })).toBe(1);
    expect(spanIoU({ start: 0, end: 10 }, { start: 10, end: 20 })).toBe(0);
    expect(spanIoU({ start: 0, end: 5 }, { start: 50, end: 60 })).toBe(0);
  });

  it('divides the overlap by the union', () => {
    expect(spanIoU({ start: 0, end: 10 }, { start: 5, end: 15 })).toBeCloseTo(5 / 15);
    expect(spanIoU({ start: 0, end: 100 }, { start: 0, end: 50 })).toBe(0.5);
  });

  it('is 0 for empty spans', () => {
    expect(spanIoU({ start: 5, end: 5 }, { start: 5, end: 5 })).toBe(0);
    expect(spanIoU({ start: 5, end: 5 }, { start: 0, end: 10 })).toBe(0);
  });
});

describe('matchClaims', () => {
  it('matches at exactly the 0.5 threshold and not just below it', () => {
    const gold = [{ start: 0, end: 100 }];
    expect(matchClaims([{ start: 0, end: 50 }], gold)).toHaveLength(1);
    expect(matchClaims([{ start: 0, end: 49 }], gold)).toHaveLength(0);
    expect(matchClaims([{ start: 50, end: 151 }], gold)).toHaveLength(0);
  });

  it('is one-to-one: two predictions on one gold claim give one match', () => {
    const gold = [{ start: 0, end: 100 }];
    const pairs = matchClaims([{ start: 0, end: 90 }, { start: 0, end: 100 }], gold);
    expect(pairs).toEqual([{ gold: 0, predicted: 1, iou: 1 }]);
  });

  it('is one-to-one: one prediction spanning two gold claims matches only the better one', () => {
    const gold = [{ start: 0, end: 60 }, { start: 62, end: 100 }];
    const pairs = matchClaims([{ start: 0, end: 100 }], gold);
    expect(pairs).toHaveLength(1);
    expect(pairs[0]!.gold).toBe(0);
  });

  it('assigns greedily by best IoU, not by document order', () => {
    // g0 = 0-60, g1 = 10-110; p0 = 0-100 overlaps g0 (0.6) and g1 (90/110 ≈ 0.82); p1 = 30-110 overlaps
    // g1 (0.8) and g0 (0.27, below the threshold). Best IoU first: p0–g1 is taken, which leaves p1
    // without a partner and g0 unmatched; a gold-order assignment would have paired p0–g0 and p1–g1.
    expect(matchClaims([{ start: 0, end: 100 }, { start: 30, end: 110 }], [{ start: 0, end: 60 }, { start: 10, end: 110 }])).toEqual([
      { gold: 1, predicted: 0, iou: 90 / 110 },
    ]);
    const crossing = matchClaims(
      [{ start: 0, end: 100 }, { start: 40, end: 100 }],
      [{ start: 0, end: 80 }, { start: 20, end: 100 }],
    );
    // IoUs: p0–g0 0.8, p0–g1 0.8, p1–g0 0.4, p1–g1 0.75. Tie on 0.8 goes to the earlier gold claim.
    expect(crossing).toEqual([
      { gold: 0, predicted: 0, iou: 0.8 },
      { gold: 1, predicted: 1, iou: 0.75 },
    ]);
  });
});

describe('speakerMatches', () => {
  it('accepts the gold name or an alias after Arabic normalisation', () => {
    expect(speakerMatches('إيغور ديلانويه', 'إيغور ديلانويه')).toBe(true);
    expect(speakerMatches('الخبير الفرنسي', 'إيغور ديلانويه', ['الخبير', 'الخبير الفرنسي'])).toBe(true);
    // tatweel, diacritics and hamza/alef spelling are ignored
    expect(speakerMatches('الخبيـــر', 'إيغور ديلانويه', ['الخبير'])).toBe(true);
    expect(speakerMatches('وزارة الصِّحَّة', 'وزارة الصحة الاتحادية', [])).toBe(true);
    expect(speakerMatches('ايغور ديلانويه', 'إيغور ديلانويه')).toBe(true);
    // alef maqsura / yaa and taa marbuta / haa
    expect(speakerMatches('مصطفي', 'مصطفى')).toBe(true);
    expect(speakerMatches('هيئه الاركان', 'هيئة الأركان')).toBe(true);
  });

  it('accepts Latin names ignoring case and accents, and names that contain or are contained in the gold name', () => {
    expect(speakerMatches('igor delanoe', 'Igor Delanoë')).toBe(true);
    expect(speakerMatches('Benali', 'Amina Benali')).toBe(true);
    expect(speakerMatches('Health Minister Amina Benali', 'Amina Benali')).toBe(true);
    expect(speakerMatches('Col. Mark Dawson', 'Mark Dawson')).toBe(true);
    expect(speakerMatches('هيئة الأركان', 'هيئة الأركان العامة للقوات المسلحة الأوكرانية')).toBe(true);
  });

  it('rejects other speakers, partial words and empty names', () => {
    expect(speakerMatches('Reuters', 'Amina Benali', ['Benali', 'the minister'])).toBe(false);
    expect(speakerMatches('he', 'the minister')).toBe(false);
    expect(speakerMatches('Ben', 'Amina Benali')).toBe(false);
    expect(speakerMatches('', 'Amina Benali')).toBe(false);
    expect(speakerMatches('   ', 'Amina Benali')).toBe(false);
    // an alias counts only when equal: containing an alias is not enough
    expect(speakerMatches('the minister of finance', 'Amina Benali', ['the minister'])).toBe(false);
  });

  it('normalises punctuation and spacing', () => {
    expect(normalizeSpeakerName('  Col.\u00A0Mark   Dawson ')).toBe('col mark dawson');
    expect(normalizeSpeakerName('«هيئة الأركان»')).toBe('هيئه الاركان');
  });
});

describe('figuresFrom', () => {
  it('computes precision, recall, F1 and speaker accuracy', () => {
    const f = figuresFrom({ articles: 1, goldClaims: 10, predictedClaims: 8, truePositives: 6, speakerCorrect: 3 });
    expect(f.precision).toBe(0.75);
    expect(f.recall).toBe(0.6);
    expect(f.f1).toBeCloseTo((2 * 0.75 * 0.6) / 1.35);
    expect(f.speakerAccuracy).toBe(0.5);
  });

  it('handles empty predictions and empty gold', () => {
    const none = figuresFrom({ articles: 1, goldClaims: 4, predictedClaims: 0, truePositives: 0, speakerCorrect: 0 });
    expect([none.precision, none.recall, none.f1, none.speakerAccuracy]).toEqual([0, 0, 0, null]);
    const nothing = figuresFrom({ articles: 1, goldClaims: 0, predictedClaims: 0, truePositives: 0, speakerCorrect: 0 });
    expect([nothing.precision, nothing.recall, nothing.f1]).toEqual([1, 1, 1]);
    const spurious = figuresFrom({ articles: 1, goldClaims: 0, predictedClaims: 3, truePositives: 0, speakerCorrect: 0 });
    expect([spurious.precision, spurious.recall, spurious.f1]).toEqual([0, 1, 0]);
  });
});

describe('evaluateArticle', () => {
  const text =
    'The minister said the budget would balance by 2027. "Taxes will not rise," Amina Benali added. ' +
    'Rain is expected on Monday. Analysts said growth was slowing.';
  const gold: GoldArticle = {
    article: { language: 'en', publisher: 'Test Wire' },
    speakers: [
      { name: 'Amina Benali', aliases: ['the minister', 'Benali'] },
      { name: 'analysts', aliases: [] },
    ],
    claims: [
      goldClaim('The minister said the budget would balance by 2027', text, 'Amina Benali'),
      goldClaim('"Taxes will not rise," Amina Benali added', text, 'Amina Benali'),
      goldClaim('Analysts said growth was slowing', text, 'analysts'),
    ],
  };
  const [g0, g1, g2] = gold.claims as [GoldClaim, GoldClaim, GoldClaim];
  const rain = text.indexOf('Rain is expected');

  it('counts matches, misses and false positives, and checks speakers on matches', () => {
    const result = {
      claims: [
        predicted(g0.start, g0.end, 'the minister'), // exact, alias speaker
        predicted(g1.start + 2, g1.end, 'Reuters'), // overlaps well, wrong speaker
        predicted(rain, rain + 26, 'Monday'), // false positive
      ],
    };
    const e = evaluateArticle(text, gold, result, { id: 'budget' });
    expect(e.id).toBe('budget');
    expect(e.figures).toMatchObject({ goldClaims: 3, predictedClaims: 3, truePositives: 2, speakerCorrect: 1 });
    expect(e.figures.precision).toBeCloseTo(2 / 3);
    expect(e.figures.recall).toBeCloseTo(2 / 3);
    expect(e.figures.speakerAccuracy).toBe(0.5);
    expect(e.misses.map((m) => m.text)).toEqual([g2.text]);
    expect(e.falsePositives).toEqual([{ start: rain, end: rain + 26, text: 'Rain is expected on Monday', speaker: 'Monday' }]);
    expect(e.matched.map((m) => m.speakerCorrect)).toEqual([true, false]);
    expect(e.goldProblems).toEqual([]);
  });

  it('reports gold offsets that do not slice the text', () => {
    const broken: GoldArticle = { ...gold, claims: [{ ...g0, start: g0.start + 1, end: g0.end + 1 }] };
    expect(evaluateArticle(text, broken, { claims: [] }).goldProblems).toHaveLength(1);
  });
});

describe('summarize', () => {
  it('micro-averages per language and overall, omitting absent languages', () => {
    const mk = (language: 'ar' | 'en' | 'fr', goldClaims: number, predictedClaims: number, truePositives: number, speakerCorrect: number) => ({
      id: `${language}-${goldClaims}`,
      language,
      figures: figuresFrom({ articles: 1, goldClaims, predictedClaims, truePositives, speakerCorrect }),
      matched: [],
      misses: [],
      falsePositives: [],
      goldProblems: [],
    });
    const s = summarize([mk('ar', 10, 10, 8, 8), mk('ar', 4, 2, 2, 1), mk('fr', 5, 5, 5, 5)]);
    expect(Object.keys(s.byLanguage)).toEqual(['ar', 'fr']);
    expect(s.byLanguage.ar).toMatchObject({ articles: 2, goldClaims: 14, predictedClaims: 12, truePositives: 10, speakerCorrect: 9 });
    expect(s.byLanguage.ar!.precision).toBeCloseTo(10 / 12);
    expect(s.byLanguage.ar!.recall).toBeCloseTo(10 / 14);
    expect(s.byLanguage.ar!.speakerAccuracy).toBeCloseTo(0.9);
    expect(s.byLanguage.fr!.f1).toBe(1);
    expect(s.overall).toMatchObject({ articles: 3, goldClaims: 19, predictedClaims: 17, truePositives: 15, speakerCorrect: 14 });
    expect(s.threshold).toBe(0.5);
  });
});

// ---------------------------------------------------------------------------------------------
// Integrity of the annotated evaluation set (not the engine's accuracy).

const EVAL_DIR = new URL('../fixtures/eval/', import.meta.url);

interface FixtureGold {
  article: { file?: string; language: string; publisher?: string; line_endings?: string };
  speakers: Array<{ name: string; aliases: string[] }>;
  outlets: Array<{ name: string; kind: string; role: string }>;
  noise: Array<{ text: string; why: string }>;
  claims: Array<GoldClaim & { cue: string; kind: string }>;
}

const fixtures = readdirSync(EVAL_DIR)
  .filter((f) => f.endsWith('.gold.json'))
  .sort()
  .map((f) => {
    const name = f.slice(0, -'.gold.json'.length);
    return {
      name,
      gold: JSON.parse(readFileSync(new URL(f, EVAL_DIR), 'utf8')) as FixtureGold,
      text: readFileSync(new URL(`${name}.txt`, EVAL_DIR), 'utf8'),
    };
  });

describe('evaluation fixtures', () => {
  it('has at least 12 articles: 6 Arabic, 3 English, 3 French', () => {
    const count = (language: string) => fixtures.filter((f) => f.gold.article.language === language).length;
    expect(fixtures.length).toBeGreaterThanOrEqual(12);
    expect(count('ar')).toBeGreaterThanOrEqual(6);
    expect(count('en')).toBeGreaterThanOrEqual(3);
    expect(count('fr')).toBeGreaterThanOrEqual(3);
    expect(fixtures.every((f) => ['ar', 'en', 'fr'].includes(f.gold.article.language))).toBe(true);
  });

  it('keeps CRLF line endings where the gold says so, and at least one such file', () => {
    const crlf = fixtures.filter((f) => f.gold.article.line_endings === 'crlf');
    expect(crlf.length).toBeGreaterThanOrEqual(1);
    for (const f of fixtures) {
      const hasCrlf = f.text.includes('\r\n');
      expect(hasCrlf, f.name).toBe(f.gold.article.line_endings === 'crlf');
      if (hasCrlf) expect(f.text.replace(/\r\n/g, ''), f.name).not.toContain('\n');
    }
  });

  for (const { name, gold, text } of fixtures) {
    describe(name, () => {
      it('names its text file and has article metadata', () => {
        expect(gold.article.file).toBe(`${name}.txt`);
        expect(gold.article.publisher).toBeTruthy();
        expect(text).not.toContain('\uFFFD');
        const words = text.split(/\s+/).filter(Boolean).length;
        expect(words).toBeGreaterThanOrEqual(150);
        expect(words).toBeLessThanOrEqual(500);
      });

      it('has claims whose offsets slice the text exactly', () => {
        expect(gold.claims.length).toBeGreaterThan(0);
        for (const c of gold.claims) {
          expect(text.slice(c.start, c.end), `${c.start}-${c.end}`).toBe(c.text);
          expect(c.text).toBe(c.text.trim());
          expect(c.text.endsWith('.'), c.text).toBe(false);
        }
      });

      it('has claims in order that do not overlap', () => {
        for (let i = 1; i < gold.claims.length; i++) {
          expect(gold.claims[i]!.start).toBeGreaterThanOrEqual(gold.claims[i - 1]!.end);
        }
      });

      it('has claims whose speakers are declared, with a cue and a kind', () => {
        const names = new Set(gold.speakers.map((s) => s.name));
        for (const c of gold.claims) {
          expect(names.has(c.speaker), c.speaker).toBe(true);
          expect(c.cue).toBeTruthy();
          expect(['factual', 'opinion', 'question', 'prediction']).toContain(c.kind);
        }
        for (const s of gold.speakers) expect(Array.isArray(s.aliases)).toBe(true);
      });

      it('has noise texts that occur in the file and overlap no claim', () => {
        for (const n of gold.noise) {
          const at = text.indexOf(n.text);
          expect(at, n.text).toBeGreaterThanOrEqual(0);
          expect(n.why).toBeTruthy();
          const end = at + n.text.length;
          for (const c of gold.claims) expect(c.end <= at || c.start >= end, `${n.text} / ${c.text}`).toBe(true);
        }
      });
    });
  }
});

// ---------------------------------------------------------------------------------------------
// The command line: usage errors and the JSON report's shape (no accuracy thresholds here).

describe('eval:extract command line', () => {
  const cli = fileURLToPath(new URL('../../src/cli/eval-extract.ts', import.meta.url));
  const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
  const run = (...args: string[]) => spawnSync(tsx, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });

  it('exits 2 on an unknown flag', () => {
    const r = run('--nope');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage');
  });

  it('prints a JSON report covering every fixture plus the seed article, and exits 0', () => {
    const r = run('--json');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as {
      threshold: number;
      byLanguage: Record<string, { articles: number }>;
      overall: { articles: number; goldClaims: number };
      articles: Array<{ id: string }>;
    };
    expect(report.threshold).toBe(0.5);
    expect(report.articles).toHaveLength(fixtures.length + 1);
    expect(report.articles.map((a) => a.id)).toContain('article-ar-moscow-paris');
    expect(Object.keys(report.byLanguage)).toEqual(['ar', 'en', 'fr']);
    expect(report.overall.articles).toBe(fixtures.length + 1);
    const goldTotal = fixtures.reduce((n, f) => n + f.gold.claims.length, 0);
    expect(report.overall.goldClaims).toBeGreaterThan(goldTotal); // plus the seed's claims
  });
});
