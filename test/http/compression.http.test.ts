import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createUser } from '../../src/features/users/users.service.ts';
import { TEST_PASSWORD, csrfTokenIn, signIn, type SignedIn } from '../support/auth.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';

let context: TestContext;
let viewer: SignedIn;

beforeEach(async () => {
  context = await createTestContext();
  viewer = await signIn(context, 'viewer');
  const article = await insertTestArticle(context.db);
  for (let index = 0; index < 20; index++) await insertTestClaim(context.db, { article, start: index * 100, text: `قال المتحدث إن الرقم ${index} صحيح` });
});
afterEach(() => context.close());

/** A reviewer signed in through the form; the event stream is read with fetch, which needs the cookie itself. */
async function sessionCookie(): Promise<string> {
  await createUser(context.db, { name: 'Stream reader', role: 'reviewer', password: TEST_PASSWORD }, { cost: 10 });
  const login = await request(context.app).get('/login');
  const anonymous = login.headers['set-cookie']![0]!.split(';')[0]!;
  const signedIn = await request(context.app).post('/login').set('Cookie', anonymous).type('form').send({ name: 'Stream reader', password: TEST_PASSWORD, _csrf: csrfTokenIn(login.text) }).expect(303);
  return signedIn.headers['set-cookie']![0]!.split(';')[0]!;
}

describe('compression', () => {
  it('compresses a large page for a client that accepts gzip', async () => {
    const page = await viewer.get('/').set('Accept-Encoding', 'gzip').expect(200);
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(page.text).toContain('قال المتحدث إن الرقم 19 صحيح');
  });

  it('sends small answers as they are', async () => {
    const health = await viewer.get('/healthz').set('Accept-Encoding', 'gzip').expect(200);
    expect(health.headers['content-encoding']).toBeUndefined();
  });

  it('leaves the event stream uncompressed, so that each event arrives at once', async () => {
    const server = http.createServer(context.app);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const cookie = await sessionCookie();
    const controller = new AbortController();
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/events`, { headers: { 'Accept-Encoding': 'gzip', Cookie: cookie }, signal: controller.signal });
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(response.headers.get('content-encoding')).toBeNull();
      const reader = response.body!.getReader();
      const first = await reader.read();
      expect(new TextDecoder().decode(first.value)).toContain('claims:connected');
    } finally {
      controller.abort();
      server.closeAllConnections();
      server.close();
    }
  });
});
