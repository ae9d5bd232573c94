import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { signIn } from '../support/auth.ts';
import { callApi } from '../support/api.ts';

let context: TestContext;
beforeAll(async () => {
  context = await createTestContext();
});
afterAll(() => context.close());

const tokenIn = (html: string) => html.match(/isnad_[A-Za-z0-9_-]{43}/)?.[0];

describe('the account page for API tokens', () => {
  it('creates a token shown once, lists it, and revokes it, without JavaScript', async () => {
    const reviewer = await signIn(context, 'reviewer');
    const empty = await reviewer.get('/account/tokens').expect(200);
    expect(empty.text).toContain('You have no API tokens.');
    expect(empty.text).toContain('href="/account/tokens"');

    const created = await reviewer.agent.post('/account/tokens').type('form').send({ label: 'nightly <script>alert(1)</script>', _csrf: reviewer.csrfToken }).expect(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const token = tokenIn(created.text)!;
    expect(token).toBeDefined();
    expect(created.text).toContain('nightly &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(created.text).not.toContain('<script>alert(1)');
    expect((await callApi(context.app, 'get', '/api/v1/claims', { token })).status).toBe(200);

    const listed = await reviewer.get('/account/tokens').expect(200);
    expect(tokenIn(listed.text)).toBeUndefined();
    expect(listed.text).toContain('Active');
    const tokenId = listed.text.match(/action="\/account\/tokens\/([^/"]+)\/revoke"/)?.[1];
    expect(tokenId).toBeDefined();

    const revoked = await reviewer.agent.post(`/account/tokens/${tokenId}/revoke`).type('form').send({ _csrf: reviewer.csrfToken }).expect(303);
    expect(revoked.headers.location).toBe('/account/tokens');
    expect((await reviewer.get('/account/tokens').expect(200)).text).toContain('Revoked');
    expect((await callApi(context.app, 'get', '/api/v1/claims', { token })).status).toBe(401);
  });

  it("keeps the label typed when it is refused, and never revokes another user's token", async () => {
    const owner = await signIn(context, 'viewer');
    const other = await signIn(context, 'editor');
    const refused = await owner.agent.post('/account/tokens').type('form').send({ label: 'ل'.repeat(101), _csrf: owner.csrfToken }).expect(422);
    expect(refused.text).toContain('The label is limited to 100 characters.');
    expect(refused.text).toContain(`value="${'ل'.repeat(101)}"`);
    expect(tokenIn(refused.text)).toBeUndefined();

    const created = await owner.agent.post('/account/tokens').type('form').send({ label: '', _csrf: owner.csrfToken }).expect(201);
    const token = tokenIn(created.text)!;
    const tokenId = created.text.match(/action="\/account\/tokens\/([^/"]+)\/revoke"/)![1];
    await other.agent.post(`/account/tokens/${tokenId}/revoke`).type('form').send({ _csrf: other.csrfToken }).expect(404);
    expect((await callApi(context.app, 'get', '/api/v1/claims', { token })).status).toBe(200);
  });

  it('refuses a form without its CSRF token and sends anonymous visitors to sign in', async () => {
    const user = await signIn(context, 'viewer');
    await user.agent.post('/account/tokens').type('form').send({ label: 'x' }).expect(403);
    const anonymous = await callApi(context.app, 'get', '/api/v1/openapi.json');
    expect(anonymous.status).toBe(200);
    const page = await request(context.app).get('/account/tokens');
    expect(page.status).toBe(302);
    expect(page.headers.location).toContain('/login');
  });
});
