import type { Request } from 'express';

/** The path of the page a plain form was posted from, when that page is ours; otherwise the fallback. */
export function refererPath(req: Request, fallback: string): string {
  const referer = req.get('Referer');
  if (!referer) return fallback;
  try {
    const url = new URL(referer);
    return url.host === req.get('Host') ? `${url.pathname}${url.search}` : fallback;
  } catch {
    return fallback;
  }
}
