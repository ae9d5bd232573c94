import { describe, expect, it } from 'vitest';
import { BusyError } from '../../src/errors.ts';
import { Semaphore } from '../../src/features/users/passwords.ts';

/** A task that runs until released, counting how many run at once. */
function gatedTasks() {
  let running = 0;
  let peak = 0;
  const gates: Array<() => void> = [];
  const task = () =>
    new Promise<void>((resolve) => {
      running += 1;
      peak = Math.max(peak, running);
      gates.push(() => {
        running -= 1;
        resolve();
      });
    });
  return { task, gates, peak: () => peak, running: () => running };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Semaphore', () => {
  it('runs at most its concurrency at once, the rest in turn', async () => {
    const semaphore = new Semaphore(2, 10);
    const { task, gates, peak, running } = gatedTasks();
    const all = Array.from({ length: 6 }, () => semaphore.run(task));
    await settle();
    expect(running()).toBe(2);
    while (gates.length > 0) {
      gates.shift()!();
      await settle();
    }
    await Promise.all(all);
    expect(peak()).toBe(2);
    expect(semaphore.peakActive).toBe(2);
  });

  it('refuses at once beyond the waiting room, and frees its slot when a task fails', async () => {
    const semaphore = new Semaphore(1, 1, 3);
    const { task, gates } = gatedTasks();
    const first = semaphore.run(task);
    const second = semaphore.run(task);
    const refused = await semaphore.run(task).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BusyError);
    expect((refused as BusyError).retryAfterSeconds).toBe(3);
    gates.shift()!();
    await settle();
    gates.shift()!();
    await Promise.all([first, second]);
    await expect(semaphore.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(semaphore.run(async () => 'after')).resolves.toBe('after');
  });
});
