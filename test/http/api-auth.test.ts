import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateUser } from '../../src/features/users/users.repository.ts';
import { createTestContext, ingestSeed, type TestContext } from '../support/context.ts';
import { signIn } from '../support/auth.ts';
import { apiUser, callApi, expectDocumentedResponse } from '../support/api.ts';

let context: TestContext;
let claimId: string;

beforeAll(async () => {
  context = await createTestContext();
  const { article } = await ingestSeed(context);
  claimId = (await context.db.selectFrom('claim').select('id').where('article_id', '=', article.id).orderBy('start_offset').executeTakeFirstOrThrow()).id;
});
afterAll(() => context.close());

describe('API authentication', () => {
  it('answers 401 problem+json with a Bearer challenge when no token is sent', async () => {
    const response = await callApi(context.app, 'get', '/api/v1/claims');
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="isnad"');
    expect(response.body).toMatchObject({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: expect.stringContaining('Authorization') });
  });

  it('answers 401 with invalid_token for an unknown or malformed token', async () => {
    for (const header of ['Bearer isnad_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'Bearer nonsense', 'Basic dXNlcjpwYXNz', 'Bearer']) {
      const response = await callApi(context.app, 'get', '/api/v1/claims', { headers: { Authorization: header } });
      expect(response.status, header).toBe(401);
      expect(response.headers['www-authenticate'], header).toBe('Bearer realm="isnad", error="invalid_token"');
    }
  });

  it('does not let a signed-in session cookie in, even with its CSRF token', async () => {
    const editor = await signIn(context, 'editor');
    expect((await editor.get('/account/tokens').expect(200)).text).toContain('API tokens');
    const read = await editor.get('/api/v1/claims');
    expectDocumentedResponse('get', '/api/v1/claims', read);
    expect(read.status).toBe(401);
    expect(read.headers['content-type']).toMatch(/^application\/problem\+json/);
    const write = await editor.agent.patch(`/api/v1/claims/${claimId}`).set('x-csrf-token', editor.csrfToken).send({ version: 1, status: 'false' });
    expectDocumentedResponse('patch', `/api/v1/claims/${claimId}`, write);
    expect(write.status).toBe(401);
    const claim = await context.db.selectFrom('claim').select('status').where('id', '=', claimId).executeTakeFirstOrThrow();
    expect(claim.status).toBe('unverified');
  });

  it('needs no CSRF token with a bearer token, and sets no session cookie', async () => {
    const { token } = await apiUser(context, 'viewer');
    const response = await callApi(context.app, 'get', '/api/v1/claims?limit=1', { token });
    expect(response.status).toBe(200);
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('stops a token once it is revoked or its user disabled, and follows role changes', async () => {
    const { user, token, tokenId } = await apiUser(context, 'reviewer');
    expect((await callApi(context.app, 'get', `/api/v1/claims/${claimId}`, { token })).status).toBe(200);

    await updateUser(context.db, user.id, { disabled: 1 });
    expect((await callApi(context.app, 'get', `/api/v1/claims/${claimId}`, { token })).status).toBe(401);
    await updateUser(context.db, user.id, { disabled: 0, role: 'viewer' });
    const demoted = await callApi(context.app, 'patch', `/api/v1/claims/${claimId}`, { token, body: { version: 1, status: 'in_review' } });
    expect(demoted.status).toBe(403);

    await context.db.updateTable('api_token').set({ revoked_at: new Date().toISOString() }).where('id', '=', tokenId).execute();
    const revoked = await callApi(context.app, 'get', `/api/v1/claims/${claimId}`, { token });
    expect(revoked.status).toBe(401);
    expect(revoked.body.detail).toContain('revoked');
  });
});
