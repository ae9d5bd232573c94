import type { RequestHandler } from 'express';

/** Methods that change nothing: neither the cross-site check nor the CSRF token applies to them. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests sent by another site. Browsers label every request with
 * Sec-Fetch-Site (or at least Origin); non-browser clients such as curl send neither and pass.
 */
export const rejectCrossSiteWrites: RequestHandler = (req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const fetchSite = req.get('Sec-Fetch-Site');
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') return refuse(res);
  const origin = req.get('Origin');
  if (!fetchSite && origin && origin !== 'null') {
    try {
      if (new URL(origin).host !== req.get('Host')) return refuse(res);
    } catch {
      return refuse(res);
    }
  }
  next();
};

function refuse(res: Parameters<RequestHandler>[1]): void {
  res.status(403).type('text').send('Cross-site requests are not allowed.');
}
