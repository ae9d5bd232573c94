import { createHash } from 'node:crypto';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { escapeHtml } from '../../text/bidi.ts';

/**
 * Draws a Vega-Lite specification to an SVG string on the server: compiled to Vega and run in a headless
 * View (renderer 'none', no canvas and no browser). Vega escapes every text it writes (names are data);
 * the root gets role="img" and the accessible name the page gives it, and nothing inside speaks for itself.
 *
 * A chart takes 5–20 ms to draw, so drawings are kept by their specification (which holds the figures, the
 * labels and the direction), a bounded number of them, least recently used first out.
 */

const CACHE_LIMIT = 500;

/**
 * Without a canvas Vega guesses every text at 0.8 em a character, which cuts Arabic names (narrower, their
 * letters joined) long before they fill their room. Widths per script, a little generous so that nothing
 * drawn overflows its room in the browser; Vega takes a width function set here for every measurement.
 */
const ARABIC = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;
export function estimateTextWidth(text: string, fontSize: number, bold = false): number {
  let ems = 0;
  for (const char of text) {
    if (ARABIC.test(char)) ems += 0.5;
    else if (char === ' ') ems += 0.3;
    else if (/[A-Z@%&MW]/.test(char) || /[mw]/.test(char)) ems += 0.75;
    else if (/[ilj.,:;'|!()[\]]/.test(char)) ems += 0.32;
    else ems += 0.6;
  }
  return Math.ceil(ems * fontSize * (bold ? 1.1 : 1));
}

interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
  text?: unknown;
}
const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text?: unknown) => number } }).textMetrics;
metrics.width = (item, text) => {
  const value = text ?? item.text;
  const string = Array.isArray(value) ? value.join(' ') : value == null ? '' : String(value);
  return estimateTextWidth(string, item.fontSize ?? 11, item.fontWeight === 'bold' || Number(item.fontWeight) >= 600);
};
const cache = new Map<string, string>();

export interface RenderedChart {
  svg: string;
  /** Whether it was drawn now (false: taken from the cache). */
  drawn: boolean;
}

export async function renderChartSvg(spec: TopLevelSpec, accessibleName: string): Promise<RenderedChart> {
  const key = createHash('sha256').update(JSON.stringify(spec)).digest('base64url');
  let drawing = cache.get(key);
  const drawn = drawing === undefined;
  if (drawing === undefined) {
    drawing = await draw(spec);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  } else {
    cache.delete(key);
  }
  cache.set(key, drawing);
  return { svg: drawing.replace(/^<svg /, `<svg role="img" aria-label="${escapeHtml(accessibleName)}" `), drawn };
}

async function draw(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    // The drawing is one image named by the page (its parts would each be announced, in English, without a
    // name): Vega's own roles go. Vega marks its root for its own stylesheet; the page's class styles it.
    return svg
      .replace(/ (?:role|aria-roledescription|aria-label)="[^"]*"/g, '')
      .replace(/^<svg ([^>]*?)class="marks" /, '<svg $1class="chart-svg" focusable="false" ');
  } finally {
    view.finalize();
  }
}

/** For tests and the benchmark: forget every drawing. */
export function clearChartCache(): void {
  cache.clear();
}

export function chartCacheSize(): number {
  return cache.size;
}
