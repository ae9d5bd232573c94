import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findClaimById, listReviewEvents } from '../../src/features/claims/claims.repository.ts';
import { quoteDrift } from '../../src/text/quote-diff.ts';
import { signIn, type SignedIn } from '../support/auth.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { insertDriftCluster } from '../support/drift-fixture.ts';

const HTMX = { 'HX-Request': 'true', 'HX-Request-Type': 'partial' };
const AR_EARLIER = 'الأسعار قد تتضاعف مرة أخرى العام المقبل';
const AR_LATER = 'الأسعار قد ترتفع بشكل كبير العام المقبل';

let context: TestContext;
let reviewer: SignedIn;

beforeEach(async () => {
  context = await createTestContext();
  reviewer = await signIn(context, 'reviewer', 'Omar');
});
afterEach(() => context.close());

/** The ids of the drift rows of a page, in page order. */
const rowIds = (html: string) => [...html.matchAll(/<li class="panel drift-row" id="drift-([^"]+)"/g)].map((m) => m[1]);
const section = (html: string) => html.match(/<section class="panel quote-drift"[\s\S]*?<\/section>/)?.[0] ?? '';

describe('the claim page', () => {
  it("shows the inline diff from the speaker's earliest appearance, right to left for Arabic, with the drift as a figure and a word", async () => {
    const { claimIds } = await insertDriftCluster(context.db, 'ar', [
      { text: AR_EARLIER, outlet: 'سبوتنيك', day: '2026-05-01', title: 'مقال سبوتنيك' },
      { text: AR_LATER, outlet: 'روسيا اليوم', day: '2026-05-03' },
    ]);
    const page = await reviewer.get(`/claims/${claimIds[1]}`).expect(200);
    const html = section(page.text);
    expect(html).toContain('<h2 id="quote-drift-title">Quote drift</h2>');
    expect(html).toMatch(/<p class="quote-diff" lang="ar" dir="rtl">/);
    const deleted = [...html.matchAll(/<del>[\s\S]*?<\/span>([^<]*)<span/g)].map((m) => m[1]);
    const inserted = [...html.matchAll(/<ins>[\s\S]*?<\/span>([^<]*)<span/g)].map((m) => m[1]);
    expect(deleted).toEqual(['تتضاعف مرة أخرى']);
    expect(inserted).toEqual(['ترتفع بشكل كبير']);
    // Readable without colour: screen-reader words inside each mark, and a legend for the signs.
    expect(html).toMatch(/<del><span class="visually-hidden"[^>]*>deleted: <\/span>/);
    expect(html).toMatch(/<ins><span class="visually-hidden"[^>]*>added: <\/span>/);
    expect(html).toContain('Struck through and marked −');
    const percent = Math.floor(quoteDrift(AR_EARLIER, AR_LATER) * 100);
    expect(html).toContain(`${percent}% · high drift`);
    expect(html).toContain('مقال سبوتنيك');
    expect(html).toContain(`href="/claims/${claimIds[0]}"`);

    // The earliest appearance has nothing to drift from.
    expect(section((await reviewer.get(`/claims/${claimIds[0]}`).expect(200)).text)).toBe('');
  });

  it('is in Arabic for an Arabic reader, the quote keeping its own direction', async () => {
    const { claimIds } = await insertDriftCluster(context.db, 'en', [
      { text: 'Prices may double again next year', outlet: 'Reuters', day: '2026-05-01' },
      { text: 'Prices will double again next year', outlet: 'AFP', day: '2026-05-02' },
    ]);
    const html = section((await reviewer.get(`/claims/${claimIds[1]}?lang=ar`).expect(200)).text);
    expect(html).toContain('انزياح الاقتباس');
    expect(html).toMatch(/<p class="quote-diff" lang="en" dir="ltr">/);
    expect(html).toMatch(/<del><span class="visually-hidden" lang="ar" dir="rtl">محذوف: <\/span>may/);
  });

  it('is served alone to htmx, and sends a browser without it to the page', async () => {
    const { claimIds } = await insertDriftCluster(context.db, 'en', [
      { text: 'The bridge will reopen in May', outlet: 'Reuters', day: '2026-05-01' },
      { text: 'The bridge will not reopen in May', outlet: 'AFP', day: '2026-05-02' },
    ]);
    const fragment = await reviewer.get(`/claims/${claimIds[1]}/drift`).set(HTMX).expect(200);
    expect(fragment.text.trim()).toMatch(/^<section class="panel quote-drift"/);
    expect(fragment.text).not.toContain('<html');
    expect(fragment.text).toMatch(/<ins>[\s\S]*?not<span/);
    const redirect = await reviewer.get(`/claims/${claimIds[1]}/drift`).expect(303);
    expect(redirect.headers.location).toBe(`/claims/${claimIds[1]}#quote-drift`);
  });

  it('escapes the quotes and titles it shows', async () => {
    const { claimIds } = await insertDriftCluster(context.db, 'en', [
      { text: 'Rates <b>may</b> rise', outlet: 'Reuters <i>wire</i>', day: '2026-05-01', title: 'Title <script>alert(1)</script>' },
      { text: 'Rates <img src=x onerror=alert(1)> will rise', outlet: 'AFP', day: '2026-05-02' },
    ]);
    const page = await reviewer.get(`/claims/${claimIds[1]}`).expect(200);
    const html = section(page.text);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<i>wire');
    expect(html).toContain('Title &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Reuters &lt;i&gt;wire&lt;/i&gt;');
    // The quote's own angle brackets are text between its words.
    expect(html).toMatch(/&lt;\s*(<ins>.*?<\/span>)?img/);
  });
});

describe('the Quote drift page', () => {
  async function threeClusters(): Promise<{ highOld: string; low: string; highNew: string }> {
    const highOld = await insertDriftCluster(context.db, 'ar', [
      { text: AR_EARLIER, outlet: 'سبوتنيك', day: '2026-05-01' },
      { text: AR_LATER, outlet: 'روسيا اليوم', day: '2026-05-02' },
    ]);
    const low = await insertDriftCluster(context.db, 'en', [
      { text: 'The committee approved the budget for the new hospital in the north of the country', outlet: 'Reuters', day: '2026-05-01' },
      { text: 'The committee approved a budget for the new hospital in the north of the country', outlet: 'AFP', day: '2026-05-02' },
    ], 'Haddad');
    const highNew = await insertDriftCluster(context.db, 'fr', [
      { text: "L'économie ne reculera pas cette année", outlet: 'Le Monde', day: '2026-05-01' },
      { text: "L'économie reculera cette année", outlet: 'Libération', day: '2026-05-02' },
    ], 'Dupont');
    return { highOld: highOld.claimIds[1]!, low: low.claimIds[1]!, highNew: highNew.claimIds[1]! };
  }

  it('lists high drift newest first, and lower drift from the filter', async () => {
    const ids = await threeClusters();
    const page = await reviewer.get('/drift').expect(200);
    expect(page.text).toContain('<h1>Quote drift</h1>');
    expect(page.text).toMatch(/<a href="\/drift" aria-current="page">Quote drift<\/a>/);
    expect(rowIds(page.text)).toEqual([ids.highNew, ids.highOld]);
    const all = await reviewer.get('/drift?min=0').expect(200);
    expect(rowIds(all.text)).toEqual([ids.highNew, ids.low, ids.highOld]);
    expect(all.text).toContain('name="min" type="number" min="0" max="100" step="1" inputmode="numeric" value="0"');
    // htmx gets the list alone.
    const fragment = await reviewer.get('/drift?min=0').set(HTMX).expect(200);
    expect(fragment.text.trim()).toMatch(/^<div id="drift-results">/);
    expect(rowIds(fragment.text)).toEqual([ids.highNew, ids.low, ids.highOld]);
  });

  it('pages through the list', async () => {
    await context.close();
    context = await createTestContext({ PAGE_SIZE: '5' });
    reviewer = await signIn(context, 'reviewer', 'Omar');
    const made: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      const { claimIds } = await insertDriftCluster(context.db, 'en', [
        { text: `Prices may double in district ${i}`, outlet: 'Reuters', day: '2026-05-01' },
        { text: `Prices will not double in district ${i}`, outlet: 'AFP', day: '2026-05-02' },
      ], `Speaker ${i}`);
      made.push(claimIds[1]!);
    }
    const first = await reviewer.get('/drift').expect(200);
    expect(rowIds(first.text)).toEqual(made.slice().reverse().slice(0, 5));
    const next = first.text.match(/<a rel="next" href="([^"]+)"/)![1]!.replace(/&amp;/g, '&');
    const second = await reviewer.get(next).expect(200);
    expect(rowIds(second.text)).toEqual(made.slice().reverse().slice(5));
    expect(second.text).not.toContain('rel="next"');
    expect((await reviewer.get('/drift?after=damaged').expect(400)).text).not.toContain('drift-row');
  });

  it('refuses a filter that is not a percentage with 422, keeping what was typed', async () => {
    await threeClusters();
    for (const bad of ['abc', '101', '-5', '2.5']) {
      const response = await reviewer.get(`/drift?min=${encodeURIComponent(bad)}`).expect(422);
      expect(response.text).toContain('The least drift is a whole number from 0 to 100.');
      expect(response.text).toContain(`value="${bad}"`);
      expect(rowIds(response.text)).toEqual([]);
    }
    await reviewer.get('/drift?min=1&min=2').expect(422);
  });

  it('is for reviewers and up', async () => {
    const viewer = await signIn(context, 'viewer', 'Vera');
    await viewer.get('/drift').expect(403);
    expect((await viewer.get('/').expect(200)).text).not.toContain('href="/drift"');
    const editor = await signIn(context, 'editor', 'Amira');
    await editor.get('/drift').expect(200);
  });

  it('escapes the speaker, titles and quotes in its rows', async () => {
    await insertDriftCluster(context.db, 'en', [
      { text: 'Rates <b>may</b> rise', outlet: 'Reuters', day: '2026-05-01', title: '<script>alert(1)</script>' },
      { text: 'Rates <img src=x> will fall', outlet: 'AFP <u>x</u>', day: '2026-05-02' },
    ], 'Bad <em>speaker</em>');
    const page = await reviewer.get('/drift?min=0').expect(200);
    const rows = page.text.slice(page.text.indexOf('<ol class="drift-list">'));
    expect(rows).not.toMatch(/<(script|img|em|u|b)\b/);
    expect(rows).toContain('Bad &lt;em&gt;speaker&lt;/em&gt;');
    expect(rows).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(rows).toContain('AFP &lt;u&gt;x&lt;/u&gt;');
  });
});

describe("the drifted appearance's attribution verdict", () => {
  async function drifted(): Promise<string> {
    const { claimIds } = await insertDriftCluster(context.db, 'ar', [
      { text: AR_EARLIER, outlet: 'سبوتنيك', day: '2026-05-01' },
      { text: AR_LATER, outlet: 'روسيا اليوم', day: '2026-05-02' },
    ]);
    return claimIds[1]!;
  }

  it('is set from the row through the review service: saved, audited, the row swapped in place', async () => {
    const id = await drifted();
    const page = await reviewer.get('/drift').expect(200);
    const form = page.text.match(new RegExp(`<form [^>]*action="/drift/claims/${id}/attribution"[\\s\\S]*?</form>`))![0];
    const fields = Object.fromEntries([...form.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]));
    expect(fields).toMatchObject({ version: '1', seenStatus: 'unverified', seenAttribution: 'unchecked' });
    expect(form).toContain('hx-target="closest .drift-row"');

    const row = await reviewer.post(`/drift/claims/${id}/attribution`).set(HTMX).type('form').send({ ...fields, attributionStatus: 'distorted_or_mistranslated', note: 'the modal changed' }).expect(200);
    expect(row.text.trim()).toMatch(new RegExp(`^<li class="panel drift-row" id="drift-${id}">`));
    expect(row.text).toContain('data-attribution="distorted_or_mistranslated"');
    expect(row.text).toContain('Attribution saved.');
    expect(row.text).toContain('name="version" value="2"');
    const claim = await findClaimById(context.db, id);
    expect(claim).toMatchObject({ attribution_status: 'distorted_or_mistranslated', version: 2 });
    const [event] = await listReviewEvents(context.db, id);
    expect(event).toMatchObject({ field: 'attribution_status', from_value: 'unchecked', to_value: 'distorted_or_mistranslated', actor: 'Omar', note: 'the modal changed' });

    // Without htmx (the form's own CSRF field, no header): back to the list at the row.
    expect(fields._csrf).toBeTruthy();
    const plain = await reviewer.agent.post(`/drift/claims/${id}/attribution`).type('form').send({ _csrf: fields._csrf, version: '2', attributionStatus: 'fabricated', min: '40' }).expect(303);
    expect(plain.headers.location).toBe(`/drift?min=40#drift-${id}`);
    expect((await findClaimById(context.db, id))!.attribution_status).toBe('fabricated');
  });

  it('refuses a stale form with 409, showing the claim as it is now and keeping the choice and note', async () => {
    const id = await drifted();
    const editor = await signIn(context, 'editor', 'Amira');
    await editor.post(`/claims/${id}/attribution`).type('form').send({ attributionStatus: 'verbatim', version: '1' }).expect(303);
    const response = await reviewer
      .post(`/drift/claims/${id}/attribution`)
      .set(HTMX)
      .type('form')
      .send({ version: '1', seenStatus: 'unverified', seenAttribution: 'unchecked', attributionStatus: 'fabricated', note: 'my <b>note</b>' })
      .expect(409);
    expect(response.text).toContain('Amira');
    expect(response.text).toContain('data-attribution="verbatim"');
    expect(response.text).toMatch(/<option value="fabricated" selected>/);
    expect(response.text).toContain('value="my &lt;b&gt;note&lt;/b&gt;"');
    expect(response.text).toContain('name="version" value="2"');
    expect((await findClaimById(context.db, id))!.attribution_status).toBe('verbatim');
    expect((await listReviewEvents(context.db, id)).filter((e) => e.actor === 'Omar')).toEqual([]);

    // Without htmx the page comes back with the refused row.
    const page = await reviewer.post(`/drift/claims/${id}/attribution`).type('form').send({ version: '1', seenAttribution: 'unchecked', attributionStatus: 'fabricated' }).expect(409);
    expect(rowIds(page.text)[0]).toBe(id);
    expect(page.text).toContain('<h1>Quote drift</h1>');
  });

  it('refuses an unknown verdict with 422 and writes nothing', async () => {
    const id = await drifted();
    const response = await reviewer.post(`/drift/claims/${id}/attribution`).set(HTMX).type('form').send({ version: '1', attributionStatus: 'made_up' }).expect(422);
    expect(response.text).toContain('Unknown attribution verdict');
    expect(response.text).toContain('aria-invalid="true"');
    expect((await findClaimById(context.db, id))!.attribution_status).toBe('unchecked');
    expect(await listReviewEvents(context.db, id)).toEqual([]);
  });

  it('is for reviewers and up, and answers 404 for a claim that does not exist', async () => {
    const id = await drifted();
    const viewer = await signIn(context, 'viewer', 'Vera');
    await viewer.post(`/drift/claims/${id}/attribution`).set(HTMX).type('form').send({ version: '1', attributionStatus: 'fabricated' }).expect(403);
    await reviewer.post('/drift/claims/no-such-claim/attribution').set(HTMX).type('form').send({ version: '1', attributionStatus: 'fabricated' }).expect(404);
  });
});
