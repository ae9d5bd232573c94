import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findClaimById, listReviewEvents } from '../../src/features/claims/claims.repository.ts';
import { addRatingLabel, loadRatingScale, moveRatingLabel } from '../../src/features/ratings/ratings.service.ts';
import { ConflictError } from '../../src/errors.ts';
import { sql } from 'kysely';
import { ingestArticle } from '../../src/features/articles/articles.service.ts';
import { decideClusterSuggestion } from '../../src/features/clusters/cluster-desk.service.ts';
import { deletePendingSuggestions, lockClusterIndex } from '../../src/features/clusters/clusters.repository.ts';
import { encodePageToken } from '../../src/page-token.ts';
import { apiUser, callApi } from '../support/api.ts';
import { signIn, type SignedIn } from '../support/auth.ts';
import { POSTGRES_URL, startInstancesOnPostgres, type SharedDatabase } from '../support/instances.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { insertDriftCluster } from '../support/drift-fixture.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';
import { SAME_CLAIM_ARTICLES, ingestSameClaimArticles, type SameClaimKey } from '../support/same-claim-articles.ts';

/**
 * Garbage thrown at the desk's newer routes (the same claim elsewhere, quote drift, charts, the rating
 * scale): every answer is the documented 4xx or a tolerant 200, never a 5xx, and no page carries the
 * input's markup unescaped.
 */

const HTMX = { 'HX-Request': 'true', 'HX-Request-Type': 'partial' };
const SCRIPT = '<script>alert(1)</script>';
const LONG = 'ن'.repeat(5000);
const RTL_OVERRIDE = '\u202Eevil\u202C name';
const LONE_SURROGATE = 'half \uD800 pair';
const LANGUAGES = ['en', 'ar'] as const;

let context: TestContext;
let reviewer: SignedIn;
let admin: SignedIn;
let viewer: SignedIn;
let ids: Record<SameClaimKey, string>;
let drift: { clusterId: string; claimIds: string[] };
let hostileSpeakerId: string;
let hostileOutletId: string;
let hostileArticleId: string;
let longSpeakerId: string;

/** Fails unless the answer is below 500 and carries no markup of the input unescaped. */
function expectSafe(response: request.Response, what: string): void {
  expect(response.status, `${what} answered ${response.status}: ${response.text.slice(0, 300)}`).toBeLessThan(500);
  // A CSV or JSON body carries names as data; only HTML is checked for markup.
  if (!/html/.test(String(response.headers['content-type'] ?? ''))) return;
  expect(response.text, `${what} carries the input's <script> unescaped`).not.toContain(SCRIPT);
  expect(response.text).not.toMatch(/<img src=x/);
}

async function versionOf(claimId: string): Promise<number> {
  return (await findClaimById(context.db, claimId))!.version;
}

beforeAll(async () => {
  context = await createTestContext();
  ids = await ingestSameClaimArticles(context.db, context.ingest, SAME_CLAIM_ARTICLES, ['minister', 'republished', 'economist', 'paraphrase', 'weather']);
  drift = await insertDriftCluster(
    context.db,
    'en',
    [
      { text: 'Prices may double again next year', outlet: `Wire ${SCRIPT}`, day: '2026-05-01', title: `Title ${SCRIPT} &amp;` },
      { text: `Prices will not double ${SCRIPT} next year`, outlet: `Outlet ${RTL_OVERRIDE}`, day: '2026-05-02', title: `&amp; ${RTL_OVERRIDE}` },
    ],
    `Speaker ${SCRIPT}`,
  );
  const article = await insertTestArticle(context.db, { title: `${SCRIPT} &amp; ${RTL_OVERRIDE}` });
  hostileArticleId = article.id;
  const names = [SCRIPT, '&amp;', LONG, RTL_OVERRIDE, LONE_SURROGATE];
  for (const [index, name] of names.entries()) {
    for (const status of ['false', 'misleading']) {
      await insertTestClaim(context.db, { article, start: index * 200 + (status === 'false' ? 0 : 100), speaker: name, status, outlets: [{ name: `${name} outlet`, role: 'original' }] });
    }
  }
  hostileSpeakerId = (await context.db.selectFrom('speaker').select('id').where('name', '=', SCRIPT).executeTakeFirstOrThrow()).id;
  longSpeakerId = (await context.db.selectFrom('speaker').select('id').where('name', '=', LONG).executeTakeFirstOrThrow()).id;
  hostileOutletId = (await context.db.selectFrom('outlet').select('id').where('name', '=', `${SCRIPT} outlet`).executeTakeFirstOrThrow()).id;
  reviewer = await signIn(context, 'reviewer', 'Hostile Reviewer');
  admin = await signIn(context, 'admin', 'Hostile Admin');
  viewer = await signIn(context, 'viewer', 'Hostile Viewer');
});
afterAll(() => context.close());

describe('the Quote drift page', () => {
  const badMins = ['99999999999999999999', '-1', '-0', 'NaN', '1e400', '1e2', '0x10', ' 5 ', '٥٠', '５０', '10%', '\u0000', 'x'.repeat(10_000), '50.0', '+50', '١٠٠'];

  it('refuses a filter that is not a whole percentage with 422, typed value kept (escaped), in both languages', async () => {
    for (const lang of LANGUAGES) {
      for (const bad of badMins) {
        const response = await reviewer.get(`/drift?lang=${lang}&min=${encodeURIComponent(bad)}`);
        expectSafe(response, `/drift?min=${bad.slice(0, 20)}`);
        // Tolerated only when it reads as a whole number from 0 to 100 once trimmed.
        if (bad.trim() === '5') expect(response.status).toBe(200);
        // A NUL character is refused at the door, whatever the field.
        else if (bad.includes('\u0000')) expect(response.status).toBe(400);
        else {
          expect(response.status, `min=${bad.slice(0, 20)}`).toBe(422);
          expect(response.text).not.toContain('drift-row');
        }
      }
      const script = await reviewer.get(`/drift?lang=${lang}&min=${encodeURIComponent(SCRIPT)}`).expect(422);
      expectSafe(script, 'min=<script>');
      expect(script.text).toContain('value="&lt;script&gt;alert(1)&lt;/sc');
    }
  });

  it('treats a repeated or bracketed min as bad input (422), not a crash', async () => {
    for (const query of ['min=1&min=2', 'min=&min=']) {
      const response = await reviewer.get(`/drift?${query}`);
      expectSafe(response, `/drift?${query}`);
      expect(response.status, query).toBe(422);
    }
    // Brackets are no syntax to the query parser: min[] is another parameter, ignored.
    for (const query of ['min[]=5', 'min[a]=5', 'min[__proto__]=1']) {
      const response = await reviewer.get(`/drift?${query}`);
      expectSafe(response, `/drift?${query}`);
      expect(response.status, query).toBe(200);
    }
  });

  it('refuses a damaged page token with 400, whatever it holds', async () => {
    const valid = encodePageToken(['2026-06-01T00:00:00.000Z', drift.claimIds[1]]);
    const tokens = [
      'garbage',
      valid.slice(0, valid.length - 5),
      Buffer.from('not json at all').toString('base64url'),
      encodePageToken(['only one']),
      encodePageToken([1, 2]),
      encodePageToken({ a: 1 } as never),
      encodePageToken([null, null]),
      encodePageToken(['x'.repeat(3000), 'y']),
      '%00',
      'a'.repeat(20_000),
    ];
    for (const token of tokens) {
      const response = await reviewer.get(`/drift?min=0&after=${encodeURIComponent(token)}`);
      expectSafe(response, `after=${token.slice(0, 20)}`);
      expect([200, 400, 414, 431]).toContain(response.status);
      if (response.status === 200) expect(response.text).toContain('<h1>');
    }
    for (const query of ['after=a&after=b', 'after[]=x']) {
      const response = await reviewer.get(`/drift?min=0&${query}`);
      expectSafe(response, query);
    }
  });

  it('escapes the hostile speaker, outlet and titles it lists, in both languages', async () => {
    for (const lang of LANGUAGES) {
      const page = await reviewer.get(`/drift?min=0&lang=${lang}`).expect(200);
      expectSafe(page, '/drift');
      expect(page.text).toContain(`id="drift-${drift.claimIds[1]}"`);
      expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });
});

describe('the drift row\'s attribution form', () => {
  const url = () => `/drift/claims/${drift.claimIds[1]}/attribution`;

  it('refuses missing, unknown and oversized fields with 422, keeping the note typed', async () => {
    const version = String(await versionOf(drift.claimIds[1]!));
    const bodies: Array<Record<string, unknown>> = [
      {},
      { version },
      { version, attributionStatus: 'nonsense' },
      { version, attributionStatus: SCRIPT, note: SCRIPT },
      { version, attributionStatus: 'x'.repeat(20_000) },
    ];
    for (const body of bodies) {
      for (const headers of [HTMX, {}]) {
        const response = await reviewer.post(url()).set(headers).type('form').send(body as object);
        expectSafe(response, `attribution ${JSON.stringify(body).slice(0, 60)}`);
        expect(response.status, JSON.stringify(body).slice(0, 60)).toBe(422);
      }
    }
    const kept = await reviewer.post(url()).set(HTMX).type('form').send({ version, attributionStatus: 'nope', note: `${SCRIPT} kept` }).expect(422);
    expect(kept.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; kept');
  });

  it('refuses a note over its limit with 422 (not 500), the claim untouched', async () => {
    const version = String(await versionOf(drift.claimIds[1]!));
    const before = await findClaimById(context.db, drift.claimIds[1]!);
    const response = await reviewer.post(url()).set(HTMX).type('form').send({ version, attributionStatus: 'fabricated', note: 'n'.repeat(20_000) });
    expectSafe(response, 'long note');
    expect([413, 422]).toContain(response.status);
    expect((await findClaimById(context.db, drift.claimIds[1]!))!.version).toBe(before!.version);
  });

  it('takes a version that is not a whole number as stale: 409 with what was typed once a verdict was set', async () => {
    for (const version of ['', 'abc', '1.5', '-3', '0', '1e3', '99999999999999999999', 'NaN']) {
      const response = await reviewer.post(url()).set(HTMX).type('form').send({ version, attributionStatus: 'fabricated', note: 'typed note' });
      expectSafe(response, `version=${version}`);
      // The review's rule: a stale form goes through while neither verdict was ever set by anyone.
      const set = (await listReviewEvents(context.db, drift.claimIds[1]!)).some((event) => event.field === 'attribution_status');
      expect([200, 409], `version=${version}`).toContain(response.status);
      if (response.status === 409) {
        expect(set).toBe(true);
        expect(response.text).toContain('value="typed note"');
        expect(response.text).toMatch(/<option value="fabricated" selected>/);
      }
    }
    expect((await reviewer.post(url()).set(HTMX).type('form').send({ version: 'abc', attributionStatus: 'verbatim', note: 'typed note' })).status).toBe(409);
    // Arrays or objects in place of a field are refused in words, never a 500.
    const arrays = await reviewer.post(url()).set(HTMX).type('form').send('version=1&version=2&attributionStatus=misattributed&attributionStatus=confirmed&note=a&note=b');
    expectSafe(arrays, 'repeated fields');
    expect(arrays.status).toBeGreaterThanOrEqual(400);
    const json = await reviewer.post(url()).set(HTMX).send({ version: { $gt: 0 }, attributionStatus: ['fabricated'], note: { toString: 'x' } });
    expectSafe(json, 'JSON objects');
    expect(json.status).toBeGreaterThanOrEqual(400);
  });

  it('answers 404 for an unknown or malformed claim id, and 403 without a CSRF token or for a viewer', async () => {
    for (const id of ['no-such-claim', '%00', '..%2F..%2Fadmin', 'x'.repeat(2000), encodeURIComponent(SCRIPT)]) {
      for (const headers of [HTMX, {}]) {
        const response = await reviewer.post(`/drift/claims/${id}/attribution`).set(headers).type('form').send({ version: '1', attributionStatus: 'fabricated' });
        expectSafe(response, `attribution of ${id.slice(0, 20)}`);
        expect(response.status, id.slice(0, 20)).toBe(id === '%00' ? 400 : 404);
      }
    }
    const noCsrf = await reviewer.agent.post(url()).type('form').send({ version: '1', attributionStatus: 'fabricated' });
    expect(noCsrf.status).toBe(403);
    await viewer.post(url()).type('form').send({ version: '1', attributionStatus: 'fabricated' }).expect(403);
  });
});

describe('the same claim elsewhere', () => {
  it('answers 404 for unknown or malformed claim ids on its fragment', async () => {
    for (const id of ['no-such-claim', encodeURIComponent(SCRIPT), 'x'.repeat(2000)]) {
      const response = await reviewer.get(`/claims/${id}/same-claim`).set(HTMX);
      expectSafe(response, `same-claim of ${id.slice(0, 20)}`);
      expect(response.status).toBe(404);
    }
  });

  it('refuses a suggestion decided against the claim itself, a claim outside it, an unknown one, or repeated fields, never 500', async () => {
    const post = (id: string, other: string) => reviewer.post(`/claims/${id}/same-claim/suggestions/${other}`).set(HTMX).type('form');
    const own = await post(ids.minister, ids.minister).send({ decision: 'confirm' });
    expectSafe(own, 'own id');
    expect(own.status).toBe(409);
    const outside = await post(ids.minister, ids.weather).send({ decision: 'reject' });
    expectSafe(outside, 'claim not in the cluster');
    expect(outside.status).toBe(409);
    const unknown = await post(ids.minister, 'no-such-claim').send({ decision: 'confirm' });
    expect(unknown.status).toBe(404);
    const unknownOwn = await post('no-such-claim', ids.minister).send({ decision: 'confirm' });
    expect(unknownOwn.status).toBe(404);
    for (const body of ['decision=confirm&decision=reject', 'decision[]=confirm', `decision=${encodeURIComponent(SCRIPT)}`, 'decision=' + 'c'.repeat(50_000), '']) {
      const response = await post(ids.minister, ids.paraphrase).send(body);
      expectSafe(response, `decision body ${body.slice(0, 30)}`);
      expect(response.status, body.slice(0, 30)).toBe(422);
    }
    // Nothing above decided the pair: it is still offered.
    const page = await reviewer.get(`/claims/${ids.minister}`).expect(200);
    expect(page.text).toContain(`/same-claim/suggestions/${ids.paraphrase}`);
    // Without a CSRF token, refused before anything is read.
    const noCsrf = await reviewer.agent.post(`/claims/${ids.minister}/same-claim/suggestions/${ids.paraphrase}`).type('form').send({ decision: 'confirm' });
    expect(noCsrf.status).toBe(403);
    await viewer.post(`/claims/${ids.minister}/same-claim/suggestions/${ids.paraphrase}`).type('form').send({ decision: 'confirm' }).expect(403);
  });

  it('refuses a verdict reused from the claim itself, from outside the cluster, unknown, or not final, without writing', async () => {
    const claimId = ids.republished;
    const version = String(await versionOf(claimId));
    const cases: Array<[Record<string, string>, number]> = [
      [{ version, from: claimId, fromStatus: 'false' }, 422],
      [{ version, from: ids.weather, fromStatus: 'false' }, 409],
      [{ version, from: 'no-such-claim', fromStatus: 'false' }, 409],
      [{ version, from: ids.minister, fromStatus: 'unverified' }, 422],
      [{ version, from: ids.minister, fromStatus: SCRIPT }, 422],
      [{ version, from: ids.minister, fromStatus: '' }, 422],
      [{ version, from: ids.minister, fromStatus: 'x'.repeat(50_000) }, 422],
      [{ version: 'abc', from: ids.minister, fromStatus: 'false' }, 409],
      [{}, 422],
    ];
    for (const [body, status] of cases) {
      for (const headers of [HTMX, {}]) {
        const response = await reviewer.post(`/claims/${claimId}/same-claim/reuse`).set(headers).type('form').send(body);
        expectSafe(response, `reuse ${JSON.stringify(body).slice(0, 60)}`);
        expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      }
    }
    const repeated = await reviewer.post(`/claims/${claimId}/same-claim/reuse`).set(HTMX).type('form').send(`version=${version}&version=${version}&from=${ids.minister}&from=${ids.economist}&fromStatus=false&fromStatus=accurate`);
    expectSafe(repeated, 'repeated reuse fields');
    expect(repeated.status).toBeGreaterThanOrEqual(400);
    const unknown = await reviewer.post('/claims/no-such-claim/same-claim/reuse').set(HTMX).type('form').send({ version: '1', from: ids.minister, fromStatus: 'false' });
    expect(unknown.status).toBe(404);
    expect((await findClaimById(context.db, claimId))!.version).toBe(Number(version));
    expect((await listReviewEvents(context.db, claimId)).filter((event) => event.field === 'verdict_reused')).toEqual([]);
    const noCsrf = await reviewer.agent.post(`/claims/${claimId}/same-claim/reuse`).type('form').send({ version, from: ids.minister, fromStatus: 'false' });
    expect(noCsrf.status).toBe(403);
  });
});

describe('the cluster filter', () => {
  const values = ['nonsense', SCRIPT, 'CHECKED', 'x'.repeat(5000)];

  it('refuses an unknown cluster value on the dashboard and the CSV with 400, tolerating an empty one', async () => {
    for (const lang of LANGUAGES) {
      for (const value of values) {
        for (const path of ['/', '/claims.csv']) {
          const response = await reviewer.get(`${path}?lang=${lang}&cluster=${encodeURIComponent(value)}`);
          expectSafe(response, `${path}?cluster=${value.slice(0, 20)}`);
          expect(response.status, `${path} cluster=${value.slice(0, 20)}`).toBe(400);
        }
      }
      for (const path of ['/', '/claims.csv']) {
        expectSafe(await reviewer.get(`${path}?lang=${lang}&cluster=`).expect(200), `${path}?cluster=`);
        const repeated = await reviewer.get(`${path}?lang=${lang}&cluster=checked&cluster=new`);
        expectSafe(repeated, `${path}?cluster twice`);
        expect(repeated.status).toBe(400);
        // Brackets are no syntax to the query parser: another parameter, ignored.
        for (const query of ['cluster[]=checked', 'cluster[a]=new']) expectSafe(await reviewer.get(`${path}?lang=${lang}&${query}`).expect(200), `${path}?${query}`);
      }
    }
  });

  it('refuses an unknown cluster value on GET /api/v1/claims with the documented 422', async () => {
    const { token } = await apiUser(context, 'viewer');
    for (const value of values) await callApi(context.app, 'get', `/api/v1/claims?cluster=${encodeURIComponent(value)}`, { token }).then((r) => expect(r.status).toBe(422));
    const repeated = await callApi(context.app, 'get', '/api/v1/claims?cluster=checked&cluster=new', { token });
    expect(repeated.status).toBe(422);
    expect((await callApi(context.app, 'get', '/api/v1/claims?cluster[]=checked', { token })).status).toBe(200);
    const empty = await callApi(context.app, 'get', '/api/v1/claims?cluster=', { token });
    expect(empty.status).toBe(422);
  });
});

describe('pages with hostile names', () => {
  it('escapes speakers, outlets and titles on the overview, speaker, outlet and article pages, in both languages', async () => {
    const pages = ['/overview', `/speakers/${hostileSpeakerId}`, `/speakers/${longSpeakerId}`, `/outlets/${hostileOutletId}`, `/articles/${hostileArticleId}`, `/claims/${drift.claimIds[1]}`];
    for (const lang of LANGUAGES) {
      for (const path of pages) {
        const response = await reviewer.get(`${path}?lang=${lang}`);
        expectSafe(response, path);
        expect(response.status, path).toBe(200);
        // No drawing or table carries the name as markup, SVG text included.
        expect(response.text).not.toMatch(/<script>alert|&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/script>/);
        expect(response.text).not.toContain('&amp;amp;amp;');
      }
    }
    const overview = await reviewer.get('/overview').expect(200);
    expect(overview.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('the rating scale admin forms', () => {
  const label = (overrides: Record<string, string> = {}) => ({ code: 'satire', nameEn: 'Satire', nameAr: 'سخرية', colour: '#7a3e9d', rated: '1', final: '1', ratingValue: '', alternateNameEn: '', alternateNameAr: '', ...overrides });

  it('refuses bad codes, colours, names and rating values with 422, keeping the typed values escaped', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [label({ colour: 'red' }), 'colour'],
      [label({ colour: '#12345g' }), 'colour'],
      [label({ colour: `#123456${SCRIPT}` }), 'colour'],
      [label({ nameEn: 'N'.repeat(10_000) }), 'nameEn'],
      [label({ nameAr: 'ن'.repeat(10_000) }), 'nameAr'],
      [label({ code: 'with space' }), 'code'],
      [label({ code: 'عربي' }), 'code'],
      [label({ code: SCRIPT }), 'code'],
      [label({ code: 'c'.repeat(10_000) }), 'code'],
      [label({ ratingValue: '0' }), 'ratingValue'],
      [label({ ratingValue: '6' }), 'ratingValue'],
      [label({ ratingValue: 'x' }), 'ratingValue'],
      [label({ ratingValue: '٣' }), 'ratingValue'],
      [label({ ratingValue: '1e0' }), 'ratingValue'],
      [label({ nameEn: SCRIPT, colour: 'nope' }), 'nameEn'],
      [label({ alternateNameEn: 'a'.repeat(10_000) }), 'alternateNameEn'],
    ];
    for (const lang of LANGUAGES) {
      for (const [body, fieldName] of cases) {
        const response = await admin.post(`/admin/ratings?lang=${lang}`).type('form').send(body);
        expectSafe(response, `add ${fieldName}`);
        expect(response.status, `${fieldName}: ${JSON.stringify(body).slice(0, 80)}`).toBe(422);
        // A colour field can only show a colour: the refused value is named in the message instead.
        if (fieldName !== 'colour' && body[fieldName]!.length < 100) expect(response.text).toContain(`value="${body[fieldName]!.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}"`);
      }
    }
    expect((await loadRatingScale(context.db)).has('satire')).toBe(false);
  });

  it('takes an upper-case code in lower case', async () => {
    const added = await admin.post('/admin/ratings').type('form').send(label({ code: ' UPPER ', nameEn: 'Upper', nameAr: 'أعلى' }));
    expectSafe(added, 'UPPER');
    expect(added.status).toBe(200);
    const upper = (await loadRatingScale(context.db)).get('upper')!;
    expect(upper.name.en).toBe('Upper');
    await admin.post('/admin/ratings/upper/delete').type('form').send({ version: String(upper.version) }).expect(200);
  });

  it('refuses repeated fields and a missing CSRF token without a 500, adding nothing', async () => {
    const repeated = await admin.post('/admin/ratings').type('form').send('code=satire&code=irony&nameEn=Satire&nameEn=Irony&nameAr=%D8%B3&colour=%23112233&colour=%23445566');
    expectSafe(repeated, 'repeated label fields');
    expect(repeated.status).toBe(422);
    const noCsrf = await admin.agent.post('/admin/ratings').type('form').send(label());
    expect(noCsrf.status).toBe(403);
    expect((await loadRatingScale(context.db)).has('satire')).toBe(false);
  });

  it('answers 404 for unknown codes, 409 for a garbage version, and 422 for an unknown move direction', async () => {
    for (const code of ['no_such_label', encodeURIComponent(SCRIPT), 'x'.repeat(2000), '%00']) {
      for (const action of ['', '/move', '/retire', '/delete']) {
        const response = await admin.post(`/admin/ratings/${code}${action}`).type('form').send({ version: '1', ...label() });
        expectSafe(response, `${action || 'edit'} of ${code.slice(0, 20)}`);
        expect(response.status, `${action || 'edit'} of ${code.slice(0, 20)}`).toBe(code === '%00' ? 400 : 404);
      }
      const page = await admin.get(`/admin/ratings/${code}`);
      expectSafe(page, `label page ${code.slice(0, 20)}`);
      expect(page.status).toBe(code === '%00' ? 400 : 404);
    }
    for (const version of ['', 'abc', '1.5', '99999999999999999999', '-1']) {
      for (const action of ['/move', '/retire', '/delete']) {
        const response = await admin.post(`/admin/ratings/misleading${action}`).type('form').send({ version, direction: 'up' });
        expectSafe(response, `${action} version=${version}`);
        expect(response.status, `${action} version=${version}`).toBe(409);
      }
      const edit = await admin.post('/admin/ratings/misleading').type('form').send({ version, ...label({ nameEn: 'Typed name' }) });
      expectSafe(edit, `edit version=${version}`);
      expect(edit.status).toBe(409);
      expect(edit.text).toContain('value="Typed name"');
    }
    for (const direction of ['sideways', SCRIPT, '']) {
      const scale = await loadRatingScale(context.db);
      const response = await admin.post('/admin/ratings/misleading/move').type('form').send({ version: String(scale.get('misleading')!.version), direction });
      expectSafe(response, `move ${direction}`);
      expect(response.status).toBe(422);
      expect((await loadRatingScale(context.db)).get('misleading')!.position).toBe(scale.get('misleading')!.position);
    }
  });

  it('moves the first label up and the last label down without error or change (position overflow)', async () => {
    const scale = await loadRatingScale(context.db);
    const first = scale.offered[0]!;
    const last = scale.offered.at(-1)!;
    await admin.post(`/admin/ratings/${first.code}/move`).type('form').send({ version: String(first.version), direction: 'up' }).expect(200);
    await admin.post(`/admin/ratings/${last.code}/move`).type('form').send({ version: String(last.version), direction: 'down' }).expect(200);
    const after = await loadRatingScale(context.db);
    expect(after.offered.map((l) => l.code)).toEqual(scale.offered.map((l) => l.code));
  });

  it('GET /api/v1/rating-scale answers as documented, ignoring stray parameters', async () => {
    const { token } = await apiUser(context, 'viewer');
    for (const query of ['', '?lang=ar', `?x=${encodeURIComponent(SCRIPT)}`, '?a[]=1&a[]=2']) {
      const response = await callApi(context.app, 'get', `/api/v1/rating-scale${query}`, { token });
      expect(response.status, query).toBe(200);
    }
    const anonymous = await request(context.app).get('/api/v1/rating-scale');
    expect(anonymous.status).toBe(401);
  });
});

describe('a rating label named with markup', () => {
  it('is escaped wherever the desk shows it: list, forms, notices, dashboard, claim page, history, charts, activity', async () => {
    const nameEn = `${SCRIPT} L`;
    const nameAr = '<img src=x onerror=alert(1)> ت';
    const added = await admin.post('/admin/ratings').type('form').send({ code: 'hostile', nameEn, nameAr, colour: '#7a3e9d', rated: '1', final: '1', ratingValue: '' });
    expectSafe(added, 'add hostile label');
    expect(added.status).toBe(200);
    const claimId = ids.economist;
    await reviewer.post(`/claims/${claimId}/status`).type('form').send({ status: 'hostile', version: String(await versionOf(claimId)) }).expect(303);
    // The verdict is final, so the other appearances offer it: reused and named in the history.
    const reused = await reviewer.post(`/claims/${ids.minister}/same-claim/reuse`).set(HTMX).type('form').send({ version: String(await versionOf(ids.minister)), from: claimId, fromStatus: 'hostile' });
    expectSafe(reused, 'reuse of the hostile label');
    expect(reused.status).toBe(200);
    const hostileLabel = (await loadRatingScale(context.db)).get('hostile')!;
    const edited = await admin.post('/admin/ratings/hostile').type('form').send({ version: String(hostileLabel.version), nameEn, nameAr, colour: 'bad', rated: '1', final: '1' });
    expectSafe(edited, 'refused edit of the hostile label');
    expect(edited.status).toBe(422);
    const pages = ['/admin/ratings', '/admin/ratings/hostile', '/', '/?status=hostile', `/claims/${claimId}`, `/claims/${ids.minister}`, '/overview', '/activity', `/speakers/${hostileSpeakerId}`, '/drift?min=0'];
    for (const lang of LANGUAGES) {
      for (const path of pages) {
        const who = path.startsWith('/admin') ? admin : reviewer;
        const response = await who.get(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
        expectSafe(response, `${path} (${lang})`);
        expect(response.status, path).toBe(200);
      }
    }
    const { token } = await apiUser(context, 'viewer');
    const scale = await callApi(context.app, 'get', '/api/v1/rating-scale', { token });
    expect(JSON.stringify(scale.body)).toContain('<script>alert(1)</script> L');
  });
});

describe('the drift routes with a claim that has no drift', () => {
  it('answers the attribution form of a claim in no cluster without a 500, and its drift fragment', async () => {
    const claimId = ids.weather;
    for (const headers of [HTMX, {}]) {
      const response = await reviewer.post(`/drift/claims/${claimId}/attribution`).set(headers).type('form').send({ version: String(await versionOf(claimId)), attributionStatus: 'verbatim', note: 'n' });
      expectSafe(response, `attribution of a claim without drift (${Object.keys(headers).length ? 'htmx' : 'plain'})`);
    }
    const fragment = await reviewer.get(`/claims/${claimId}/drift`).set(HTMX);
    expectSafe(fragment, 'drift fragment');
    expect(fragment.status).toBe(200);
    expect(fragment.text.trim()).toBe('');
    for (const id of ['no-such-claim', encodeURIComponent(SCRIPT)]) {
      const unknown = await reviewer.get(`/claims/${id}/drift`).set(HTMX);
      expectSafe(unknown, 'drift fragment of an unknown claim');
      expect(unknown.status).toBe(404);
    }
  });
});

describe('repeated and typed-wrong fields on the decision forms', () => {
  it('answers seen verdicts given twice or as objects, and JSON bodies, without a 500', async () => {
    const claimId = ids.republished;
    const version = String(await versionOf(claimId));
    const bodies = [
      `version=${version}&seenStatus=unverified&seenStatus=false&seenAttribution=a&seenAttribution=b&from=${ids.minister}&fromStatus=false`,
      `version=${version}&seenStatus[x]=1&from=${ids.minister}&fromStatus=false`,
    ];
    for (const body of bodies) {
      const reuse = await reviewer.post(`/claims/${claimId}/same-claim/reuse`).set(HTMX).type('form').send(body);
      expectSafe(reuse, `reuse ${body.slice(0, 40)}`);
      const attribution = await reviewer.post(`/drift/claims/${drift.claimIds[1]}/attribution`).set(HTMX).type('form').send(body.replace(/from=[^&]+&fromStatus=false/, 'attributionStatus=verbatim'));
      expectSafe(attribution, `attribution ${body.slice(0, 40)}`);
    }
    for (const json of [{ decision: { confirm: true } }, { decision: ['confirm'] }, { decision: null }, [1, 2, 3]]) {
      const response = await reviewer.post(`/claims/${ids.minister}/same-claim/suggestions/${ids.paraphrase}`).set(HTMX).send(json as object);
      expectSafe(response, `JSON decision ${JSON.stringify(json)}`);
      expect(response.status).toBe(422);
    }
    const reuseJson = await reviewer.post(`/claims/${claimId}/same-claim/reuse`).set(HTMX).send({ version: Number(version), from: [ids.minister], fromStatus: { code: 'false' } });
    expectSafe(reuseJson, 'JSON reuse');
    expect(reuseJson.status).toBeGreaterThanOrEqual(400);
    const malformed = await reviewer.post(`/claims/${claimId}/same-claim/reuse`).set(HTMX).set('Content-Type', 'application/json').send('{"version": 1,');
    expectSafe(malformed, 'malformed JSON');
    expect([400, 409, 415, 422]).toContain(malformed.status);
    const label = await admin.post('/admin/ratings').set('Content-Type', 'application/json').send('{"code": ');
    expectSafe(label, 'malformed JSON label');
    expect([400, 415, 422]).toContain(label.status);
  });
});

/** A NUL character, which PostgreSQL refuses in text: every route that reads an id or a name from input passes it. */
describe.skipIf(!POSTGRES_URL)('NUL characters and numbers past an integer in input, on PostgreSQL', () => {
  let shared: SharedDatabase;
  let pgReviewer: SignedIn;
  let pgAdmin: SignedIn;
  let pgClaims: string[];
  let pgToken: string;

  beforeAll(async () => {
    shared = await startInstancesOnPostgres(1);
    const instance = shared.instances[0]!;
    const onPostgres = { db: instance.db, app: instance.url, config: { passwordHashCost: 10 } } as unknown as TestContext;
    pgReviewer = await signIn(onPostgres, 'reviewer', 'Pg Reviewer');
    pgAdmin = await signIn(onPostgres, 'admin', 'Pg Admin');
    pgToken = (await apiUser(onPostgres, 'reviewer')).token;
    pgClaims = (await insertDriftCluster(instance.db, 'en', [
      { text: 'Prices may double again next year', outlet: 'Reuters', day: '2026-05-01' },
      { text: 'Prices will not double again next year', outlet: 'AFP', day: '2026-05-02' },
    ])).claimIds;
  });
  afterAll(() => shared?.stop());

  it('answers 4xx, never 500', async () => {
    const nul = '%00';
    const [earlier, later] = pgClaims as [string, string];
    const probes: Array<[string, () => request.Test]> = [
      ['claim page', () => pgReviewer.get(`/claims/a${nul}b`)],
      ['same-claim fragment', () => pgReviewer.get(`/claims/a${nul}b/same-claim`).set(HTMX)],
      ['drift fragment', () => pgReviewer.get(`/claims/a${nul}b/drift`).set(HTMX)],
      ['drift page token', () => pgReviewer.get(`/drift?min=0&after=${encodePageToken(['2026\u0000', 'a\u0000b'])}`)],
      ['drift token with NUL', () => pgReviewer.get(`/drift?min=0&after=${Buffer.from('["2026-06-01\u0000","x\u0000"]').toString('base64url')}`)],
      ['attribution', () => pgReviewer.post(`/drift/claims/a${nul}b/attribution`).set(HTMX).type('form').send({ version: '1', attributionStatus: 'verbatim' })],
      ['attribution note', () => pgReviewer.post(`/drift/claims/${later}/attribution`).set(HTMX).type('form').send(`version=1&attributionStatus=verbatim&note=a${nul}b`)],
      ['suggestion', () => pgReviewer.post(`/claims/${later}/same-claim/suggestions/a${nul}b`).set(HTMX).type('form').send({ decision: 'confirm' })],
      ['reuse', () => pgReviewer.post(`/claims/${later}/same-claim/reuse`).set(HTMX).type('form').send(`version=1&from=a${nul}b&fromStatus=false`)],
      ['reuse from', () => pgReviewer.post(`/claims/${later}/same-claim/reuse`).set(HTMX).type('form').send(`version=1&from=${earlier}&fromStatus=fal${nul}se`)],
      ['dashboard', () => pgReviewer.get(`/?cluster=checked&speaker=a${nul}b`)],
      ['label page', () => pgAdmin.get(`/admin/ratings/a${nul}b`)],
      ['label edit', () => pgAdmin.post(`/admin/ratings/a${nul}b`).type('form').send({ version: '1' })],
      ['label move', () => pgAdmin.post(`/admin/ratings/a${nul}b/move`).type('form').send({ version: '1' })],
      ['label add', () => pgAdmin.post('/admin/ratings').type('form').send(`code=satire&nameEn=Sat${nul}ire&nameAr=x&colour=%23112233`)],
      ['label rename', () => pgAdmin.post('/admin/ratings/misleading').type('form').send(`version=1&nameEn=Mis${nul}leading&nameAr=x&colour=%23112233`)],
      ['speaker page', () => pgReviewer.get(`/speakers/a${nul}b`)],
      ['outlet page', () => pgReviewer.get(`/outlets/a${nul}b`)],
      ['article page', () => pgReviewer.get(`/articles/a${nul}b`)],
      // Numbers past PostgreSQL's integer, where a version is expected.
      ['attribution huge version', () => pgReviewer.post(`/drift/claims/${later}/attribution`).set(HTMX).type('form').send({ version: '99999999999999999999', attributionStatus: 'verbatim' })],
      ['reuse huge version', () => pgReviewer.post(`/claims/${later}/same-claim/reuse`).set(HTMX).type('form').send({ version: '9007199254740991', from: earlier, fromStatus: 'false' })],
      ['label huge version', () => pgAdmin.post('/admin/ratings/misleading').type('form').send({ version: '9007199254740991', nameEn: 'M', nameAr: 'م', colour: '#112233' })],
      ['label move huge version', () => pgAdmin.post('/admin/ratings/misleading/move').type('form').send({ version: '2147483648', direction: 'up' })],
      ['label delete huge version', () => pgAdmin.post('/admin/ratings/misleading/delete').type('form').send({ version: '1e300' })],
      ['status huge version', () => pgReviewer.post(`/claims/${later}/status`).type('form').send({ version: '2147483648', status: 'false' })],
      ['drift huge cursor', () => pgReviewer.get(`/drift?min=0&after=${encodePageToken(['9'.repeat(400), 'z'.repeat(400)])}`)],
      ['article upload title', () => pgAdmin.post('/articles/new').field('title', 'a\u0000b').field('language', 'en').field('publisher', 'Wire\u0000').field('text', 'The minister said that prices will double next year.')],
      ['article upload text', () => pgAdmin.post('/articles/new').field('language', 'en').field('text', 'The minister said\u0000 that prices will fall next year.')],
      // A lone surrogate written in UTF-8, and broken escapes.
      ['claim page, lone surrogate', () => pgReviewer.get('/claims/a%ED%A0%80b')],
      ['claim page, broken escape', () => pgReviewer.get('/claims/a%E0%A4%Ab')],
      ['drift filter, lone surrogate', () => pgReviewer.get('/drift?min=%ED%A0%80&after=%ED%A0%80')],
      ['attribution note, lone surrogate', () => pgReviewer.post(`/drift/claims/${later}/attribution`).set(HTMX).type('form').send('version=1&attributionStatus=verbatim&note=a%ED%A0%80b')],
      ['label name, lone surrogate', () => pgAdmin.post('/admin/ratings').type('form').send('code=lone&nameEn=a%ED%A0%80b&nameAr=%ED%A0%80&colour=%23112233')],
      ['shared report', () => request(shared.instances[0]!.url).get(`/r/a${nul}b`)],
      ['fact check', () => request(shared.instances[0]!.url).get(`/fact-checks/a${nul}b`)],
      ['API claim', () => request(shared.instances[0]!.url).get(`/api/v1/claims/a${nul}b`).set('Authorization', `Bearer ${pgToken}`)],
      ['API claims filter', () => request(shared.instances[0]!.url).get(`/api/v1/claims?speaker=a${nul}b`).set('Authorization', `Bearer ${pgToken}`)],
      ['API status', () => request(shared.instances[0]!.url).post(`/api/v1/claims/${later}/status`).set('Authorization', `Bearer ${pgToken}`).send({ status: 'fal\u0000se', version: 1 })],
    ];
    const failures: string[] = [];
    for (const [what, probe] of probes) {
      const response = await probe();
      if (response.status >= 500) failures.push(`${what}: ${response.status}`);
    }
    expect(failures).toEqual([]);
    // Said in words, in the reader's language.
    const refused = await pgReviewer.get(`/claims/a${nul}b?lang=ar`).expect(400);
    expect(refused.text).toContain('المحرف الصفري');
    const api = await request(shared.instances[0]!.url).get(`/api/v1/claims/a${nul}b`).set('Authorization', `Bearer ${pgToken}`).expect(400);
    expect(api.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});

describe.skipIf(!POSTGRES_URL)('two admins moving neighbouring labels at once, on PostgreSQL', () => {
  let shared: SharedDatabase;
  beforeAll(async () => {
    shared = await startInstancesOnPostgres(1);
  });
  afterAll(() => shared?.stop());

  it('never leaves two labels at one place', async () => {
    const db = shared.instances[0]!.db;
    const actor = { id: 'admin-a', name: 'Admin A' };
    for (let round = 0; round < 8; round += 1) {
      const offered = (await loadRatingScale(db)).offered;
      // B up past A, and at the same time C up past B.
      const [b, c] = [offered[2]!, offered[3]!];
      const results = await Promise.allSettled([moveRatingLabel(db, b.code, b.version, 'up', actor), moveRatingLabel(db, c.code, c.version, 'up', { ...actor, name: 'Admin B' })]);
      for (const result of results) if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(ConflictError);
      const positions = (await loadRatingScale(db)).labels.map((label) => label.position);
      expect(new Set(positions).size, `round ${round}: ${positions.join(' ')}`).toBe(positions.length);
    }
  });

  it('swapping the same two labels from both sides at once ends without a deadlock or two labels at one place', async () => {
    const db = shared.instances[0]!.db;
    const actor = { id: 'admin-a', name: 'Admin A' };
    for (let round = 0; round < 5; round += 1) {
      const offered = (await loadRatingScale(db)).offered;
      const [a, b] = [offered[3]!, offered[4]!];
      const results = await Promise.allSettled([moveRatingLabel(db, a.code, a.version, 'down', actor), moveRatingLabel(db, b.code, b.version, 'up', actor)]);
      for (const result of results) if (result.status === 'rejected') expect(result.reason, String(result.reason)).toBeInstanceOf(ConflictError);
      const positions = (await loadRatingScale(db)).labels.map((label) => label.position);
      expect(new Set(positions).size, `round ${round}: ${positions.join(' ')}`).toBe(positions.length);
    }
  });

  it('two labels added at once take places of their own', async () => {
    const db = shared.instances[0]!.db;
    const add = (code: string) => addRatingLabel(db, { code, nameEn: `Label ${code}`, nameAr: `تسمية ${code}`, colour: '#123456', rated: true, final: true }, { id: 'admin-a', name: 'Admin A' });
    await Promise.all(['one', 'two', 'three'].map(add));
    const positions = (await loadRatingScale(db)).labels.map((label) => label.position);
    expect(new Set(positions).size, positions.join(' ')).toBe(positions.length);
  });
});

describe.skipIf(!POSTGRES_URL)('a suggestion decided while its claim is indexed again, on PostgreSQL', () => {
  let shared: SharedDatabase;
  beforeAll(async () => {
    shared = await startInstancesOnPostgres(1);
  });
  afterAll(() => shared?.stop());

  it('waits for the index and is refused as gone (409), instead of a deadlock', async () => {
    const db = shared.instances[0]!.db;
    const pgIds = await ingestSameClaimArticles(db, (input) => ingestArticle(db, input, { maxBytes: 1024 * 1024 }), SAME_CLAIM_ARTICLES, ['minister', 'paraphrase']);
    let deciding: Promise<unknown> | undefined;
    // As indexClaims does: the index's lock first, then the claim's pending suggestions made afresh.
    await db.transaction().execute(async (trx) => {
      await lockClusterIndex(trx);
      deciding = decideClusterSuggestion(db, { claimId: pgIds.minister, otherClaimId: pgIds.paraphrase, decision: 'confirm', actor: { id: 'u1', name: 'Omar' } }).then(
        () => 'decided',
        (error: unknown) => error,
      );
      // Until the decision waits on a lock (on the index's, or, before the fix, holding the suggestion's row).
      for (let tries = 0; tries < 500; tries += 1) {
        const { rows } = await sql<{ waiting: number }>`select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(trx);
        if (rows[0]!.waiting > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await deletePendingSuggestions(trx, [pgIds.minister]);
    });
    const outcome = await deciding;
    expect(outcome, String(outcome)).toBeInstanceOf(ConflictError);
  });
});

describe('a claim carrying a label the scale no longer has', () => {
  it('(a deletion racing a status change on PostgreSQL) still shows every page', async () => {
    await context.db.updateTable('claim').set({ status: 'ghost_label' }).where('id', '=', ids.republished).execute();
    const pages = ['/', '/?cluster=checked', '/?cluster=new', '/claims.csv', `/claims/${ids.republished}`, `/claims/${ids.minister}`, `/claims/${ids.republished}/same-claim`, '/overview', '/drift?min=0', `/claims/${ids.republished}/claimreview.jsonld`, `/claims/${ids.republished}/report.md`];
    for (const lang of LANGUAGES) {
      for (const path of pages) {
        const response = await reviewer.get(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`).set(path.endsWith('same-claim') ? HTMX : {});
        expectSafe(response, `${path} (${lang})`);
        // A ClaimReview needs a verdict of the scale: without one it is refused in words.
        expect(response.status, `${path} (${lang})`).toBe(path.endsWith('.jsonld') ? 422 : 200);
      }
    }
    const { token } = await apiUser(context, 'viewer');
    expect((await request(context.app).get(`/api/v1/claims/${ids.republished}`).set('Authorization', `Bearer ${token}`)).status).toBe(200);
    expect((await request(context.app).get('/api/v1/claims?cluster=checked').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    await context.db.updateTable('claim').set({ status: 'unverified' }).where('id', '=', ids.republished).execute();
  });
});

describe('names that break out of attributes, in the charts drawn on the server', () => {
  it('stay text inside the SVG and its table', async () => {
    const article = await insertTestArticle(context.db, { title: `"><svg onload=alert(2)> ' onmouseover='alert(3)` });
    const names = [`"><svg onload=alert(2)>`, `' onmouseover='alert(3)`, '</text></svg><img src=x onerror=alert(4)>', ']]><script>alert(5)</script>'];
    for (const [index, name] of names.entries()) {
      await insertTestClaim(context.db, { article, start: index * 100, speaker: name, status: 'false', outlets: [{ name: `${name} o`, role: 'original' }] });
      await insertTestClaim(context.db, { article, start: index * 100 + 50, speaker: name, status: 'false', outlets: [{ name: `${name} o`, role: 'original' }] });
    }
    const speakerIds = await context.db.selectFrom('speaker').select('id').where('name', 'in', names).execute();
    const pages = ['/overview', `/articles/${article.id}`, ...speakerIds.map((row) => `/speakers/${row.id}`)];
    for (const lang of LANGUAGES) {
      for (const path of pages) {
        const response = await reviewer.get(`${path}?lang=${lang}`).expect(200);
        expectSafe(response, path);
        expect(response.text, path).not.toMatch(/<svg onload=alert\(2\)>|onmouseover='alert\(3\)|<img src=x onerror=alert\(4\)>|<script>alert\(5\)/);
      }
    }
    // The names are there, as text: in the overview's ranking (table and drawing) and on their pages.
    const overview = (await reviewer.get('/overview').expect(200)).text;
    expect(overview).toContain('&lt;/text&gt;&lt;/svg&gt;&lt;img src=x onerror=alert(4)&gt;');
  });
});

describe('a final verdict whose label was retired since', () => {
  it('is shown on its appearance but not offered for reuse, which would be refused', async () => {
    const added = await admin.post('/admin/ratings').type('form').send({ code: 'old_false', nameEn: 'Old false', nameAr: 'خاطئ قديم', colour: '#552222', rated: '1', final: '1', ratingValue: '' });
    expect(added.status).toBe(200);
    const before = (await findClaimById(context.db, ids.economist))!.status;
    await context.db.updateTable('claim').set({ status: 'old_false' }).where('id', '=', ids.economist).execute();
    const reuseForms = async () => [...(await reviewer.get(`/claims/${ids.republished}`).expect(200)).text.matchAll(/<input type="hidden" name="from" value="([^"]+)">\s*<input type="hidden" name="fromStatus" value="([^"]+)">/g)].map((m) => `${m[2]} from ${m[1]}`);
    expect(await reuseForms()).toContain(`old_false from ${ids.economist}`);
    const label = (await loadRatingScale(context.db)).get('old_false')!;
    await admin.post('/admin/ratings/old_false/retire').type('form').send({ version: String(label.version), retired: 'true' }).expect(200);
    expect(await reuseForms()).not.toContain(`old_false from ${ids.economist}`);
    // As the form would have sent it: refused in words, nothing written.
    const refused = await reviewer.post(`/claims/${ids.republished}/same-claim/reuse`).set(HTMX).type('form').send({ version: String(await versionOf(ids.republished)), from: ids.economist, fromStatus: 'old_false' });
    expect(refused.status).toBe(422);
    await context.db.updateTable('claim').set({ status: before }).where('id', '=', ids.economist).execute();
  });
});

describe('two very long appearances of one statement', () => {
  it('show their claim pages and the drift page, the diff given up past its bound', async () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i}`);
    const long = await insertDriftCluster(context.db, 'en', [
      { text: words.join(' '), outlet: 'Long wire', day: '2026-07-01' },
      { text: words.map((word, i) => (i % 3 === 0 ? `x${i}` : word)).join(' '), outlet: 'Long paper', day: '2026-07-02' },
    ], 'Long Speaker');
    const page = await reviewer.get(`/claims/${long.claimIds[1]}?lang=en`).expect(200);
    expect(page.text).toContain('100% · high drift');
    expectSafe(await reviewer.get('/drift?min=90').expect(200), 'drift page with a long quote');
  });
});

describe('a NUL character in a form', () => {
  it('is refused with 400 in words, the article form keeping what was typed; in the text it marks no text (415)', async () => {
    const refused = await admin.post('/articles/new?lang=en').field('title', 'Half\u0000title').field('language', 'en').field('publisher', 'Keep this outlet').field('text', 'The minister said that the bridge will reopen in May.');
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('NUL character');
    expect(refused.text).toContain('value="Keep this outlet"');
    const taken = await admin.post('/articles/new?lang=en').field('language', 'en').field('text', 'The minister said\u0000 that the tunnel will reopen in June.');
    expect(taken.status).toBe(415);
    expect(taken.text).toContain('does not look like plain text');
    const form = await reviewer.post(`/drift/claims/${drift.claimIds[1]}/attribution?lang=ar`).type('form').send('version=1&attributionStatus=verbatim&note=a%00b');
    expect(form.status).toBe(400);
    expect(form.text).toContain('المحرف الصفري');
  });
});
