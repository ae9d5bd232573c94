// Command-line report: run the extraction engine over the annotated evaluation set and print
// precision, recall, F1 and speaker accuracy per language and overall.
//   npm run --silent eval:extract -- [--verbose] [--json]
// The set is every test/fixtures/eval/NAME.gold.json (text in NAME.txt beside it) plus the seed
// article (test/fixtures/article-ar-moscow-paris.gold.json, text in src/seed/).
// Exit code: 0 whatever the figures (this is a report), 2 on a usage error.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extract } from '../extraction/index.ts';
import {
  IOU_THRESHOLD,
  LANGUAGE_ORDER,
  evaluateArticle,
  summarize,
  type ArticleEvaluation,
  type EvalLanguage,
  type Figures,
  type GoldArticle,
  type PredictionLike,
  type Summary,
} from '../extraction/evaluate.ts';

const USAGE = 'usage: eval:extract [--verbose] [--json]';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EVAL_DIR = join(ROOT, 'test/fixtures/eval');
const SEED = { gold: join(ROOT, 'test/fixtures/article-ar-moscow-paris.gold.json'), textDir: join(ROOT, 'src/seed') };

interface Fixture {
  id: string;
  goldPath: string;
  textPath: string;
}

interface ArticleReport {
  evaluation: ArticleEvaluation | null;
  id: string;
  error: string | null;
}

function parseArgs(argv: readonly string[]): { verbose: boolean; json: boolean } | null {
  const flags = { verbose: false, json: false };
  for (const arg of argv) {
    if (arg === '--verbose' || arg === '-v') flags.verbose = true;
    else if (arg === '--json') flags.json = true;
    else return null;
  }
  return flags;
}

function listFixtures(): Fixture[] {
  const fixtures: Fixture[] = [];
  const seedGold = JSON.parse(readFileSync(SEED.gold, 'utf8')) as GoldArticle;
  fixtures.push({
    id: basename(SEED.gold, '.gold.json'),
    goldPath: SEED.gold,
    textPath: join(SEED.textDir, seedGold.article.file ?? 'article-ar-moscow-paris.txt'),
  });
  for (const name of readdirSync(EVAL_DIR).filter((f) => f.endsWith('.gold.json')).sort()) {
    const id = name.slice(0, -'.gold.json'.length);
    fixtures.push({ id, goldPath: join(EVAL_DIR, name), textPath: join(EVAL_DIR, `${id}.txt`) });
  }
  return fixtures;
}

function run(fixture: Fixture): ArticleReport {
  let text: string;
  let gold: GoldArticle;
  try {
    text = readFileSync(fixture.textPath, 'utf8');
    gold = JSON.parse(readFileSync(fixture.goldPath, 'utf8')) as GoldArticle;
  } catch (error) {
    return { id: fixture.id, evaluation: null, error: `cannot load fixture: ${(error as Error).message}` };
  }
  let result: PredictionLike;
  let error: string | null = null;
  try {
    const options = gold.article.publisher === undefined
      ? { language: gold.article.language }
      : { language: gold.article.language, publisher: gold.article.publisher };
    result = extract(text, options);
  } catch (e) {
    // Scored as an article with no prediction, so a crash costs recall instead of hiding it.
    error = `extract() threw: ${(e as Error).message}`;
    result = { claims: [] };
  }
  return { id: fixture.id, evaluation: evaluateArticle(text, gold, result, { id: fixture.id }), error };
}

const pct = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

function table(rows: Array<[string, Figures]>): string {
  const header = ['', 'articles', 'gold', 'predicted', 'TP', 'precision', 'recall', 'F1', 'speaker acc.'];
  const body = rows.map(([label, f]) => [
    label,
    String(f.articles),
    String(f.goldClaims),
    String(f.predictedClaims),
    String(f.truePositives),
    pct(f.precision),
    pct(f.recall),
    pct(f.f1),
    f.speakerAccuracy === null ? '—' : `${pct(f.speakerAccuracy)} (${f.speakerCorrect}/${f.truePositives})`,
  ]);
  const all = [header, ...body];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [line(header), ...body.map((r, i) => (i === body.length - 1 ? `${'-'.repeat(line(r).length)}\n${line(r)}` : line(r)))].join('\n');
}

const clip = (s: string, n = 110): string => {
  const flat = s.replace(/\s+/g, ' ');
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
};

function printVerbose(reports: readonly ArticleReport[]): void {
  for (const r of reports) {
    const e = r.evaluation;
    if (!e) {
      console.log(`\n## ${r.id}: ${r.error}`);
      continue;
    }
    const f = e.figures;
    console.log(
      `\n## ${e.id} [${e.language}]  gold ${f.goldClaims}, predicted ${f.predictedClaims}, TP ${f.truePositives}, ` +
        `P ${pct(f.precision)}, R ${pct(f.recall)}, F1 ${pct(f.f1)}, speaker ${pct(f.speakerAccuracy)}`,
    );
    if (r.error) console.log(`  ! ${r.error}`);
    for (const p of e.goldProblems) console.log(`  ! ${p}`);
    for (const m of e.misses) console.log(`  miss  ${m.start}-${m.end} [${m.speaker}] ${clip(m.text)}`);
    for (const p of e.falsePositives) console.log(`  false ${p.start}-${p.end} [${p.speaker}] ${clip(p.text)}`);
    for (const m of e.matched.filter((x) => !x.speakerCorrect)) {
      console.log(`  speaker ${m.gold.start}-${m.gold.end} predicted [${m.predicted.speaker.name}], gold [${m.gold.speaker}]`);
    }
  }
}

function toJson(reports: readonly ArticleReport[], summary: Summary, verbose: boolean): unknown {
  return {
    threshold: summary.threshold,
    byLanguage: summary.byLanguage,
    overall: summary.overall,
    articles: reports.map((r) => {
      const e = r.evaluation;
      const base = { id: r.id, language: e?.language ?? null, error: r.error, figures: e?.figures ?? null };
      if (!verbose || !e) return base;
      return {
        ...base,
        goldProblems: e.goldProblems,
        misses: e.misses.map((m) => ({ start: m.start, end: m.end, speaker: m.speaker, text: m.text })),
        falsePositives: e.falsePositives,
        speakerErrors: e.matched
          .filter((m) => !m.speakerCorrect)
          .map((m) => ({ start: m.gold.start, end: m.gold.end, predicted: m.predicted.speaker.name, gold: m.gold.speaker })),
      };
    }),
  };
}

function main(argv: readonly string[]): number {
  const flags = parseArgs(argv);
  if (!flags) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const reports = listFixtures().map(run);
  const evaluations = reports.flatMap((r) => (r.evaluation ? [r.evaluation] : []));
  const summary = summarize(evaluations);

  if (flags.json) {
    console.log(JSON.stringify(toJson(reports, summary, flags.verbose), null, 2));
    return 0;
  }
  const rows: Array<[string, Figures]> = [];
  for (const language of LANGUAGE_ORDER) {
    const f = summary.byLanguage[language as EvalLanguage];
    if (f) rows.push([language, f]);
  }
  rows.push(['overall', summary.overall]);
  console.log(`Claim extraction: ${evaluations.length} articles; a claim matches at span IoU >= ${IOU_THRESHOLD}, one-to-one; figures micro-averaged.\n`);
  console.log(table(rows));
  const failed = reports.filter((r) => r.error);
  for (const r of failed) console.log(`! ${r.id}: ${r.error}`);
  if (flags.verbose) printVerbose(reports);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
