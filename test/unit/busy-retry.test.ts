import { describe, expect, it } from 'vitest';
import { failureLine } from '../../src/cli/run-command.ts';
import { DatabaseBusyError, retryWhileBusy } from '../../src/db/busy.ts';
import { ValidationError } from '../../src/errors.ts';

function busyError(): Error {
  return Object.assign(new Error('SQLITE_BUSY: database is locked'), { code: 'SQLITE_BUSY' });
}

const QUICK = { firstDelayMs: 1, maxDelayMs: 2 };

describe('retryWhileBusy', () => {
  it('tries again while the database is busy and returns the first success', async () => {
    let attempts = 0;
    const retries: number[] = [];
    const result = await retryWhileBusy(
      async () => {
        attempts += 1;
        if (attempts < 3) throw busyError();
        return 'stored';
      },
      { ...QUICK, retries: 5, onRetry: (attempt) => retries.push(attempt) },
    );
    expect(result).toBe('stored');
    expect(attempts).toBe(3);
    expect(retries).toEqual([2, 3]);
  });

  it('gives up after a bounded number of attempts with a message for the terminal', async () => {
    let attempts = 0;
    const failure = retryWhileBusy(
      async () => {
        attempts += 1;
        throw busyError();
      },
      { ...QUICK, retries: 3 },
    );
    await expect(failure).rejects.toBeInstanceOf(DatabaseBusyError);
    expect(attempts).toBe(4);
    const error = await failure.catch((caught: unknown) => caught);
    expect(failureLine(error)).toBe('The database stayed busy after 4 attempts: another process is writing to it. Try again in a moment.');
  });

  it('does not retry other failures', async () => {
    let attempts = 0;
    const failure = retryWhileBusy(async () => {
      attempts += 1;
      throw new Error('SQLITE_CONSTRAINT: NOT NULL constraint failed');
    }, QUICK);
    await expect(failure).rejects.toThrow('SQLITE_CONSTRAINT');
    expect(attempts).toBe(1);
  });
});

describe('failureLine', () => {
  it('prints refused input as its message and anything else on one line, without a stack', () => {
    expect(failureLine(new ValidationError({ text: 'Paste the article text.' }))).toBe('Paste the article text.');
    expect(failureLine(new Error('first line\n    at somewhere (file.ts:1:1)'))).toBe('Failed: first line at somewhere (file.ts:1:1)');
  });
});
