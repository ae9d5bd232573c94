import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/roles.ts';
import { createTestContext, ingestSeed, type TestContext } from '../support/context.ts';
import { apiUser, callApi } from '../support/api.ts';

let context: TestContext;
const tokens = {} as Record<Role, string>;

beforeAll(async () => {
  context = await createTestContext();
  await ingestSeed(context);
  await context.ingest({ text: 'The minister said the budget would be balanced. "No new taxes," she told Reuters.', language: 'en' });
  for (const role of ['viewer', 'reviewer', 'editor'] as const) tokens[role] = (await apiUser(context, role)).token;
});
afterAll(() => context.close());

type Named = { id: string; name: string };

describe('GET /api/v1/speakers', () => {
  it.each(['viewer', 'reviewer', 'editor'] as const)('lists speakers to a %s by name, page by page', async (role) => {
    const all = (await callApi(context.app, 'get', '/api/v1/speakers?limit=200', { token: tokens[role] })).body.items as Named[];
    expect(all.length).toBeGreaterThanOrEqual(3);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await callApi(context.app, 'get', `/api/v1/speakers?limit=1${cursor ? `&cursor=${cursor}` : ''}`, { token: tokens[role] });
      paged.push(...response.body.items.map((speaker: Named) => speaker.id));
      cursor = response.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.map((speaker) => speaker.id));
  });

  it('finds a speaker by part of the name or an alias, whatever the hamza or case', async () => {
    const byName = (await callApi(context.app, 'get', `/api/v1/speakers?q=${encodeURIComponent('ايغور')}`, { token: tokens.viewer })).body.items;
    expect(byName.map((speaker: Named) => speaker.name)).toEqual(['إيغور ديلانويه']);
    const aliases = await context.db.selectFrom('speaker_alias').select(['alias', 'speaker_id']).execute();
    if (aliases.length > 0) {
      const byAlias = (await callApi(context.app, 'get', `/api/v1/speakers?q=${encodeURIComponent(aliases[0]!.alias)}`, { token: tokens.viewer })).body.items;
      expect(byAlias.map((speaker: Named) => speaker.id)).toContain(aliases[0]!.speaker_id);
    }
    expect((await callApi(context.app, 'get', '/api/v1/speakers?q=%25', { token: tokens.viewer })).body.items).toEqual([]);
    expect((await callApi(context.app, 'get', '/api/v1/speakers?q=_', { token: tokens.viewer })).body.items).toEqual([]);
  });

  it('shows one speaker with its aliases, 404 for an unknown one, 422 for an overlong query', async () => {
    const [speaker] = (await callApi(context.app, 'get', `/api/v1/speakers?q=${encodeURIComponent('ديلانويه')}`, { token: tokens.viewer })).body.items as Named[];
    const detail = await callApi(context.app, 'get', `/api/v1/speakers/${speaker!.id}`, { token: tokens.viewer });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ id: speaker!.id, name: 'إيغور ديلانويه', kind: 'person', unnamed: false, aliases: expect.any(Array) });
    expect((await callApi(context.app, 'get', '/api/v1/speakers/unknown', { token: tokens.viewer })).status).toBe(404);
    const overlong = await callApi(context.app, 'get', `/api/v1/speakers?q=${'q'.repeat(201)}`, { token: tokens.viewer });
    expect(overlong.status).toBe(422);
    expect(overlong.body.errors).toEqual([{ field: 'q', message: expect.any(String) }]);
  });
});

describe('GET /api/v1/outlets', () => {
  it.each(['viewer', 'reviewer', 'editor'] as const)('lists and finds outlets for a %s', async (role) => {
    const all = (await callApi(context.app, 'get', '/api/v1/outlets', { token: tokens[role] })).body.items as Named[];
    expect(all.map((outlet) => outlet.name)).toEqual(expect.arrayContaining(["L'Orient le Jour", 'Sputnik']));
    const found = (await callApi(context.app, 'get', '/api/v1/outlets?q=orient', { token: tokens[role] })).body.items as Named[];
    expect(found.map((outlet) => outlet.name)).toEqual(["L'Orient le Jour"]);
  });

  it('shows one outlet with the roles it played, 404 for an unknown one', async () => {
    const [outlet] = (await callApi(context.app, 'get', '/api/v1/outlets?q=orient', { token: tokens.viewer })).body.items as Named[];
    const detail = await callApi(context.app, 'get', `/api/v1/outlets/${outlet!.id}`, { token: tokens.viewer });
    expect(detail.status).toBe(200);
    expect(detail.body.roles.length).toBeGreaterThan(0);
    expect((await callApi(context.app, 'get', '/api/v1/outlets/unknown', { token: tokens.viewer })).status).toBe(404);
    expect((await callApi(context.app, 'get', '/api/v1/outlets?cursor=bad', { token: tokens.viewer })).status).toBe(400);
  });
});
