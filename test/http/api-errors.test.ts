import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { apiUser, callApi } from '../support/api.ts';

let context: TestContext;
let token: string;

beforeAll(async () => {
  context = await createTestContext();
  token = (await apiUser(context, 'editor')).token;
});
afterAll(() => context.close());

describe('API refusals', () => {
  it('answers unknown addresses under /api with 404 problem+json, never the HTML error page', async () => {
    for (const [method, path, withToken] of [
      ['get', '/api/v1/nothing-here', true],
      ['get', '/api/v2/claims', false],
      ['get', '/api', false],
      ['delete', '/api/v1/speakers/some-id', true],
      ['patch', '/api/v1/claims', true],
    ] as const) {
      const response = await callApi(context.app, method, path, withToken ? { token } : {});
      expect(response.status, path).toBe(404);
      expect(response.headers['content-type'], path).toMatch(/^application\/problem\+json/);
      expect(response.text, path).not.toContain('<html');
    }
  });

  it('answers malformed JSON with 400', async () => {
    const response = await callApi(context.app, 'post', '/api/v1/articles', { token, raw: '{"text": "unfinished' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ status: 400, title: 'Bad Request', detail: 'The request body is not valid JSON.' });
  });

  it('answers a body that is not JSON with 415', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
      const response = await callApi(context.app, 'post', '/api/v1/articles', { token, raw: 'text=hello', type });
      expect(response.status, type).toBe(415);
      expect(response.body.detail).toContain('application/json');
    }
  });

  it('answers a body over the limit with 413 before reading it all', async () => {
    const response = await callApi(context.app, 'patch', '/api/v1/claims/any', { token, raw: JSON.stringify({ version: 1, note: 'x'.repeat(4 * 1024 * 1024) }) });
    expect(response.status).toBe(413);
  });

  it('never answers 500 to garbage', async () => {
    const garbage = ['{"version":1e999,"status":"false"}', '{"__proto__":{"status":"false"},"version":1}', '"just a string"', '[]', '{"version":{"$gt":0}}'];
    for (const raw of garbage) {
      const response = await callApi(context.app, 'patch', '/api/v1/claims/unknown', { token, raw });
      expect(response.status, raw).toBeGreaterThanOrEqual(400);
      expect(response.status, raw).toBeLessThan(500);
    }
    const odd = await callApi(context.app, 'get', '/api/v1/claims?limit=1&limit=2&speaker=a&speaker=b', { token });
    expect(odd.status).toBe(422);
    expect(odd.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['limit', 'speaker']);
  });
});
