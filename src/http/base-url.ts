import type { Request } from 'express';
import type { Config } from '../config.ts';

/**
 * The origin absolute links are built on (shared links, og:url, ClaimReview url): PUBLIC_BASE_URL when
 * set, else the request's own protocol and host.
 */
export function publicBaseUrl(req: Request, config: Pick<Config, 'publicBaseUrl'>): string {
  return config.publicBaseUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
