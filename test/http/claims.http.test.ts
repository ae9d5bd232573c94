import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findClaimById, listReviewEvents } from '../../src/features/claims/claims.repository.ts';
import { signIn, type SignedIn } from '../support/auth.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';

const HTMX = { 'HX-Request': 'true', 'HX-Request-Type': 'partial' };

let context: TestContext;
let claimId: string;
let arabicClaimId: string;
let amira: SignedIn;
let omar: SignedIn;

beforeEach(async () => {
  context = await createTestContext();
  amira = await signIn(context, 'editor', 'Amira');
  omar = await signIn(context, 'reviewer', 'Omar');
  const article = await insertTestArticle(context.db, { title: 'Wire story', language: 'en' });
  claimId = await insertTestClaim(context.db, {
    article,
    start: 0,
    speaker: 'Jane Doe',
    text: 'Unemployment fell to 4% in March',
    outlets: [{ name: 'CNN', role: 'interview' }, { name: 'Reuters', role: 'republished' }],
  });
  const arabic = await insertTestArticle(context.db, { title: 'مقال', language: 'ar' });
  arabicClaimId = await insertTestClaim(context.db, {
    article: arabic,
    start: 5,
    speaker: 'إيغور ديلانويه',
    text: 'اعتبر ديلانويه أن صحيفة "L\'Orient le Jour" <b>نشرت</b>',
    outlets: [{ name: "L'Orient le Jour", role: 'interview' }],
  });
});

afterEach(() => context.close());

describe('GET / (dashboard)', () => {
  it('renders the full page without htmx headers', async () => {
    const response = await amira.get('/').expect(200);
    expect(response.text).toMatch(/^<!doctype html>/);
    expect(response.text).toContain('<script src="/static/htmx/htmx.min.js"');
    expect(response.text).toContain('id="claims-panel"');
    expect(response.headers.vary).toMatch(/HX-Request/);
    expect(response.headers.vary).toMatch(/HX-Request-Type/);
  });

  it('renders only the fragment for an htmx partial request', async () => {
    const response = await amira.get('/?status=unverified').set(HTMX).expect(200);
    expect(response.text).not.toContain('<html');
    expect(response.text.trim()).toMatch(/^<div id="claims-panel"/);
  });

  it('renders the page for an htmx full or history-restore request', async () => {
    const full = await amira.get('/').set({ 'HX-Request': 'true', 'HX-Request-Type': 'full' });
    expect(full.text).toContain('<html');
    const restore = await amira.get('/').set({ ...HTMX, 'HX-History-Restore-Request': 'true' });
    expect(restore.text).toContain('<html');
  });

  it('shows each claim with its speaker, outlet chips and status form', async () => {
    const response = await amira.get('/').expect(200);
    const row = rowOf(response.text, claimId);
    expect(row).toContain('Unemployment fell to 4% in March');
    expect(row).toContain('Jane Doe');
    expect(row).toMatch(/class="chip role-interview"><a href="\/outlets\/[^"]+"><bdi>CNN<\/bdi><\/a> <small>interview<\/small>/);
    expect(row).toMatch(/class="chip role-republished"><a [^>]+><bdi>Reuters<\/bdi>/);
    expect(row).toContain(`hx-post="/claims/${claimId}/status"`);
    expect(row).toContain('name="version" value="1"');
  });

  it('renders Arabic claims right to left, isolates Latin names and escapes markup', async () => {
    const response = await amira.get('/').expect(200);
    const row = rowOf(response.text, arabicClaimId);
    expect(row).toContain('<p class="claim-text" lang="ar" dir="rtl">');
    expect(row).toContain('<bdi dir="ltr" lang="und-Latn">L&#39;Orient le Jour</bdi>');
    expect(row).toMatch(/&lt;(<bdi[^>]*>)?b(<\/bdi>)?&gt;/);
    expect(row).not.toContain('<b>');
  });

  it('counts claims per status in the summary', async () => {
    await amira.post(`/claims/${claimId}/status`).type('form').send({ status: 'false', version: '1' }).expect(303);
    const response = await amira.get('/').expect(200);
    expect(response.text).toMatch(/summary-item status-false[^"]*">\s*<span class="summary-count">1<\/span>/);
    expect(response.text).toMatch(/summary-item status-unverified[^"]*">\s*<span class="summary-count">1<\/span>/);
  });

  it('filters by status, speaker and outlet with plain links', async () => {
    await amira.post(`/claims/${claimId}/status`).type('form').send({ status: 'false', version: '1' }).expect(303);
    const byStatus = await amira.get('/?status=false').expect(200);
    expect(byStatus.text).toContain(`id="claim-${claimId}"`);
    expect(byStatus.text).not.toContain(`id="claim-${arabicClaimId}"`);

    const claim = await findClaimById(context.db, arabicClaimId);
    const bySpeaker = await amira.get(`/?speaker=${claim!.speaker_id}`).expect(200);
    expect(bySpeaker.text).toContain(`id="claim-${arabicClaimId}"`);
    expect(bySpeaker.text).not.toContain(`id="claim-${claimId}"`);

    const cnn = rowOf(byStatus.text, claimId).match(/href="\/outlets\/([^"]+)"><bdi>CNN/)![1]!;
    const byOutlet = await amira.get(`/?outlet=${cnn}`).expect(200);
    expect(byOutlet.text).toContain(`id="claim-${claimId}"`);
    expect(byOutlet.text).not.toContain(`id="claim-${arabicClaimId}"`);
  });

  it('refuses malformed filters and page cursors with a 400, not a 500', async () => {
    await amira.get('/?status=bogus').expect(400);
    // A speaker filter is an id or a name typed by hand: a name nobody has lists nothing and says so.
    const unknownName = await amira.get('/?speaker=1%20or%201=1').expect(200);
    expect(unknownName.text).toContain('No speaker named «<bdi>1 or 1=1</bdi>»');
    await amira.get(`/?speaker=${'x'.repeat(201)}`).expect(400);
    await amira.get('/?after=garbage').expect(400);
    await amira.get('/?status=false&status=accurate').expect(400);
  });

  it('pages with a next link', async () => {
    const small = await createTestContext({ PAGE_SIZE: '5' });
    const smallEditor = await signIn(small, 'viewer');
    try {
      const article = await insertTestArticle(small.db);
      for (let i = 0; i < 12; i += 1) await insertTestClaim(small.db, { article, start: i * 10 });
      const first = await smallEditor.get('/').expect(200);
      expect(first.text.match(/class="claim-row"/g)).toHaveLength(5);
      const next = first.text.match(/rel="next" href="([^"]+)"/)![1]!.replace(/&amp;/g, '&');
      const second = await smallEditor.get(next).expect(200);
      expect(second.text.match(/class="claim-row"/g)).toHaveLength(5);
      expect(second.text).toContain('First page');
    } finally {
      await small.close();
    }
  });
});

describe('POST /claims/:id/status', () => {
  it('returns the re-rendered row to htmx and records the change', async () => {
    const response = await amira
      .post(`/claims/${claimId}/status`)
      .set(HTMX)
      .type('form')
      .send({ status: 'misleading', version: '1', view: 'row' })
      .expect(200);
    expect(response.text.trim()).toMatch(new RegExp(`^<tr id="claim-${claimId}"`));
    expect(response.text).toContain('data-status="misleading"');
    expect(response.text).toContain('name="version" value="2"');
    expect(response.headers['hx-trigger']).toBe('claimStatusChanged');
    const events = await listReviewEvents(context.db, claimId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: 'Amira', field: 'status', from_value: 'unverified', to_value: 'misleading' });
  });

  it('redirects back with 303 without htmx', async () => {
    const response = await amira
      .post(`/claims/${claimId}/status`)
      .set('Referer', 'http://127.0.0.1/?status=unverified')
      .set('Host', '127.0.0.1')
      .type('form')
      .send({ status: 'accurate', version: '1' })
      .expect(303);
    expect(response.headers.location).toBe(`/?status=unverified#claim-${claimId}`);
    expect((await findClaimById(context.db, claimId))!.status).toBe('accurate');
  });

  it('refuses an unknown status with 422 and a message, changing nothing', async () => {
    const response = await amira.post(`/claims/${claimId}/status`).set(HTMX).type('form').send({ status: 'pants_on_fire', version: '1' }).expect(422);
    expect(response.text).toContain('Unknown status &quot;pants_on_fire&quot;');
    expect(response.text).toContain(`id="claim-${claimId}"`);
    expect((await findClaimById(context.db, claimId))!.status).toBe('unverified');
    expect(await listReviewEvents(context.db, claimId)).toHaveLength(0);
  });

  it('re-renders the claim page with 422 for a form posted without htmx', async () => {
    const response = await amira.post(`/claims/${claimId}/status`).type('form').send({ status: '', version: '1' }).expect(422);
    expect(response.text).toContain('<html');
    expect(response.text).toContain('Choose a status.');
  });

  it('refuses a stale version with 409, showing the current status and who set it', async () => {
    await omar.post(`/claims/${claimId}/status`).type('form').send({ status: 'false', version: '1' }).expect(303);
    const response = await amira
      .post(`/claims/${claimId}/status`)
      .set(HTMX)
      .type('form')
      .send({ status: 'accurate', version: '1', view: 'row' })
      .expect(409);
    expect(response.text).toContain('Omar set its verification status to &quot;False&quot; while you were reviewing it.');
    expect(response.text).toContain('data-status="false"');
    // The reviewer's own choice stays selected and the form now carries the current version.
    expect(response.text).toMatch(/<option value="accurate" selected>/);
    expect(response.text).toContain('name="version" value="2"');
    const claim = await findClaimById(context.db, claimId);
    expect(claim).toMatchObject({ status: 'false', version: 2, status_changed_by: 'Omar' });
    expect(await listReviewEvents(context.db, claimId)).toHaveLength(1);
  });

  it('rolls the status change back when its audit row cannot be written', async () => {
    await sql`create trigger audit_down before insert on review_event begin select raise(abort, 'audit log unavailable'); end`.execute(context.db);
    const response = await amira.post(`/claims/${claimId}/status`).set(HTMX).type('form').send({ status: 'false', version: '1' }).expect(500);
    expect(response.text).not.toContain('audit log unavailable');
    expect(response.text).not.toMatch(/at .*\.ts:\d+/);
    expect(await findClaimById(context.db, claimId)).toMatchObject({ status: 'unverified', version: 1 });
  });

  it('answers 404 for an unknown claim', async () => {
    await amira.post('/claims/nope/status').type('form').send({ status: 'false', version: '1' }).expect(404);
  });
});

describe('a stale verdict form', () => {
  const seenAtFirst = { version: '1', seenStatus: 'unverified', seenAttribution: 'unchecked', view: 'detail' };

  it('keeps the note the reviewer typed when the change is refused with 409 or 422', async () => {
    await omar.post(`/claims/${claimId}/status`).type('form').send({ status: 'false', version: '1' }).expect(303);
    const conflict = await amira.post(`/claims/${claimId}/status`).set(HTMX).type('form').send({ ...seenAtFirst, status: 'misleading', note: 'the <i>ministry</i> denied it' }).expect(409);
    expect(conflict.text).toMatch(/name="note"[^>]*>the &lt;i&gt;ministry&lt;\/i&gt; denied it<\/textarea>/);
    const invalid = await amira.post(`/claims/${claimId}/status`).set(HTMX).type('form').send({ ...seenAtFirst, version: '2', status: 'nonsense', note: 'second try' }).expect(422);
    expect(invalid.text).toMatch(/name="note"[^>]*>second try<\/textarea>/);
    const page = await amira.post(`/claims/${claimId}/attribution`).type('form').send({ ...seenAtFirst, attributionStatus: 'verbatim', note: 'checked the tape' }).expect(409);
    expect(page.text).toContain('<html');
    expect(page.text).toMatch(/id="attribution-detail-[^"]+-note" name="note"[^>]*>checked the tape<\/textarea>/);
    expect(page.text).toMatch(/id="status-detail-[^"]+-note" name="note"[^>]*><\/textarea>/);
  });

  it('names only the verdict that changed, and who changed it', async () => {
    await omar.post(`/claims/${claimId}/attribution`).type('form').send({ attributionStatus: 'verbatim', version: '1' }).expect(303);
    const status = await amira.post(`/claims/${claimId}/status`).set(HTMX).type('form').send({ ...seenAtFirst, status: 'false' }).expect(409);
    expect(status.text).toContain('Omar set its attribution to &quot;Verbatim&quot; while you were reviewing it. Your change was not saved.');
    expect(status.text).not.toContain('verification status to');

    await omar.post(`/claims/${claimId}/status`).type('form').send({ status: 'accurate', version: '2' }).expect(303);
    const attribution = await amira.post(`/claims/${claimId}/attribution`).set(HTMX).type('form').send({ ...seenAtFirst, version: '2', seenAttribution: 'verbatim', attributionStatus: 'fabricated' }).expect(409);
    expect(attribution.text).toContain('Omar set its verification status to &quot;Accurate&quot; while you were reviewing it.');
    expect(attribution.text).not.toContain('attribution to');
    expect(await findClaimById(context.db, claimId)).toMatchObject({ status: 'accurate', attribution_status: 'verbatim', version: 3 });
  });

  it('names both verdicts when both changed, or when the form did not say what it showed', async () => {
    await omar.post(`/claims/${claimId}/attribution`).type('form').send({ attributionStatus: 'verbatim', version: '1' }).expect(303);
    await amira.post(`/claims/${claimId}/status`).type('form').send({ status: 'false', version: '2' }).expect(303);
    const both = await omar.post(`/claims/${claimId}/status`).set(HTMX).type('form').send({ ...seenAtFirst, status: 'accurate' }).expect(409);
    expect(both.text).toContain('Amira set its verification status to &quot;False&quot; and Omar set its attribution to &quot;Verbatim&quot;');
    const blind = await omar.post(`/claims/${claimId}/status`).set(HTMX).type('form').send({ status: 'accurate', version: '1' }).expect(409);
    expect(blind.text).toContain('Amira set its verification status to &quot;False&quot; and Omar set its attribution to &quot;Verbatim&quot;');
  });

  it('goes through, saying so, when the version moved on but both verdicts are as the reviewer saw them', async () => {
    await omar.post(`/claims/${claimId}/status`).type('form').send({ status: 'false', version: '1' }).expect(303);
    await omar.post(`/claims/${claimId}/status`).type('form').send({ status: 'unverified', version: '2' }).expect(303);
    const response = await amira.post(`/claims/${claimId}/status`).set(HTMX).type('form').send({ ...seenAtFirst, status: 'misleading', note: 'rated' }).expect(200);
    expect(response.text).toContain('both of its verdicts were still as you saw them: your change was saved.');
    expect(response.text).toContain('name="version" value="4"');
    expect(await findClaimById(context.db, claimId)).toMatchObject({ status: 'misleading', version: 4, status_changed_by: 'Amira' });
    expect((await listReviewEvents(context.db, claimId)).filter((event) => event.actor === 'Amira')).toMatchObject([{ from_value: 'unverified', to_value: 'misleading', note: 'rated' }]);
  });

  it('carries the verdicts it shows', async () => {
    await omar.post(`/claims/${claimId}/attribution`).type('form').send({ attributionStatus: 'verbatim', version: '1' }).expect(303);
    const row = rowOf((await amira.get('/').expect(200)).text, claimId);
    expect(row.match(/name="seenStatus" value="unverified"/g)).toHaveLength(2);
    expect(row.match(/name="seenAttribution" value="verbatim"/g)).toHaveLength(2);
  });
});

describe('GET /claims/:id', () => {
  it('shows the claim highlighted in its article, its chain, the status form and the history', async () => {
    await omar.post(`/claims/${claimId}/status`).type('form').send({ status: 'in_review', version: '1', note: 'calling the ministry' }).expect(303);
    const response = await amira.get(`/claims/${claimId}`).expect(200);
    expect(response.text).toContain('<mark id="claim-span" class="claim-span current">xxxxxxxxxx</mark>');
    expect(response.text).toMatch(/<bdi>CNN<\/bdi><\/a>\s+<span class="tag role-interview">interview<\/span>/);
    expect(response.text).toContain('name="view" value="detail"');
    expect(response.text).toMatch(/<bdi>Omar<\/bdi>\s+changed the status from <span class="badge status-unverified">Unverified<\/span>\s+to <span class="badge status-in_review">In review<\/span>/);
    expect(response.text).toContain('calling the ministry');
  });

  it('answers 404 with a page for an unknown claim', async () => {
    const response = await amira.get('/claims/00000000-0000-0000-0000-000000000000').expect(404);
    expect(response.text).toContain('Claim not found.');
  });
});

describe('errors', () => {
  it('answers unknown paths with a 404 page', async () => {
    const response = await amira.get('/no/such/page').expect(404);
    expect(response.text).toContain('There is nothing at this address.');
  });

  it('hides the stack trace of an unexpected error', async () => {
    await sql`drop table attribution_hop`.execute(context.db);
    const response = await amira.get('/').expect(500);
    expect(response.text).toContain('An unexpected error occurred');
    expect(response.text).not.toContain('attribution_hop');
    expect(response.text).not.toMatch(/\.ts:\d+/);
  });

  it('refuses cross-site writes', async () => {
    await amira.post(`/claims/${claimId}/status`).set('Sec-Fetch-Site', 'cross-site').type('form').send({ status: 'false', version: '1' }).expect(403);
    await amira.post(`/claims/${claimId}/status`).set('Origin', 'https://evil.example').type('form').send({ status: 'false', version: '1' }).expect(403);
    expect((await findClaimById(context.db, claimId))!.status).toBe('unverified');
  });
});

function rowOf(html: string, id: string): string {
  const start = html.indexOf(`<tr id="claim-${id}"`);
  expect(start).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</tr>', start));
}

describe('check-worthiness on the dashboard', () => {
  it('sorts by check-worthiness and filters by a minimum', async () => {
    const article = await insertTestArticle(context.db, { title: 'Scores' });
    const low = await insertTestClaim(context.db, { article, start: 0, checkworthiness: 0.2, text: 'low score claim' });
    const high = await insertTestClaim(context.db, { article, start: 50, checkworthiness: 0.95, text: 'high score claim' });

    const sorted = await amira.get('/?sort=checkworthiness').expect(200);
    expect(sorted.text.indexOf(`id="claim-${high}"`)).toBeLessThan(sorted.text.indexOf(`id="claim-${claimId}"`));
    expect(sorted.text.indexOf(`id="claim-${claimId}"`)).toBeLessThan(sorted.text.indexOf(`id="claim-${low}"`));
    expect(sorted.text).toMatch(/<option value="checkworthiness" selected>/);

    const filtered = await amira.get('/?check=75').expect(200);
    expect(filtered.text).toContain(`id="claim-${high}"`);
    expect(filtered.text).not.toContain(`id="claim-${low}"`);
    expect(filtered.text).not.toContain(`id="claim-${claimId}"`);
    expect(filtered.text).toContain('check-worthiness 95%');

    await amira.get('/?check=150').expect(400);
    await amira.get('/?sort=random').expect(400);
  });
});

describe('speaker and outlet pages', () => {
  it('list every claim of a speaker across articles, with their aliases', async () => {
    const other = await insertTestArticle(context.db, { title: 'Second article', language: 'ar' });
    const second = await insertTestClaim(context.db, { article: other, start: 0, speaker: 'ايغور ديلانويه', text: 'ثاني تصريح' });
    const claim = await findClaimById(context.db, arabicClaimId);
    expect((await findClaimById(context.db, second))!.speaker_id).toBe(claim!.speaker_id);
    const page = await amira.get(`/speakers/${claim!.speaker_id}`).expect(200);
    expect(page.text).toContain('<h1 dir="auto"><bdi>إيغور ديلانويه</bdi></h1>');
    expect(page.text).toContain(`id="claim-${arabicClaimId}"`);
    expect(page.text).toContain(`id="claim-${second}"`);
    expect(page.text).not.toContain(`id="claim-${claimId}"`);
    await amira.get('/speakers/unknown').expect(404);
  });

  it('list the claims attributed through an outlet, by role', async () => {
    const dashboard = await amira.get('/').expect(200);
    const reuters = dashboard.text.match(/href="\/outlets\/([^"]+)"><bdi>Reuters/)![1]!;
    const page = await amira.get(`/outlets/${reuters}`).expect(200);
    expect(page.text).toContain('<bdi>Reuters</bdi></h1>');
    expect(page.text).toMatch(/<span class="summary-count">1<\/span> <span>republished<\/span>/);
    expect(page.text).toContain(`id="claim-${claimId}"`);
    const asOriginal = await amira.get(`/outlets/${reuters}?role=original`).expect(200);
    expect(asOriginal.text).not.toContain(`id="claim-${claimId}"`);
    await amira.get(`/outlets/${reuters}?role=bogus`).expect(400);
    await amira.get('/outlets/unknown').expect(404);
  });
});

describe('the claim page status panel', () => {
  it('returns the verification panel with the new history entry to htmx', async () => {
    const response = await amira
      .post(`/claims/${claimId}/status`)
      .set(HTMX)
      .type('form')
      .send({ status: 'in_review', version: '1', view: 'detail', note: 'asked the <b>ministry</b>' })
      .expect(200);
    expect(response.text.trim()).toMatch(/^<section id="verification"/);
    expect(response.text).toMatch(/<bdi>Amira<\/bdi>\s+changed the status/);
    expect(response.text).toContain('asked the &lt;b&gt;ministry&lt;/b&gt;');
  });

  it('keeps the detail view when the form itself is invalid', async () => {
    const response = await amira.post(`/claims/${claimId}/status`).set(HTMX).type('form').send({ status: 'false', version: 'x', view: 'detail' }).expect(422);
    expect(response.text.trim()).toMatch(/^<section id="verification"/);
    expect(response.text).toContain('The form is out of date: reload the page.');
  });
});

describe('GET /articles', () => {
  it('lists articles newest first with their claim counts and open claims', async () => {
    await amira.post(`/claims/${claimId}/status`).type('form').send({ status: 'false', version: '1' }).expect(303);
    const response = await amira.get('/articles').expect(200);
    const arabic = response.text.indexOf('>مقال<');
    const english = response.text.indexOf('>Wire story<');
    expect(arabic).toBeGreaterThan(0);
    expect(arabic).toBeLessThan(english);
    expect(response.text.slice(english)).toMatch(/>1<\/a><\/td>\s*<td>0<\/td>/);
    await amira.get('/articles?before=garbage').expect(400);
  });

  it('pages through older articles', async () => {
    const small = await createTestContext({ PAGE_SIZE: '5' });
    const smallEditor = await signIn(small, 'viewer');
    try {
      for (let i = 0; i < 7; i += 1) await insertTestArticle(small.db, { title: `Story ${i}` });
      const first = await smallEditor.get('/articles').expect(200);
      expect(first.text).toContain('Story 6');
      expect(first.text).not.toContain('Story 1<');
      const next = first.text.match(/href="(\/articles\?before=[^"]+)"/)![1]!;
      const second = await smallEditor.get(next).expect(200);
      expect(second.text).toContain('Story 1<');
      expect(second.text).not.toContain('Story 6');
    } finally {
      await small.close();
    }
  });
});

describe('live updates', () => {
  it('announce a changed claim to open dashboards, and serve its row alone', async () => {
    const delivered: string[] = [];
    const unsubscribe = context.notifier.subscribe((ids) => delivered.push(...ids));
    try {
      await omar.post(`/claims/${claimId}/status`).type('form').send({ status: 'false', version: '1' }).expect(303);
      await amira.post(`/claims/${claimId}/status`).type('form').send({ status: 'accurate', version: '1' }).expect(409);
      await amira.post(`/claims/${arabicClaimId}/notes`).type('form').send({ body: 'checked' }).expect(303);
      await expect.poll(() => delivered.sort()).toEqual([claimId, arabicClaimId].sort());
    } finally {
      unsubscribe();
    }
    const row = await amira.get(`/claims/${claimId}/row`).set(HTMX).expect(200);
    expect(row.text.trim()).toMatch(new RegExp(`^<tr id="claim-${claimId}"`));
    expect(row.text).toContain(`hx-trigger="claim:${claimId} from:body"`);
    expect(row.text).toContain('data-status="false"');
  });
});
