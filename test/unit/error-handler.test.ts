import { describe, expect, it } from 'vitest';
import { BusyError, ValidationError } from '../../src/errors.ts';
import { problemFor } from '../../src/http/error-handler.ts';

describe('problemFor', () => {
  it('answers a database held by another process with 503 and a retry hint, not 500', () => {
    const busy = Object.assign(new Error('SQLITE_BUSY: database is locked'), { code: 'SQLITE_BUSY', errno: 5 });
    const problem = problemFor(busy);
    expect(problem.status).toBe(503);
    expect(problem.retryAfterSeconds).toBeGreaterThan(0);
    expect(problem.message).not.toContain('SQLITE');
  });

  it('keeps a bounded resource busy as 503 with its own retry hint', () => {
    expect(problemFor(new BusyError(7))).toMatchObject({ status: 503, retryAfterSeconds: 7 });
  });

  it('leaves unknown errors as 500 without a retry hint', () => {
    const problem = problemFor(new Error('boom'));
    expect(problem.status).toBe(500);
    expect(problem.retryAfterSeconds).toBeUndefined();
    expect(problemFor(new ValidationError({ body: 'x' })).status).toBe(422);
  });
});
