import type { TopLevelSpec } from 'vega-lite';

/**
 * Vega-Lite specifications of the desk's charts, built from figures already counted and labels already in
 * the reader's language: pure functions, no database and no rendering (chart-render.ts draws them).
 *
 * Every chart is a bar chart whose bars may be split by verification label: one bar per category (an
 * article's review stage, a verdict, a month, a speaker), the label's segments stacked in the scale's order,
 * and the bar's total written at its end. Right to left, the category axis and the value axis sit on the
 * right, bars grow leftwards and categories in time run from right to left.
 */

export type ChartDirection = 'rtl' | 'ltr';

export interface ChartCategory {
  /** What the axis and the table call it: unique within the chart (names of records are). */
  label: string;
  /** The bar's total as the reader's language writes it. */
  totalText: string;
}

export interface ChartSegment {
  /** ChartCategory.label of the bar it belongs to. */
  category: string;
  /** The label's code, its name and colour (from the chart scale). */
  code: string;
  name: string;
  colour: string;
  value: number;
}

export interface BarChartInput {
  /** Categories in reading order: top to bottom, or earliest to latest. */
  categories: readonly ChartCategory[];
  segments: readonly ChartSegment[];
  /** Segments' codes in the order they stack, with their colours: the scale's order. */
  series: ReadonlyArray<{ code: string; colour: string }>;
  /** horizontal: categories down the side (names, verdicts); vertical: categories along the bottom (months). */
  orientation: 'horizontal' | 'vertical';
  direction: ChartDirection;
  /** The CSS font stack of the page's text in this language. */
  font: string;
}

/** The page's stacks (public/css/fonts.css): the served Arabic face first, so the chart's Arabic is shaped like the page's. */
export const CHART_FONTS = {
  ar: '"Noto Naskh Arabic", system-ui, "Noto Sans", "DejaVu Sans", sans-serif',
  en: 'system-ui, "Noto Sans", "DejaVu Sans", sans-serif',
} as const;

const INK = '#1d2330';
const MUTED = '#5d6676';
const GRID = '#d9dee7';
const BAR_STEP = 28;
const COLUMN_STEP = 40;
const PLOT_WIDTH = 180;
const PLOT_HEIGHT = 180;
/** Room for names beside the bars before they are shortened with an ellipsis (the table has them whole). */
const NAME_LIMIT = 130;

export function barChartSpec(input: BarChartInput): TopLevelSpec {
  const rtl = input.direction === 'rtl';
  const horizontal = input.orientation === 'horizontal';
  const order = input.categories.map((category) => category.label);
  const rank = new Map(input.series.map((series, index) => [series.code, index]));
  const values = input.segments
    .filter((segment) => segment.value > 0)
    .map((segment) => ({ category: segment.category, code: segment.code, name: segment.name, value: segment.value, rank: rank.get(segment.code) ?? rank.size }));
  const totals = input.categories.map((category) => ({
    category: category.label,
    total: input.segments.filter((segment) => segment.category === category.label).reduce((sum, segment) => sum + segment.value, 0),
    totalText: category.totalText,
  }));
  const max = Math.max(1, ...totals.map((row) => row.total));

  const categoryAxis = {
    title: null,
    orient: horizontal ? (rtl ? 'right' : 'left') : 'bottom',
    labelLimit: NAME_LIMIT,
    labelFontSize: horizontal ? 13 : 12,
    labelColor: INK,
    labelPadding: 6,
    ticks: false,
    domainColor: MUTED,
    // Months along the bottom stay level on two lines (month, then year), however many there are.
    ...(horizontal ? {} : { labelAngle: 0, labelExpr: "split(datum.label, ' ')", labelLineHeight: 16 }),
  } as const;
  const valueAxis = {
    title: null,
    orient: horizontal ? 'bottom' : rtl ? 'right' : 'left',
    format: 'd',
    tickMinStep: 1,
    labelFontSize: 11,
    labelColor: MUTED,
    gridColor: GRID,
    domain: false,
    ticks: false,
    tickCount: 4,
  } as const;
  // Room at the bars' ends for the totals: a tenth more than the longest bar.
  const valueScale = { domain: [0, Math.ceil(max * 1.15)], nice: false, reverse: horizontal && rtl, zero: true };
  const category = {
    field: 'category',
    type: 'nominal',
    sort: order,
    scale: { domain: order, ...(horizontal ? {} : { reverse: rtl }) },
    axis: categoryAxis,
  } as const;
  const value = { field: 'value', type: 'quantitative', stack: 'zero', scale: valueScale, axis: valueAxis } as const;
  const total = { field: 'total', type: 'quantitative', scale: valueScale, axis: valueAxis } as const;
  const colour = {
    field: 'code',
    type: 'nominal',
    scale: { domain: input.series.map((series) => series.code), range: input.series.map((series) => series.colour) },
    legend: null,
  } as const;

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: 'transparent',
    padding: 4,
    ...(horizontal ? { width: PLOT_WIDTH, height: { step: BAR_STEP } } : { width: { step: COLUMN_STEP }, height: PLOT_HEIGHT }),
    config: {
      font: input.font,
      aria: false,
      view: { stroke: null },
      axis: { labelFont: input.font },
      text: { font: input.font },
    },
    layer: [
      {
        data: { values },
        mark: { type: 'bar', ...(horizontal ? { height: { band: 0.7 } } : { width: { band: 0.7 } }) },
        encoding: {
          [horizontal ? 'y' : 'x']: category,
          [horizontal ? 'x' : 'y']: value,
          color: colour,
          order: { field: 'rank', type: 'quantitative', sort: 'ascending' },
        },
      },
      {
        data: { values: totals },
        mark: horizontal
          ? { type: 'text', align: rtl ? 'right' : 'left', baseline: 'middle', dx: rtl ? -5 : 5, fontSize: 12, fontWeight: 'bold', color: INK }
          : { type: 'text', align: 'center', baseline: 'bottom', dy: -4, fontSize: 12, fontWeight: 'bold', color: INK },
        encoding: {
          [horizontal ? 'y' : 'x']: category,
          [horizontal ? 'x' : 'y']: total,
          text: { field: 'totalText', type: 'nominal' },
        },
      },
    ],
  } as TopLevelSpec;
}
