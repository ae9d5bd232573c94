// Command-line report: run the extraction engine over annotated articles and print precision,
// recall, F1, speaker accuracy and outlet accuracy per language and overall, by the rules of
// src/extraction/evaluate.ts (those of the reference scorer for the real-news corpus).
//   npm run --silent eval:extract -- [--corpus DIR] [--verbose] [--json]
// Without --corpus: the project's own fixtures (test/fixtures/eval/ plus the seed article).
// With --corpus DIR: DIR/texts/ with DIR/gold.json or DIR/gold/*.gold.json.
// --verbose lists every error by class (FN, FP, speaker, outlet) and counts them.
// Exit code: 0 whatever the figures (this is a report), 2 on a usage or corpus error.
import {
  ERROR_CLASSES,
  IOU_THRESHOLD,
  formatRatio,
  summarize,
  type ArticleEvaluation,
  type ErrorClass,
  type EvaluationError,
  type Figures,
  type Summary,
} from '../extraction/evaluate.ts';
import { CorpusError, corpusItems, fixtureItems, runItem, type EvalItem, type EvalRun } from './eval-sources.ts';

const USAGE = 'usage: eval:extract [--corpus DIR] [--verbose] [--json]';

interface Flags {
  corpus: string | null;
  verbose: boolean;
  json: boolean;
}

function parseArgs(argv: readonly string[]): Flags | null {
  const flags: Flags = { corpus: null, verbose: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--verbose' || arg === '-v') flags.verbose = true;
    else if (arg === '--json') flags.json = true;
    else if (arg === '--corpus' && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) flags.corpus = argv[++i]!;
    else return null;
  }
  return flags;
}

const ratio = (x: number, denominator: number): string => (denominator === 0 ? '—' : formatRatio(x));

function table(rows: Array<[string, Figures]>): string {
  const header = ['', 'articles', 'gold', 'TP', 'FP', 'FN', 'optional', 'precision', 'recall', 'F1', 'speaker acc.', 'outlet acc.'];
  const body = rows.map(([label, f]) => [
    label,
    String(f.articles),
    String(f.goldClaims),
    String(f.truePositives),
    String(f.falsePositives),
    String(f.falseNegatives),
    String(f.neutral),
    ratio(f.precision, f.truePositives + f.falsePositives),
    ratio(f.recall, f.goldClaims),
    formatRatio(f.f1),
    `${ratio(f.speakerAccuracy, f.truePositives)} (${f.speakerCorrect}/${f.truePositives})`,
    `${ratio(f.outletAccuracy, f.outletClaims)} (${f.outletCorrect}/${f.outletClaims})`,
  ]);
  const all = [header, ...body];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const lines = body.map(line);
  lines.splice(lines.length - 1, 0, '-'.repeat(line(header).length));
  return [line(header), ...lines].join('\n');
}

/** The reference scorer's summary line, for a side-by-side check. */
function referenceLine(f: Figures): string {
  return (
    `span P=${formatRatio(f.precision)} R=${formatRatio(f.recall)} F1=${formatRatio(f.f1)}  ` +
    `speaker_acc=${formatRatio(f.speakerAccuracy)}  outlet_acc=${formatRatio(f.outletAccuracy)}  errors=${f.failures}/${f.articles}`
  );
}

const clip = (s: string, n = 110): string => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
};

function errorLine(id: string, e: EvaluationError): string {
  const where = `${id} ${e.start}-${e.end}`;
  switch (e.kind) {
    case 'FN':
      return `  FN      ${where} [${e.goldSpeaker}] ${clip(e.text)}`;
    case 'FP':
      return `  FP      ${where} [${e.predictedSpeaker}] ${clip(e.text)}`;
    case 'speaker':
      return `  speaker ${where} predicted [${e.predictedSpeaker}] gold [${e.goldSpeaker}] ${clip(e.text, 70)}`;
    case 'outlet': {
      const predicted = e.predictedOutlets!.length === 0 ? 'none' : e.predictedOutlets!.join(', ');
      return `  outlet  ${where} predicted [${predicted}] gold [${e.goldOutlets!.join(', ')}] ${clip(e.text, 70)}`;
    }
  }
}

function errorCounts(evaluations: readonly ArticleEvaluation[]): Record<ErrorClass, number> & { outletMissing: number } {
  const counts = { FN: 0, FP: 0, speaker: 0, outlet: 0, outletMissing: 0 };
  for (const e of evaluations.flatMap((a) => a.errors)) {
    counts[e.kind]++;
    if (e.kind === 'outlet' && e.predictedOutlets!.length === 0) counts.outletMissing++;
  }
  return counts;
}

function printVerbose(evaluations: readonly ArticleEvaluation[]): void {
  console.log('');
  for (const a of evaluations) {
    const c = a.counts;
    console.log(`${a.id.padEnd(48)} tp=${c.truePositives} fp=${c.falsePositives} fn=${c.falseNegatives} speaker_ok=${c.speakerCorrect} outlets_ok=${c.outletCorrect}/${c.outletClaims}`);
    for (const problem of a.goldProblems) console.log(`  ! ${problem}`);
  }
  for (const kind of ERROR_CLASSES) {
    const errors = evaluations.flatMap((a) => a.errors.filter((e) => e.kind === kind).map((e) => errorLine(a.id, e)));
    console.log(`\n## ${kind} (${errors.length})`);
    for (const line of errors) console.log(line);
  }
  const counts = errorCounts(evaluations);
  console.log(
    `\nerrors by class: FN ${counts.FN}, FP ${counts.FP}, speaker ${counts.speaker}, ` +
      `outlet ${counts.outlet} (missing ${counts.outletMissing}, wrong ${counts.outlet - counts.outletMissing})`,
  );
}

/** Figures for JSON: the counts, and the ratios rounded as the reference scorer rounds them. */
function figuresJson(f: Figures): Record<string, number> {
  const rounded = (x: number): number => Number(formatRatio(x));
  return {
    ...f,
    precision: rounded(f.precision),
    recall: rounded(f.recall),
    f1: rounded(f.f1),
    speakerAccuracy: rounded(f.speakerAccuracy),
    outletAccuracy: rounded(f.outletAccuracy),
  };
}

function toJson(runs: readonly EvalRun[], summary: Summary, flags: Flags): unknown {
  const evaluations = runs.flatMap((r) => (r.evaluation ? [r.evaluation] : []));
  return {
    corpus: flags.corpus ?? 'fixtures',
    threshold: summary.threshold,
    byLanguage: Object.fromEntries(Object.entries(summary.byLanguage).map(([language, f]) => [language, figuresJson(f)])),
    overall: figuresJson(summary.overall),
    errorCounts: errorCounts(evaluations),
    articles: runs.map((r) => {
      const e = r.evaluation;
      const base = { id: r.item.id, language: e?.language ?? r.item.language, error: r.error, counts: e?.counts ?? null };
      return flags.verbose && e ? { ...base, goldProblems: e.goldProblems, errors: e.errors } : base;
    }),
  };
}

function loadItems(flags: Flags): EvalItem[] {
  return flags.corpus === null ? fixtureItems() : corpusItems(flags.corpus);
}

function main(argv: readonly string[]): number {
  const flags = parseArgs(argv);
  if (!flags) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let items: EvalItem[];
  try {
    items = loadItems(flags);
  } catch (error) {
    if (!(error instanceof CorpusError)) throw error;
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    return 2;
  }
  const runs = items.map((item) => runItem(item));
  const evaluations = runs.flatMap((r) => (r.evaluation ? [r.evaluation] : []));
  const summary = summarize(evaluations);
  if (flags.json) {
    console.log(JSON.stringify(toJson(runs, summary, flags), null, 2));
    return 0;
  }
  const rows: Array<[string, Figures]> = Object.entries(summary.byLanguage);
  rows.push(['overall', summary.overall]);
  console.log(
    `Claim extraction on ${flags.corpus ?? 'the fixtures'}: ${evaluations.length} articles; a claim matches at span IoU >= ${IOU_THRESHOLD}, ` +
      'one-to-one; a prediction on an optional claim counts neither way; figures micro-averaged.\n',
  );
  console.log(table(rows));
  console.log(`\n${referenceLine(summary.overall)}`);
  for (const r of runs.filter((x) => x.error)) console.log(`! ${r.item.id}: ${r.error}`);
  if (flags.verbose) printVerbose(evaluations);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
