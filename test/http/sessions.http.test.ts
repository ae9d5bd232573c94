import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { csrfTokenIn, signIn } from '../support/auth.ts';
import { createTestContext, type TestContext } from '../support/context.ts';

let context: TestContext;
beforeEach(async () => {
  context = await createTestContext();
});
afterEach(async () => {
  vi.useRealTimers();
  await context.close();
});

async function sessionRows() {
  return context.db.selectFrom('session').select(['sid', 'data', 'expires_at']).execute();
}

/** Sends a request line as given (supertest and fetch only send paths). */
async function rawRequest(method: string, target: string): Promise<{ status: number; allow: string | undefined }> {
  const server = context.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method, path: target }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, allow: res.headers.allow }));
      });
      req.on('error', reject);
      req.end();
    });
  } finally {
    server.close();
  }
}

describe('the asterisk request target', () => {
  it('answers OPTIONS * with the methods the server knows', async () => {
    const response = await rawRequest('OPTIONS', '*');
    expect(response.status).toBe(204);
    expect(response.allow).toContain('GET');
    expect(response.allow).toContain('POST');
  });

  it('refuses it for any other method, and other targets that are not paths', async () => {
    expect((await rawRequest('GET', '*')).status).toBe(400);
    expect((await rawRequest('POST', '*')).status).toBe(400);
    expect((await rawRequest('OPTIONS', '*/x')).status).toBe(400);
  });
});

describe('anonymous requests', () => {
  it('leave no session behind and set no cookie', async () => {
    const anonymous = [
      () => request(context.app).get('/'),
      () => request(context.app).get('/claims/some-claim').set('Accept', 'text/html'),
      () => request(context.app).get('/').set({ 'HX-Request': 'true', 'HX-Request-Type': 'partial' }),
      () => request(context.app).get('/healthz'),
      () => request(context.app).get('/no/such/page'),
      () => request(context.app).post('/claims/some-claim/status').type('form').send({ status: 'false' }),
      () => request(context.app).post('/logout'),
    ];
    for (const send of anonymous) {
      for (let i = 0; i < 3; i += 1) expect((await send()).headers['set-cookie']).toBeUndefined();
    }
    expect(await sessionRows()).toEqual([]);
  });

  it('get one short-lived session from the sign-in form, for its token', async () => {
    const agent = request.agent(context.app);
    const login = await agent.get('/login').expect(200);
    await agent.get('/login').expect(200);
    const rows = await sessionRows();
    expect(rows).toHaveLength(1);
    expect(new Date(rows[0]!.expires_at).getTime() - Date.now()).toBeLessThanOrEqual(3600 * 1000);
    expect(csrfTokenIn(login.text)).toBeTruthy();
  });
});

describe('signed-in sessions', () => {
  it('are not written on every request, and are renewed once in a while', async () => {
    const viewer = await signIn(context, 'viewer');
    const [before] = await sessionRows();
    for (let i = 0; i < 5; i += 1) {
      const response = await viewer.get('/account/password').expect(200);
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    expect(await sessionRows()).toEqual([before]);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 60 * 60 * 1000);
    const renewed = await viewer.get('/account/password').expect(200);
    expect(renewed.headers['set-cookie']?.[0]).toMatch(/^isnad\.sid=/);
    const [after] = await sessionRows();
    expect(after!.sid).toBe(before!.sid);
    expect(after!.expires_at > before!.expires_at).toBe(true);
  });

  it('are written at most once a minute, even when they last only minutes', async () => {
    const shortLived = await createTestContext({ SESSION_MAX_AGE_HOURS: '0.1' });
    try {
      const viewer = await signIn(shortLived, 'viewer');
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 45_000);
      expect((await viewer.get('/account/password').expect(200)).headers['set-cookie']).toBeUndefined();
      vi.setSystemTime(Date.now() + 20_000);
      expect((await viewer.get('/account/password').expect(200)).headers['set-cookie']?.[0]).toMatch(/^isnad\.sid=/);
    } finally {
      vi.useRealTimers();
      await shortLived.close();
    }
  });
});
