import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/roles.ts';
import { createTestContext, SEED_TEXT, type TestContext } from '../support/context.ts';
import { apiUser, callApi } from '../support/api.ts';

let context: TestContext;
const tokens = {} as Record<Role, string>;

// A small article limit, so that the 413s need no megabytes.
const MAX_ARTICLE_BYTES = 8192;

beforeAll(async () => {
  context = await createTestContext({ MAX_ARTICLE_BYTES: String(MAX_ARTICLE_BYTES) });
  for (const role of ['viewer', 'reviewer', 'editor'] as const) tokens[role] = (await apiUser(context, role)).token;
});
afterAll(() => context.close());

const ENGLISH = 'The minister said on Monday that the new bridge would open in June. "We are on schedule," she told Reuters.';

describe('POST /api/v1/articles', () => {
  it.each(['viewer', 'reviewer'] as const)('is refused to a %s with 403', async (role) => {
    const response = await callApi(context.app, 'post', '/api/v1/articles', { token: tokens[role], body: { text: ENGLISH } });
    expect(response.status).toBe(403);
    expect(response.body.detail).toBe(`This action is for editors and admins; your role is ${role}.`);
  });

  it('ingests an article for an editor: 201, its claims, and where it lives; the same text again is 200', async () => {
    const body = { text: ENGLISH, title: 'Bridge <b>opening</b>', language: 'en', publisher: 'Daily Planet', url: 'https://example.org/bridge', publishedAt: '2026-11-30T08:00:00Z' };
    const created = await callApi(context.app, 'post', '/api/v1/articles', { token: tokens.editor, body });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/api/v1/articles/${created.body.id}`);
    expect(created.body).toMatchObject({
      title: 'Bridge <b>opening</b>',
      language: 'en',
      publisher: { name: 'Daily Planet' },
      url: 'https://example.org/bridge',
      publishedAt: '2026-11-30T08:00:00.000Z',
      text: ENGLISH,
    });
    expect(created.body.claims.length).toBeGreaterThan(0);
    for (const claim of created.body.claims) expect(ENGLISH.slice(claim.start, claim.end)).toBe(claim.text);

    const again = await callApi(context.app, 'post', '/api/v1/articles', { token: tokens.editor, body: { text: ENGLISH } });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(created.body.id);
    expect(await context.db.selectFrom('article').select('id').where('body', '=', ENGLISH).execute()).toHaveLength(1);
  });

  it('keeps Arabic text byte for byte, sent raw or as \\u escapes', async () => {
    const text = SEED_TEXT.slice(0, 1500);
    const escaped = JSON.stringify({ text, language: 'ar' }).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const created = await callApi(context.app, 'post', '/api/v1/articles', { token: tokens.editor, raw: escaped });
    expect(created.status).toBe(201);
    expect(created.body.text).toBe(text);
    const read = await callApi(context.app, 'get', created.headers.location!, { token: tokens.viewer });
    expect(read.body.text).toBe(text);
    expect(read.body.claims.map((claim: { id: string }) => claim.id)).toEqual(created.body.claims.map((claim: { id: string }) => claim.id));
  });

  it('refuses invalid fields with 422 naming each', async () => {
    const cases: Array<[unknown, string[]]> = [
      [{}, ['text']],
      [{ text: 42 }, ['text']],
      [{ text: '   ' }, ['text']],
      [{ text: ENGLISH, language: 'de' }, ['language']],
      [{ text: ENGLISH, url: 'javascript:alert(1)' }, ['url']],
      [{ text: ENGLISH, publishedAt: 'yesterday-ish' }, ['publishedAt']],
      [{ text: ENGLISH, title: 't'.repeat(301) }, ['title']],
    ];
    for (const [body, fields] of cases) {
      const response = await callApi(context.app, 'post', '/api/v1/articles', { token: tokens.editor, body });
      expect(response.status, JSON.stringify(body).slice(0, 60)).toBe(422);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(fields);
    }
  });

  it('refuses a text over the article limit with 413, and a body over the request limit with 413', async () => {
    const overArticle = await callApi(context.app, 'post', '/api/v1/articles', { token: tokens.editor, body: { text: 'x'.repeat(MAX_ARTICLE_BYTES + 1) } });
    expect(overArticle.status).toBe(413);
    expect(overArticle.body.detail).toMatch(/limit/i);
    const overBody = await callApi(context.app, 'post', '/api/v1/articles', { token: tokens.editor, body: { text: 'x'.repeat(4 * MAX_ARTICLE_BYTES + 70_000) } });
    expect(overBody.status).toBe(413);
    expect(overBody.body.detail).toBe('The request body is too large.');
  });
});

describe('GET /api/v1/articles and /api/v1/articles/{id}', () => {
  it.each(['viewer', 'reviewer', 'editor'] as const)('lists articles to a %s, newest first, page by page', async (role) => {
    const all = (await callApi(context.app, 'get', '/api/v1/articles?limit=200', { token: tokens[role] })).body;
    expect(all.items.length).toBeGreaterThanOrEqual(2);
    expect(all.items[0]).toMatchObject({ claimCount: expect.any(Number), openClaimCount: expect.any(Number) });
    const first = await callApi(context.app, 'get', '/api/v1/articles?limit=1', { token: tokens[role] });
    expect(first.body.items.map((a: { id: string }) => a.id)).toEqual([all.items[0].id]);
    const second = await callApi(context.app, 'get', `/api/v1/articles?limit=1&cursor=${first.body.nextCursor}`, { token: tokens[role] });
    expect(second.body.items.map((a: { id: string }) => a.id)).toEqual([all.items[1].id]);
  });

  it('answers 404 for an unknown article and 422 for a bad limit', async () => {
    expect((await callApi(context.app, 'get', '/api/v1/articles/unknown', { token: tokens.viewer })).status).toBe(404);
    expect((await callApi(context.app, 'get', '/api/v1/articles?limit=-1', { token: tokens.viewer })).status).toBe(422);
  });
});
