import request from 'supertest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ingestArticle } from '../../src/features/articles/articles.service.ts';
import { createUser } from '../../src/features/users/users.service.ts';
import { loadRatingScale } from '../../src/features/ratings/ratings.service.ts';
import { TEST_PASSWORD, csrfTokenIn, signIn, type SignedIn } from '../support/auth.ts';
import { SEED_TEXT, createTestContext, ingestSeed, type TestContext } from '../support/context.ts';
import { parseCsv } from '../support/csv.ts';
import { apiUser, callApi } from '../support/api.ts';
import { POSTGRES_URL, startInstancesOnPostgres, type Instance, type SharedDatabase } from '../support/instances.ts';

async function claimIds(context: TestContext): Promise<string[]> {
  return (await context.db.selectFrom('claim').select('id').orderBy('start_offset').execute()).map((row) => row.id);
}

async function versionOf(context: TestContext, code: string): Promise<number> {
  return (await loadRatingScale(context.db)).get(code)!.version;
}

function labelFields(overrides: Record<string, string> = {}): Record<string, string> {
  return { nameEn: 'Misleading', nameAr: 'مضلل', colour: '#8a5a00', rated: '1', final: '1', ratingValue: '2', alternateNameEn: '', alternateNameAr: '', ...overrides };
}

describe('the rating scale admin page', () => {
  let context: TestContext;
  let admin: SignedIn;

  beforeEach(async () => {
    context = await createTestContext();
    admin = await signIn(context, 'admin');
  });
  afterEach(() => context.close());

  it('is for admins only', async () => {
    const editor = await signIn(context, 'editor');
    await editor.get('/admin/ratings').expect(403);
    await editor.post('/admin/ratings').type('form').send({ code: 'satire', ...labelFields({ nameEn: 'Satire', nameAr: 'سخرية' }) }).expect(403);
    await editor.post(`/admin/ratings/false`).type('form').send({ version: '1', ...labelFields({ nameEn: 'Wrong' }) }).expect(403);
    await editor.post(`/admin/ratings/false/retire`).type('form').send({ version: '1' }).expect(403);
    expect((await loadRatingScale(context.db)).name('false', 'en')).toBe('False');
    expect((await admin.get('/admin/ratings').expect(200)).text).toContain('id="label-mostly_accurate"');
  });

  it('lists the labels in order, in the reader’s language, with the admin link in the header', async () => {
    const page = (await admin.get('/admin/ratings?lang=ar').expect(200)).text;
    expect(page).toContain('<html lang="ar" dir="rtl">');
    expect(page).toContain('href="/admin/ratings"');
    const order = [...page.matchAll(/<tr id="label-([a-z_]+)"/g)].map((match) => match[1]);
    expect(order).toEqual(['unverified', 'in_review', 'accurate', 'mostly_accurate', 'misleading', 'false', 'unverifiable', 'not_a_claim']);
    expect(page).toContain('<span class="badge status-false">خاطئ</span>');
    // The badges' colours come from the scale's stylesheet, versioned by the scale.
    const stylesheet = page.match(/href="(\/ratings\.css\?v=[^"]+)"/)![1]!;
    const css = await request(context.app).get(stylesheet).expect(200).expect('Content-Type', /text\/css/);
    expect(css.text).toContain('.swatch.status-false { background: #a4262c; }');
    // A code that did not come through the form (the migration keeps any status it finds) is not written into CSS.
    await context.db
      .insertInto('rating_label')
      .values({ code: 'x{} body{display:none', name_en: 'Odd', name_ar: 'غريب', colour: '#123456', position: 99, rated: 0, final: 1, rating_value: null, alternate_name_en: null, alternate_name_ar: null, retired_at: '2026-12-03T00:00:00.000Z', version: 1, updated_at: '2026-12-03T00:00:00.000Z', updated_by: null })
      .execute();
    const after = (await request(context.app).get('/ratings.css?v=other').expect(200)).text;
    expect(after).not.toContain('display:none');
    expect(after).toContain('.badge.status-false');
  });

  it('adds a label, refusing bad input with the typed values kept (422)', async () => {
    const refused = await admin.post('/admin/ratings').type('form').send({ code: 'Bad Code', ...labelFields({ nameEn: '<b>Satire</b>', nameAr: '', colour: 'pink', ratingValue: '9' }) }).expect(422);
    expect(refused.text).toContain('value="Bad Code"');
    expect(refused.text).toContain('value="&lt;b&gt;Satire&lt;/b&gt;"');
    expect(refused.text).not.toContain('<b>Satire</b>');
    expect(refused.text).toContain('A code is 1 to 40 lower-case letters');
    expect(refused.text).toContain('Choose a colour as #rrggbb.');
    expect(refused.text).toContain('A ClaimReview rating is a whole number from 1 to 5.');
    expect(refused.text).toContain('Enter a name.');
    const added = await admin.post('/admin/ratings').type('form').send({ code: 'satire', ...labelFields({ nameEn: 'Satire', nameAr: 'سخرية', colour: '#7a3e9d', ratingValue: '' }) }).expect(200);
    expect(added.text).toContain('id="label-satire"');
    // Offered to reviewers at once, last.
    const reviewer = await signIn(context, 'reviewer');
    await ingestSeed(context);
    const dashboard = (await reviewer.get('/').expect(200)).text;
    expect(dashboard).toContain('<option value="satire">Satire</option>');
    const audit = await context.db.selectFrom('desk_event').select(['action', 'target_id', 'actor']).where('target_type', '=', 'rating_label').execute();
    expect(audit).toEqual([{ action: 'rating_label.add', target_id: 'satire', actor: admin.name }]);
    // The Activity log names the change in the reader's language, with the label's page for admins.
    const activity = (await admin.get('/activity?lang=ar').expect(200)).text;
    expect(activity).toContain('أُضيفت تسمية');
    expect(activity).toContain('href="/admin/ratings/satire"');
    expect((await reviewer.get('/activity').expect(200)).text).not.toContain('href="/admin/ratings/satire"');
  });

  it('renames and recolours a label: the dashboard, CSV, Markdown report and ClaimReview follow; the history keeps the old name', async () => {
    await ingestSeed(context);
    const [first] = await claimIds(context);
    const reviewer = await signIn(context, 'reviewer');
    await reviewer.post(`/claims/${first}/status`).type('form').send({ status: 'misleading', version: '1' }).expect(303);
    const editor = await signIn(context, 'editor');
    await editor.post(`/claims/${first}/publication`).type('form').send({ publish: '1' }).expect(303);

    const form = (await admin.get('/admin/ratings/misleading').expect(200)).text;
    expect(form).toContain('name="version" value="1"');
    await admin
      .post('/admin/ratings/misleading')
      .type('form')
      .send({ version: String(await versionOf(context, 'misleading')), ...labelFields({ nameEn: 'Missing context', nameAr: 'ينقصه السياق', colour: '#aa5500', ratingValue: '3', alternateNameEn: 'Missing context (misleading)', alternateNameAr: 'ينقصه السياق (مضلل)' }) })
      .expect(200);

    const dashboard = (await reviewer.get('/?lang=en').expect(200)).text;
    expect(dashboard).toContain('<option value="misleading" selected>Missing context</option>');
    expect(dashboard).not.toContain('>Misleading<');
    const css = (await request(context.app).get('/ratings.css').expect(200)).text;
    expect(css).toContain('.swatch.status-misleading { background: #aa5500; }');

    const csv = parseCsv((await reviewer.get('/claims.csv').expect(200)).text.slice(1));
    const row = csv.find((line) => line[0] === first)!;
    expect(row).toContain('Missing context (rating 3 of 5)');
    expect(row).toContain('ينقصه السياق');

    const markdown = (await reviewer.get(`/claims/${first}/report.md?lang=en`).expect(200)).text;
    expect(markdown).toContain('Missing context');
    const review = JSON.parse((await reviewer.get(`/claims/${first}/claimreview.jsonld?lang=en`).expect(200)).text);
    expect(review.reviewRating).toMatchObject({ ratingValue: 3, alternateName: 'Missing context (misleading)' });
    const reviewAr = JSON.parse((await reviewer.get(`/claims/${first}/claimreview.jsonld?lang=ar`).expect(200)).text);
    expect(reviewAr.reviewRating.alternateName).toBe('ينقصه السياق (مضلل)');

    // The claim page's history tells the change with the label it was made with.
    const claimPage = (await reviewer.get(`/claims/${first}?lang=en`).expect(200)).text;
    const history = claimPage.slice(claimPage.indexOf('class="history'));
    expect(history).toContain('<span class="badge status-misleading">Misleading</span>');
    expect(claimPage).toContain('<option value="misleading" selected>Missing context</option>');
    const report = (await reviewer.get(`/claims/${first}/report?lang=en`).expect(200)).text;
    expect(report).toMatch(/<dd><span class="badge status-misleading" data-status="misleading">Missing context<\/span>/);
    expect(report).toContain('<span class="badge status-misleading">Misleading</span>');
    // Without a wording of its own, ClaimReview names the verdict as the label is named now.
    await admin
      .post('/admin/ratings/misleading')
      .type('form')
      .send({ version: String(await versionOf(context, 'misleading')), ...labelFields({ nameEn: 'Lacks context', nameAr: 'يفتقر إلى السياق', ratingValue: '2' }) })
      .expect(200);
    const renamed = JSON.parse((await reviewer.get(`/claims/${first}/claimreview.jsonld?lang=en`).expect(200)).text);
    expect(renamed.reviewRating).toMatchObject({ ratingValue: 2, alternateName: 'Lacks context' });
    const audit = await context.db.selectFrom('desk_event').select(['action']).where('target_id', '=', 'misleading').execute();
    expect(audit.map((event) => event.action)).toEqual(['rating_label.edit', 'rating_label.edit']);
  });

  it('refuses a stale edit with 409, showing the label as it is now and keeping what was typed', async () => {
    const version = await versionOf(context, 'false');
    await admin.post('/admin/ratings/false').type('form').send({ version: String(version), ...labelFields({ nameEn: 'Wrong', nameAr: 'خطأ', ratingValue: '1' }) }).expect(200);
    const stale = await admin.post('/admin/ratings/false').type('form').send({ version: String(version), ...labelFields({ nameEn: 'Untrue', nameAr: 'غير صحيح', ratingValue: '1' }) }).expect(409);
    expect(stale.text).toContain('Someone changed this label meanwhile');
    expect(stale.text).toContain('value="Untrue"');
    expect(stale.text).toContain(`name="version" value="${version + 1}"`);
    expect((await loadRatingScale(context.db)).name('false', 'en')).toBe('Wrong');
    // A stale move or retirement is refused too.
    await admin.post('/admin/ratings/false/move').type('form').send({ version: String(version), direction: 'up' }).expect(409);
  });

  it('reorders labels: the dashboard offers them in the new order', async () => {
    await admin.post('/admin/ratings/false/move').type('form').send({ version: String(await versionOf(context, 'false')), direction: 'up' }).expect(200);
    await admin.post('/admin/ratings/false/move').type('form').send({ version: String(await versionOf(context, 'false')), direction: 'up' }).expect(200);
    const reviewer = await signIn(context, 'reviewer');
    await ingestSeed(context);
    const dashboard = (await reviewer.get('/').expect(200)).text;
    const filter = dashboard.slice(dashboard.indexOf('name="status"'), dashboard.indexOf('</select>', dashboard.indexOf('name="status"')));
    const order = [...filter.matchAll(/<option value="([a-z_]+)"/g)].map((match) => match[1]);
    expect(order).toEqual(['unverified', 'in_review', 'accurate', 'false', 'mostly_accurate', 'misleading', 'unverifiable', 'not_a_claim']);
  });

  it('retires a label in use: no longer offered or accepted, still shown on its claims; deletes only an unused one', async () => {
    await ingestSeed(context);
    const [first, second] = await claimIds(context);
    const reviewer = await signIn(context, 'reviewer');
    await reviewer.post(`/claims/${first}/status`).type('form').send({ status: 'unverifiable', version: '1' }).expect(303);
    const inUse = await admin.post('/admin/ratings/unverifiable/delete').type('form').send({ version: String(await versionOf(context, 'unverifiable')) }).expect(422);
    expect(inUse.text).toContain('cannot be deleted: retire it instead');
    await admin.post('/admin/ratings/unverifiable/retire').type('form').send({ version: String(await versionOf(context, 'unverifiable')), retired: 'true' }).expect(200);
    await admin.post('/admin/ratings/in_review/retire').type('form').send({ version: String(await versionOf(context, 'in_review')), retired: 'true' }).expect(422);

    const refused = await reviewer.post(`/claims/${second}/status`).type('form').send({ status: 'unverifiable', version: '1' }).expect(422);
    expect(refused.text).toContain('The label unverifiable is retired');
    await reviewer.post(`/claims/${second}/status`).type('form').send({ status: 'pants_on_fire', version: '1' }).expect(422);
    const claimPage = (await reviewer.get(`/claims/${first}`).expect(200)).text;
    expect(claimPage).toContain('<option value="unverifiable" selected>Unverifiable</option>');
    const otherPage = (await reviewer.get(`/claims/${second}`).expect(200)).text;
    expect(otherPage).not.toContain('<option value="unverifiable"');
    // The dashboard still finds the claims that carry it; an unknown label is refused in words.
    expect((await reviewer.get('/?status=unverifiable').expect(200)).text).toContain(`id="claim-${first}"`);
    const unknown = await reviewer.get('/?status=pants_on_fire').expect(400);
    expect(unknown.text).toContain('Status');

    await admin.post('/admin/ratings').type('form').send({ code: 'satire', ...labelFields({ nameEn: 'Satire', nameAr: 'سخرية', ratingValue: '' }) }).expect(200);
    await admin.post('/admin/ratings/satire/delete').type('form').send({ version: '1' }).expect(200);
    expect((await loadRatingScale(context.db)).has('satire')).toBe(false);
  });

  it('gives API clients the scale, and their claims and filters follow it (responses as the OpenAPI document says)', async () => {
    await ingestSeed(context);
    const [first] = await claimIds(context);
    const { token } = await apiUser(context, 'reviewer');
    await admin.post('/admin/ratings').type('form').send({ code: 'satire', ...labelFields({ nameEn: 'Satire', nameAr: 'سخرية', ratingValue: '' }) }).expect(200);
    await admin.post('/admin/ratings/unverifiable/retire').type('form').send({ version: String(await versionOf(context, 'unverifiable')), retired: 'true' }).expect(200);
    const scale = (await callApi(context.app, 'get', '/api/v1/rating-scale', { token })).body;
    expect(scale.labels.map((label: { code: string }) => label.code)).toEqual(['unverified', 'in_review', 'accurate', 'mostly_accurate', 'misleading', 'false', 'unverifiable', 'not_a_claim', 'satire']);
    expect(scale.labels.find((label: { code: string }) => label.code === 'unverifiable').retired).toBe(true);
    expect(scale.labels.find((label: { code: string }) => label.code === 'false')).toMatchObject({ ratingValue: 1, rated: true, final: true, name: { en: 'False', ar: 'خاطئ' } });
    const patched = await callApi(context.app, 'patch', `/api/v1/claims/${first}`, { token, body: { version: 1, status: 'satire' } });
    expect(patched.status).toBe(200);
    expect((await callApi(context.app, 'get', '/api/v1/claims?status=satire', { token })).body.items.map((claim: { id: string }) => claim.id)).toEqual([first]);
    await admin.post('/admin/ratings/satire').type('form').send({ version: String(await versionOf(context, 'satire')), ...labelFields({ nameEn: 'Parody', nameAr: 'محاكاة ساخرة', ratingValue: '' }) }).expect(200);
    const detail = (await callApi(context.app, 'get', `/api/v1/claims/${first}`, { token })).body;
    expect(detail.history[0]).toMatchObject({ field: 'status', from: 'unverified', to: 'satire', labels: { from: { en: 'Unverified', ar: 'لم يُتحقق منه' }, to: { en: 'Satire', ar: 'سخرية' } } });
    expect((await callApi(context.app, 'patch', `/api/v1/claims/${first}`, { token, body: { version: 2, status: 'unverifiable' } })).status).toBe(422);
    expect((await callApi(context.app, 'get', '/api/v1/claims?status=made_up', { token })).status).toBe(422);
  });

  it('never fails on garbage', async () => {
    await admin.post('/admin/ratings/false').type('form').send({ version: 'x'.repeat(5000), nameEn: ['a', 'b'] }).expect((res) => expect(res.status).toBeLessThan(500));
    await admin.post('/admin/ratings/nope/move').type('form').send({ version: '1' }).expect(404);
    await admin.get('/admin/ratings/%E0%A4%A').expect((res) => expect(res.status).toBeLessThan(500));
    await admin.post('/admin/ratings').type('form').send({ code: 'x'.repeat(10_000) }).expect(422);
  });
});

describe.skipIf(!POSTGRES_URL)('the rating scale across two app instances on one PostgreSQL database', () => {
  let shared: SharedDatabase;
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    shared = await startInstancesOnPostgres(2);
    [a, b] = shared.instances as [Instance, Instance];
    await ingestArticle(a.db, { text: SEED_TEXT, language: 'ar', publisher: 'Sputnik', title: 'آفاق التعاون العسكري بين موسكو وباريس' }, { maxBytes: 1024 * 1024 });
    await createUser(a.db, { name: 'admin-two', role: 'admin', password: TEST_PASSWORD }, { cost: 10 });
  });

  afterAll(() => shared?.stop());

  it('shows a label renamed through one instance on the other at once', async () => {
    const browser = await signInOn(a, 'admin-two');
    // Instance B has served the dashboard (and so read the scale) before the rename.
    expect((await request(b.url).get('/?lang=en').set('Cookie', browser.cookie).expect(200)).text).toContain('>Misleading</option>');
    const version = (await a.db.selectFrom('rating_label').select('version').where('code', '=', 'misleading').executeTakeFirstOrThrow()).version;
    await request(a.url)
      .post('/admin/ratings/misleading')
      .set('Cookie', browser.cookie)
      .set('x-csrf-token', browser.csrfToken)
      .type('form')
      .send({ version: String(version), ...labelFields({ nameEn: 'Missing context', nameAr: 'ينقصه السياق' }) })
      .expect(200);
    const dashboard = (await request(b.url).get('/?lang=en').set('Cookie', browser.cookie).expect(200)).text;
    expect(dashboard).toContain('>Missing context</option>');
    expect(dashboard).not.toContain('>Misleading</option>');
  });
});

async function signInOn(instance: Instance, name: string): Promise<{ cookie: string; csrfToken: string }> {
  const form = await request(instance.url).get('/login').expect(200);
  const formCookie = ([] as string[]).concat(form.headers['set-cookie'] ?? []).find((c) => c.startsWith('isnad.sid='))!.split(';')[0]!;
  const signedIn = await request(instance.url).post('/login').set('Cookie', formCookie).type('form').send({ name, password: TEST_PASSWORD, _csrf: csrfTokenIn(form.text) }).expect(303);
  const cookie = ([] as string[]).concat(signedIn.headers['set-cookie'] ?? []).find((c) => c.startsWith('isnad.sid='))?.split(';')[0] ?? formCookie;
  const page = await request(instance.url).get('/account/password').set('Cookie', cookie).expect(200);
  return { cookie, csrfToken: csrfTokenIn(page.text) };
}
