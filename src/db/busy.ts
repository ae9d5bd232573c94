import pRetry from 'p-retry';

/** SQLite answers SQLITE_BUSY when another process holds the write lock past busy_timeout. */
export function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

export class DatabaseBusyError extends Error {
  constructor(attempts: number) {
    super(`The database stayed busy after ${attempts} attempts: another process is writing to it. Try again in a moment.`);
  }
}

export interface BusyRetryOptions {
  /** Further attempts after the first. */
  retries?: number;
  /** Wait before the first retry; each later wait doubles, up to maxDelayMs. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  onRetry?: (attempt: number, attempts: number) => void;
}

/**
 * Runs a task that writes to the database, again with growing pauses while another process keeps the
 * database busy (the server beside the ingest command). Bounded: it gives up with DatabaseBusyError.
 */
export async function retryWhileBusy<T>(task: () => Promise<T>, options: BusyRetryOptions = {}): Promise<T> {
  const retries = options.retries ?? 6;
  try {
    return await pRetry(task, {
      retries,
      minTimeout: options.firstDelayMs ?? 250,
      maxTimeout: options.maxDelayMs ?? 4000,
      factor: 2,
      randomize: true,
      shouldRetry: ({ error }) => isDatabaseBusy(error),
      onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
        if (isDatabaseBusy(error) && retriesLeft > 0) options.onRetry?.(attemptNumber + 1, retries + 1);
      },
    });
  } catch (error) {
    if (isDatabaseBusy(error)) throw new DatabaseBusyError(retries + 1);
    throw error;
  }
}
