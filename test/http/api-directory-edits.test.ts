import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/roles.ts';
import { createTestContext, ingestSeed, type TestContext } from '../support/context.ts';
import { apiUser, callApi } from '../support/api.ts';

let context: TestContext;
let articleId: string;
const tokens = {} as Record<Role, string>;

beforeAll(async () => {
  context = await createTestContext();
  articleId = (await ingestSeed(context)).article.id;
  for (const role of ['viewer', 'reviewer', 'editor'] as const) tokens[role] = (await apiUser(context, role)).token;
});
afterAll(() => context.close());

let span = 0;
/** A claim by hand, so that a speaker or outlet of its own has something to move in a merge. */
async function claimOf(speakerName: string, outletName?: string) {
  span += 20;
  const body = { articleId, start: span, end: span + 15, speakerName, newSpeaker: true, ...(outletName ? { outlets: [{ name: outletName, role: 'original' }] } : {}) };
  const response = await callApi(context.app, 'post', '/api/v1/claims', { token: tokens.editor, body });
  expect(response.status).toBe(201);
  return response.body as { id: string; speaker: { id: string }; chain: Array<{ outlet: { id: string } }> };
}

const readSpeaker = async (id: string) => (await callApi(context.app, 'get', `/api/v1/speakers/${id}`, { token: tokens.viewer })).body;
const readOutlet = async (id: string) => (await callApi(context.app, 'get', `/api/v1/outlets/${id}`, { token: tokens.viewer })).body;

describe('PATCH /api/v1/speakers/{id}', () => {
  it.each(['viewer', 'reviewer'] as const)('is refused to a %s with 403, changing nothing', async (role) => {
    const { speaker } = await claimOf(`متحدث ممنوع ${role}`);
    const before = await readSpeaker(speaker.id);
    const response = await callApi(context.app, 'patch', `/api/v1/speakers/${speaker.id}`, { token: tokens[role], body: { version: before.version, role: 'وزير' } });
    expect(response.status).toBe(403);
    expect(response.body.detail).toMatch(/editor/i);
    expect(await readSpeaker(speaker.id)).toEqual(before);
  });

  it('lets an editor rename, set the Latin name, role, kind and aliases; the old name stays an alias and the version moves on', async () => {
    const { speaker } = await claimOf('وزير الخارجية الروسي');
    const before = await readSpeaker(speaker.id);
    expect(before.version).toEqual(expect.any(String));
    const response = await callApi(context.app, 'patch', `/api/v1/speakers/${speaker.id}`, {
      token: tokens.editor,
      body: { version: before.version, name: 'سيرغي لافروف', latinName: 'Sergei Lavrov', role: 'Russian foreign minister', kind: 'person', aliases: ['لافروف'] },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: speaker.id, name: 'سيرغي لافروف', latinName: 'Sergei Lavrov', role: 'Russian foreign minister', kind: 'person', mergedInto: null });
    expect(response.body.aliases).toEqual(expect.arrayContaining(['لافروف', 'وزير الخارجية الروسي', 'Sergei Lavrov']));
    expect(response.body.version).not.toBe(before.version);
    expect(await readSpeaker(speaker.id)).toEqual(response.body);

    const found = await callApi(context.app, 'get', '/api/v1/speakers?q=lavrov', { token: tokens.viewer });
    expect(found.body.items.map((item: { id: string }) => item.id)).toEqual([speaker.id]);

    const cleared = await callApi(context.app, 'patch', `/api/v1/speakers/${speaker.id}`, { token: tokens.editor, body: { version: response.body.version, role: null } });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ name: 'سيرغي لافروف', role: null, latinName: 'Sergei Lavrov' });
    const activity = await context.db.selectFrom('desk_event').select(['action', 'target_id']).where('target_id', '=', speaker.id).execute();
    expect(activity.filter((event) => event.action === 'speaker.edit')).toHaveLength(2);
  });

  it('refuses a stale version with 409 and the speaker as it is now, changing nothing', async () => {
    const { speaker } = await claimOf('متحدث متنازع عليه');
    const read = await readSpeaker(speaker.id);
    const first = await callApi(context.app, 'patch', `/api/v1/speakers/${speaker.id}`, { token: tokens.editor, body: { version: read.version, kind: 'organization' } });
    expect(first.status).toBe(200);
    const stale = await callApi(context.app, 'patch', `/api/v1/speakers/${speaker.id}`, { token: tokens.editor, body: { version: read.version, name: 'اسم آخر' } });
    expect(stale.status).toBe(409);
    expect(stale.body.speaker).toEqual(first.body);
    expect(await readSpeaker(speaker.id)).toEqual(first.body);
  });

  it('refuses invalid changes with 422 naming the field, an unknown speaker with 404', async () => {
    const { speaker } = await claimOf('متحدث للتحقق');
    const { version } = await readSpeaker(speaker.id);
    const taken = (await readSpeaker((await claimOf('اسم محجوز')).speaker.id)).name;
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ name: 'x' }, ['version']],
      [{ version, name: '' }, ['name']],
      [{ version, name: taken }, ['name']],
      [{ version, kind: 'alien' }, ['kind']],
      [{ version, role: 'r'.repeat(301) }, ['role']],
      [{ version, aliases: 'one' }, ['aliases']],
      [{ version, aliases: ['two\nlines'] }, ['aliases.0']],
      [{ version, latinName: 7 }, ['latinName']],
    ];
    for (const [body, fields] of cases) {
      const response = await callApi(context.app, 'patch', `/api/v1/speakers/${speaker.id}`, { token: tokens.editor, body });
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.errors.map((error: { field: string }) => error.field), JSON.stringify(body)).toEqual(fields);
    }
    expect((await readSpeaker(speaker.id)).version).toBe(version);
    expect((await callApi(context.app, 'patch', '/api/v1/speakers/unknown', { token: tokens.editor, body: { version, role: 'x' } })).status).toBe(404);
  });
});

describe('POST /api/v1/speakers/{id}/merge', () => {
  it.each(['viewer', 'reviewer'] as const)('is refused to a %s with 403', async (role) => {
    const from = (await claimOf(`مدمج ممنوع ${role}`)).speaker.id;
    const into = (await claimOf(`هدف ممنوع ${role}`)).speaker.id;
    expect((await callApi(context.app, 'post', `/api/v1/speakers/${from}/merge`, { token: tokens[role], body: { into } })).status).toBe(403);
    expect((await readSpeaker(from)).mergedInto).toBeNull();
  });

  it('merges for an editor: the claims move, the name becomes an alias, the merged speaker names the one it became', async () => {
    const fromClaim = await claimOf('الجزيرة نت المتحدث');
    const into = (await claimOf('متحدث الجزيرة')).speaker.id;
    const changed: string[] = [];
    const unsubscribe = context.notifier.subscribe((ids) => changed.push(...ids));
    const response = await callApi(context.app, 'post', `/api/v1/speakers/${fromClaim.speaker.id}/merge`, { token: tokens.editor, body: { into } });
    expect(response.status).toBe(200);
    expect(response.body.claimsMoved).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    unsubscribe();
    expect(changed).toContain(fromClaim.id);
    expect(response.body.speaker).toMatchObject({ id: into, mergedInto: null });
    expect(response.body.speaker.aliases).toContain('الجزيرة نت المتحدث');
    expect((await callApi(context.app, 'get', `/api/v1/claims/${fromClaim.id}`, { token: tokens.viewer })).body.speaker.id).toBe(into);
    const merged = await callApi(context.app, 'get', `/api/v1/speakers/${fromClaim.speaker.id}`, { token: tokens.viewer });
    expect(merged.status).toBe(200);
    expect(merged.body.mergedInto).toBe(into);
    const byMergedId = await callApi(context.app, 'post', '/api/v1/claims', { token: tokens.editor, body: { articleId, start: 1, end: 12, speakerId: fromClaim.speaker.id } });
    expect(byMergedId.status).toBe(201);
    expect(byMergedId.body.speaker.id).toBe(into);

    const again = await callApi(context.app, 'post', `/api/v1/speakers/${fromClaim.speaker.id}/merge`, { token: tokens.editor, body: { into } });
    expect(again.status).toBe(409);
    expect(again.body.speaker).toMatchObject({ id: fromClaim.speaker.id, mergedInto: into });
    const edit = await callApi(context.app, 'patch', `/api/v1/speakers/${fromClaim.speaker.id}`, { token: tokens.editor, body: { version: merged.body.version, role: 'x' } });
    expect(edit.status).toBe(409);
    expect(edit.body.speaker.mergedInto).toBe(into);

    const intoMerged = await callApi(context.app, 'post', `/api/v1/speakers/${(await claimOf('متحدث ثالث')).speaker.id}/merge`, { token: tokens.editor, body: { into: fromClaim.speaker.id } });
    expect(intoMerged.status).toBe(422);
    expect(intoMerged.body.errors).toEqual([{ field: 'into', message: expect.any(String) }]);
  });

  it('refuses merging into itself or an unknown speaker with 422, an unknown speaker with 404', async () => {
    const id = (await claimOf('متحدث وحيد')).speaker.id;
    for (const [body, message] of [
      [{ into: id }, /itself/],
      [{ into: 'no-such-speaker' }, /No speaker has this id/],
      [{}, /id/],
      [{ into: 5 }, /id/],
    ] as const) {
      const response = await callApi(context.app, 'post', `/api/v1/speakers/${id}/merge`, { token: tokens.editor, body });
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.errors).toEqual([{ field: 'into', message: expect.stringMatching(message) }]);
    }
    expect((await readSpeaker(id)).mergedInto).toBeNull();
    expect((await callApi(context.app, 'post', '/api/v1/speakers/unknown/merge', { token: tokens.editor, body: { into: id } })).status).toBe(404);
  });
});

describe('PATCH /api/v1/outlets/{id}', () => {
  it.each(['viewer', 'reviewer'] as const)('is refused to a %s with 403', async (role) => {
    const outlet = (await claimOf('متحدث', `منفذ ممنوع ${role}`)).chain[0]!.outlet.id;
    const before = await readOutlet(outlet);
    expect((await callApi(context.app, 'patch', `/api/v1/outlets/${outlet}`, { token: tokens[role], body: { version: before.version, country: 'X' } })).status).toBe(403);
    expect(await readOutlet(outlet)).toEqual(before);
  });

  it('lets an editor correct an outlet, refuses a stale version with 409 and bad values with 422', async () => {
    const outlet = (await claimOf('متحدث', 'قناة الجزيرة')).chain[0]!.outlet.id;
    const before = await readOutlet(outlet);
    expect(before).toMatchObject({ aliases: [], roles: [{ role: 'original', count: 1 }] });
    const response = await callApi(context.app, 'patch', `/api/v1/outlets/${outlet}`, {
      token: tokens.editor,
      body: { version: before.version, latinName: 'Al Jazeera', kind: 'broadcaster', country: 'Qatar', url: 'https://www.aljazeera.net', aliases: ['الجزيرة'] },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ name: 'قناة الجزيرة', latinName: 'Al Jazeera', kind: 'broadcaster', country: 'Qatar', url: 'https://www.aljazeera.net' });
    expect(response.body.aliases).toEqual(expect.arrayContaining(['الجزيرة', 'Al Jazeera']));

    const stale = await callApi(context.app, 'patch', `/api/v1/outlets/${outlet}`, { token: tokens.editor, body: { version: before.version, url: null } });
    expect(stale.status).toBe(409);
    expect(stale.body.outlet).toEqual(response.body);

    for (const [body, field] of [
      [{ version: response.body.version, url: 'ftp://x' }, 'url'],
      [{ version: response.body.version, kind: 'blog' }, 'kind'],
      [{ version: response.body.version, name: '  ' }, 'name'],
      [{ version: response.body.version, country: 'c'.repeat(101) }, 'country'],
    ] as const) {
      const refused = await callApi(context.app, 'patch', `/api/v1/outlets/${outlet}`, { token: tokens.editor, body });
      expect(refused.status, JSON.stringify(body)).toBe(422);
      expect(refused.body.errors.map((error: { field: string }) => error.field)).toEqual([field]);
    }
    expect(await readOutlet(outlet)).toEqual(response.body);
    expect((await callApi(context.app, 'patch', '/api/v1/outlets/unknown', { token: tokens.editor, body: { version: 'v', url: null } })).status).toBe(404);
  });

  it('finds outlets by an alias in the search', async () => {
    const outlet = (await claimOf('متحدث', 'Agence Exemple')).chain[0]!.outlet.id;
    const { version } = await readOutlet(outlet);
    await callApi(context.app, 'patch', `/api/v1/outlets/${outlet}`, { token: tokens.editor, body: { version, aliases: ['وكالة المثال'] } });
    const found = await callApi(context.app, 'get', `/api/v1/outlets?q=${encodeURIComponent('وكاله المثال')}`, { token: tokens.viewer });
    expect(found.body.items.map((item: { id: string }) => item.id)).toEqual([outlet]);
  });
});

describe('POST /api/v1/outlets/{id}/merge', () => {
  it.each(['viewer', 'reviewer'] as const)('is refused to a %s with 403', async (role) => {
    const from = (await claimOf('متحدث', `مصدر ممنوع ${role}`)).chain[0]!.outlet.id;
    const into = (await claimOf('متحدث', `هدف المصدر ${role}`)).chain[0]!.outlet.id;
    expect((await callApi(context.app, 'post', `/api/v1/outlets/${from}/merge`, { token: tokens[role], body: { into } })).status).toBe(403);
    expect((await readOutlet(from)).mergedInto).toBeNull();
  });

  it('merges for an editor, then answers 409 for the merged outlet and 422 for a bad target', async () => {
    const fromClaim = await claimOf('متحدث', 'الجزيرة نت');
    const from = fromClaim.chain[0]!.outlet.id;
    const into = (await claimOf('متحدث', 'Al Jazeera English')).chain[0]!.outlet.id;
    for (const body of [{ into: from }, { into: 'no-such-outlet' }]) {
      const refused = await callApi(context.app, 'post', `/api/v1/outlets/${from}/merge`, { token: tokens.editor, body });
      expect(refused.status).toBe(422);
      expect(refused.body.errors.map((error: { field: string }) => error.field)).toEqual(['into']);
    }
    const response = await callApi(context.app, 'post', `/api/v1/outlets/${from}/merge`, { token: tokens.editor, body: { into } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ claimsMoved: 1, outlet: { id: into, mergedInto: null } });
    expect(response.body.outlet.aliases).toContain('الجزيرة نت');
    expect((await callApi(context.app, 'get', `/api/v1/claims/${fromClaim.id}`, { token: tokens.viewer })).body.chain[0].outlet.id).toBe(into);
    expect((await readOutlet(from)).mergedInto).toBe(into);
    const again = await callApi(context.app, 'post', `/api/v1/outlets/${from}/merge`, { token: tokens.editor, body: { into } });
    expect(again.status).toBe(409);
    expect(again.body.outlet).toMatchObject({ id: from, mergedInto: into });
    expect((await callApi(context.app, 'post', '/api/v1/outlets/unknown/merge', { token: tokens.editor, body: { into } })).status).toBe(404);
    const found = await callApi(context.app, 'get', `/api/v1/outlets?q=${encodeURIComponent('الجزيرة نت')}`, { token: tokens.viewer });
    expect(found.body.items.map((item: { id: string }) => item.id)).toEqual([into]);
  });
});
