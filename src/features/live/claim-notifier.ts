/**
 * Tells whoever is listening (the live-updates stream) which claims changed.
 *
 * Changes are coalesced: `publish` only marks a claim dirty, and once per window every listener gets
 * the dirty claims, each id once. A burst of writes to one claim (a status change, its note, a verdict)
 * becomes a single delivery, and under continuous writes a delivery still goes out every window, so
 * the delay before a row refreshes is bounded by the window.
 *
 * The in-memory notifier serves a single process. Several instances behind a load balancer need a
 * shared channel; on PostgreSQL that is LISTEN/NOTIFY, built on top of this one:
 *
 *   publish(id)  → `select pg_notify('claims_changed', $1)` (after the transaction commits, or inside
 *                  it: PostgreSQL delivers a NOTIFY only at commit, and drops it on rollback)
 *   subscribe()  → one dedicated client runs `LISTEN claims_changed`; each notification's payload goes
 *                  to a local in-memory notifier's publish(), whose subscribe() the routes use, so the
 *                  coalescing stays per process
 *   close()      → UNLISTEN, release the client, close the local notifier
 *
 * If that dedicated connection drops, notifications are lost until it is back: the notifier should
 * then close its subscriptions (onClose) so the browsers reconnect and refresh what they show.
 */

export type ClaimListener = (claimIds: string[]) => void;

export interface ClaimNotifier {
  /** Marks a claim as changed. Synchronous and cheap; call it once the change is committed. */
  publish(claimId: string): void;
  /**
   * Receives the changed claims in batches, each id at most once per batch. `onClose` runs if the
   * notifier stops delivering (shut down, or lost its channel), so the subscriber can end its stream.
   * Returns the function that unsubscribes (safe to call more than once).
   */
  subscribe(listener: ClaimListener, onClose?: () => void): () => void;
  /** Stops all delivery, drops pending changes and calls every subscription's onClose. */
  close(): void;
}

export interface InMemoryClaimNotifier extends ClaimNotifier {
  /** Open subscriptions; lets tests (and a health endpoint) see that disconnected clients were dropped. */
  subscriberCount(): number;
}

export interface InMemoryClaimNotifierOptions {
  /** How long changes are gathered before they are delivered, in milliseconds. */
  coalesceMs?: number;
  /** Receives what a listener throws; the other listeners are still called. Defaults to console.error. */
  onError?: (error: unknown) => void;
}

interface Subscription {
  listener: ClaimListener;
  onClose: (() => void) | undefined;
}

export function createInMemoryClaimNotifier({
  coalesceMs = 150,
  onError = (error) => console.error('claim notifier: a listener failed', error),
}: InMemoryClaimNotifierOptions = {}): InMemoryClaimNotifier {
  if (!Number.isFinite(coalesceMs) || coalesceMs < 0) throw new RangeError(`coalesceMs must be a non-negative number, got ${coalesceMs}`);
  const subscriptions = new Set<Subscription>();
  const dirty = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  function flush(): void {
    timer = undefined;
    if (dirty.size === 0) return;
    const claimIds = [...dirty];
    dirty.clear();
    for (const subscription of [...subscriptions]) {
      // A listener may have unsubscribed another one during this delivery.
      if (!subscriptions.has(subscription)) continue;
      try {
        subscription.listener([...claimIds]);
      } catch (error) {
        onError(error);
      }
    }
  }

  function runOnClose(subscription: Subscription): void {
    try {
      subscription.onClose?.();
    } catch (error) {
      onError(error);
    }
  }

  return {
    publish(claimId) {
      if (closed || !claimId) return;
      dirty.add(claimId);
      // The window opens with the first change, not the last: steady writes cannot postpone delivery.
      timer ??= setTimeout(flush, coalesceMs);
    },

    subscribe(listener, onClose) {
      const subscription: Subscription = { listener, onClose };
      if (closed) {
        // Told after subscribe() has returned, so the caller already holds its unsubscribe function.
        queueMicrotask(() => runOnClose(subscription));
        return () => {};
      }
      subscriptions.add(subscription);
      return () => {
        subscriptions.delete(subscription);
      };
    },

    close() {
      if (closed) return;
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      dirty.clear();
      const open = [...subscriptions];
      subscriptions.clear();
      for (const subscription of open) runOnClose(subscription);
    },

    subscriberCount() {
      return subscriptions.size;
    },
  };
}
