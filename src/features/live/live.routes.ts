/**
 * Live updates: `GET /events` streams which claims changed, as server-sent events, so every open
 * dashboard refreshes those rows within a second.
 *
 * What the stream carries (every message is a *named* event; see "why named" below):
 *
 *   retry: 3000                   first message: reconnect delay, last-event id, and either
 *   id: 1795000000000             `claims:connected` (fresh connection) or `claims:resync` (the
 *   event: claims:connected       browser is reconnecting, so it may have missed changes)
 *   data: claims:connected
 *
 *   event: claim:<claimId>        one per changed claim in a batch (a 150 ms window), each id once
 *   data: <claimId>
 *
 *   id: 1795000000150             closes every batch: lets a panel (status counts) refresh once
 *   event: claims:changed
 *   data: <number of claims>
 *
 *   : keep-alive                  comment every 25 s, keeps proxies from closing an idle stream
 *
 * A batch of more than `maxEventsPerBatch` claims (a bulk change) is sent as one `claims:resync`
 * instead of one event per claim, and so is the notifier's own resync (on PostgreSQL, after its
 * channel between instances was lost and is back).
 *
 * Markup (htmx 4 with the SSE extension, views are not changed by this module):
 *
 *   Layout: the extension right after htmx, and neither with `defer`:
 *     <script src="/static/htmx/htmx.min.js"></script>
 *     <script src="/static/htmx/ext/hx-sse.min.js"></script>
 *   The extension registers itself with the global `htmx` when it runs, so it must come after it.
 *   htmx processes the page on DOMContentLoaded only if it loads while the document is still being
 *   parsed; a deferred htmx runs later and schedules that pass with setTimeout, which can fire before
 *   a deferred hx-sse.min.js has run: the page then never connects (seen in Chromium, intermittently).
 *
 *   One connection per page, on an element that is never swapped (not #claims-panel, which the filters
 *   replace), e.g. a wrapper around the results include in pages/dashboard.eta:
 *     <div id="live-claims" hx-sse:connect="/events" hx-swap="none">
 *       <%~ include('/partials/claims/results') %>
 *     </div>
 *   Never `hx-sse:connect:inherited` (every descendant would open its own stream) and no hx-trigger
 *   on that element (the extension connects on hx-trigger, default `load`). hx-swap="none" keeps a
 *   non-stream answer (a 500 page, say) from being swapped over the dashboard.
 *
 *   Each row, in partials/claims/row.eta:
 *     <tr id="claim-<%= c.id %>" class="claim-row"
 *         hx-get="/claims/<%= c.id %>/row" hx-trigger="claim:<%= c.id %> from:body" hx-swap="outerHTML"
 *         hx-status:404="swap:delete" hx-status:4xx="swap:none" hx-status:5xx="swap:none">
 *   The extension dispatches a named event on the hx-sse:connect element; it bubbles up, never down
 *   to the rows, hence `from:body`. GET /claims/:id/row renders partials/claims/row for the viewer.
 *
 *   After a reconnection, the claim list itself, in partials/claims/results.eta:
 *     <div id="claims-panel" class="claims-panel"
 *          hx-get="<%= h.dashboardUrl(p, { after: it.after }) %>" hx-trigger="claims:resync from:body" hx-swap="outerHTML">
 *   and the status counts can follow remote changes too:
 *     <nav id="status-summary" ... hx-trigger="claimStatusChanged from:body, claims:changed from:body" ...>
 *
 * Why named events that make each row fetch itself, rather than streaming row HTML: the extension
 * swaps an unnamed message into the connect element's own target, so rows would have to arrive as
 * out-of-band swaps of markup rendered once for everybody, while a row holds per-viewer content (the
 * session's CSRF token in the status form, role-dependent controls). A per-claim event name also needs
 * no trigger filter (`[...]`), which htmx evaluates as JavaScript and the CSP (script-src 'self') forbids.
 *
 * On reconnecting, the extension sends the last `id:` it saw as Last-Event-ID; this route answers
 * with `claims:resync`, because changes made while the browser was away (network drop, server
 * restart, or a background tab: the extension closes the stream while the tab is hidden) were not
 * delivered. The ids are the server time in milliseconds, which a notifier able to replay changes
 * (from the claims' change timestamps) could use instead of a full resync.
 *
 * The extension only applies `retry:` from a message that has an event or data, so the first message
 * is a named event; the extension also grows the delay exponentially (up to 60 s, with jitter).
 */
import type { Request, Response } from 'express';
import { Router } from 'express';
import type { ClaimNotifier } from './claim-notifier.ts';
import type { LiveStreams } from './live-streams.ts';

export interface LiveDeps {
  notifier: ClaimNotifier;
  /** Where a signed-in user's stream is registered, so that ending the user's sessions ends it too. */
  streams?: LiveStreams;
  /** Interval of the comment line that keeps proxies from closing an idle stream. */
  heartbeatMs?: number;
  /** Reconnect delay the browser is told to use. */
  retryMs?: number;
  /** Above this many claims in one batch, one `claims:resync` replaces the per-claim events. */
  maxEventsPerBatch?: number;
  /** A client that stops reading is dropped once this much output waits for it (it reconnects and resyncs). */
  maxBufferedBytes?: number;
  /**
   * How often a signed-in stream checks that its session still exists. `streams` ends the streams of
   * this process at once; a session ended through another instance is seen at the next check.
   */
  sessionCheckMs?: number;
}

/** Event name a row listens for. */
export function claimEventName(claimId: string): string {
  return `claim:${claimId}`;
}

export const LIVE_EVENTS = {
  connected: 'claims:connected',
  resync: 'claims:resync',
  changed: 'claims:changed',
} as const;

/** Ids go into an event name and an hx-trigger attribute: no whitespace, commas, colons or line breaks. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;

export function liveRouter({
  notifier,
  streams,
  heartbeatMs = 25_000,
  retryMs = 3_000,
  maxEventsPerBatch = 100,
  maxBufferedBytes = 256 * 1024,
  sessionCheckMs = 30_000,
}: LiveDeps): Router {
  const router = Router();

  router.get('/events', (req: Request, res: Response) => {
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform: compression middleware and proxies leave the stream alone instead of buffering it.
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();

    let open = true;
    let heartbeat: ReturnType<typeof setInterval> | undefined;
    let unsubscribe: () => void = () => {};
    let forgetStream: () => void = () => {};
    let stopWatchingSession: () => void = () => {};

    const stop = (): void => {
      if (!open) return;
      open = false;
      clearInterval(heartbeat);
      unsubscribe();
      forgetStream();
      stopWatchingSession();
    };
    const end = (): void => {
      stop();
      if (!res.writableEnded) res.end();
    };

    const send = (chunk: string): void => {
      if (!open || res.writableEnded || res.destroyed) return stop();
      res.write(chunk);
      if (res.writableLength > maxBufferedBytes) {
        stop();
        res.destroy();
      }
    };

    req.on('close', stop);
    res.on('close', stop);

    const first = req.get('Last-Event-ID') === undefined ? LIVE_EVENTS.connected : LIVE_EVENTS.resync;
    send(`retry: ${retryMs}\nid: ${Date.now()}\nevent: ${first}\ndata: ${first}\n\n`);

    unsubscribe = notifier.subscribe(
      (claimIds) => {
        const batch = formatBatch(claimIds.filter((id) => SAFE_ID.test(id)), maxEventsPerBatch);
        if (batch) send(batch);
      },
      // The notifier stopped (shutdown): end the stream so the server can close this connection.
      end,
      () => send(`id: ${Date.now()}\nevent: ${LIVE_EVENTS.resync}\ndata: ${LIVE_EVENTS.resync}\n\n`),
    );
    if (!open) {
      // Dropped while starting (its first write overflowed): nothing must outlive the request.
      unsubscribe();
      return;
    }
    const userId = res.locals.user?.id;
    if (userId) {
      // The user's sessions were ended: the browser's reconnection will find itself signed out.
      if (streams) forgetStream = streams.add(userId, end);
      stopWatchingSession = watchSession(req, userId, sessionCheckMs, end);
    }
    heartbeat = setInterval(() => send(': keep-alive\n\n'), heartbeatMs);
  });

  return router;
}

/** Calls `onEnded` once the request's session is gone from the store or belongs to someone else. */
function watchSession(req: Request, userId: string, everyMs: number, onEnded: () => void): () => void {
  const store = req.sessionStore;
  const sid = req.sessionID;
  if (!store || !sid) return () => {};
  const timer = setInterval(() => {
    store.get(sid, (error, data) => {
      // A store that cannot answer right now (database restarting) is no proof of a sign-out.
      if (!error && data?.userId !== userId) onEnded();
    });
  }, everyMs);
  return () => clearInterval(timer);
}

function formatBatch(claimIds: string[], maxEventsPerBatch: number): string {
  if (claimIds.length === 0) return '';
  const id = `id: ${Date.now()}\n`;
  if (claimIds.length > maxEventsPerBatch) return `${id}event: ${LIVE_EVENTS.resync}\ndata: ${claimIds.length}\n\n`;
  const events = claimIds.map((claimId) => `event: ${claimEventName(claimId)}\ndata: ${claimId}\n\n`).join('');
  return `${events}${id}event: ${LIVE_EVENTS.changed}\ndata: ${claimIds.length}\n\n`;
}
