import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findClaimById, listHopsForClaims } from '../../src/features/claims/claims.repository.ts';
import { ROLES, hasRole, type Role } from '../../src/domain/roles.ts';
import { findUserById, findUserByNormalizedName } from '../../src/features/users/users.repository.ts';
import { findShareById } from '../../src/features/shares/shares.repository.ts';
import { createUser, ensureInitialAdmin } from '../../src/features/users/users.service.ts';
import { SIGN_IN_ATTEMPTS, SIGN_IN_ATTEMPTS_PER_ADDRESS } from '../../src/features/auth/auth.routes.ts';
import { passwordChecks } from '../../src/features/users/passwords.ts';
import { createShare } from '../../src/features/shares/shares.service.ts';
import { TEST_PASSWORD, csrfTokenIn, signIn, type SignedIn } from '../support/auth.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';

let context: TestContext;
let claimId: string;
let targetUserId: string;
let hopId: string;
let shareId: string;

beforeEach(async () => {
  context = await createTestContext();
  claimId = await insertTestClaim(context.db, { article: await insertTestArticle(context.db), start: 0, outlets: [{ name: 'Reuters', role: 'original' }] });
  hopId = (await listHopsForClaims(context.db, [claimId]))[0]!.id;
  shareId = (await createShare(context.db, { targetType: 'claim', targetId: claimId, language: 'en', actorId: 'someone' })).share.id;
  targetUserId = (await createUser(context.db, { name: 'Target', role: 'reviewer', password: TEST_PASSWORD }, { cost: 10 })).user.id;
});
afterEach(() => context.close());

/** Every write route, the least role allowed to use it, and a valid request body. */
const WRITE_ROUTES: Array<{ name: string; minimum: Role; send: (as: SignedIn) => request.Test }> = [
  { name: 'set a status', minimum: 'reviewer', send: (as) => as.post(`/claims/${claimId}/status`).type('form').send({ status: 'false', version: '1' }) },
  { name: 'add a note', minimum: 'reviewer', send: (as) => as.post(`/claims/${claimId}/notes`).type('form').send({ body: 'note' }) },
  { name: 'set an attribution verdict', minimum: 'reviewer', send: (as) => as.post(`/claims/${claimId}/attribution`).type('form').send({ attributionStatus: 'verbatim', version: '1' }) },
  { name: 'check an attribution hop', minimum: 'reviewer', send: (as) => as.post(`/claims/${claimId}/hops/${hopId}`).type('form').send({ status: 'confirmed', evidenceUrl: 'https://example.org/e' }) },
  { name: 'assign a claim', minimum: 'editor', send: (as) => as.post(`/claims/${claimId}/assignee`).type('form').send({ assignee: targetUserId }) },
  { name: 'change selected claims', minimum: 'editor', send: (as) => as.post('/claims/bulk').type('form').send({ action: 'status', status: 'in_review', claim: [`${claimId}:1`] }) },
  { name: 'create a share link', minimum: 'editor', send: (as) => as.post('/shares').type('form').send({ targetType: 'claim', targetId: claimId, language: 'ar' }) },
  { name: 'revoke a share link', minimum: 'editor', send: (as) => as.post(`/shares/${shareId}/revoke`).type('form') },
  { name: 'add an article', minimum: 'editor', send: (as) => as.post('/articles/new').field('text', `The minister said ${Math.random()} things.`) },
  { name: 'add a user', minimum: 'admin', send: (as) => as.post('/admin/users').type('form').send({ name: `new-${Math.random()}`, role: 'viewer' }) },
  { name: "change a user's role", minimum: 'admin', send: (as) => as.post(`/admin/users/${targetUserId}/role`).type('form').send({ role: 'editor' }) },
  { name: 'disable a user', minimum: 'admin', send: (as) => as.post(`/admin/users/${targetUserId}/disabled`).type('form').send({ disabled: 'true' }) },
  { name: "reset a user's password", minimum: 'admin', send: (as) => as.post(`/admin/users/${targetUserId}/password`).type('form') },
];

describe('access by role', () => {
  for (const route of WRITE_ROUTES) {
    for (const role of ROLES) {
      const allowed = hasRole(role, route.minimum);
      it(`${allowed ? 'lets' : 'refuses'} a ${role} ${route.name}`, async () => {
        const user = await signIn(context, role);
        const response = await route.send(user);
        if (allowed) {
          expect(response.status).toBeLessThan(400);
        } else {
          expect(response.status).toBe(403);
          expect(response.text).toContain(`your role is ${role}`);
        }
      });
    }
  }

  it('sends anonymous visitors to the sign-in page and lets them change nothing', async () => {
    const page = await request(context.app).get('/claims/' + claimId).expect(302);
    expect(page.headers.location).toBe(`/login?returnTo=${encodeURIComponent('/claims/' + claimId)}`);
    const write = await request(context.app).post(`/claims/${claimId}/status`).type('form').send({ status: 'false', version: '1' });
    expect([302, 303, 403]).toContain(write.status);
    const htmx = await request(context.app).get('/').set({ 'HX-Request': 'true', 'HX-Request-Type': 'partial' }).expect(401);
    expect(htmx.headers['hx-redirect']).toBe('/login');
    expect((await findClaimById(context.db, claimId))!.status).toBe('unverified');
  });

  it('returns to the page asked for after signing in', async () => {
    await createUser(context.db, { name: 'Nadia', role: 'viewer', password: TEST_PASSWORD }, { cost: 10 });
    const agent = request.agent(context.app);
    const asked = await agent.get(`/claims/${claimId}?tab=notes`).expect(302);
    const login = await agent.get(asked.headers.location!).expect(200);
    const returnTo = login.text.match(/name="returnTo" value="([^"]+)"/)?.[1];
    const response = await agent.post('/login').type('form').send({ name: 'Nadia', password: TEST_PASSWORD, returnTo, _csrf: csrfTokenIn(login.text) }).expect(303);
    expect(response.headers.location).toBe(`/claims/${claimId}?tab=notes`);
  });
});

describe('CSRF', () => {
  it('refuses unsafe requests without the session token', async () => {
    const reviewer = await signIn(context, 'reviewer');
    const missing = await reviewer.agent.post(`/claims/${claimId}/status`).type('form').send({ status: 'false', version: '1' }).expect(403);
    expect(missing.text).toContain('This form has expired');
    await reviewer.agent.post(`/claims/${claimId}/status`).set('x-csrf-token', 'forged').type('form').send({ status: 'false', version: '1' }).expect(403);
    await reviewer.agent.post('/articles/new').field('text', 'The minister said so.').expect(403);
    expect((await findClaimById(context.db, claimId))!.status).toBe('unverified');
  });

  it('refuses multipart bodies wherever no file is expected, token or not, and changes nothing', async () => {
    const admin = await signIn(context, 'admin');
    await admin.post(`/claims/${claimId}/assignee`).type('form').send({ assignee: targetUserId }).expect(303);
    await admin.post(`/admin/users/${targetUserId}/disabled`).type('form').send({ disabled: 'true' }).expect(200);
    const before = await findUserById(context.db, targetUserId);
    const multipartWrites = [
      `/shares/${shareId}/revoke`,
      `/admin/users/${targetUserId}/password`,
      `/admin/users/${targetUserId}/disabled`,
      `/claims/${claimId}/assignee`,
    ];
    for (const url of multipartWrites) {
      const withoutToken = await admin.agent.post(url).field('x', '1').field('disabled', 'false').field('assignee', '');
      expect(withoutToken.status, url).toBe(415);
      expect((await admin.post(url).field('x', '1').field('disabled', 'false').field('assignee', '')).status, url).toBe(415);
    }
    expect((await findShareById(context.db, shareId))!.revoked_at).toBeNull();
    expect(await findUserById(context.db, targetUserId)).toEqual(before);
    expect((await findClaimById(context.db, claimId))!.assignee_id).toBe(targetUserId);
  });

  it('takes an upload with the token in the header or in the form, and refuses it without', async () => {
    const editor = await signIn(context, 'editor');
    const upload = (text: string) => editor.agent.post('/articles/new').field('language', 'en').attach('file', Buffer.from(text), 'article.txt');
    expect((await upload('The minister said the dam is safe.')).status).toBe(403);
    expect((await upload('The minister said the dam is safe.').set('x-csrf-token', 'forged')).status).toBe(403);
    expect((await upload('The minister said the dam is safe.').field('_csrf', 'forged')).status).toBe(403);
    expect((await upload('The minister said the dam is safe.').set('x-csrf-token', editor.csrfToken)).status).toBe(303);
    expect((await upload('The mayor said the bridge is closed.').field('_csrf', editor.csrfToken)).status).toBe(303);
  });

  it('accepts the token as a hidden form field for plain forms', async () => {
    const reviewer = await signIn(context, 'reviewer');
    await reviewer.agent.post(`/claims/${claimId}/status`).type('form').send({ status: 'false', version: '1', _csrf: reviewer.csrfToken }).expect(303);
  });

  it('refuses cross-site requests even with a valid token', async () => {
    const reviewer = await signIn(context, 'reviewer');
    await reviewer.post(`/claims/${claimId}/status`).set('Sec-Fetch-Site', 'cross-site').type('form').send({ status: 'false', version: '1' }).expect(403);
    await reviewer.post(`/claims/${claimId}/status`).set('Origin', 'https://evil.example').type('form').send({ status: 'false', version: '1' }).expect(403);
  });
});

describe('signing in and out', () => {
  async function attempt(agent: ReturnType<typeof request.agent>, name: string, password: string) {
    const login = await agent.get('/login');
    return agent.post('/login').type('form').send({ name, password, _csrf: csrfTokenIn(login.text) });
  }

  it('renews the session id at sign-in', async () => {
    const agent = request.agent(context.app);
    const before = (await agent.get('/login')).headers['set-cookie']?.[0]?.split(';')[0];
    expect(before).toMatch(/^isnad\.sid=/);
    const login = await agent.get('/login');
    const response = await agent.post('/login').type('form').send({ name: 'Target', password: TEST_PASSWORD, _csrf: csrfTokenIn(login.text) }).expect(303);
    const after = response.headers['set-cookie']?.[0]?.split(';')[0];
    expect(after).toMatch(/^isnad\.sid=/);
    expect(after).not.toBe(before);
  });

  it('says the same thing for a wrong name and a wrong password', async () => {
    const wrongName = await attempt(request.agent(context.app), 'Nobody', TEST_PASSWORD);
    const wrongPassword = await attempt(request.agent(context.app), 'Target', 'wrong password!');
    expect(wrongName.status).toBe(401);
    expect(wrongPassword.status).toBe(401);
    const message = (html: string) => html.match(/<p class="form-error" role="alert">([^<]+)<\/p>/)![1];
    expect(message(wrongName.text)).toBe(message(wrongPassword.text));
    expect(wrongName.text).toContain('value="Nobody"');
  });

  it('rate-limits repeated failed sign-ins', async () => {
    const agent = request.agent(context.app);
    for (let i = 0; i < SIGN_IN_ATTEMPTS; i += 1) expect((await attempt(agent, 'Target', `wrong ${i}`)).status).toBe(401);
    const limited = await attempt(agent, 'Target', TEST_PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.text).toContain('Too many failed sign-ins');
  });

  it('limits failures from one address across names, whatever X-Forwarded-For says', async () => {
    const agent = request.agent(context.app);
    const token = csrfTokenIn((await agent.get('/login')).text);
    const spray = (name: string, forwardedFor: string) =>
      agent.post('/login').set('X-Forwarded-For', forwardedFor).type('form').send({ name, password: 'guess', _csrf: token });
    for (let i = 0; i < SIGN_IN_ATTEMPTS_PER_ADDRESS; i += 1) expect((await spray(`name ${i}`, `203.0.113.${i}`)).status).toBe(401);
    const limited = await spray('yet another name', '198.51.100.7');
    expect(limited.status).toBe(429);
    expect(limited.text).toContain('Too many failed sign-ins');
  });

  it('counts by the forwarded address only behind a trusted proxy', async () => {
    const behindProxy = await createTestContext({ TRUST_PROXY: 'loopback' });
    try {
      const agent = request.agent(behindProxy.app);
      const token = csrfTokenIn((await agent.get('/login')).text);
      const attemptFrom = (address: string, name: string) => agent.post('/login').set('X-Forwarded-For', address).type('form').send({ name, password: 'guess', _csrf: token });
      for (let i = 0; i < SIGN_IN_ATTEMPTS; i += 1) expect((await attemptFrom('203.0.113.1', 'Target')).status).toBe(401);
      expect((await attemptFrom('203.0.113.1', 'Target')).status).toBe(429);
      expect((await attemptFrom('203.0.113.2', 'Target')).status).toBe(401);
    } finally {
      await behindProxy.close();
    }
  });

  it('checks a few passwords at a time under a burst of sign-ins, refusing the excess with 503', async () => {
    const agent = request.agent(context.app);
    const token = csrfTokenIn((await agent.get('/login')).text);
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) => agent.post('/login').type('form').send({ name: i % 2 ? 'Target' : `unknown ${i}`, password: `wrong ${i}`, _csrf: token })),
    );
    expect(passwordChecks.peakActive).toBeLessThanOrEqual(passwordChecks.concurrency);
    for (const response of burst) expect([401, 429, 503]).toContain(response.status);
    for (const busy of burst.filter((response) => response.status === 503)) expect(Number(busy.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('signs out', async () => {
    const viewer = await signIn(context, 'viewer');
    await viewer.post('/logout').expect(303);
    const after = await viewer.get('/').expect(302);
    expect(after.headers.location).toBe('/login');
  });

  /** Signs the same account in a second time, as from another browser. */
  async function secondSession(name: string) {
    const agent = request.agent(context.app);
    const login = await agent.get('/login');
    await agent.post('/login').type('form').send({ name, password: TEST_PASSWORD, _csrf: csrfTokenIn(login.text) }).expect(303);
    await agent.get('/').expect(200);
    return agent;
  }

  const sessionCookieOf = (response: request.Response) => response.headers['set-cookie']?.[0]?.split(';')[0];

  it('ends every other session and renews this one when a password is changed', async () => {
    const user = await signIn(context, 'reviewer', 'Changing');
    const elsewhere = await secondSession('Changing');
    const userId = (await findUserByNormalizedName(context.db, 'changing'))!.id;
    const changed = await user.post('/account/password').type('form').send({ current: TEST_PASSWORD, next: 'a brand new passphrase', confirm: 'a brand new passphrase' }).expect(303);
    expect(sessionCookieOf(changed)).toMatch(/^isnad\.sid=/);
    expect((await elsewhere.get('/').expect(302)).headers.location).toBe('/login');
    await user.get('/').expect(200);
    const rows = await context.db.selectFrom('session').select('sid').where('user_id', '=', userId).execute();
    expect(rows).toHaveLength(1);
    expect(sessionCookieOf(changed)).toContain(rows[0]!.sid);
  });

  it("ends every session of a user whose password an admin resets, or whom an admin disables", async () => {
    const admin = await signIn(context, 'admin');
    const reset = await secondSession('Target');
    await admin.post(`/admin/users/${targetUserId}/password`).type('form').expect(200);
    expect((await reset.get('/').expect(302)).headers.location).toBe('/login');
    expect(await context.db.selectFrom('session').select('sid').where('user_id', '=', targetUserId).execute()).toEqual([]);

    const viewer = await signIn(context, 'viewer', 'Soon gone');
    const viewerId = (await findUserByNormalizedName(context.db, 'soon gone'))!.id;
    await admin.post(`/admin/users/${viewerId}/disabled`).type('form').send({ disabled: 'true' }).expect(200);
    expect(await context.db.selectFrom('session').select('sid').where('user_id', '=', viewerId).execute()).toEqual([]);
    expect((await viewer.get('/').expect(302)).headers.location).toBe('/login');
    await admin.get('/').expect(200);
  });

  it('cuts off a disabled account at its next request', async () => {
    const admin = await signIn(context, 'admin');
    const target = await signIn(context, 'reviewer', 'Soon disabled');
    const user = await findUserByNormalizedName(context.db, 'soon disabled');
    await admin.post(`/admin/users/${user!.id}/disabled`).type('form').send({ disabled: 'true' }).expect(200);
    expect((await target.get('/')).status).toBe(302);
  });
});

describe('user management', () => {
  it('creates a user with a one-time password that must be changed at first sign-in', async () => {
    const admin = await signIn(context, 'admin');
    const created = await admin.post('/admin/users').type('form').send({ name: 'Layla', role: 'reviewer' }).expect(200);
    const password = created.text.match(/One-time password: <code dir="ltr">(\w+)<\/code>/)![1]!;
    const agent = request.agent(context.app);
    const login = await agent.get('/login');
    const signedIn = await agent.post('/login').type('form').send({ name: 'Layla', password, _csrf: csrfTokenIn(login.text) }).expect(303);
    expect(signedIn.headers.location).toBe('/account/password');
    expect((await agent.get('/').expect(302)).headers.location).toBe('/account/password');
    const form = await agent.get('/account/password').expect(200);
    const token = csrfTokenIn(form.text);
    const mismatch = await agent.post('/account/password').type('form').send({ current: password, next: 'a new long password', confirm: 'different', _csrf: token }).expect(422);
    expect(mismatch.text).toContain('The two new passwords differ.');
    await agent.post('/account/password').type('form').send({ current: password, next: 'a new long password', confirm: 'a new long password', _csrf: token }).expect(303);
    await agent.get('/').expect(200);
  });

  it('refuses a duplicate name and keeps the last admin', async () => {
    const admin = await signIn(context, 'admin', 'Only admin');
    const duplicate = await admin.post('/admin/users').type('form').send({ name: 'target', role: 'viewer' }).expect(422);
    expect(duplicate.text).toContain('already exists');
    const self = await findUserByNormalizedName(context.db, 'only admin');
    const demote = await admin.post(`/admin/users/${self!.id}/role`).type('form').send({ role: 'viewer' }).expect(422);
    expect(demote.text).toContain('last active admin');
  });

  it('creates one admin with a one-time password on a fresh database, and only then', async () => {
    const fresh = await createTestContext();
    try {
      const first = await ensureInitialAdmin(fresh.db, { cost: 10 });
      expect(first).toMatchObject({ name: 'admin', password: expect.stringMatching(/^\w{16}$/) });
      expect(await ensureInitialAdmin(fresh.db, { cost: 10 })).toBeUndefined();
      const user = await findUserByNormalizedName(fresh.db, 'admin');
      expect(user).toMatchObject({ role: 'admin', must_change_password: 1 });
      expect(user!.password_hash).toMatch(/^scrypt\$/);
      expect(user!.password_hash).not.toContain(first!.password);
    } finally {
      await fresh.close();
    }
  });
});

describe('security headers', () => {
  it('send a Content-Security-Policy without inline script or style', async () => {
    const response = await request(context.app).get('/login').expect(200);
    const csp = response.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.text).not.toMatch(/<script>(?!<\/script>)|<style>| style="| on[a-z]+="/);
  });
});

describe('what each role is offered', () => {
  it('shows viewers no write controls, and reviewers no editor controls', async () => {
    const viewer = await signIn(context, 'viewer');
    const viewerPage = await viewer.get(`/claims/${claimId}`).expect(200);
    expect(viewerPage.text).not.toMatch(/<form[^>]+action="\/claims\/[^"]+\/(status|attribution|notes|assignee|hops)/);
    const reviewer = await signIn(context, 'reviewer');
    const reviewerPage = await reviewer.get(`/claims/${claimId}`).expect(200);
    expect(reviewerPage.text).toMatch(/action="\/claims\/[^"]+\/status"/);
    expect(reviewerPage.text).toMatch(/action="\/claims\/[^"]+\/notes"/);
    expect(reviewerPage.text).not.toMatch(/action="\/claims\/[^"]+\/assignee"/);
    const dashboard = await reviewer.get('/').expect(200);
    expect(dashboard.text).not.toContain('id="bulk-form"');
  });
});
