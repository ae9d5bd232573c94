/** A statement ran past DB_QUERY_TIMEOUT_MS and was stopped, so that one request cannot hold the database. */
export class QueryTimeoutError extends Error {
  readonly code = 'QUERY_TIMEOUT';
  constructor(readonly timeoutMs: number) {
    super(`A database query ran longer than ${timeoutMs} ms and was stopped.`);
  }
}

/** PostgreSQL's statement_timeout cancels with SQLSTATE 57014 (query_canceled). */
const POSTGRES_QUERY_CANCELED = '57014';

export function isQueryTimeout(error: unknown): boolean {
  if (error instanceof QueryTimeoutError) return true;
  return (error as { code?: unknown } | null)?.code === POSTGRES_QUERY_CANCELED;
}
