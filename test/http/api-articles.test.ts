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

describe('changing articles: PATCH, DELETE and reextract', () => {
  const newArticle = async (text: string) => (await callApi(context.app, 'post', '/api/v1/articles', { token: tokens.editor, body: { text, language: 'en', publisher: 'Daily Planet' } })).body;

  it.each(['viewer', 'reviewer'] as const)('are refused to a %s with 403', async (role) => {
    const article = await newArticle(`The mayor said the ${role} library would reopen next week.`);
    for (const [method, path, body] of [
      ['patch', `/api/v1/articles/${article.id}`, { version: 1, title: 'x' }],
      ['delete', `/api/v1/articles/${article.id}?version=1`, undefined],
      ['post', `/api/v1/articles/${article.id}/reextract`, undefined],
    ] as const) {
      const response = await callApi(context.app, method, path, { token: tokens[role], body });
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    expect((await callApi(context.app, 'get', `/api/v1/articles/${article.id}`, { token: tokens.viewer })).body).toMatchObject({ title: article.title, version: 1 });
  });

  it('lets an editor correct the fields it sends, clear one with null, and refuses a stale version with 409', async () => {
    const article = await newArticle('The mayor said the old bridge would close for repairs in March.');
    const edited = await callApi(context.app, 'patch', `/api/v1/articles/${article.id}`, { token: tokens.editor, body: { version: 1, title: 'الجسر القديم', publisher: null, url: 'https://example.org/old-bridge' } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: 'الجسر القديم', language: 'en', publisher: null, url: 'https://example.org/old-bridge', version: 2, text: article.text });
    const events = await context.db.selectFrom('desk_event').select(['action', 'actor']).where('target_id', '=', article.id).execute();
    expect(events).toEqual([{ action: 'article.edit', actor: expect.stringMatching(/^api-editor-/) }]);

    const stale = await callApi(context.app, 'patch', `/api/v1/articles/${article.id}`, { token: tokens.editor, body: { version: 1, title: 'Too late' } });
    expect(stale.status).toBe(409);
    expect(stale.body.article).toMatchObject({ title: 'الجسر القديم', version: 2 });

    const invalid = await callApi(context.app, 'patch', `/api/v1/articles/${article.id}`, { token: tokens.editor, body: { version: 2, title: '', language: 'de', url: 'ftp://x' } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['language', 'title', 'url']);
    expect((await callApi(context.app, 'patch', `/api/v1/articles/${article.id}`, { token: tokens.editor, body: { title: 'No version' } })).body.errors).toEqual([{ field: 'version', message: expect.any(String) }]);
    expect((await callApi(context.app, 'patch', '/api/v1/articles/unknown', { token: tokens.editor, body: { version: 1, title: 'x' } })).status).toBe(404);
  });

  it('re-extracts an article for an editor, keeping the claims a person reviewed', async () => {
    const article = await newArticle('The mayor said the tram line would be extended. "It will be ready in 2028," she told Reuters.');
    const [first] = article.claims;
    const reviewed = await callApi(context.app, 'patch', `/api/v1/claims/${first.id}`, { token: tokens.reviewer, body: { version: first.version, status: 'accurate' } });
    expect(reviewed.status).toBe(200);
    const response = await callApi(context.app, 'post', `/api/v1/articles/${article.id}/reextract`, { token: tokens.editor });
    expect(response.status).toBe(200);
    expect(response.body.summary).toMatchObject({ reviewed: 1 });
    expect(response.body.article.claims.find((claim: { id: string }) => claim.id === first.id)).toMatchObject({ status: 'accurate' });
    expect((await callApi(context.app, 'post', '/api/v1/articles/unknown/reextract', { token: tokens.editor })).status).toBe(404);
  });

  it('deletes an article for an editor given its current version, saying what went', async () => {
    const article = await newArticle('The mayor said the museum would stay open late on Fridays.');
    const missingVersion = await callApi(context.app, 'delete', `/api/v1/articles/${article.id}`, { token: tokens.editor });
    expect(missingVersion.status).toBe(422);
    expect(missingVersion.body.errors).toEqual([{ field: 'version', message: expect.any(String) }]);
    const stale = await callApi(context.app, 'delete', `/api/v1/articles/${article.id}?version=7`, { token: tokens.editor });
    expect(stale.status).toBe(409);
    expect(stale.body.article.id).toBe(article.id);

    const deleted = await callApi(context.app, 'delete', `/api/v1/articles/${article.id}?version=1`, { token: tokens.editor });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ id: article.id, title: article.title, claims: article.claims.length, verdicts: 0, notes: 0 });
    expect((await callApi(context.app, 'get', `/api/v1/articles/${article.id}`, { token: tokens.viewer })).status).toBe(404);
    expect((await callApi(context.app, 'get', `/api/v1/claims?article=${article.id}`, { token: tokens.viewer })).body.items).toEqual([]);
    expect((await callApi(context.app, 'delete', `/api/v1/articles/${article.id}?version=1`, { token: tokens.editor })).status).toBe(404);
  });
});
