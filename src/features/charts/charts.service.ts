import type { Db } from '../../db/connect.ts';
import { INITIAL_STATUS } from '../../domain/claim-status.ts';
import type { UiLanguage } from '../../i18n/languages.ts';
import { translatorFor, type Translator } from '../../i18n/translate.ts';
import { chartScaleFor, type ChartLabel, type ChartScale } from './chart-scale.ts';
import { barChartSpec, CHART_FONTS, type ChartCategory, type ChartSegment } from './chart-specs.ts';
import { renderChartSvg } from './chart-render.ts';
import {
  countArticleClaimsByStatus,
  countVerdictsByMonth,
  findFacetNames,
  rankFacetValuesByStatuses,
  readFacetStatusCounts,
  type FacetRanking,
  type StatusCount,
} from './charts.repository.ts';

/** What a page shows of one chart: the drawing, its legend, and the same figures as a table (or why there is none). */
export interface ChartView {
  id: string;
  title: string;
  /** The rendered SVG (role="img", named after the title and the table); absent when there is nothing to draw. */
  svg?: string;
  /** The sentence shown instead of an empty chart. */
  empty?: string;
  /** How the figures were counted, when that needs saying. */
  note?: string;
  legend: Array<{ name: string; colour: string }>;
  table?: ChartTable;
  /** Columns over time: wider than a phone, so its figure scrolls there rather than shrink its text. */
  wide?: boolean;
}

export interface ChartTable {
  caption: string;
  /** The first heads the rows' own header cells. */
  columns: string[];
  rows: Array<{ header: string; href?: string; cells: string[] }>;
}

/** Months of review history the overview shows, the current one included. */
export const OVERVIEW_MONTHS = 12;
/** Speakers and outlets ranked on the overview. */
export const OVERVIEW_TOP = 10;

export interface ChartContext {
  language: UiLanguage;
  t: Translator;
  scale: ChartScale;
}

async function contextFor(db: Db, language: UiLanguage): Promise<ChartContext> {
  return { language, t: translatorFor(language), scale: await chartScaleFor(db, language) };
}

// ------------------------------------------------------------------------------------------- progress

/** An article's review progress: its claims verified (by verdict), in review, and open. */
export async function articleProgressChart(db: Db, articleId: string, language: UiLanguage): Promise<ChartView> {
  const context = await contextFor(db, language);
  return progressChart(context, await countArticleClaimsByStatus(db, articleId), 'chart-article-progress', context.t.t('charts.progress.emptyArticle'));
}

type Stage = 'verified' | 'inReview' | 'open';

function stageOf(label: ChartLabel): Stage {
  if (label.final) return 'verified';
  return label.code === INITIAL_STATUS ? 'open' : 'inReview';
}

export async function progressChart({ t, scale, language }: ChartContext, counts: readonly StatusCount[], id: string, emptyText: string): Promise<ChartView> {
  const title = t.t('charts.progress.title');
  const byCode = new Map(counts.map((count) => [count.status, count.claims]));
  const present = orderedLabels(scale, counts);
  const stages: Stage[] = ['verified', 'inReview', 'open'];
  const totals = new Map<Stage, number>(stages.map((stage) => [stage, 0]));
  for (const label of present) totals.set(stageOf(label), totals.get(stageOf(label))! + (byCode.get(label.code) ?? 0));
  const total = [...totals.values()].reduce((sum, value) => sum + value, 0);
  if (total === 0) return { id, title, empty: emptyText, legend: [] };

  const stageName = (stage: Stage) => t.t(`charts.progress.${stage}`);
  const categories: ChartCategory[] = stages.map((stage) => ({ label: stageName(stage), totalText: t.n(totals.get(stage)!) }));
  const segments: ChartSegment[] = present.map((label) => ({ category: stageName(stageOf(label)), code: label.code, name: label.name, colour: label.colour, value: byCode.get(label.code) ?? 0 }));
  const rows: ChartTable['rows'] = [];
  for (const stage of stages) {
    rows.push({ header: stageName(stage), cells: [t.n(totals.get(stage)!)] });
    if (stage === 'verified') {
      for (const label of present.filter((entry) => stageOf(entry) === 'verified')) {
        rows.push({ header: t.t('charts.progress.verifiedAs', { label: label.name }), cells: [t.n(byCode.get(label.code) ?? 0)] });
      }
    }
  }
  return drawn(language, { id, title, legend: legendOf(present), table: { caption: title, columns: [t.t('charts.progress.stage'), t.t('charts.claims')], rows } }, categories, segments, present, 'horizontal');
}

// ------------------------------------------------------------------------------- speaker and outlet

/** How the claims of a speaker or an outlet were rated: one bar per verdict of the scale. */
export async function facetVerdictsChart(db: Db, facet: 'speaker' | 'outlet', id: string, language: UiLanguage): Promise<ChartView> {
  const context = await contextFor(db, language);
  return verdictsChart(context, await readFacetStatusCounts(db, facet, id), facet);
}

export async function verdictsChart({ t, scale, language }: ChartContext, counts: readonly StatusCount[], facet: 'speaker' | 'outlet'): Promise<ChartView> {
  const id = `chart-${facet}-verdicts`;
  const title = t.t('charts.verdicts.title');
  const byCode = new Map(counts.map((count) => [count.status, count.claims]));
  // Every verdict the desk offers, counted or not; a retired one only where claims still carry it.
  const rated = scale.labels.filter((label) => label.rated && (!label.retired || (byCode.get(label.code) ?? 0) > 0));
  const total = rated.reduce((sum, label) => sum + (byCode.get(label.code) ?? 0), 0);
  if (total === 0) return { id, title, empty: t.t(facet === 'speaker' ? 'charts.verdicts.emptySpeaker' : 'charts.verdicts.emptyOutlet'), legend: [] };

  const categories = rated.map((label) => ({ label: label.name, totalText: t.n(byCode.get(label.code) ?? 0) }));
  const segments = rated.map((label) => ({ category: label.name, code: label.code, name: label.name, colour: label.colour, value: byCode.get(label.code) ?? 0 }));
  const rows = rated.map((label) => ({ header: label.name, cells: [t.n(byCode.get(label.code) ?? 0)] }));
  // Each bar is named by its verdict: no legend.
  return drawn(
    language,
    { id, title, legend: [], table: { caption: title, columns: [t.t('charts.verdicts.label'), t.t('charts.claims')], rows } },
    categories,
    segments,
    rated,
    'horizontal',
  );
}

// ----------------------------------------------------------------------------------------- overview

/** The Desk overview: verdicts per month, the desk's progress, and who has the most claims rated false or misleading. */
export async function overviewCharts(db: Db, language: UiLanguage, now: Date = new Date()): Promise<ChartView[]> {
  const context = await contextFor(db, language);
  const rated = context.scale.labels.filter((label) => label.rated);
  const negative = context.scale.labels.filter((label) => label.negative);
  const months = lastMonths(now, OVERVIEW_MONTHS);
  const codes = (labels: readonly ChartLabel[]) => labels.map((label) => label.code);
  const [monthly, desk, speakers, outlets] = await Promise.all([
    countVerdictsByMonth(db, codes(rated), months[0]!),
    readFacetStatusCounts(db, 'all', ''),
    rankFacetValuesByStatuses(db, 'speaker', codes(negative), OVERVIEW_TOP),
    rankFacetValuesByStatuses(db, 'outlet', codes(negative), OVERVIEW_TOP),
  ]);
  const ids = (ranking: readonly FacetRanking[]) => ranking.map((entry) => entry.value);
  const [speakerNames, outletNames] = await Promise.all([findFacetNames(db, 'speaker', ids(speakers)), findFacetNames(db, 'outlet', ids(outlets))]);
  return Promise.all([
    verdictsOverTimeChart(context, months, monthly),
    progressChart(context, desk, 'chart-desk-progress', context.t.t('charts.progress.emptyDesk')),
    rankingChart(context, 'speaker', speakers, speakerNames, negative),
    rankingChart(context, 'outlet', outlets, outletNames, negative),
  ]);
}

/** 'YYYY-MM' of the `count` months up to the one of `now` (UTC), earliest first. */
export function lastMonths(now: Date, count: number): string[] {
  const months: string[] = [];
  for (let back = count - 1; back >= 0; back--) {
    const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    months.push(date.toISOString().slice(0, 7));
  }
  return months;
}

const monthFormats = new Map<UiLanguage, Intl.DateTimeFormat>();

export function monthName(language: UiLanguage, month: string): string {
  let format = monthFormats.get(language);
  if (!format) monthFormats.set(language, (format = new Intl.DateTimeFormat(language, { month: 'short', year: 'numeric', timeZone: 'UTC' })));
  return format.format(new Date(`${month}-01T00:00:00.000Z`));
}

export async function verdictsOverTimeChart(
  { t, scale, language }: ChartContext,
  months: readonly string[],
  monthly: ReadonlyArray<{ month: string; status: string; verdicts: number }>,
): Promise<ChartView> {
  const id = 'chart-verdicts-over-time';
  const title = t.t('charts.overTime.title');
  const note = t.t('charts.overTime.note', { months: months.length });
  const inWindow = monthly.filter((row) => months.includes(row.month) && row.verdicts > 0);
  if (inWindow.length === 0) return { id, title, note, empty: t.t('charts.overTime.empty', { months: months.length }), legend: [] };

  // From the first month with a verdict to the current one, empty months included: time runs evenly.
  const first = months.findIndex((month) => inWindow.some((row) => row.month === month));
  const shown = months.slice(first);
  const labels = orderedLabels(
    scale,
    inWindow.map((row) => ({ status: row.status, claims: row.verdicts })),
  );
  const count = (month: string, code: string) => inWindow.filter((row) => row.month === month && row.status === code).reduce((sum, row) => sum + row.verdicts, 0);
  const monthTotal = (month: string) => inWindow.filter((row) => row.month === month).reduce((sum, row) => sum + row.verdicts, 0);
  const categories = shown.map((month) => ({ label: monthName(language, month), totalText: t.n(monthTotal(month)) }));
  const segments = shown.flatMap((month) =>
    labels.map((label) => ({ category: monthName(language, month), code: label.code, name: label.name, colour: label.colour, value: count(month, label.code) })),
  );
  const rows = shown.map((month) => ({ header: monthName(language, month), cells: [...labels.map((label) => t.n(count(month, label.code))), t.n(monthTotal(month))] }));
  return drawn(
    language,
    { id, title, note, legend: legendOf(labels), table: { caption: title, columns: [t.t('charts.overTime.month'), ...labels.map((label) => label.name), t.t('charts.total')], rows } },
    categories,
    segments,
    labels,
    'vertical',
  );
}

export async function rankingChart(
  { t, language }: ChartContext,
  facet: 'speaker' | 'outlet',
  ranking: ReadonlyArray<{ value: string; counts: Record<string, number>; total: number }>,
  names: ReadonlyMap<string, string>,
  negative: readonly ChartLabel[],
): Promise<ChartView> {
  const id = `chart-top-${facet}s`;
  const labelNames = negative.map((label) => label.name);
  // "rated Misleading or False": either label counts.
  const either = new Intl.ListFormat(language, { type: 'disjunction' }).format(labelNames);
  const title = t.t(facet === 'speaker' ? 'charts.top.speakersTitle' : 'charts.top.outletsTitle', { labels: either });
  if (ranking.length === 0) return { id, title, empty: t.t(facet === 'speaker' ? 'charts.top.emptySpeakers' : 'charts.top.emptyOutlets', { labels: either }), legend: [] };

  const ordered = [...ranking].sort((a, b) => b.total - a.total || (names.get(a.value) ?? a.value).localeCompare(names.get(b.value) ?? b.value, language));
  const display = uniqueLabels(ordered.map((entry) => names.get(entry.value) ?? entry.value));
  const categories = ordered.map((entry, index) => ({ label: display[index]!, totalText: t.n(entry.total) }));
  const segments = ordered.flatMap((entry, index) =>
    negative.map((label) => ({ category: display[index]!, code: label.code, name: label.name, colour: label.colour, value: entry.counts[label.code] ?? 0 })),
  );
  const rows = ordered.map((entry, index) => ({
    header: display[index]!,
    href: `/${facet}s/${encodeURIComponent(entry.value)}`,
    cells: [...negative.map((label) => t.n(entry.counts[label.code] ?? 0)), t.n(entry.total)],
  }));
  return drawn(
    language,
    {
      id,
      title,
      legend: legendOf(negative),
      table: { caption: title, columns: [t.t(facet === 'speaker' ? 'charts.top.speaker' : 'charts.top.outlet'), ...labelNames, t.t('charts.total')], rows },
    },
    categories,
    segments,
    negative,
    'horizontal',
  );
}

// ------------------------------------------------------------------------------------------ helpers

/** The scale's labels that occur in the counts, in the scale's order; codes the scale lacks come last. */
function orderedLabels(scale: ChartScale, counts: ReadonlyArray<{ status: string; claims: number }>): ChartLabel[] {
  const present = new Set(counts.filter((count) => count.claims > 0).map((count) => count.status));
  const known = scale.labels.filter((label) => present.has(label.code));
  const unknown = [...present].filter((code) => !known.some((label) => label.code === code)).map((code) => scale.label(code));
  return [...known, ...unknown];
}

function legendOf(labels: readonly ChartLabel[]): ChartView['legend'] {
  return labels.map((label) => ({ name: label.name, colour: label.colour }));
}

/** Two records with the same name would share a bar: the second gets a number. */
function uniqueLabels(labels: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((label) => {
    const times = (seen.get(label) ?? 0) + 1;
    seen.set(label, times);
    return times === 1 ? label : `${label} (${times})`;
  });
}

async function drawn(
  language: UiLanguage,
  view: Omit<ChartView, 'svg'>,
  categories: ChartCategory[],
  segments: ChartSegment[],
  series: readonly ChartLabel[],
  orientation: 'horizontal' | 'vertical',
): Promise<ChartView> {
  const t = translatorFor(language);
  const spec = barChartSpec({
    categories,
    segments,
    series: series.map((label) => ({ code: label.code, colour: label.colour })),
    orientation,
    direction: t.dir,
    font: CHART_FONTS[language],
  });
  try {
    const { svg } = await renderChartSvg(spec, t.t('charts.svgLabel', { title: view.title }));
    return { ...view, svg, wide: orientation === 'vertical' };
  } catch {
    // No figure the desk enters may cost the page: without its drawing the chart is still its table.
    return { ...view, legend: [] };
  }
}
