// eval:extract on a corpus directory: both gold layouts, the reference scorer's matching end to end on a
// small corpus written here, and the command line on it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CorpusError, corpusItems, languageFromFileName, runItem, type Extractor } from '../../src/cli/eval-sources.ts';
import { summarize } from '../../src/extraction/evaluate.ts';

const AR_FILE = '01-ar-wire-budget.txt';
const EN_FILE = '02-en-wire-port.txt';

const AR_TEXT = [
  'قال وزير المالية أحمد الراشدي إن العجز سيتراجع في العام المقبل.',
  'وأضاف الوزير أن الحكومة ستخفض الإنفاق على الوقود، بحسب وكالة الأنباء الفرنسية.',
  'ويرى مراقبون أن الخطة طموحة.',
  'وشهدت العاصمة أمطارا غزيرة يوم الأحد.',
].join('\n');
const EN_TEXT = [
  'Port director Helen Marsh said the new cranes would double capacity by spring, the Daily Tide reported.',
  'A union spokesman said workers had not been consulted.',
].join('\n');

const arClaims = {
  required: ['قال وزير المالية أحمد الراشدي إن العجز سيتراجع في العام المقبل.', 'وأضاف الوزير أن الحكومة ستخفض الإنفاق على الوقود، بحسب وكالة الأنباء الفرنسية.'],
  optional: 'ويرى مراقبون أن الخطة طموحة.',
};
const enClaims = ['Port director Helen Marsh said the new cranes would double capacity by spring, the Daily Tide reported.', 'A union spokesman said workers had not been consulted.'];

const at = (text: string, claim: string) => ({ text: claim, start: text.indexOf(claim), end: text.indexOf(claim) + claim.length });

const gold = {
  [AR_FILE]: {
    file: AR_FILE,
    language: 'ar',
    claims: [
      { ...at(AR_TEXT, arClaims.required[0]!), speaker: 'أحمد الراشدي', outlets: [] },
      { ...at(AR_TEXT, arClaims.required[1]!), speaker: 'أحمد الراشدي', outlets: ['وكالة الأنباء الفرنسية'] },
    ],
    optional_claims: [{ ...at(AR_TEXT, arClaims.optional), speaker: 'مراقبون (غير مسمّى)' }],
  },
  // No language: it comes from the file name.
  [EN_FILE]: {
    file: EN_FILE,
    claims: [
      { ...at(EN_TEXT, enClaims[0]!), speaker: 'Helen Marsh', outlets: ['Daily Tide'] },
      { ...at(EN_TEXT, enClaims[1]!), speaker: 'a union spokesman (unnamed)', outlets: [] },
    ],
  },
};

/** What an engine might answer: spans trimmed or shifted, speakers spelt differently. */
const fakeEngine: Extractor = (text) => {
  if (text === AR_TEXT) {
    return {
      language: 'ar',
      claims: [
        // folded spelling of the gold speaker (alef without hamza, final yaa as alef maqsura)
        { text: 'قال وزير المالية أحمد الراشدي إن العجز سيتراجع', speaker: { name: 'احمد الراشدى' } },
        // a word shared with the gold name once the glued وال is stripped; the outlet named in part
        { text: 'أضاف الوزير أن الحكومة ستخفض الإنفاق على الوقود، بحسب وكالة الأنباء الفرنسية.', speaker: { name: 'والراشدي' }, outlets: [{ name: 'الأنباء الفرنسية' }] },
        { text: 'يرى مراقبون أن الخطة طموحة', speaker: { name: 'مراقبون' } },
        { text: 'وشهدت العاصمة أمطارا غزيرة يوم الأحد', speaker: { name: 'العاصمة' } },
      ],
    };
  }
  return {
    language: 'en',
    claims: [{ text: enClaims[0]!.slice(0, -1), speaker: { name: 'Daily Tide' }, outlets: [] }],
  };
};

const roots: string[] = [];
function writeCorpus(layout: 'single' | 'per-file'): string {
  const dir = mkdtempSync(join(tmpdir(), 'isnad-eval-'));
  roots.push(dir);
  mkdirSync(join(dir, 'texts'));
  writeFileSync(join(dir, 'texts', AR_FILE), AR_TEXT);
  writeFileSync(join(dir, 'texts', EN_FILE), EN_TEXT);
  if (layout === 'single') writeFileSync(join(dir, 'gold.json'), JSON.stringify(gold));
  else {
    mkdirSync(join(dir, 'gold'));
    for (const [file, entry] of Object.entries(gold)) writeFileSync(join(dir, 'gold', file.replace(/\.txt$/, '.gold.json')), JSON.stringify(entry));
  }
  return dir;
}
afterAll(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
});

describe('corpus scoring', () => {
  for (const layout of ['single', 'per-file'] as const) {
    it(`scores a ${layout === 'single' ? 'gold.json' : 'gold/*.gold.json'} corpus by the reference scorer's rules`, () => {
      const runs = corpusItems(writeCorpus(layout)).map((item) => runItem(item, fakeEngine));
      expect(runs.map((r) => [r.item.id, r.item.language, r.error])).toEqual([
        [AR_FILE, 'ar', null],
        [EN_FILE, 'en', null],
      ]);
      const [ar, en] = runs.map((r) => r.evaluation!);
      // Arabic: both required claims found, speakers right after folding and ال stripping, the
      // outlet right; the optional claim counts neither way; the narration sentence is a false positive.
      expect(ar!.counts).toMatchObject({ goldClaims: 2, truePositives: 2, falsePositives: 1, falseNegatives: 0, neutral: 1 });
      expect(ar!.counts).toMatchObject({ speakerCorrect: 2, outletClaims: 1, outletCorrect: 1 });
      // English: one claim found with the outlet named as speaker and no outlet, one missed.
      expect(en!.counts).toMatchObject({ goldClaims: 2, truePositives: 1, falsePositives: 0, falseNegatives: 1, speakerCorrect: 0 });
      expect(en!.errors.map((e) => e.kind)).toEqual(['speaker', 'outlet', 'FN']);
      const overall = summarize(runs.map((r) => r.evaluation!)).overall;
      expect([overall.precision, overall.recall, overall.speakerAccuracy, overall.outletAccuracy]).toEqual([0.75, 0.75, 2 / 3, 0.5]);
    });
  }

  it('scores an article the engine fails on as one with no claim, and counts the failure', () => {
    const [item] = corpusItems(writeCorpus('single'));
    const run = runItem(item!, () => {
      throw new Error('boom');
    });
    expect(run.error).toContain('boom');
    expect(run.evaluation!.counts).toMatchObject({ failures: 1, truePositives: 0, falseNegatives: 2 });
  });

  it('refuses a directory with no gold, and gold that is not an annotation', () => {
    const empty = mkdtempSync(join(tmpdir(), 'isnad-eval-'));
    roots.push(empty);
    expect(() => corpusItems(empty)).toThrow(CorpusError);
    writeFileSync(join(empty, 'gold.json'), JSON.stringify({ 'a.txt': { claims: [{ text: 'x' }] } }));
    expect(() => corpusItems(empty)).toThrow(/not an annotation/);
  });

  it('reads the language from an NN-lang-... file name', () => {
    expect(languageFromFileName('07-fr-wire-x.txt')).toBe('fr');
    expect(languageFromFileName('texts/12-ar-a.txt')).toBe('ar');
    expect(languageFromFileName('notes.txt')).toBeNull();
  });
});

describe('eval:extract --corpus', () => {
  const cli = fileURLToPath(new URL('../../src/cli/eval-extract.ts', import.meta.url));
  const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
  const run = (...args: string[]) => spawnSync(tsx, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });

  it('prints per-language and overall figures as JSON', () => {
    const r = run('--corpus', writeCorpus('per-file'), '--json');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as {
      byLanguage: Record<string, { articles: number; goldClaims: number }>;
      overall: { articles: number; goldClaims: number; precision: number };
      articles: Array<{ id: string; language: string }>;
    };
    expect(report.articles.map((a) => [a.id, a.language])).toEqual([
      [AR_FILE, 'ar'],
      [EN_FILE, 'en'],
    ]);
    expect(Object.keys(report.byLanguage)).toEqual(['ar', 'en']);
    expect(report.overall).toMatchObject({ articles: 2, goldClaims: 4 });
  });

  it('lists errors by class with their counts in verbose mode', () => {
    const r = run('--corpus', writeCorpus('single'), '--verbose');
    expect(r.status).toBe(0);
    for (const heading of ['## FN', '## FP', '## speaker', '## outlet']) expect(r.stdout).toContain(heading);
    expect(r.stdout).toMatch(/errors by class: FN \d+, FP \d+, speaker \d+, outlet \d+ \(missing \d+, wrong \d+\)/);
    expect(r.stdout).toMatch(/span P=\d\.\d{3} R=\d\.\d{3} F1=\d\.\d{3} {2}speaker_acc=\d\.\d{3} {2}outlet_acc=\d\.\d{3} {2}errors=0\/2/);
  });

  it('exits 2 with a message when the corpus has no gold, or --corpus has no directory', () => {
    const empty = mkdtempSync(join(tmpdir(), 'isnad-eval-'));
    roots.push(empty);
    const r = run('--corpus', empty);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no gold.json');
    expect(run('--corpus').status).toBe(2);
  });
});
