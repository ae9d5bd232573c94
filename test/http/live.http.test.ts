import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import session from 'express-session';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createInMemoryClaimNotifier, type InMemoryClaimNotifier } from '../../src/features/live/claim-notifier.ts';
import { liveRouter, type LiveDeps } from '../../src/features/live/live.routes.ts';
import request from 'supertest';
import { createUser } from '../../src/features/users/users.service.ts';
import { TEST_PASSWORD, csrfTokenIn, signIn } from '../support/auth.ts';
import { createTestContext } from '../support/context.ts';

const CLAIM_ID = '0192f3a4-5b6c-7d8e-9f00-112233445566';

interface Live {
  notifier: InMemoryClaimNotifier;
  server: http.Server;
  url: string;
}

const started: Live[] = [];
const aborters: AbortController[] = [];

afterEach(async () => {
  for (const controller of aborters.splice(0)) controller.abort();
  for (const { notifier, server } of started.splice(0)) {
    notifier.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

async function startLive(options: Omit<LiveDeps, 'notifier'> = {}): Promise<Live> {
  const notifier = createInMemoryClaimNotifier({ coalesceMs: 20 });
  const app = express();
  app.use(liveRouter({ notifier, ...options }));
  const server = http.createServer(app);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const live = { notifier, server, url: `http://127.0.0.1:${port}/events` };
  started.push(live);
  return live;
}

/** An open event stream, read as text. */
class StreamReader {
  text = '';
  done = false;
  private readonly decoder = new TextDecoder();

  constructor(
    readonly response: Response,
    readonly controller: AbortController,
    private readonly reader = response.body!.getReader(),
  ) {}

  /** Reads until the text received so far matches, or fails after the timeout. */
  async until(pattern: RegExp | string, timeoutMs = 2000): Promise<string> {
    const matches = () => (typeof pattern === 'string' ? this.text.includes(pattern) : pattern.test(this.text));
    const deadline = Date.now() + timeoutMs;
    while (!matches()) {
      if (this.done) throw new Error(`stream ended before ${pattern}; got:\n${this.text}`);
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`timed out waiting for ${pattern}; got:\n${this.text}`);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), remaining)));
      const next = await Promise.race([this.reader.read(), timeout]);
      clearTimeout(timer);
      if (next === 'timeout') continue;
      if (next.done) this.done = true;
      else this.text += this.decoder.decode(next.value, { stream: true });
    }
    return this.text;
  }

  /** Reads until the server ends the stream. */
  async untilEnd(timeoutMs = 2000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!this.done) {
      if (Date.now() > deadline) throw new Error(`the stream did not end; got:\n${this.text}`);
      const next = await this.reader.read();
      if (next.done) this.done = true;
      else this.text += this.decoder.decode(next.value, { stream: true });
    }
    return this.text;
  }
}

async function openStream(url: string, headers: Record<string, string> = {}): Promise<StreamReader> {
  const controller = new AbortController();
  aborters.push(controller);
  const response = await fetch(url, { headers: { Accept: 'text/html, text/event-stream', ...headers }, signal: controller.signal });
  return new StreamReader(response, controller);
}

/** The messages (blank-line separated blocks) of a stream, comments included. */
function messages(text: string): string[] {
  return text.split('\n\n').filter((block) => block.length > 0);
}

describe('GET /events', () => {
  it('answers with an unbuffered, uncached event stream that starts with the reconnect delay', async () => {
    const { url } = await startLive();
    const stream = await openStream(url);

    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.response.headers.get('cache-control')).toContain('no-cache');
    expect(stream.response.headers.get('connection')).toBe('keep-alive');
    expect(stream.response.headers.get('x-accel-buffering')).toBe('no');

    const text = await stream.until('\n\n');
    const [first] = messages(text);
    expect(first!.split('\n')).toEqual(['retry: 3000', expect.stringMatching(/^id: \d+$/), 'event: claims:connected', 'data: claims:connected']);
  });

  it('streams one event per changed claim, once for a burst, then a batch event', async () => {
    const { url, notifier } = await startLive();
    const stream = await openStream(url);
    await stream.until('event: claims:connected');
    expect(notifier.subscriberCount()).toBe(1);

    for (let i = 0; i < 20; i++) notifier.publish(CLAIM_ID);
    notifier.publish('other-claim');
    const text = await stream.until('event: claims:changed');

    const batch = messages(text).slice(1);
    expect(batch).toEqual([
      `event: claim:${CLAIM_ID}\ndata: ${CLAIM_ID}`,
      'event: claim:other-claim\ndata: other-claim',
      expect.stringMatching(/^id: \d+\nevent: claims:changed\ndata: 2$/),
    ]);
  });

  it('unsubscribes when the client disconnects', async () => {
    const { url, notifier } = await startLive();
    const first = await openStream(url);
    const second = await openStream(url);
    await first.until('\n\n');
    await second.until('\n\n');
    expect(notifier.subscriberCount()).toBe(2);

    first.controller.abort();
    await vi.waitFor(() => expect(notifier.subscriberCount()).toBe(1), { timeout: 2000, interval: 10 });

    // The remaining client still gets changes, and publishing to a closed one breaks nothing.
    notifier.publish(CLAIM_ID);
    await second.until(`event: claim:${CLAIM_ID}`);

    second.controller.abort();
    await vi.waitFor(() => expect(notifier.subscriberCount()).toBe(0), { timeout: 2000, interval: 10 });
  });

  it('asks a reconnecting client to resync, since it may have missed changes', async () => {
    const { url } = await startLive();
    const stream = await openStream(url, { 'Last-Event-ID': '1795000000000' });
    const [first] = messages(await stream.until('\n\n'));
    expect(first).toContain('retry: 3000\n');
    expect(first).toContain('event: claims:resync\n');
    expect(first).not.toContain('claims:connected');
  });

  it('sends a comment heartbeat while nothing changes', async () => {
    const { url } = await startLive({ heartbeatMs: 30 });
    const stream = await openStream(url);
    const text = await stream.until(/: keep-alive\n\n[\s\S]*: keep-alive\n\n/);
    expect(text).not.toContain('event: claim:');
  });

  it('replaces a bulk change with a single resync', async () => {
    const { url, notifier } = await startLive({ maxEventsPerBatch: 2 });
    const stream = await openStream(url);
    await stream.until('\n\n');

    for (const id of ['a', 'b', 'c']) notifier.publish(id);
    const text = await stream.until(/event: claims:resync\ndata: 3\n\n/);
    expect(text).not.toContain('event: claim:a');
    expect(text).not.toContain('claims:changed');
  });

  it("passes the notifier's resync on to open streams, so their lists reload", async () => {
    const { url, notifier } = await startLive();
    const stream = await openStream(url);
    await stream.until('\n\n');

    notifier.resync();
    const text = await stream.until(/id: \d+\nevent: claims:resync\ndata: claims:resync\n\n/);
    expect(text).not.toContain('claims:changed');
  });

  it('never writes an id that would break the stream framing or an event name', async () => {
    const { url, notifier } = await startLive();
    const stream = await openStream(url);
    await stream.until('\n\n');

    notifier.publish('x\n\nevent: injected');
    notifier.publish('has space');
    notifier.publish(CLAIM_ID);
    const text = await stream.until('event: claims:changed');
    expect(text).not.toContain('injected');
    expect(text).not.toContain('has space');
    expect(text).toContain('data: 1\n\n');
  });

  it('ends open streams when the notifier closes, so the server can shut down', async () => {
    const live = await startLive();
    const stream = await openStream(live.url);
    await stream.until('\n\n');

    live.notifier.close();
    await stream.untilEnd();

    const closed = new Promise<void>((resolve) => live.server.close(() => resolve()));
    live.server.closeIdleConnections();
    await expect(Promise.race([closed.then(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('hung'), 1000))])).resolves.toBe('closed');
    started.splice(started.indexOf(live), 1);
  });
});

describe('GET /events of a signed-in user', () => {
  const contexts: Array<Awaited<ReturnType<typeof createTestContext>>> = [];
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  /** The whole app on a port, and the session cookie of each named user signed in through the form. */
  async function startApp(names: string[]) {
    const context = await createTestContext();
    contexts.push(context);
    const server = http.createServer(context.app);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    started.push({ notifier: context.notifier, server, url: '' });
    const cookies: Record<string, string> = {};
    for (const name of names) {
      const user = (await createUser(context.db, { name, role: 'reviewer', password: TEST_PASSWORD }, { cost: 10 })).user;
      const login = await request(context.app).get('/login');
      const anonymous = login.headers['set-cookie']![0]!.split(';')[0]!;
      const signedIn = await request(context.app).post('/login').set('Cookie', anonymous).type('form').send({ name, password: TEST_PASSWORD, _csrf: csrfTokenIn(login.text) }).expect(303);
      cookies[user.id] = signedIn.headers['set-cookie']![0]!.split(';')[0]!;
    }
    const { port } = server.address() as AddressInfo;
    return { context, url: `http://127.0.0.1:${port}/events`, cookies };
  }

  it('renews a session due for renewal while the stream is still open', async () => {
    const { context, url, cookies } = await startApp(['Long reader']);
    const [userId, cookie] = Object.entries(cookies)[0]!;
    const expiry = async () => (await context.db.selectFrom('session').select('expires_at').where('user_id', '=', userId).executeTakeFirstOrThrow()).expires_at;
    const before = await expiry();
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 60 * 60 * 1000);
      const stream = await openStream(url, { Cookie: cookie });
      await stream.until('event: claims:connected');
      expect(stream.response.headers.get('set-cookie')).toMatch(/^isnad\.sid=/);
      expect((await expiry()) > before).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('ends when the user is disabled or their password is reset, and only theirs', async () => {
    const { context, url, cookies } = await startApp(['Soon disabled', 'Soon reset', 'Bystander']);
    const [disabledId, resetId, bystanderId] = Object.keys(cookies) as [string, string, string];
    const streams = Object.fromEntries(await Promise.all(Object.entries(cookies).map(async ([id, cookie]) => [id, await openStream(url, { Cookie: cookie })] as const)));
    for (const stream of Object.values(streams)) await stream.until('event: claims:connected');

    const admin = await signIn(context, 'admin');
    await admin.post(`/admin/users/${disabledId}/disabled`).type('form').send({ disabled: 'true' }).expect(200);
    await streams[disabledId]!.untilEnd();
    await admin.post(`/admin/users/${resetId}/password`).type('form').expect(200);
    await streams[resetId]!.untilEnd();

    context.notifier.publish(CLAIM_ID);
    await streams[bystanderId]!.until(`event: claim:${CLAIM_ID}`);
    expect(streams[bystanderId]!.done).toBe(false);
  });
});

describe('GET /events when the session is ended elsewhere (another instance)', () => {
  /** A stream whose sign-in lives in a session store that another process could change. */
  async function startWithSessions(sessionCheckMs: number) {
    const store = new session.MemoryStore();
    const app = express();
    app.use(session({ secret: 'test-secret-that-is-long-enough-0123456789', store, resave: false, saveUninitialized: false }));
    app.post('/sign-in', (req, res) => {
      req.session.userId = 'user-1';
      res.status(204).end();
    });
    app.use((req, res, next) => {
      if (req.session.userId) res.locals.user = { id: req.session.userId, name: 'Reader', role: 'viewer', mustChangePassword: false };
      next();
    });
    const notifier = createInMemoryClaimNotifier({ coalesceMs: 20 });
    app.use(liveRouter({ notifier, sessionCheckMs }));
    const server = http.createServer(app);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    started.push({ notifier, server, url: '' });
    const signedIn = await request(server).post('/sign-in').expect(204);
    const cookie = signedIn.headers['set-cookie']![0]!.split(';')[0]!;
    return { store, cookie, notifier, url: `http://127.0.0.1:${port}/events` };
  }

  it('stays open while the session lasts and ends at the first check after it is gone', async () => {
    const { store, cookie, notifier, url } = await startWithSessions(30);
    const stream = await openStream(url, { Cookie: cookie });
    await stream.until('event: claims:connected');
    await new Promise((resolve) => setTimeout(resolve, 150));
    notifier.publish(CLAIM_ID);
    await stream.until(`event: claim:${CLAIM_ID}`);

    const sid = decodeURIComponent(cookie.split('=')[1]!).slice(2).split('.')[0]!;
    await new Promise<void>((resolve) => store.destroy(sid, () => resolve()));
    await stream.untilEnd(1000);
  });

  it('keeps the stream when the store cannot answer for a moment', async () => {
    const { store, cookie, notifier, url } = await startWithSessions(20);
    const stream = await openStream(url, { Cookie: cookie });
    await stream.until('event: claims:connected');
    const failing = vi.spyOn(store, 'get').mockImplementation((_sid, callback) => callback(new Error('database restarting')));
    await vi.waitFor(() => expect(failing.mock.calls.length).toBeGreaterThan(3));
    notifier.publish(CLAIM_ID);
    await stream.until(`event: claim:${CLAIM_ID}`);
  });
});
