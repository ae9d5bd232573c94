import { createHash } from 'node:crypto';
import { View, parse } from 'vega';
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
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    // Vega marks its root for its own stylesheet; the page's own class (and nothing else) is what styles it.
    return svg.replace(/^<svg ([^>]*?)class="marks" /, '<svg $1class="chart-svg" focusable="false" ');
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
