import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestArticle } from '../../src/features/articles/articles.service.ts';
import { SIGN_IN_ATTEMPTS } from '../../src/features/auth/auth.routes.ts';
import { createUser } from '../../src/features/users/users.service.ts';
import { TEST_PASSWORD, csrfTokenIn } from '../support/auth.ts';
import { SEED_TEXT } from '../support/context.ts';
import { POSTGRES_URL, startInstancesOnPostgres, type Instance, type SharedDatabase } from '../support/instances.ts';

interface Browser {
  cookie: string;
  csrfToken: string;
}

describe.skipIf(!POSTGRES_URL)('two app instances on one PostgreSQL database', () => {
  let shared: SharedDatabase;
  let a: Instance;
  let b: Instance;
  let claimId: string;

  beforeAll(async () => {
    shared = await startInstancesOnPostgres(2);
    [a, b] = shared.instances as [Instance, Instance];
    await ingestArticle(a.db, { text: SEED_TEXT, language: 'ar', publisher: 'Sputnik', title: 'آفاق التعاون العسكري بين موسكو وباريس' }, { maxBytes: 1024 * 1024 });
    claimId = (await a.db.selectFrom('claim').select('id').orderBy('start_offset').executeTakeFirstOrThrow()).id;
    await createUser(a.db, { name: 'reviewer-two', role: 'reviewer', password: TEST_PASSWORD }, { cost: 10 });
  });

  afterAll(() => shared?.stop());

  it('signs in through one instance and is signed in on the other (sessions live in the database)', async () => {
    const browser = await signIn(a, 'reviewer-two');
    await request(b.url).get('/').set('Cookie', browser.cookie).expect(200);
    await request(b.url).get('/').expect(302);
  });

  it('shows a status change made through one instance on a dashboard open on the other within a second or two', async () => {
    const browser = await signIn(a, 'reviewer-two');
    const stream = await openEvents(b, browser.cookie);
    try {
      await stream.until('event: claims:connected');
      const version = (await a.db.selectFrom('claim').select('version').where('id', '=', claimId).executeTakeFirstOrThrow()).version;
      await request(a.url)
        .post(`/claims/${claimId}/status`)
        .set('Cookie', browser.cookie)
        .set('x-csrf-token', browser.csrfToken)
        .type('form')
        .send({ status: 'misleading', version: String(version) })
        .expect(303);

      // Counted from the moment the change is committed and answered.
      const text = await stream.until(`event: claim:${claimId}\ndata: ${claimId}\n\n`, 2000);
      expect(text).toContain('event: claims:changed\ndata: 1\n\n');
    } finally {
      stream.close();
    }
    // What the row then fetches from instance B shows the new status.
    const row = await request(b.url).get(`/claims/${claimId}/row`).set('Cookie', browser.cookie).set({ 'HX-Request': 'true', 'HX-Request-Type': 'partial' }).expect(200);
    expect(row.text).toContain('data-status="misleading"');
  });

  it('counts failed sign-ins made through both instances together', async () => {
    const name = 'reviewer-two';
    const [onA, onB] = await Promise.all([openSignInForm(a), openSignInForm(b)]);
    for (let attempt = 0; attempt < SIGN_IN_ATTEMPTS; attempt++) {
      const [instance, form] = attempt % 2 === 0 ? [a, onA] : [b, onB];
      await failSignIn(instance, form, name).expect(401);
    }
    // Each instance alone has seen fewer than the limit; together they have reached it.
    await failSignIn(a, onA, name).expect(429);
    await failSignIn(b, onB, name).expect(429);
    // The right password is refused too while the window lasts, through either instance.
    const refused = await request(b.url).post('/login').set('Cookie', onB.cookie).type('form').send({ name, password: TEST_PASSWORD, _csrf: onB.csrfToken });
    expect(refused.status).toBe(429);
  });
});

function sessionCookie(response: request.Response, fallback = ''): string {
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  return cookies.find((cookie) => cookie.startsWith('isnad.sid='))?.split(';')[0] ?? fallback;
}

async function openSignInForm(instance: Instance): Promise<Browser> {
  const page = await request(instance.url).get('/login').expect(200);
  return { cookie: sessionCookie(page), csrfToken: csrfTokenIn(page.text) };
}

function failSignIn(instance: Instance, form: Browser, name: string): request.Test {
  return request(instance.url).post('/login').set('Cookie', form.cookie).type('form').send({ name, password: 'not the password', _csrf: form.csrfToken });
}

async function signIn(instance: Instance, name: string): Promise<Browser> {
  const form = await openSignInForm(instance);
  const signedIn = await request(instance.url).post('/login').set('Cookie', form.cookie).type('form').send({ name, password: TEST_PASSWORD, _csrf: form.csrfToken }).expect(303);
  const cookie = sessionCookie(signedIn, form.cookie);
  const page = await request(instance.url).get('/account/password').set('Cookie', cookie).expect(200);
  return { cookie, csrfToken: csrfTokenIn(page.text) };
}

/** An event stream opened as the htmx extension does, read as text. */
async function openEvents(instance: Instance, cookie: string) {
  const controller = new AbortController();
  const response = await fetch(`${instance.url}/events`, { headers: { Accept: 'text/event-stream', Cookie: cookie }, signal: controller.signal });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  return {
    async until(expected: string, timeoutMs = 2000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      while (!text.includes(expected)) {
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new Error(`no ${JSON.stringify(expected)} within ${timeoutMs} ms; got:\n${text}`);
        let timer: ReturnType<typeof setTimeout> | undefined;
        const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), remaining)));
        const next = await Promise.race([reader.read(), timeout]);
        clearTimeout(timer);
        if (next?.done) throw new Error(`the stream ended; got:\n${text}`);
        if (next) text += decoder.decode(next.value, { stream: true });
      }
      return text;
    },
    close: () => controller.abort(),
  };
}
