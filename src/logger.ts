import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.ts';

/**
 * Headers that carry credentials: the session cookie, the CSRF token htmx sends, and anything a proxy
 * or client adds for authentication. pino-http logs request and response headers at the info level.
 */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers["x-csrf-token"]',
  'req.headers["csrf-token"]',
  'req.headers["x-xsrf-token"]',
  'res.headers["set-cookie"]',
];

/** The one logger factory: the server, the tests and command-line tools all redact the same way. */
export function createLogger(level: Config['logLevel'], destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
