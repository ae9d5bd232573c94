/**
 * Tells whoever is listening (the live-updates stream) which claims changed.
 *
 * Changes are coalesced: `publish` only marks a claim dirty, and once per window every listener gets
 * the dirty claims, each id once. A burst of writes to one claim (a status change, its note, a verdict)
 * becomes a single delivery, and under continuous writes a delivery still goes out every window, so
 * the delay before a row refreshes is bounded by the window.
 *
 * The in-memory notifier serves a single process. Several instances on one PostgreSQL database share
 * their changes through LISTEN/NOTIFY (pg-claim-notifier.ts), which feeds an in-memory notifier per
 * process, so the coalescing and the streams stay as they are here.
 */

export type ClaimListener = (claimIds: string[]) => void;

export interface ClaimNotifier {
  /** Marks a claim as changed. Synchronous and cheap; call it once the change is committed. */
  publish(claimId: string): void;
  /**
   * Receives the changed claims in batches, each id at most once per batch. `onClose` runs if the
   * notifier stops delivering (shut down), so the subscriber can end its stream; `onResync` runs after resync().
   * Returns the function that unsubscribes (safe to call more than once).
   */
  subscribe(listener: ClaimListener, onClose?: () => void, onResync?: () => void): () => void;
  /**
   * Tells every subscriber (through its `onResync`, in the next window) that changes may have been
   * missed, so it should reload what it shows: a change too big to name claim by claim, or a lost channel.
   */
  resync(): void;
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
  onResync: (() => void) | undefined;
}

export function createInMemoryClaimNotifier({
  coalesceMs = 150,
  onError = (error) => console.error('claim notifier: a listener failed', error),
}: InMemoryClaimNotifierOptions = {}): InMemoryClaimNotifier {
  if (!Number.isFinite(coalesceMs) || coalesceMs < 0) throw new RangeError(`coalesceMs must be a non-negative number, got ${coalesceMs}`);
  const subscriptions = new Set<Subscription>();
  const dirty = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let resyncPending = false;
  let closed = false;

  function flush(): void {
    timer = undefined;
    if (resyncPending) {
      // A resync reloads everything, the claims gathered in this window included.
      resyncPending = false;
      dirty.clear();
      return deliver((subscription) => subscription.onResync?.());
    }
    if (dirty.size === 0) return;
    const claimIds = [...dirty];
    dirty.clear();
    deliver((subscription) => subscription.listener([...claimIds]));
  }

  function deliver(call: (subscription: Subscription) => void): void {
    for (const subscription of [...subscriptions]) {
      // A listener may have unsubscribed another one during this delivery.
      if (!subscriptions.has(subscription)) continue;
      safely(() => call(subscription));
    }
  }

  function safely(call: () => void): void {
    try {
      call();
    } catch (error) {
      onError(error);
    }
  }

  function runOnClose(subscription: Subscription): void {
    safely(() => subscription.onClose?.());
  }

  return {
    publish(claimId) {
      if (closed || !claimId) return;
      dirty.add(claimId);
      // The window opens with the first change, not the last: steady writes cannot postpone delivery.
      timer ??= setTimeout(flush, coalesceMs);
    },

    subscribe(listener, onClose, onResync) {
      const subscription: Subscription = { listener, onClose, onResync };
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

    resync() {
      if (closed) return;
      resyncPending = true;
      timer ??= setTimeout(flush, coalesceMs);
    },

    close() {
      if (closed) return;
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      resyncPending = false;
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
