import type { Request, Response } from 'express';
import { ChunkedEta } from './html-chunks.ts';
import { viewHelpers } from './view-helpers.ts';
import { translationLocals } from './language.ts';

export type Renderer = ChunkedEta;

/**
 * Templates are compiled once and kept: reading and compiling them on every render was the largest cost of
 * a page. Only `npm run dev` asks for them to be read afresh (reload), so that edits show without a restart.
 */
export function createRenderer(viewsDir: string, { reload = false }: { reload?: boolean } = {}): Renderer {
  return new ChunkedEta({ views: viewsDir, cache: !reload, autoTrim: [false, 'nl'], functionHeader: 'const h = it.h;' });
}

/** ISNAD_TEMPLATE_RELOAD=1 (set by `npm run dev`) re-reads templates on every render. */
export function templateReloadRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.ISNAD_TEMPLATE_RELOAD === '1' || env.ISNAD_TEMPLATE_RELOAD === 'true';
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
  const renderer = res.app.locals.renderer as Renderer;
  const html = renderer.renderHtml(template, { ...languageOf(res), ...res.locals, ...data, request: { path: req.path, url: req.originalUrl }, h: viewHelpers });
  res.status(status).type('html').send(typeof html === 'string' ? html : html.toBuffer());
}

export function renderTemplate(res: Response, template: string, data: Record<string, unknown>): string {
  const renderer = res.app.locals.renderer as Renderer;
  return renderer.render(template, { ...languageOf(res), ...res.locals, ...data, h: viewHelpers });
}

/** Pages rendered before the language was chosen (an early error) are in the desk's default language. */
function languageOf(res: Response): Record<string, unknown> {
  return res.locals.t ? {} : translationLocals(res.app.locals.defaultLanguage ?? 'en');
}
