import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/roles.ts';
import { createTestContext, ingestSeed, type TestContext } from '../support/context.ts';
import { apiUser, callApi } from '../support/api.ts';

let context: TestContext;
let articleId: string;
let body: string;
const tokens = {} as Record<Role, string>;

beforeAll(async () => {
  context = await createTestContext();
  const { article } = await ingestSeed(context);
  articleId = article.id;
  body = article.body;
  for (const role of ['viewer', 'reviewer', 'editor'] as const) tokens[role] = (await apiUser(context, role)).token;
});
afterAll(() => context.close());

const speakerNamed = async (name: string) => (await context.db.selectFrom('speaker').selectAll().where('name', '=', name).executeTakeFirstOrThrow()).id;
const outletNamed = async (name: string) => (await context.db.selectFrom('outlet').selectAll().where('name', '=', name).executeTakeFirstOrThrow()).id;

describe('POST /api/v1/claims', () => {
  it.each(['viewer', 'reviewer'] as const)('is refused to a %s with 403 naming who may, adding nothing', async (role) => {
    const before = await context.db.selectFrom('claim').select('id').execute();
    const response = await callApi(context.app, 'post', '/api/v1/claims', { token: tokens[role], body: { articleId, start: 0, end: 10, speakerName: 'إيغور ديلانويه' } });
    expect(response.status).toBe(403);
    expect(response.body.detail).toMatch(/editor/i);
    expect(await context.db.selectFrom('claim').select('id').execute()).toHaveLength(before.length);
  });

  it('adds a claim for an editor by speaker id, with kind factual unless told, cut from the article', async () => {
    const speakerId = await speakerNamed('إيغور ديلانويه');
    const changed: string[] = [];
    const unsubscribe = context.notifier.subscribe((ids) => changed.push(...ids));
    const added = await callApi(context.app, 'post', '/api/v1/claims', { token: tokens.editor, body: { articleId, start: 3, end: 30, speakerId } });
    expect(added.status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 50));
    unsubscribe();
    expect(changed).toContain(added.body.id);
    expect(added.headers.location).toBe(`/api/v1/claims/${added.body.id}`);
    expect(added.body).toMatchObject({ article: { id: articleId }, text: body.slice(3, 30), start: 3, end: 30, kind: 'factual', cue: '', speaker: { id: speakerId }, chain: [], provenance: 'manual', version: 1 });
    expect(added.body.history.map((event: { field: string }) => event.field)).toEqual(['created']);
    const read = await callApi(context.app, 'get', `/api/v1/claims/${added.body.id}`, { token: tokens.viewer });
    expect(read.body.text).toBe(body.slice(read.body.start, read.body.end));
  });

  it('adds a claim with a new speaker by name and a chain of outlets by id and by name, source first', async () => {
    const sputnik = await outletNamed('Sputnik');
    const added = await callApi(context.app, 'post', '/api/v1/claims', {
      token: tokens.editor,
      body: {
        articleId,
        start: 40,
        end: 80,
        speakerName: 'سفير جديد',
        newSpeaker: true,
        cue: 'قال',
        kind: 'opinion',
        outlets: [
          { name: 'وكالة الأنباء الجديدة', role: 'original' },
          { outletId: sputnik, role: 'republished' },
        ],
      },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ text: body.slice(40, 80), cue: 'قال', kind: 'opinion', speaker: { name: 'سفير جديد' }, provenance: 'manual' });
    expect(added.body.chain.map((hop: { outlet: { name: string }; role: string }) => [hop.outlet.name, hop.role])).toEqual([
      ['وكالة الأنباء الجديدة', 'original'],
      ['Sputnik', 'republished'],
    ]);
    expect(added.body.history.map((event: { field: string }) => event.field).sort()).toEqual(['chain', 'created']);
    expect(added.body.version).toBe(2);
  });

  it('refuses bad bodies with 422 naming the field as the body does, adding nothing', async () => {
    const speakerName = 'إيغور ديلانويه';
    const before = (await context.db.selectFrom('claim').select('id').execute()).length;
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ start: 0, end: 10, speakerName }, ['articleId']],
      [{ articleId: 'no-such-article', start: 0, end: 10, speakerName }, ['articleId']],
      [{ articleId, start: 10, end: 5, speakerName }, ['span']],
      [{ articleId, start: 0, end: body.length + 1, speakerName }, ['span']],
      [{ articleId, start: -1, end: 5, speakerName }, ['start']],
      [{ articleId, start: 0, end: 10 }, ['speakerId']],
      [{ articleId, start: 0, end: 10, speakerName, speakerId: 'x' }, ['speakerId']],
      [{ articleId, start: 0, end: 10, speakerId: 'no-such-speaker' }, ['speakerId']],
      [{ articleId, start: 0, end: 10, speakerName: 'Nobody Known Yet' }, ['speakerName']],
      [{ articleId, start: 0, end: 10, speakerName, kind: 'gossip' }, ['kind']],
      [{ articleId, start: 0, end: 10, speakerName, outlets: [{ role: 'republished' }] }, ['outlets.0.outletId']],
      [{ articleId, start: 0, end: 10, speakerName, outlets: [{ name: 'X', role: 'printer' }] }, ['outlets.0.role']],
      [{ articleId, start: 0, end: 10, speakerName, outlets: [{ outletId: 'no-such-outlet', role: 'republished' }] }, ['outlets.0.outletId']],
      [{ articleId, start: 0, end: 10, speakerName, outlets: [{ name: '   ', role: 'republished' }] }, ['outlets']],
      [{ articleId, start: 0, end: 10, speakerName, outlets: 'Sputnik' }, ['outlets']],
    ];
    for (const [request, fields] of cases) {
      const response = await callApi(context.app, 'post', '/api/v1/claims', { token: tokens.editor, body: request });
      expect(response.status, JSON.stringify(request)).toBe(422);
      expect(response.body.errors.map((error: { field: string }) => error.field), JSON.stringify(request)).toEqual(fields);
    }
    expect(await context.db.selectFrom('claim').select('id').execute()).toHaveLength(before);
  });

  it('answers garbage with 400 or 422, never 500', async () => {
    expect((await callApi(context.app, 'post', '/api/v1/claims', { token: tokens.editor, raw: '[1,2' })).status).toBe(400);
    for (const raw of ['[1, 2]', 'null', '"text"', '{"articleId": {"$ne": 1}, "start": "0", "end": 1e400}']) {
      expect([400, 422], raw).toContain((await callApi(context.app, 'post', '/api/v1/claims', { token: tokens.editor, raw })).status);
    }
  });
});
