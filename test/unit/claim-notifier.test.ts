import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createInMemoryClaimNotifier } from '../../src/features/live/claim-notifier.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('in-memory claim notifier', () => {
  it('coalesces a burst of changes to one claim into a single delivery after the window', () => {
    const notifier = createInMemoryClaimNotifier({ coalesceMs: 150 });
    const listener = vi.fn();
    notifier.subscribe(listener);

    for (let i = 0; i < 50; i++) notifier.publish('claim-a');
    vi.advanceTimersByTime(149);
    expect(listener).not.toHaveBeenCalled();

    vi.advanceTimersByTime(1);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith(['claim-a']);

    vi.advanceTimersByTime(1000);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('delivers each changed claim once, in the order first changed, to every subscriber', () => {
    const notifier = createInMemoryClaimNotifier();
    const first = vi.fn();
    const second = vi.fn();
    notifier.subscribe(first);
    notifier.subscribe(second);

    for (const id of ['b', 'a', 'b', 'c', 'a']) notifier.publish(id);
    vi.advanceTimersByTime(150);

    expect(first).toHaveBeenCalledExactlyOnceWith(['b', 'a', 'c']);
    expect(second).toHaveBeenCalledExactlyOnceWith(['b', 'a', 'c']);
    // Each subscriber gets its own list.
    expect(first.mock.calls[0]![0]).not.toBe(second.mock.calls[0]![0]);
  });

  it('opens the window at the first change, so steady changes cannot postpone delivery', () => {
    const notifier = createInMemoryClaimNotifier({ coalesceMs: 100 });
    const listener = vi.fn();
    notifier.subscribe(listener);

    notifier.publish('a');
    vi.advanceTimersByTime(60);
    notifier.publish('b');
    vi.advanceTimersByTime(40);
    expect(listener).toHaveBeenNthCalledWith(1, ['a', 'b']);

    notifier.publish('a');
    vi.advanceTimersByTime(99);
    expect(listener).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(listener).toHaveBeenNthCalledWith(2, ['a']);
  });

  it('stops delivering to a subscriber once it unsubscribes, and counts open subscriptions', () => {
    const notifier = createInMemoryClaimNotifier();
    const kept = vi.fn();
    const dropped = vi.fn();
    notifier.subscribe(kept);
    const unsubscribe = notifier.subscribe(dropped);
    expect(notifier.subscriberCount()).toBe(2);

    notifier.publish('a');
    unsubscribe();
    unsubscribe();
    expect(notifier.subscriberCount()).toBe(1);
    vi.advanceTimersByTime(150);

    expect(kept).toHaveBeenCalledExactlyOnceWith(['a']);
    expect(dropped).not.toHaveBeenCalled();
  });

  it('skips a subscriber that another one unsubscribed during the same delivery', () => {
    const notifier = createInMemoryClaimNotifier();
    const second = vi.fn();
    let unsubscribeSecond = () => {};
    notifier.subscribe(() => unsubscribeSecond());
    unsubscribeSecond = notifier.subscribe(second);

    notifier.publish('a');
    vi.advanceTimersByTime(150);
    expect(second).not.toHaveBeenCalled();
  });

  it('keeps delivering to the others when a listener throws, and reports the error', () => {
    const onError = vi.fn();
    const notifier = createInMemoryClaimNotifier({ onError });
    const after = vi.fn();
    notifier.subscribe(() => {
      throw new Error('broken stream');
    });
    notifier.subscribe(after);

    notifier.publish('a');
    vi.advanceTimersByTime(150);

    expect(after).toHaveBeenCalledExactlyOnceWith(['a']);
    expect(onError).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ message: 'broken stream' }));
  });

  it('does nothing when nothing changed and ignores empty ids', () => {
    const notifier = createInMemoryClaimNotifier();
    const listener = vi.fn();
    notifier.subscribe(listener);
    notifier.publish('');
    vi.advanceTimersByTime(10_000);
    expect(listener).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('on close, drops pending changes, tells every subscription and accepts nothing more', async () => {
    const notifier = createInMemoryClaimNotifier();
    const listener = vi.fn();
    const onClose = vi.fn();
    notifier.subscribe(listener, onClose);

    notifier.publish('a');
    notifier.close();
    notifier.close();
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(notifier.subscriberCount()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);

    notifier.publish('b');
    vi.advanceTimersByTime(1000);
    expect(listener).not.toHaveBeenCalled();

    const lateOnClose = vi.fn();
    notifier.subscribe(vi.fn(), lateOnClose);
    expect(lateOnClose).not.toHaveBeenCalled();
    await Promise.resolve();
    expect(lateOnClose).toHaveBeenCalledTimes(1);
    expect(notifier.subscriberCount()).toBe(0);
  });

  it('tells every subscription to resync once in the window, instead of the claims gathered in it', () => {
    const notifier = createInMemoryClaimNotifier({ coalesceMs: 100 });
    const listener = vi.fn();
    const onResync = vi.fn();
    notifier.subscribe(listener, undefined, onResync);
    const withoutResync = vi.fn();
    notifier.subscribe(withoutResync);

    notifier.publish('a');
    notifier.resync();
    notifier.resync();
    vi.advanceTimersByTime(99);
    expect(onResync).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onResync).toHaveBeenCalledTimes(1);
    expect(listener).not.toHaveBeenCalled();
    expect(withoutResync).not.toHaveBeenCalled();

    notifier.publish('b');
    vi.advanceTimersByTime(100);
    expect(listener).toHaveBeenCalledExactlyOnceWith(['b']);
    expect(onResync).toHaveBeenCalledTimes(1);
  });

  it('refuses a negative window', () => {
    expect(() => createInMemoryClaimNotifier({ coalesceMs: -1 })).toThrow(RangeError);
  });
});
