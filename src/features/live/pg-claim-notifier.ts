import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import { createInMemoryClaimNotifier, type InMemoryClaimNotifier } from './claim-notifier.ts';
import { sendNotification } from './live.repository.ts';
import { listenOnChannel } from './pg-channel-listener.ts';

/**
 * Claim changes shared by every app instance on one PostgreSQL database, through LISTEN/NOTIFY.
 *
 * Each instance delivers its own changes to its own streams at once (an in-memory notifier, which also
 * does the coalescing), and sends them, gathered for `notifyWindowMs`, as one NOTIFY on the channel:
 *
 *   {"from":"<instance>","claims":["<id>", …]}   or   {"from":"<instance>","resync":true}
 *
 * A payload must stay under PostgreSQL's 8000 bytes: a batch too big for it (some 200 claims, beyond
 * what the streams name one by one anyway) goes out as a resync. Every instance, this one included,
 * hears every NOTIFY on its dedicated listening connection and ignores its own.
 *
 * Notifications are not stored: those sent while an instance's listening connection is down are lost
 * to it, so once the connection is back its streams are told to resync. A NOTIFY that could not be
 * sent is followed by a resync with the next one.
 */
export interface PgClaimNotifier extends InMemoryClaimNotifier {
  /** Resolves once this instance hears the other instances (the channel is listened to). */
  whenListening(): Promise<void>;
  /** Sends what is still pending, stops listening and closes the listening connection. */
  close(): Promise<void>;
}

export interface PgClaimNotifierOptions {
  /** Sends the NOTIFY statements (the app's own pool). */
  db: Db;
  /** Where the dedicated listening connection goes: the same database as `db`. */
  connectionString: string;
  /** Channels are database-wide, not per schema: deployments sharing a database need their own. */
  channel?: string;
  coalesceMs?: number;
  notifyWindowMs?: number;
  onError?: (error: unknown) => void;
  reconnectMs?: number;
  maxReconnectMs?: number;
}

export const DEFAULT_CLAIM_CHANNEL = 'isnad_claims_changed';
const MAX_PAYLOAD_BYTES = 7900;
const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const CLAIM_ID = /^[A-Za-z0-9_-]{1,128}$/;

export function createPgClaimNotifier({
  db,
  connectionString,
  channel = DEFAULT_CLAIM_CHANNEL,
  coalesceMs,
  notifyWindowMs = 30,
  onError = (error) => console.error('claim notifier: the channel between instances failed', error),
  reconnectMs,
  maxReconnectMs,
}: PgClaimNotifierOptions): PgClaimNotifier {
  if (!CHANNEL_NAME.test(channel)) throw new RangeError(`channel must be a lower-case identifier, got ${JSON.stringify(channel)}`);
  const instance = randomUUID();
  const local = createInMemoryClaimNotifier({ coalesceMs, onError });
  const outgoing = createOutgoingBatch(instance, notifyWindowMs, (payload) => sendNotification(db, channel, payload), onError);
  const listener = listenOnChannel({
    connectionString,
    channel,
    onPayload: (payload) => receive(payload, instance, local),
    onRestored: () => local.resync(),
    onError,
    reconnectMs,
    maxReconnectMs,
  });
  let closed = false;

  return {
    publish(claimId) {
      if (closed || !claimId) return;
      local.publish(claimId);
      outgoing.add(claimId);
    },
    resync() {
      if (closed) return;
      local.resync();
      outgoing.addResync();
    },
    subscribe: (listener, onClose, onResync) => local.subscribe(listener, onClose, onResync),
    subscriberCount: () => local.subscriberCount(),
    whenListening: () => listener.whenListening(),
    async close() {
      if (closed) return;
      closed = true;
      local.close();
      await Promise.all([outgoing.flush(), listener.close()]);
    },
  };
}

function receive(payload: string, instance: string, local: InMemoryClaimNotifier): void {
  const message = parseMessage(payload);
  if (!message || message.from === instance) return;
  if (message.resync) return local.resync();
  for (const claimId of message.claims) local.publish(claimId);
}

interface ChangeMessage {
  from: string;
  resync: boolean;
  claims: string[];
}

/** Anyone with access to the database can NOTIFY on the channel: what does not parse is ignored. */
function parseMessage(payload: string): ChangeMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { from, resync, claims } = value as Record<string, unknown>;
  if (typeof from !== 'string') return undefined;
  if (resync === true) return { from, resync: true, claims: [] };
  if (!Array.isArray(claims)) return undefined;
  return { from, resync: false, claims: claims.filter((id): id is string => typeof id === 'string' && CLAIM_ID.test(id)) };
}

interface OutgoingBatch {
  add(claimId: string): void;
  addResync(): void;
  /** Sends what is pending now rather than at the end of the window. */
  flush(): Promise<void>;
}

function createOutgoingBatch(instance: string, windowMs: number, send: (payload: string) => Promise<void>, onError: (error: unknown) => void): OutgoingBatch {
  const pending = new Set<string>();
  let resyncOwed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sending: Promise<void> = Promise.resolve();

  function schedule(): void {
    timer ??= setTimeout(() => void flush(), windowMs);
  }

  function nextPayload(): string | undefined {
    const claims = [...pending];
    pending.clear();
    const named = JSON.stringify({ from: instance, claims });
    if (!resyncOwed && Buffer.byteLength(named) <= MAX_PAYLOAD_BYTES) return claims.length > 0 ? named : undefined;
    resyncOwed = false;
    return JSON.stringify({ from: instance, resync: true });
  }

  function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    const payload = nextPayload();
    if (payload === undefined) return sending;
    // One NOTIFY at a time, in order: a resync must not overtake the claims it follows.
    sending = sending.then(() =>
      send(payload).catch((error: unknown) => {
        resyncOwed = true;
        onError(error);
      }),
    );
    return sending;
  }

  return {
    add(claimId) {
      pending.add(claimId);
      schedule();
    },
    addResync() {
      resyncOwed = true;
      schedule();
    },
    flush,
  };
}
