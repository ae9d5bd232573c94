import type { Request, Response } from 'express';
import { Eta } from 'eta';
import { viewHelpers } from './view-helpers.ts';

export type Renderer = Eta;

export function createRenderer(viewsDir: string, cache: boolean): Renderer {
  return new Eta({ views: viewsDir, cache, autoTrim: [false, 'nl'], functionHeader: 'const h = it.h;' });
}

/** htmx asks for a fragment only for targeted swaps; history restores and full swaps get the page. */
export function wantsFragment(req: Request): boolean {
  return req.get('HX-Request') === 'true' && req.get('HX-Request-Type') === 'partial' && req.get('HX-History-Restore-Request') !== 'true';
}

export interface ViewOptions {
  /** Template of the whole page, which includes the fragment. */
  page: string;
  /** Template of the fragment htmx swaps; the same partial the page includes. */
  fragment?: string;
  status?: number;
  data: Record<string, unknown>;
}

export function renderView(req: Request, res: Response, { page, fragment, status = 200, data }: ViewOptions): void {
  res.vary('HX-Request').vary('HX-Request-Type');
  const template = fragment && wantsFragment(req) ? fragment : page;
  const html = renderTemplate(res, template, { ...data, request: { path: req.path, url: req.originalUrl } });
  res.status(status).type('html').send(html);
}

export function renderTemplate(res: Response, template: string, data: Record<string, unknown>): string {
  const renderer = res.app.locals.renderer as Renderer;
  return renderer.render(template, { ...res.locals, ...data, h: viewHelpers });
}
