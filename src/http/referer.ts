import type { Request } from 'express';

const PLACEHOLDER_ORIGIN = 'http://isnad.invalid';
// Browsers drop tabs and line breaks from URLs and read "\" as "/", so "/\tevil" or "/\evil" could leave the site.
const UNSAFE_RAW = /[\\\u0000-\u0020\u007f-\u009f]/;
const UNSAFE_DECODED = /[\\\u0000-\u001f\u007f-\u009f]/;

/**
 * A redirect target that stays on this site: an absolute path (with its query, without fragment), or
 * undefined. Refuses protocol-relative paths ("//host"), backslashes, whitespace and control characters,
 * in the path also when percent-encoded, since a proxy or a browser may decode them before following it.
 */
export function sameOriginPath(target: unknown): string | undefined {
  if (typeof target !== 'string' || !target.startsWith('/') || target.length > 2048) return undefined;
  if (UNSAFE_RAW.test(target) || target.startsWith('//')) return undefined;
  const rawPath = target.split(/[?#]/, 1)[0]!;
  let decodedPath: string;
  try {
    decodedPath = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  if (UNSAFE_DECODED.test(decodedPath) || decodedPath.startsWith('//')) return undefined;
  const url = new URL(target, PLACEHOLDER_ORIGIN);
  if (url.origin !== PLACEHOLDER_ORIGIN || url.pathname.startsWith('//')) return undefined;
  return `${url.pathname}${url.search}`;
}

/** The path of the page a plain form was posted from, when that page is ours; otherwise the fallback. */
export function refererPath(req: Request, fallback: string): string {
  const referer = req.get('Referer');
  if (!referer) return fallback;
  try {
    const url = new URL(referer);
    if (url.host !== req.get('Host')) return fallback;
    return sameOriginPath(`${url.pathname}${url.search}`) ?? fallback;
  } catch {
    return fallback;
  }
}
