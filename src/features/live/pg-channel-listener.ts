import pg from 'pg';

/**
 * One dedicated PostgreSQL connection that LISTENs on a channel and comes back by itself.
 *
 * LISTEN belongs to a session, so it cannot go through the app's pool, whose connections come and go.
 * A dropped connection (database restart, failover, idle TCP cut by a firewall) is reopened with
 * exponential backoff; `onRestored` then runs, because whatever was notified meanwhile is lost.
 */
export interface ChannelListener {
  /** True while the channel is being listened to. */
  listening(): boolean;
  /** Resolves once the channel is listened to (at the start, or again after a drop). */
  whenListening(): Promise<void>;
  /** Stops listening and reconnecting, and closes the connection. */
  close(): Promise<void>;
}

export interface ChannelListenerOptions {
  connectionString: string;
  channel: string;
  onPayload: (payload: string) => void;
  /** Runs when the channel is listened to again after a drop, or after the first attempts failed. */
  onRestored: () => void;
  onError: (error: unknown) => void;
  /** First reconnection delay; each failure doubles it, up to maxReconnectMs. */
  reconnectMs?: number;
  maxReconnectMs?: number;
  /** A silent half-open connection is only found by using it: one `select 1` this often. */
  healthCheckMs?: number;
}

export function listenOnChannel({
  connectionString,
  channel,
  onPayload,
  onRestored,
  onError,
  reconnectMs = 250,
  maxReconnectMs = 10_000,
  healthCheckMs = 30_000,
}: ChannelListenerOptions): ChannelListener {
  let client: pg.Client | undefined;
  let isListening = false;
  let missedSomething = false;
  let failures = 0;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let healthTimer: ReturnType<typeof setInterval> | undefined;
  let waiters: Array<() => void> = [];

  function connect(): void {
    retryTimer = undefined;
    if (closed) return;
    const attempt = new pg.Client({ connectionString, keepAlive: true, query_timeout: 10_000 });
    client = attempt;
    let lost = false;
    const drop = (error?: unknown): void => {
      if (lost) return;
      lost = true;
      forget(attempt);
      // A client whose socket failed may never end cleanly; its errors are already handled here.
      attempt.end().catch(() => {});
      if (closed) return;
      if (error) onError(error);
      missedSomething = true;
      scheduleReconnect();
    };
    attempt.on('error', drop);
    attempt.on('end', () => drop(new Error(`the connection listening on ${channel} ended`)));
    attempt.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
    });
    attempt
      .connect()
      .then(() => attempt.query(`LISTEN ${attempt.escapeIdentifier(channel)}`))
      .then(() => (closed || lost ? undefined : established(attempt)), drop);
  }

  function established(attempt: pg.Client): void {
    isListening = true;
    failures = 0;
    healthTimer = setInterval(() => attempt.query('select 1').catch((error: unknown) => attempt.emit('error', error)), healthCheckMs);
    healthTimer.unref();
    for (const resolve of waiters.splice(0)) resolve();
    if (missedSomething) {
      missedSomething = false;
      onRestored();
    }
  }

  function forget(attempt: pg.Client): void {
    if (client === attempt) {
      client = undefined;
      isListening = false;
      clearInterval(healthTimer);
      healthTimer = undefined;
    }
    attempt.removeAllListeners('notification');
  }

  function scheduleReconnect(): void {
    const delay = Math.min(maxReconnectMs, reconnectMs * 2 ** failures);
    failures += 1;
    // Jitter keeps N instances from reconnecting to a restarted database in lockstep.
    retryTimer = setTimeout(connect, delay / 2 + Math.random() * (delay / 2));
    retryTimer.unref();
  }

  connect();

  return {
    listening: () => isListening,
    whenListening: () => (isListening ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))),
    async close() {
      if (closed) return;
      closed = true;
      clearTimeout(retryTimer);
      waiters = [];
      const current = client;
      if (current) {
        forget(current);
        await current.end().catch(() => {});
      }
    },
  };
}
