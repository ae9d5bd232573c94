import { isIP } from 'node:net';
import { z } from 'zod';
import { UI_LANGUAGES, type UiLanguage } from './i18n/languages.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const DEFAULT_MAX_CLAIMS_PER_ARTICLE = 2000;
export const DEFAULT_SQLITE_BUSY_TIMEOUT_MS = 5000;

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  if (rest.length > 0) return false;
  if (PROXY_NAMES.has(address)) return prefix === undefined;
  const family = isIP(address);
  return family !== 0 && (prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128)));
}

/** Express's `trust proxy`: false, true, a number of hops, or addresses/subnets/names of trusted proxies. */
const trustProxyFromEnv = z
  .string()
  .trim()
  .transform((value, context): boolean | number | string[] => {
    if (value === 'false' || value === '0') return false;
    if (value === 'true') return true;
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(',').map((entry) => entry.trim());
    if (entries.every(isProxyAddress)) return entries;
    context.addIssue({ code: 'custom', message: 'must be false, true, a number of proxy hops, or a comma-separated list of addresses, subnets, loopback, linklocal or uniquelocal' });
    return z.NEVER;
  });

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z.string().min(1).default('./data/isnad.db'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  MAX_ARTICLE_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(1024 * 1024),
  MAX_CLAIMS_PER_ARTICLE: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_MAX_CLAIMS_PER_ARTICLE),
  SQLITE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(DEFAULT_SQLITE_BUSY_TIMEOUT_MS),
  SQLITE_SYNCHRONOUS: z.enum(['off', 'normal', 'full', 'extra']).or(z.enum(['OFF', 'NORMAL', 'FULL', 'EXTRA']).transform((value) => value.toLowerCase() as 'off')).default('normal'),
  SQLITE_CACHE_SIZE_MB: z.coerce.number().min(0).max(4096).default(4),
  SQLITE_MMAP_SIZE_MB: z.coerce.number().int().min(0).max(65536).default(0),
  SQLITE_READ_CONNECTIONS: z.coerce.number().int().min(0).max(16).default(3),
  DB_QUERY_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(1000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(5000),
  SEED_ON_EMPTY: booleanFromEnv.default(true),
  PAGE_SIZE: z.coerce.number().int().min(5).max(500).default(50),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  COOKIE_SECURE: booleanFromEnv.default(false),
  TRUST_PROXY: trustProxyFromEnv.default(false),
  SESSION_MAX_AGE_HOURS: z.coerce.number().min(0.1).max(24 * 90).default(12),
  PASSWORD_HASH_COST: z.coerce.number().int().min(10).max(20).default(17),
  DEFAULT_LANGUAGE: z.enum(UI_LANGUAGES).default('en'),
  ORGANIZATION_NAME: z.string().trim().min(1).max(200).default('Isnad fact-check desk'),
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://isnad.example.org' })
    .refine((value) => !/[?#]/.test(value), 'must not carry a query or fragment')
    .transform((value) => value.replace(/\/+$/, ''))
    .optional(),
  ORGANIZATION_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://desk.example.org' }).optional(),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  logLevel: (typeof LOG_LEVELS)[number];
  maxArticleBytes: number;
  /** An article with more claims than this is refused as a whole. */
  maxClaimsPerArticle: number;
  /** How long an SQLite write waits for another process's write lock before failing as busy. */
  sqliteBusyTimeoutMs: number;
  /** PRAGMA synchronous. In WAL, normal is safe against the application crashing; a power loss may lose the last commits. */
  sqliteSynchronous: 'off' | 'normal' | 'full' | 'extra';
  /** Page cache per SQLite connection. */
  sqliteCacheSizeMb: number;
  /** Memory-mapped reads per SQLite connection; 0 turns them off. */
  sqliteMmapSizeMb: number;
  /** Read-only SQLite connections beside the writer, so that reads never wait behind a write. */
  sqliteReadConnections: number;
  /** A request's query running longer is stopped and answered 503; 0 leaves queries unbounded. */
  dbQueryTimeoutMs: number;
  /** On SIGTERM, how long requests in flight may still finish before their connections are closed. */
  shutdownGraceMs: number;
  seedOnEmpty: boolean;
  pageSize: number;
  /** Signs session cookies; when unset, one is generated and kept in the database. */
  sessionSecret: string | undefined;
  cookieSecure: boolean;
  /** Which proxies may set X-Forwarded-For (the client address used by rate limits); none by default. */
  trustProxy: boolean | number | string[];
  sessionMaxAgeMs: number;
  /** log2 of scrypt's N for new password hashes. */
  passwordHashCost: number;
  /** Credited as the author of published reports and ClaimReview. */
  /** The interface language for readers who chose none and whose browser asks for neither. */
  defaultLanguage: UiLanguage;
  organizationName: string;
  /** Origin (and optional path prefix) of shared links, without a trailing slash; the request's own when unset. */
  publicBaseUrl: string | undefined;
  /** The desk's own site, credited as ClaimReview's author.url; PUBLIC_BASE_URL or the request's origin when unset. */
  organizationUrl: string | undefined;
}

export class ConfigError extends Error {}

/** Reads and validates the environment once; every problem is reported together. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const value = parsed.data;
  return {
    port: value.PORT,
    host: value.HOST,
    databaseUrl: value.DATABASE_URL,
    logLevel: value.LOG_LEVEL,
    maxArticleBytes: value.MAX_ARTICLE_BYTES,
    maxClaimsPerArticle: value.MAX_CLAIMS_PER_ARTICLE,
    sqliteBusyTimeoutMs: value.SQLITE_BUSY_TIMEOUT_MS,
    sqliteSynchronous: value.SQLITE_SYNCHRONOUS,
    sqliteCacheSizeMb: value.SQLITE_CACHE_SIZE_MB,
    sqliteMmapSizeMb: value.SQLITE_MMAP_SIZE_MB,
    sqliteReadConnections: value.SQLITE_READ_CONNECTIONS,
    dbQueryTimeoutMs: value.DB_QUERY_TIMEOUT_MS,
    shutdownGraceMs: value.SHUTDOWN_GRACE_MS,
    seedOnEmpty: value.SEED_ON_EMPTY,
    pageSize: value.PAGE_SIZE,
    sessionSecret: value.SESSION_SECRET,
    cookieSecure: value.COOKIE_SECURE,
    trustProxy: value.TRUST_PROXY,
    sessionMaxAgeMs: value.SESSION_MAX_AGE_HOURS * 3600 * 1000,
    passwordHashCost: value.PASSWORD_HASH_COST,
    defaultLanguage: value.DEFAULT_LANGUAGE,
    organizationName: value.ORGANIZATION_NAME,
    publicBaseUrl: value.PUBLIC_BASE_URL,
    organizationUrl: value.ORGANIZATION_URL,
  };
}
