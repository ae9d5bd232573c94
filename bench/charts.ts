/**
 * What drawing a chart costs: each of the desk's chart shapes (a review progress, a speaker's verdicts, the
 * ten speakers with most false or misleading claims, twelve months of verdicts), in Arabic and English, drawn
 * afresh (the cache emptied before each drawing) and taken from the cache, with the ratio of the two measured
 * in the same run. Figures are medians over the runs.
 *
 *   npm run bench:charts -- [--runs 40]
 */
import { parseArgs } from 'node:util';
import { barChartSpec, CHART_FONTS, type BarChartInput } from '../src/features/charts/chart-specs.ts';
import { clearChartCache, renderChartSvg } from '../src/features/charts/chart-render.ts';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '40' } } });
const RUNS = Math.max(5, Number(args.runs));

const COLOURS = ['#1f7a3d', '#4f7d14', '#a86200', '#a4262c', '#6a4c94'];
const LABELS = ['accurate', 'mostly_accurate', 'misleading', 'false', 'unverifiable'];

function shapes(direction: 'rtl' | 'ltr'): Record<string, BarChartInput> {
  const font = CHART_FONTS[direction === 'rtl' ? 'ar' : 'en'];
  const series = LABELS.map((code, index) => ({ code, colour: COLOURS[index]! }));
  const bars = (categories: string[], codes: string[], orientation: 'horizontal' | 'vertical'): BarChartInput => ({
    categories: categories.map((label, index) => ({ label, totalText: String((index + 1) * codes.length) })),
    segments: categories.flatMap((category, index) => codes.map((code, step) => ({ category, code, name: code, colour: COLOURS[LABELS.indexOf(code)]!, value: index + step + 1 }))),
    series: series.filter((entry) => codes.includes(entry.code)),
    orientation,
    direction,
    font,
  });
  const names = Array.from({ length: 10 }, (_, index) => (direction === 'rtl' ? `المتحدث رقم ${index + 1}` : `Speaker number ${index + 1}`));
  const months = Array.from({ length: 12 }, (_, index) => new Intl.DateTimeFormat(direction === 'rtl' ? 'ar' : 'en', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, index, 1))));
  return {
    progress: bars(['Verified', 'In review', 'Open'], ['accurate', 'false'], 'horizontal'),
    verdicts: bars(LABELS, ['accurate'], 'horizontal'),
    top_speakers: bars(names, ['misleading', 'false'], 'horizontal'),
    months: bars(months, LABELS, 'vertical'),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function time(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

// Vega compiles its parsers and caches on first use: one drawing before timing.
await renderChartSvg(barChartSpec(shapes('ltr').progress!), 'warm-up');
console.log(`chart drawing, median of ${RUNS} runs (ms)`);
console.log('chart                 drawn    cached   drawn/cached');
for (const direction of ['rtl', 'ltr'] as const) {
  for (const [name, input] of Object.entries(shapes(direction))) {
    const spec = barChartSpec(input);
    const drawn: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      clearChartCache();
      drawn.push(await time(() => renderChartSvg(spec, name)));
    }
    const cached: number[] = [];
    for (let run = 0; run < RUNS; run++) cached.push(await time(() => renderChartSvg(spec, name)));
    const [d, c] = [median(drawn), median(cached)];
    console.log(`${`${name} (${direction})`.padEnd(22)}${d.toFixed(2).padStart(6)}  ${c.toFixed(3).padStart(7)}   ${(d / c).toFixed(0).padStart(6)}×`);
  }
}
