import { describe, expect, it } from 'vitest';
import { barChartSpec, CHART_FONTS, type BarChartInput } from '../../src/features/charts/chart-specs.ts';
import { chartCacheSize, clearChartCache, estimateTextWidth, renderChartSvg } from '../../src/features/charts/chart-render.ts';
import { scaleOf, type ChartLabel } from '../../src/features/charts/chart-scale.ts';
import { lastMonths, progressChart, rankingChart, verdictsChart, verdictsOverTimeChart, type ChartContext } from '../../src/features/charts/charts.service.ts';
import { translatorFor } from '../../src/i18n/translate.ts';

/** Short enough to be drawn whole beside its bar (longer names end in an ellipsis). */
const HOSTILE = '<script>& "x"';

function input(overrides: Partial<BarChartInput> = {}): BarChartInput {
  const categories = [
    { label: 'إيغور ديلانويه', totalText: '3' },
    { label: HOSTILE, totalText: '1' },
  ];
  return {
    categories,
    segments: [
      { category: categories[0]!.label, code: 'false', name: 'False', colour: '#a4262c', value: 2 },
      { category: categories[0]!.label, code: 'misleading', name: 'Misleading', colour: '#a86200', value: 1 },
      { category: categories[1]!.label, code: 'false', name: 'False', colour: '#a4262c', value: 1 },
      { category: categories[1]!.label, code: 'misleading', name: 'Misleading', colour: '#a86200', value: 0 },
    ],
    series: [
      { code: 'misleading', colour: '#a86200' },
      { code: 'false', colour: '#a4262c' },
    ],
    orientation: 'horizontal',
    direction: 'ltr',
    font: CHART_FONTS.en,
    ...overrides,
  };
}

/** The parts of a spec the tests look at, whatever Vega-Lite's types make of them. */
interface LayerLook {
  data: { values: Array<Record<string, unknown>> };
  mark: Record<string, unknown>;
  encoding: Record<string, { field?: string; sort?: unknown; scale?: Record<string, unknown>; axis?: Record<string, unknown> | null }>;
}
const layers = (spec: unknown) => (spec as { layer: LayerLook[] }).layer;

describe('bar chart specifications', () => {
  it('put names on the left and grow bars rightwards left to right', () => {
    const [bars, totals] = layers(barChartSpec(input()));
    expect(bars!.encoding.y!.axis!.orient).toBe('left');
    expect(bars!.encoding.x!.scale!.reverse).toBe(false);
    expect(totals!.mark).toMatchObject({ align: 'left', dx: 5 });
  });

  it('mirror right to left: names on the right, bars growing leftwards, totals at their left ends', () => {
    const [bars, totals] = layers(barChartSpec(input({ direction: 'rtl', font: CHART_FONTS.ar })));
    expect(bars!.encoding.y!.axis!.orient).toBe('right');
    expect(bars!.encoding.x!.scale!.reverse).toBe(true);
    expect(totals!.encoding.x!.scale!.reverse).toBe(true);
    expect(totals!.mark).toMatchObject({ align: 'right', dx: -5 });
  });

  it('run time from right to left in Arabic, with the value axis on the right', () => {
    const months = [{ label: 'Oct 2026', totalText: '1' }, { label: 'Nov 2026', totalText: '2' }];
    const segments = months.map((month) => ({ category: month.label, code: 'false', name: 'False', colour: '#a4262c', value: Number(month.totalText) }));
    const ltr = layers(barChartSpec(input({ orientation: 'vertical', categories: months, segments })))[0]!;
    const rtl = layers(barChartSpec(input({ orientation: 'vertical', categories: months, segments, direction: 'rtl' })))[0]!;
    expect(ltr.encoding.x!.scale!.reverse).toBe(false);
    expect(rtl.encoding.x!.scale!.reverse).toBe(true);
    expect(ltr.encoding.y!.axis!.orient).toBe('left');
    expect(rtl.encoding.y!.axis!.orient).toBe('right');
    // The order is the reading order given; mirroring is the scale's, not a reversed list.
    expect(rtl.encoding.x!.sort).toEqual(['Oct 2026', 'Nov 2026']);
  });

  it('keep the categories’ order, stack the labels in the scale’s order with its colours, and write each total as given', () => {
    const [bars, totals] = layers(barChartSpec(input()));
    expect(bars!.encoding.y!.sort).toEqual(['إيغور ديلانويه', HOSTILE]);
    expect(bars!.encoding.color!.scale).toEqual({ domain: ['misleading', 'false'], range: ['#a86200', '#a4262c'] });
    // A segment of nothing draws nothing.
    expect(bars!.data.values).toHaveLength(3);
    expect(bars!.data.values.map((row) => [row.code, row.rank])).toEqual([
      ['false', 1],
      ['misleading', 0],
      ['false', 1],
    ]);
    expect(totals!.data.values).toEqual([
      { category: 'إيغور ديلانويه', total: 3, totalText: '3' },
      { category: HOSTILE, total: 1, totalText: '1' },
    ]);
  });
});

describe('drawing a chart', () => {
  it('escapes names in the SVG, holds no script or inline style, and is one image named by the page', async () => {
    const { svg } = await renderChartSvg(barChartSpec(input()), 'Top "speakers" & co');
    expect(svg.startsWith('<svg role="img" aria-label="Top &quot;speakers&quot; &amp; co" ')).toBe(true);
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toMatch(/>&lt;script&gt;&amp; "x"<\/text>/);
    expect(svg).not.toMatch(/<script|\son\w+=|style=|javascript:/i);
    // Vega's own roles (announced in English, unnamed) are gone: only the root speaks.
    expect(svg.match(/\srole=/g)).toHaveLength(1);
    expect(svg).toContain('class="chart-svg"');
  });

  it('anchors the names at the bars’ side: their end left to right, their start right to left', async () => {
    const ltr = (await renderChartSvg(barChartSpec(input()), 'chart')).svg;
    const rtl = (await renderChartSvg(barChartSpec(input({ direction: 'rtl', font: CHART_FONTS.ar })), 'chart')).svg;
    expect(ltr).toMatch(/<text text-anchor="end"[^>]*>إيغور ديلانويه<\/text>/);
    expect(rtl).toMatch(/<text text-anchor="start"[^>]*>إيغور ديلانويه<\/text>/);
    expect(rtl).toContain('font-family="&quot;Noto Naskh Arabic&quot;');
  });

  it('draws a chart once and takes it from the cache after, a different figure or direction drawn anew', async () => {
    clearChartCache();
    const spec = barChartSpec(input());
    expect((await renderChartSvg(spec, 'chart')).drawn).toBe(true);
    expect((await renderChartSvg(spec, 'another name')).drawn).toBe(false);
    expect((await renderChartSvg(barChartSpec(input({ direction: 'rtl' })), 'chart')).drawn).toBe(true);
    expect((await renderChartSvg(barChartSpec(input({ categories: [{ label: 'x', totalText: '9' }] })), 'chart')).drawn).toBe(true);
    expect(chartCacheSize()).toBe(3);
  });

  it('measures Arabic narrower than Latin capitals, and neither at Vega’s 0.8 em a letter', () => {
    expect(estimateTextWidth('هيئة الأركان الروسية', 13)).toBeLessThan(0.8 * 20 * 13);
    expect(estimateTextWidth('هيئة', 13)).toBeLessThan(estimateTextWidth('MWAW', 13));
    expect(estimateTextWidth('1234', 12, true)).toBeGreaterThan(estimateTextWidth('1234', 12));
  });
});

const label = (code: string, overrides: Partial<ChartLabel> = {}): ChartLabel => ({ code, name: code, colour: '#123456', final: false, rated: false, negative: false, ...overrides });

/** A desk's own scale: names, colours and flags come from it alone. */
const DESK_SCALE = scaleOf([
  label('unverified', { name: 'Open question', colour: '#777777' }),
  label('in_review', { name: 'Being checked', colour: '#2266aa' }),
  label('true', { name: 'Checks out', colour: '#117733', final: true, rated: true }),
  label('pants', { name: 'Pants on fire', colour: '#cc0000', final: true, rated: true, negative: true }),
  label('spam', { name: 'Spam', colour: '#444444', final: true }),
  label('old_true', { name: 'Retired true', final: true, rated: true, retired: true }),
  label('old_false', { name: 'Retired false', final: true, rated: true, retired: true }),
]);
const context = (language: 'en' | 'ar'): ChartContext => ({ language, t: translatorFor(language), scale: DESK_SCALE });

describe('charts from counts', () => {
  it('name and colour every bar, legend entry and table row from the scale they are given', async () => {
    const chart = await progressChart(context('en'), [
      { status: 'pants', claims: 2 },
      { status: 'true', claims: 1 },
      { status: 'spam', claims: 1 },
      { status: 'unverified', claims: 4 },
    ], 'chart-x', 'empty');
    expect(chart.legend).toEqual([
      { name: 'Open question', colour: '#777777' },
      { name: 'Checks out', colour: '#117733' },
      { name: 'Pants on fire', colour: '#cc0000' },
      { name: 'Spam', colour: '#444444' },
    ]);
    expect(chart.table!.rows.map((row) => [row.header, ...row.cells])).toEqual([
      ['Verified', '4'],
      ['Verified: Checks out', '1'],
      ['Verified: Pants on fire', '2'],
      ['Verified: Spam', '1'],
      ['In review', '0'],
      ['Open', '4'],
    ]);
    expect(chart.svg).toContain('fill="#cc0000"');
  });

  it('count only the scale’s verdicts for a speaker, in the scale’s order, and say when there is none', async () => {
    const chart = await verdictsChart(context('en'), [{ status: 'pants', claims: 3 }, { status: 'spam', claims: 5 }, { status: 'old_false', claims: 1 }], 'speaker');
    // A retired verdict shows where claims still carry it, not as an empty row.
    expect(chart.table!.rows.map((row) => [row.header, ...row.cells])).toEqual([
      ['Checks out', '0'],
      ['Pants on fire', '3'],
      ['Retired false', '1'],
    ]);
    // Each bar is named by its verdict beside it: a legend would say it twice.
    expect(chart.legend).toEqual([]);
    expect(chart.svg).toMatch(/>Pants on fire<\/text>/);
    const none = await verdictsChart(context('ar'), [{ status: 'spam', claims: 5 }], 'outlet');
    expect(none.svg).toBeUndefined();
    expect(none.empty).toBe('لم يصدر حكم بعد على أي من الادعاءات التي مرّت عبر هذه الوسيلة.');
  });

  it('rank by the scale’s negative verdicts, naming them as either', async () => {
    const chart = await rankingChart(context('en'), 'speaker', [{ value: 's1', counts: { pants: 2 }, total: 2 }], new Map([['s1', 'Amira']]), DESK_SCALE.labels.filter((entry) => entry.negative));
    expect(chart.title).toBe('Speakers with the most claims rated Pants on fire');
    expect(chart.table!.rows).toEqual([{ header: 'Amira', href: '/speakers/s1', cells: ['2', '2'] }]);
  });

  it('show months from the first with a verdict to the current one, empty months as nought', async () => {
    const months = ['2026-09', '2026-10', '2026-11', '2026-12'];
    const chart = await verdictsOverTimeChart(context('en'), months, [
      { month: '2026-10', status: 'pants', verdicts: 2 },
      { month: '2026-12', status: 'true', verdicts: 1 },
      { month: '2025-01', status: 'pants', verdicts: 9 },
    ]);
    expect(chart.table!.columns).toEqual(['Month', 'Checks out', 'Pants on fire', 'Total']);
    expect(chart.table!.rows.map((row) => [row.header, ...row.cells])).toEqual([
      ['Oct 2026', '0', '2', '2'],
      ['Nov 2026', '0', '0', '0'],
      ['Dec 2026', '1', '0', '1'],
    ]);
    expect(chart.wide).toBe(true);
  });

  it('count back months across a year’s turn, in UTC', () => {
    expect(lastMonths(new Date('2027-02-01T00:30:00Z'), 4)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
  });
});
