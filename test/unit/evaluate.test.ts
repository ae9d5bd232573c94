import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  evaluateArticle,
  figuresFrom,
  formatRatio,
  locateSpans,
  matchClaims,
  nameWords,
  normalizeName,
  outletsMatch,
  sameSpeaker,
  spanIoU,
  summarize,
  emptyCounts,
  type ArticleEvaluation,
  type Counts,
  type GoldAnnotation,
  type GoldClaim,
} from '../../src/extraction/evaluate.ts';

function goldClaim(text: string, source: string, speaker: string, outlets: string[] = []): GoldClaim {
  const start = source.indexOf(text);
  if (start < 0) throw new Error(`not in source: ${text}`);
  return { text, speaker, start, end: start + text.length, outlets };
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
  });

  it('breaks an IoU tie toward the later prediction, then the later gold claim, as the reference scorer does', () => {
    // p0 overlaps g0 and g1 at 0.8 each; the tie goes to the later gold claim g1, which leaves p1
    // (0.4 with g0) without a partner.
    const crossing = matchClaims(
      [{ start: 0, end: 100 }, { start: 40, end: 100 }],
      [{ start: 0, end: 80 }, { start: 20, end: 100 }],
    );
    expect(crossing).toEqual([{ gold: 1, predicted: 0, iou: 0.8 }]);
    // Two predictions tie on one gold claim: the later one takes it.
    expect(matchClaims([{ start: 0, end: 10 }, { start: 0, end: 10 }], [{ start: 0, end: 10 }])).toEqual([{ gold: 0, predicted: 1, iou: 1 }]);
  });
});

describe('normalizeName and nameWords', () => {
  it('folds Arabic spelling, drops marks, tatweel, parenthesised asides and punctuation', () => {
    expect(normalizeName('«هيئة الأركان»')).toBe('هييه الاركان');
    expect(normalizeName('مصادرُ مطّلعة (غير مسمّى)')).toBe('مصادر مطلعه');
    expect(normalizeName('رئيـــس المؤسسة')).toBe('رييس الموسسه');
    expect(normalizeName('  Col.\u00A0Mark   Dawson ')).toBe('col mark dawson');
    expect(normalizeName('ﻻ')).toBe('لا'); // presentation form, NFKC
  });

  it('keeps words of three letters or more, without the article or stop words', () => {
    expect([...nameWords('والرئيس الفرنسي')]).toEqual(['رييس', 'فرنسي']);
    expect([...nameWords('Mr Al Smith of the Bank')]).toEqual(['smith', 'bank']);
    // ال is kept when stripping it would leave two letters or fewer
    expect([...nameWords('الحق')]).toEqual(['الحق']);
  });
});

describe('sameSpeaker', () => {
  it('accepts names that contain one another after Arabic folding', () => {
    expect(sameSpeaker('احمد الراشدى', 'أحمد الراشدي')).toBe(true);
    expect(sameSpeaker('الراشدي', 'وزير المالية أحمد الراشدي')).toBe(true);
    expect(sameSpeaker('هيئه الاركان', 'هيئة الأركان العامة')).toBe(true);
    expect(sameSpeaker('مصادر دبلوماسية', 'مصادر دبلوماسية (غير مسمّى)')).toBe(true);
    expect(sameSpeaker('igor delanoe', 'Igor Delanoë'.normalize('NFD').replace(/\u0308/, ''))).toBe(true);
  });

  it('accepts a shared word of three letters or more once ال and its prefixed forms are stripped', () => {
    expect(sameSpeaker('والراشدي', 'أحمد الراشدي')).toBe(true);
    expect(sameSpeaker('the Finance Ministry', 'Ministry of Finance')).toBe(true);
  });

  it('rejects other speakers, short shared words and empty names', () => {
    expect(sameSpeaker('الوزير', 'أحمد الراشدي')).toBe(false);
    expect(sameSpeaker('Al Smith', 'Al Jones')).toBe(false);
    expect(sameSpeaker('', 'Amina Benali')).toBe(false);
    expect(sameSpeaker('Reuters', '')).toBe(false);
  });
});

describe('outletsMatch', () => {
  it('needs every gold outlet to contain or be contained in a predicted outlet name', () => {
    expect(outletsMatch(['وكالة الأنباء الفرنسية'], [{ name: 'الانباء الفرنسيه' }])).toBe(true);
    expect(outletsMatch(['Reuters'], ['Reuters news agency'])).toBe(true);
    expect(outletsMatch(['Reuters', 'BBC'], [{ name: 'Reuters' }])).toBe(false);
    expect(outletsMatch(['Reuters'], [])).toBe(false);
    expect(outletsMatch(['Reuters'], [{ name: '' }, { name: '«»' }])).toBe(false);
  });
});

describe('locateSpans', () => {
  it('places a claim where its text first occurs, in code points, whatever offsets it carries', () => {
    const text = '🙂 He said yes. He said yes.';
    const [first] = locateSpans(text, [{ text: 'He said yes', start: 16, end: 27 }]);
    expect(first).toMatchObject({ start: 2, end: 13 });
  });

  it('falls back on UTF-16 offsets converted to code points, and leaves out what it cannot place', () => {
    const text = '🙂🙂 Amina said the plan works.';
    const placed = locateSpans(text, [{ text: 'not in the text', start: 5, end: 30 }, { text: '' }, {}]);
    expect(placed).toHaveLength(1);
    expect(placed[0]).toMatchObject({ start: 3, end: 28 });
    expect([...text].slice(3, 28).join('')).toBe('Amina said the plan works');
  });
});

const counts = (partial: Partial<Counts>): Counts => ({ ...emptyCounts(), articles: 1, ...partial });

describe('figuresFrom', () => {
  it('computes precision, recall, F1, speaker and outlet accuracy', () => {
    const f = figuresFrom(counts({ goldClaims: 10, truePositives: 6, falsePositives: 2, falseNegatives: 4, speakerCorrect: 3, outletClaims: 4, outletCorrect: 1 }));
    expect(f.precision).toBe(0.75);
    expect(f.recall).toBe(0.6);
    expect(f.f1).toBeCloseTo((2 * 0.75 * 0.6) / 1.35);
    expect(f.speakerAccuracy).toBe(0.5);
    expect(f.outletAccuracy).toBe(0.25);
  });

  it('counts an empty ratio as 0, as the reference scorer does', () => {
    const nothing = figuresFrom(counts({}));
    expect([nothing.precision, nothing.recall, nothing.f1, nothing.speakerAccuracy, nothing.outletAccuracy]).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('formatRatio', () => {
  it('rounds to three decimals, an exact tie to even', () => {
    expect(formatRatio(2 / 3)).toBe('0.667');
    expect(formatRatio(0.0625)).toBe('0.062');
    expect(formatRatio(0.1875)).toBe('0.188');
    expect(formatRatio(9 / 16)).toBe('0.562');
    expect(formatRatio(1)).toBe('1.000');
    expect(formatRatio(0.0626)).toBe('0.063');
  });
});

describe('evaluateArticle', () => {
  const text =
    'The minister said the budget would balance by 2027, according to Reuters. "Taxes will not rise," Amina Benali added. ' +
    'Rain is expected on Monday. Analysts said growth was slowing. Officials hinted at a delay.';
  const gold: GoldAnnotation = {
    claims: [
      goldClaim('The minister said the budget would balance by 2027, according to Reuters.', text, 'Amina Benali', ['Reuters']),
      goldClaim('"Taxes will not rise," Amina Benali added.', text, 'Amina Benali'),
      goldClaim('Analysts said growth was slowing.', text, 'analysts (unnamed)'),
    ],
    optional_claims: [goldClaim('Officials hinted at a delay.', text, 'officials (unnamed)')],
  };

  it('counts matches, misses, false positives and optional claims, and judges speakers and outlets', () => {
    const claims = [
      { text: 'The minister said the budget would balance by 2027', speaker: { name: 'Benali' }, outlets: [{ name: 'Reuters' }] },
      { text: 'Taxes will not rise," Amina Benali added', speaker: { name: 'Reuters' } },
      { text: 'Rain is expected on Monday', speaker: { name: 'Monday' } },
      { text: 'Officials hinted at a delay', speaker: { name: 'officials' } },
    ];
    const e = evaluateArticle(text, gold, claims, { id: 'budget', language: 'en' });
    expect(e.counts).toMatchObject({ goldClaims: 3, truePositives: 2, falsePositives: 1, falseNegatives: 1, neutral: 1 });
    expect(e.counts).toMatchObject({ speakerCorrect: 1, outletClaims: 1, outletCorrect: 1 });
    expect(e.errors.map((x) => [x.kind, x.text])).toEqual([
      ['speaker', '"Taxes will not rise," Amina Benali added.'],
      ['FP', 'Rain is expected on Monday'],
      ['FN', 'Analysts said growth was slowing.'],
    ]);
    expect(e.goldProblems).toEqual([]);
  });

  it('reports an outlet left out or wrong, and a gold claim whose text is not in the article', () => {
    const claims = [{ text: 'The minister said the budget would balance by 2027, according to Reuters', speaker: 'Amina Benali', outlets: [] }];
    const broken: GoldAnnotation = { claims: [...gold.claims, { text: 'Nobody said this.', speaker: 'x' }] };
    const e = evaluateArticle(text, broken, claims, { id: 'x', language: 'en' });
    expect(e.errors.find((x) => x.kind === 'outlet')).toMatchObject({ predictedOutlets: [], goldOutlets: ['Reuters'] });
    expect(e.goldProblems).toHaveLength(1);
    expect(e.counts.goldClaims).toBe(3);
  });
});

describe('summarize', () => {
  it('adds counts per language (known languages first) and overall', () => {
    const mk = (language: string, c: Partial<Counts>): ArticleEvaluation => ({ id: language, language, counts: counts(c), errors: [], goldProblems: [] });
    const s = summarize([
      mk('fr', { goldClaims: 5, truePositives: 5, speakerCorrect: 5 }),
      mk('ar', { goldClaims: 10, truePositives: 8, falsePositives: 2, falseNegatives: 2, speakerCorrect: 8 }),
      mk('ar', { goldClaims: 4, truePositives: 2, falseNegatives: 2, speakerCorrect: 1, outletClaims: 2, outletCorrect: 1 }),
    ]);
    expect(Object.keys(s.byLanguage)).toEqual(['ar', 'fr']);
    expect(s.byLanguage.ar).toMatchObject({ articles: 2, goldClaims: 14, truePositives: 10, falsePositives: 2, speakerCorrect: 9, outletAccuracy: 0.5 });
    expect(s.byLanguage.ar!.precision).toBeCloseTo(10 / 12);
    expect(s.byLanguage.ar!.recall).toBeCloseTo(10 / 14);
    expect(s.byLanguage.fr!.f1).toBe(1);
    expect(s.overall).toMatchObject({ articles: 3, goldClaims: 19, truePositives: 15, speakerCorrect: 14 });
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
  claims: Array<GoldClaim & { start: number; end: number; cue: string; kind: string }>;
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
