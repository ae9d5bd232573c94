import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/roles.ts';
import { createTestContext, ingestSeed, type TestContext } from '../support/context.ts';
import { apiUser, callApi } from '../support/api.ts';

let context: TestContext;
let articleId: string;
let claimIds: string[];
const tokens = {} as Record<Role, string>;

beforeAll(async () => {
  context = await createTestContext();
  articleId = (await ingestSeed(context)).article.id;
  claimIds = (await context.db.selectFrom('claim').select('id').where('article_id', '=', articleId).orderBy('start_offset').execute()).map((row) => row.id);
  for (const role of ['viewer', 'reviewer', 'editor'] as const) tokens[role] = (await apiUser(context, role)).token;
});
afterAll(() => context.close());

const READERS: Role[] = ['viewer', 'reviewer', 'editor'];

describe('GET /api/v1/claims', () => {
  it.each(READERS)('lists claims to a %s, page by page with an opaque cursor', async (role) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/claims?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const response = await callApi(context.app, 'get', url, { token: tokens[role] });
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(4);
      seen.push(...response.body.items.map((claim: { id: string }) => claim.id));
      cursor = response.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(claimIds);
  });

  it('defaults to 50 a page and filters as the dashboard does', async () => {
    const token = tokens.viewer;
    const all = (await callApi(context.app, 'get', '/api/v1/claims', { token })).body;
    expect(all.items).toHaveLength(claimIds.length);
    expect(all.nextCursor).toBeNull();
    const first = all.items[0];
    expect(first).toMatchObject({ article: { id: articleId }, provenance: 'machine', status: 'unverified', attributionStatus: 'unchecked', version: 1 });
    expect(first.chain.length).toBeGreaterThan(0);

    const bySpeaker = (await callApi(context.app, 'get', `/api/v1/claims?speaker=${first.speaker.id}`, { token })).body.items;
    expect(bySpeaker.length).toBeGreaterThan(0);
    expect(bySpeaker.every((claim: { speaker: { id: string } }) => claim.speaker.id === first.speaker.id)).toBe(true);

    const outlet = first.chain[0].outlet.id;
    const byOutlet = (await callApi(context.app, 'get', `/api/v1/claims?outlet=${outlet}&article=${articleId}`, { token })).body.items;
    expect(byOutlet.every((claim: { chain: Array<{ outlet: { id: string } }> }) => claim.chain.some((hop) => hop.outlet.id === outlet))).toBe(true);

    const worthy = (await callApi(context.app, 'get', '/api/v1/claims?minCheckworthiness=0.6&sort=checkworthiness', { token })).body.items;
    expect(worthy.length).toBeGreaterThan(0);
    expect(worthy.length).toBeLessThan(claimIds.length);
    expect(worthy.every((claim: { checkworthiness: number }) => claim.checkworthiness >= 0.6)).toBe(true);

    expect((await callApi(context.app, 'get', '/api/v1/claims?status=false', { token })).body.items).toEqual([]);
    expect((await callApi(context.app, 'get', '/api/v1/claims?article=no-such-article', { token })).body.items).toEqual([]);
  });

  it('filters by provenance', async () => {
    await context.db.updateTable('claim').set({ origin: 'edited' }).where('id', '=', claimIds[1]!).execute();
    try {
      const edited = (await callApi(context.app, 'get', '/api/v1/claims?provenance=edited', { token: tokens.viewer })).body.items;
      expect(edited.map((claim: { id: string }) => claim.id)).toEqual([claimIds[1]]);
      expect(edited[0].provenance).toBe('edited');
      const machine = (await callApi(context.app, 'get', '/api/v1/claims?provenance=machine', { token: tokens.viewer })).body.items;
      expect(machine).toHaveLength(claimIds.length - 1);
    } finally {
      await context.db.updateTable('claim').set({ origin: 'machine' }).where('id', '=', claimIds[1]!).execute();
    }
  });

  it('refuses bad parameters with 422 naming each, and a damaged cursor with 400', async () => {
    const token = tokens.viewer;
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['limit=ten', 'limit'],
      ['status=fake', 'status'],
      ['provenance=robot', 'provenance'],
      ['minCheckworthiness=2', 'minCheckworthiness'],
      ['sort=random', 'sort'],
      ['status=false&status=accurate', 'status'],
    ] as const) {
      const response = await callApi(context.app, 'get', `/api/v1/claims?${query}`, { token });
      expect(response.status, query).toBe(422);
      expect(response.body.errors.map((error: { field: string }) => error.field), query).toEqual([field]);
    }
    expect((await callApi(context.app, 'get', '/api/v1/claims?limit=200', { token })).status).toBe(200);
    for (const cursor of ['garbage', Buffer.from('["newest"]').toString('base64url'), 'x'.repeat(900)]) {
      const response = await callApi(context.app, 'get', `/api/v1/claims?cursor=${cursor}`, { token });
      expect(response.status, cursor).toBe(400);
    }
  });
});

describe('GET /api/v1/claims/{id}', () => {
  it.each(READERS)('shows a claim with span, speaker, chain and history to a %s', async (role) => {
    const response = await callApi(context.app, 'get', `/api/v1/claims/${claimIds[0]}`, { token: tokens[role] });
    expect(response.status).toBe(200);
    const claim = response.body;
    const body = (await context.db.selectFrom('article').select('body').where('id', '=', articleId).executeTakeFirstOrThrow()).body;
    expect(body.slice(claim.start, claim.end)).toBe(claim.text);
    expect(claim.speaker).toEqual({ id: expect.any(String), name: expect.any(String) });
    expect(claim.chain[0]).toMatchObject({ position: expect.any(Number), outlet: { name: expect.any(String) }, check: { status: expect.any(String) } });
    expect(claim.history).toEqual([]);
  });

  it('answers 404 problem+json for an unknown id, whatever it looks like', async () => {
    for (const id of ['01a232b3-0000-7000-8000-000000000000', 'nope', '%F0%9F%92%A9', "x' or 1=1"]) {
      const response = await callApi(context.app, 'get', `/api/v1/claims/${encodeURIComponent(id)}`, { token: tokens.viewer });
      expect(response.status, id).toBe(404);
      expect(response.body.detail).toBe('Claim not found.');
    }
  });
});

describe('PATCH /api/v1/claims/{id}', () => {
  const url = () => `/api/v1/claims/${claimIds[2]}`;
  const current = async () => (await callApi(context.app, 'get', url(), { token: tokens.viewer })).body;

  it('is refused to a viewer with 403 naming who may', async () => {
    const response = await callApi(context.app, 'patch', url(), { token: tokens.viewer, body: { version: 1, status: 'false' } });
    expect(response.status).toBe(403);
    expect(response.body.detail).toBe('This action is for reviewers, editors and admins; your role is viewer.');
    expect((await current()).status).toBe('unverified');
  });

  it.each(['reviewer', 'editor'] as const)('lets a %s set the status and attribution verdict, with audit rows', async (role) => {
    const before = await current();
    const status = role === 'reviewer' ? 'in_review' : 'mostly_accurate';
    const response = await callApi(context.app, 'patch', url(), { token: tokens[role], body: { version: before.version, status, attributionStatus: 'verbatim', note: `checked by ${role}` } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status, attributionStatus: 'verbatim', version: before.version + 2 });
    const latest = response.body.history.slice(0, 2).map((event: { field: string; to: string; note: string }) => [event.field, event.to, event.note]);
    expect(latest).toEqual(expect.arrayContaining([['status', status, `checked by ${role}`], ['attribution_status', 'verbatim', `checked by ${role}`]]));
  });

  it('sets one verdict alone, and tells open dashboards', async () => {
    const before = await current();
    const changed: string[] = [];
    const unsubscribe = context.notifier.subscribe((ids) => changed.push(...ids));
    const response = await callApi(context.app, 'patch', url(), { token: tokens.reviewer, body: { version: before.version, attributionStatus: 'faithful_paraphrase' } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: before.status, attributionStatus: 'faithful_paraphrase', version: before.version + 1 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    unsubscribe();
    expect(changed).toContain(claimIds[2]);
  });

  it('refuses a stale version with 409 and the claim as it is now, changing nothing', async () => {
    const before = await current();
    const response = await callApi(context.app, 'patch', url(), { token: tokens.reviewer, body: { version: before.version - 1, status: 'false' } });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ status: 409, title: 'Conflict', claim: { id: claimIds[2], status: before.status, version: before.version } });
    expect(response.body.detail).toContain(`version ${before.version}`);
    expect(await current()).toEqual(before);
  });

  it('refuses invalid changes with 422 naming the field, changing nothing', async () => {
    const before = await current();
    const cases: Array<[unknown, string[]]> = [
      [{ status: 'false' }, ['version']],
      [{ version: 'one', status: 'false' }, ['version']],
      [{ version: before.version, status: 'wrong' }, ['status']],
      [{ version: before.version, attributionStatus: 'invented' }, ['attributionStatus']],
      [{ version: before.version }, ['status']],
      [{ version: before.version, status: 'false', note: 'n'.repeat(2001) }, ['note']],
      [[1, 2], ['body']],
    ];
    for (const [body, fields] of cases) {
      const response = await callApi(context.app, 'patch', url(), { token: tokens.reviewer, body });
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(fields);
    }
    const nothing = await callApi(context.app, 'patch', url(), { token: tokens.reviewer, raw: 'null' });
    expect(nothing.status).toBe(400);
    expect(await current()).toEqual(before);
  });

  it('answers 404 for an unknown claim', async () => {
    const response = await callApi(context.app, 'patch', '/api/v1/claims/missing', { token: tokens.reviewer, body: { version: 1, status: 'false' } });
    expect(response.status).toBe(404);
  });
});

describe('PATCH /api/v1/claims/{id} corrections', () => {
  const url = () => `/api/v1/claims/${claimIds[4]}`;
  const current = async () => (await callApi(context.app, 'get', url(), { token: tokens.viewer })).body;
  const articleBody = async () => (await context.db.selectFrom('article').select('body').where('id', '=', articleId).executeTakeFirstOrThrow()).body;

  it('is refused to a viewer', async () => {
    const before = await current();
    expect((await callApi(context.app, 'patch', url(), { token: tokens.viewer, body: { version: before.version, cue: 'قال' } })).status).toBe(403);
  });

  it('corrects the span, cue, kind and chain, cutting the text from the article, with one history line each', async () => {
    const before = await current();
    const body = await articleBody();
    const start = before.start + 2;
    const response = await callApi(context.app, 'patch', url(), {
      token: tokens.reviewer,
      body: { version: before.version, start, cue: 'قال', kind: 'opinion', chain: [{ outlet: 'وكالة سبوتنيك', role: 'original' }, { id: before.chain[0].id, outlet: before.chain[0].outlet.name, role: 'republished' }] },
    });
    expect(response.status).toBe(200);
    const claim = response.body;
    expect(claim).toMatchObject({ start, end: before.end, text: body.slice(start, before.end), cue: 'قال', kind: 'opinion', provenance: 'edited', version: before.version + 1, speaker: before.speaker });
    expect(claim.chain.map((hop: { outlet: { name: string }; role: string }) => [hop.outlet.name, hop.role])).toEqual([
      ['وكالة سبوتنيك', 'original'],
      [before.chain[0].outlet.name, 'republished'],
    ]);
    expect(claim.editedBy).toEqual(expect.any(String));
    expect(claim.history.map((event: { field: string }) => event.field).sort()).toEqual(['chain', 'cue', 'kind', 'span']);
  });

  it('moves a claim to another speaker by name, creating one only when asked', async () => {
    const before = await current();
    const unknown = await callApi(context.app, 'patch', url(), { token: tokens.reviewer, body: { version: before.version, speaker: 'Nobody Known' } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ field: 'speaker', message: expect.stringContaining('Nobody Known') }]);
    const created = await callApi(context.app, 'patch', url(), { token: tokens.reviewer, body: { version: before.version, speaker: 'Nobody Known', newSpeaker: true, status: 'in_review' } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ speaker: { name: 'Nobody Known' }, status: 'in_review', version: before.version + 2 });
  });

  it('refuses a span outside the article or cutting nothing with 422 naming the span, and garbage types naming their member', async () => {
    const before = await current();
    const body = await articleBody();
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ start: 10, end: body.length + 5 }, ['span']],
      [{ start: 20, end: 10 }, ['span']],
      [{ start: -1 }, ['start']],
      [{ end: 1.5 }, ['end']],
      [{ kind: 'rumour' }, ['kind']],
      [{ chain: [{ outlet: 'X', role: 'sponsor' }] }, ['chain.0.role']],
      [{ chain: 'X' }, ['chain']],
      [{ newSpeaker: 'yes', speaker: 'Y' }, ['newSpeaker']],
    ];
    for (const [change, fields] of cases) {
      const response = await callApi(context.app, 'patch', url(), { token: tokens.reviewer, body: { version: before.version, ...change } });
      expect(response.status, JSON.stringify(change)).toBe(422);
      expect(response.body.errors.map((error: { field: string }) => error.field), JSON.stringify(change)).toEqual(fields);
    }
    expect(await current()).toEqual(before);
  });
});

describe('adding and deleting claims by hand', () => {
  const articleBody = async () => (await context.db.selectFrom('article').select('body').where('id', '=', articleId).executeTakeFirstOrThrow()).body;

  it.each(['viewer', 'reviewer'] as const)('are refused to a %s', async (role) => {
    expect((await callApi(context.app, 'post', `/api/v1/articles/${articleId}/claims`, { token: tokens[role], body: { start: 0, end: 10, speaker: 'X', kind: 'factual' } })).status).toBe(403);
    expect((await callApi(context.app, 'delete', `/api/v1/claims/${claimIds[0]}?version=1`, { token: tokens[role] })).status).toBe(403);
  });

  it('adds a claim for an editor, cut from the article, marked as added by hand, then deletes it given its version', async () => {
    const body = await articleBody();
    const added = await callApi(context.app, 'post', `/api/v1/articles/${articleId}/claims`, {
      token: tokens.editor,
      body: { start: 0, end: 40, speaker: 'إيغور ديلانويه', cue: 'قال', kind: 'opinion' },
    });
    expect(added.status).toBe(201);
    expect(added.headers.location).toBe(`/api/v1/claims/${added.body.id}`);
    expect(added.body).toMatchObject({ text: body.slice(0, 40), start: 0, end: 40, provenance: 'manual', status: 'unverified', version: 1, speaker: { name: 'إيغور ديلانويه' } });
    expect(added.body.history.map((event: { field: string }) => event.field)).toEqual(['created']);

    const stale = await callApi(context.app, 'delete', `/api/v1/claims/${added.body.id}?version=2`, { token: tokens.editor });
    expect(stale.status).toBe(409);
    expect(stale.body.claim.id).toBe(added.body.id);
    const noVersion = await callApi(context.app, 'delete', `/api/v1/claims/${added.body.id}`, { token: tokens.editor });
    expect(noVersion.status).toBe(422);

    const deleted = await callApi(context.app, 'delete', `/api/v1/claims/${added.body.id}?version=1`, { token: tokens.editor });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ id: added.body.id, article: { id: articleId, title: expect.any(String) }, text: body.slice(0, 40) });
    expect((await callApi(context.app, 'get', `/api/v1/claims/${added.body.id}`, { token: tokens.viewer })).status).toBe(404);
    expect((await callApi(context.app, 'delete', `/api/v1/claims/${added.body.id}?version=1`, { token: tokens.editor })).status).toBe(404);
  });

  it('refuses a claim with a bad span, no speaker or an unknown kind with 422, and an unknown article with 404', async () => {
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ start: 5, end: 5, speaker: 'إيغور ديلانويه', kind: 'factual' }, ['span']],
      [{ start: 0, end: 10, kind: 'factual' }, ['speaker']],
      [{ start: 0, end: 10, speaker: 'إيغور ديلانويه', kind: 'gossip' }, ['kind']],
      [{ start: 0, end: 10, speaker: 'Someone New', kind: 'factual' }, ['speaker']],
    ];
    for (const [body, fields] of cases) {
      const response = await callApi(context.app, 'post', `/api/v1/articles/${articleId}/claims`, { token: tokens.editor, body });
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.errors.map((error: { field: string }) => error.field), JSON.stringify(body)).toEqual(fields);
    }
    const unknown = await callApi(context.app, 'post', '/api/v1/articles/unknown/claims', { token: tokens.editor, body: { start: 0, end: 10, speaker: 'إيغور ديلانويه', kind: 'factual' } });
    expect(unknown.status).toBe(404);
  });
});

