import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findClaimById, listHopsForClaims, listReviewEvents } from '../../src/features/claims/claims.repository.ts';
import { findUserByNormalizedName } from '../../src/features/users/users.repository.ts';
import { signIn, type SignedIn } from '../support/auth.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';

const HTMX = { 'HX-Request': 'true', 'HX-Request-Type': 'partial' };
let context: TestContext;
let editor: SignedIn;
let reviewer: SignedIn;
let omarId: string;
let claims: string[];

beforeEach(async () => {
  context = await createTestContext();
  editor = await signIn(context, 'editor', 'Amira');
  reviewer = await signIn(context, 'reviewer', 'Omar');
  omarId = (await findUserByNormalizedName(context.db, 'omar'))!.id;
  const article = await insertTestArticle(context.db);
  claims = [];
  for (let i = 0; i < 3; i += 1) {
    claims.push(await insertTestClaim(context.db, { article, start: i * 100, text: `claim number ${i}`, outlets: [{ name: 'CNN', role: 'interview' }, { name: 'Reuters', role: 'republished' }] }));
  }
});
afterEach(() => context.close());

describe('attribution verdict', () => {
  it('is set in place with its own control and history', async () => {
    const row = await reviewer.post(`/claims/${claims[0]}/attribution`).set(HTMX).type('form').send({ attributionStatus: 'faithful_paraphrase', version: '1' }).expect(200);
    expect(row.text).toContain('data-attribution="faithful_paraphrase"');
    expect(row.text).toContain('data-status="unverified"');
    const events = await listReviewEvents(context.db, claims[0]!);
    expect(events[0]).toMatchObject({ field: 'attribution_status', from_value: 'unchecked', to_value: 'faithful_paraphrase', actor: 'Omar', actor_id: omarId });
    const page = await editor.get(`/claims/${claims[0]}`).expect(200);
    expect(page.text).toMatch(/changed the attribution from <span class="badge attribution-unchecked">Unchecked<\/span>\s+to <span class="badge attribution-faithful_paraphrase">/);
  });

  it('refuses a stale version with 409, naming who changed it and keeping the reviewer’s choice', async () => {
    await editor.post(`/claims/${claims[0]}/status`).type('form').send({ status: 'false', version: '1' }).expect(303);
    const response = await reviewer.post(`/claims/${claims[0]}/attribution`).set(HTMX).type('form').send({ attributionStatus: 'fabricated', version: '1', view: 'row' }).expect(409);
    expect(response.text).toContain('Amira set its verification status to &quot;False&quot; while you were reviewing it.');
    expect(response.text).not.toContain('its attribution');
    expect(response.text).toMatch(/<option value="fabricated" selected>/);
    expect(response.text).toContain('name="version" value="2"');
    expect((await findClaimById(context.db, claims[0]!))!.attribution_status).toBe('unchecked');
  });

  it('refuses an unknown verdict with 422', async () => {
    const response = await reviewer.post(`/claims/${claims[0]}/attribution`).set(HTMX).type('form').send({ attributionStatus: 'made_up', version: '1' }).expect(422);
    expect(response.text).toContain('Unknown attribution verdict');
  });
});

describe('row controls', () => {
  /** The form in a rendered row that posts to the given path, as one string. */
  const formFor = (html: string, action: string) => html.match(new RegExp(`<form [^>]*action="${action}"[\\s\\S]*?</form>`))?.[0] ?? '';

  it('save on change through htmx and still carry a submit button for browsers without JavaScript', async () => {
    const page = await editor.get('/').expect(200);
    for (const [path, field] of [['status', 'status'], ['attribution', 'attributionStatus'], ['assignee', 'assignee']] as const) {
      const form = formFor(page.text, `/claims/${claims[0]}/${path}`);
      expect(form).toContain('method="post"');
      expect(form).toContain('hx-trigger="change, submit"');
      expect(form).toMatch(/class="[^"]*save-on-change/);
      expect(form).toContain(`<select name="${field}"`);
      expect(form).toMatch(/<button type="submit" class="[^"]*save-button[^"]*">/);
    }
    // The claim page keeps its buttons: a note goes with the change.
    const claimPage = await editor.get(`/claims/${claims[0]}`).expect(200);
    expect(formFor(claimPage.text, `/claims/${claims[0]}/status`)).not.toContain('hx-trigger');
  });

  it('take a plain form post from the row (no JavaScript) and redirect back to the row', async () => {
    const form = formFor((await reviewer.get('/').expect(200)).text, `/claims/${claims[2]}/status`);
    const fields = Object.fromEntries([...form.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]));
    expect(fields).toMatchObject({ version: '1', seenStatus: 'unverified', seenAttribution: 'unchecked', view: 'row' });
    const response = await reviewer.post(`/claims/${claims[2]}/status`).type('form').send({ ...fields, status: 'misleading' }).expect(303);
    expect(response.headers.location).toMatch(new RegExp(`#claim-${claims[2]}$`));
    expect((await findClaimById(context.db, claims[2]!))!.status).toBe('misleading');
  });

  it('show the button again after a refusal, when choosing the same value again fires no change', async () => {
    await editor.post(`/claims/${claims[0]}/status`).type('form').send({ status: 'false', version: '1' }).expect(303);
    const refused = await reviewer.post(`/claims/${claims[0]}/status`).set(HTMX).type('form').send({ status: 'accurate', version: '1', seenStatus: 'unverified', seenAttribution: 'unchecked', view: 'row' }).expect(409);
    expect(formFor(refused.text, `/claims/${claims[0]}/status`)).toMatch(/class="status-form save-on-change refused"/);
    const saved = await reviewer.post(`/claims/${claims[0]}/status`).set(HTMX).type('form').send({ status: 'accurate', version: '2', seenStatus: 'false', seenAttribution: 'unchecked', view: 'row' }).expect(200);
    expect(formFor(saved.text, `/claims/${claims[0]}/status`)).not.toContain('refused');
  });
});

describe('assignment and queue', () => {
  it('assigns one claim in place and lists it in the assignee’s queue until it is closed', async () => {
    const row = await editor.post(`/claims/${claims[1]}/assignee`).set(HTMX).type('form').send({ assignee: omarId }).expect(200);
    expect(row.text).toContain('Assigned to <bdi>Omar</bdi>');
    const queue = await reviewer.get('/queue').expect(200);
    expect(queue.text).toContain(`id="claim-${claims[1]}"`);
    expect(queue.text).not.toContain(`id="claim-${claims[0]}"`);
    await reviewer.post(`/claims/${claims[1]}/status`).type('form').send({ status: 'accurate', version: '1' }).expect(303);
    expect((await reviewer.get('/queue').expect(200)).text).not.toContain(`id="claim-${claims[1]}"`);
  });

  it('refuses an assignee who cannot review', async () => {
    const viewer = await signIn(context, 'viewer', 'Vera');
    void viewer;
    const veraId = (await findUserByNormalizedName(context.db, 'vera'))!.id;
    const response = await editor.post(`/claims/${claims[1]}/assignee`).set(HTMX).type('form').send({ assignee: veraId }).expect(422);
    expect(response.text).toContain('cannot be assigned');
    expect((await findClaimById(context.db, claims[1]!))!.assignee_id).toBeNull();
  });
});

describe('bulk changes', () => {
  /** A selected row as the dashboard sends it: the claim and the version its row showed. */
  const row = (index: number, version = 1) => `${claims[index]}:${version}`;

  it('set the status of the selected rows with one audit row per claim', async () => {
    const response = await editor.post('/claims/bulk').set(HTMX).type('form').send({ action: 'status', status: 'in_review', claim: [row(0), row(2)] }).expect(200);
    expect(response.headers['hx-trigger']).toBe('claims:resync');
    expect(response.text).toContain('2 of 2 selected claims changed.');
    for (const id of [claims[0]!, claims[2]!]) {
      expect((await findClaimById(context.db, id))!.status).toBe('in_review');
      expect(await listReviewEvents(context.db, id)).toHaveLength(1);
    }
    expect((await findClaimById(context.db, claims[1]!))!.status).toBe('unverified');
  });

  it('assign the selected rows, and change nothing when one id is unknown', async () => {
    await editor.post('/claims/bulk').type('form').send({ action: 'assign', assignee: omarId, claim: [row(0), row(1)] }).expect(303);
    expect((await findClaimById(context.db, claims[1]!))!.assignee_id).toBe(omarId);
    await editor.post('/claims/bulk').type('form').send({ action: 'assign', assignee: 'nobody', claim: [row(1)] }).expect(303);
    expect((await findClaimById(context.db, claims[1]!))!.assignee_id).toBeNull();
    await editor.post('/claims/bulk').type('form').send({ action: 'status', status: 'false', claim: [row(2), 'unknown-claim:1'] }).expect(404);
    expect((await findClaimById(context.db, claims[2]!))!.status).toBe('unverified');
  });

  it('offer no default: the bar starts with no action and no value, and each row carries its version', async () => {
    await reviewer.post(`/claims/${claims[1]}/status`).type('form').send({ status: 'false', version: '1' }).expect(303);
    const page = await editor.get('/').expect(200);
    const bar = page.text.slice(page.text.indexOf('<form id="bulk-form"'), page.text.indexOf('</form>', page.text.indexOf('<form id="bulk-form"')));
    expect(bar).toContain('name="action" value="status"');
    expect(bar).not.toMatch(/name="action" value="\w+" checked/);
    expect(bar).not.toMatch(/<option value="[^"]+" selected>/);
    expect(page.text).toContain(`name="claim" value="${claims[1]}:2"`);
    expect(page.text).toContain(`name="claim" value="${claims[0]}:1"`);
  });

  it('re-render with 422 and keep the choices when the action or its value is missing', async () => {
    const noAction = await editor.post('/claims/bulk').set(HTMX).type('form').send({ status: 'false', claim: [row(0)], back: '/?status=unverified' }).expect(422);
    expect(noAction.text.trim()).toMatch(/^<form id="bulk-form"/);
    expect(noAction.text).toContain('Choose what to do with the selected claims');
    expect(noAction.text).toMatch(/<option value="false" selected>/);
    expect(noAction.text).toContain('name="back" value="/?status=unverified"');
    const noStatus = await editor.post('/claims/bulk').set(HTMX).type('form').send({ action: 'status', claim: [row(0)] }).expect(422);
    expect(noStatus.text).toContain('Choose the status to set.');
    expect(noStatus.text).toMatch(/name="action" value="status" checked/);
    const noAssignee = await editor.post('/claims/bulk').type('form').send({ action: 'assign', claim: [row(0), row(2)] }).expect(422);
    expect(noAssignee.text).toContain('<html');
    expect(noAssignee.text).toContain('Choose a reviewer to assign, or Nobody to unassign.');
    expect(noAssignee.text).toContain(`value="${claims[0]}:1" form="bulk-form" checked`);
    expect(noAssignee.text).toContain(`value="${claims[2]}:1" form="bulk-form" checked`);
    await editor.post('/claims/bulk').type('form').send({ action: 'explode', claim: [row(0)] }).expect(422);
    await editor.post('/claims/bulk').type('form').send({ action: 'status', status: 'false', claim: ['<script>:x'] }).expect(422);
    expect(await listReviewEvents(context.db, claims[0]!)).toEqual([]);
  });

  it('ask before replacing a verdict, and replace it once confirmed', async () => {
    await reviewer.post(`/claims/${claims[0]}/status`).type('form').send({ status: 'false', version: '1' }).expect(303);
    const asked = await editor.post('/claims/bulk').set(HTMX).type('form').send({ action: 'status', status: 'unverified', claim: [row(0, 2), row(1)] }).expect(200);
    expect(asked.text.trim()).toMatch(/^<form id="bulk-form"/);
    expect(asked.text).toContain('would replace the verdict of this claim');
    expect(asked.text).toMatch(/claim number 0<\/q>\s*<span class="badge status-false">False<\/span> set by <bdi>Omar<\/bdi>/);
    expect(asked.text).not.toContain('claim number 1</q>');
    expect(asked.text).toContain('name="confirmed" value="1"');
    expect(asked.text).toContain(`name="replacing" value="${claims[0]}"`);
    expect((await findClaimById(context.db, claims[0]!))!.status).toBe('false');

    const page = await editor.post('/claims/bulk').type('form').send({ action: 'status', status: 'unverified', claim: [row(0, 2), row(1)] }).expect(200);
    expect(page.text).toContain('<html');
    expect(page.text).toContain('name="confirmed" value="1"');
    expect(page.text).toContain(`value="${claims[0]}:2" form="bulk-form" checked`);

    const otherStatus = { action: 'status', status: 'accurate', claim: [row(0, 2), row(1)], confirmed: '1', replacing: claims[0], replacingWith: 'unverified' };
    expect((await editor.post('/claims/bulk').set(HTMX).type('form').send(otherStatus).expect(200)).text).toContain('would replace');

    const confirmed = { action: 'status', status: 'unverified', claim: [row(0, 2), row(1)], confirmed: '1', replacing: claims[0], replacingWith: 'unverified', back: '/?status=false' };
    const done = await editor.post('/claims/bulk').type('form').send(confirmed).expect(303);
    expect(done.headers.location).toBe('/?status=false');
    expect(await findClaimById(context.db, claims[0]!)).toMatchObject({ status: 'unverified', status_changed_by: 'Amira', version: 3 });
    expect((await listReviewEvents(context.db, claims[0]!)).filter((event) => event.actor === 'Amira')).toHaveLength(1);
    expect(await listReviewEvents(context.db, claims[1]!)).toEqual([]);
  });

  it('keep a row selected through a live refresh, with the version it was selected at', async () => {
    await reviewer.post(`/claims/${claims[0]}/status`).type('form').send({ status: 'false', version: '1' }).expect(303);
    const page = await editor.get('/').expect(200);
    expect(page.text).toMatch(new RegExp(`<tr id="claim-${claims[0]}"[^>]*hx-include="find .select-cell input"`));
    const selected = await editor.get(`/claims/${claims[0]}/row`).query({ claim: row(0) }).set(HTMX).expect(200);
    expect(selected.text).toContain('data-status="false"');
    expect(selected.text).toContain(`value="${claims[0]}:1" form="bulk-form" aria-label="Select this claim" checked`);
    const unselected = await editor.get(`/claims/${claims[0]}/row`).set(HTMX).expect(200);
    expect(unselected.text).toContain(`value="${claims[0]}:2" form="bulk-form" aria-label="Select this claim">`);
  });

  it('refuse with 409 when selected claims changed meanwhile, naming them, and keep the selection and choice for a re-apply', async () => {
    await reviewer.post(`/claims/${claims[1]}/attribution`).type('form').send({ attributionStatus: 'fabricated', version: '1' }).expect(303);
    const form = { action: 'status', status: 'in_review', claim: [row(0), row(1), row(2)] };
    const refused = await editor.post('/claims/bulk').set(HTMX).type('form').send(form).expect(409);
    expect(refused.text.trim()).toMatch(/^<form id="bulk-form"/);
    expect(refused.text).toContain('One of the selected claims was changed by someone else meanwhile. Nothing was saved.');
    expect(refused.text).toMatch(/claim number 1<\/q>\s*is now <span class="badge status-unverified">Unverified<\/span>,\s*attribution <span class="badge attribution-fabricated">Fabricated<\/span>, changed by <bdi>Omar<\/bdi>/);
    expect(refused.text).not.toContain('claim number 0</q>');
    expect(refused.text).toMatch(/name="action" value="status" checked/);
    expect(refused.text).toMatch(/<option value="in_review" selected>/);
    // The changed row is re-drawn as it is now, still selected, carrying its new version.
    expect(refused.text).toMatch(new RegExp(`<hx-partial hx-target="#claim-${claims[1]}" hx-swap="outerHTML">\\s*<tr id="claim-${claims[1]}"`));
    expect(refused.text).toContain(`value="${claims[1]}:2" form="bulk-form" aria-label="Select this claim" checked`);
    for (const id of claims) expect((await findClaimById(context.db, id))!.status).toBe('unverified');

    const page = await editor.post('/claims/bulk').type('form').send(form).expect(409);
    expect(page.text).toContain('<html');
    expect(page.text).toContain(`value="${claims[0]}:1" form="bulk-form" checked`);
    expect(page.text).toContain(`value="${claims[1]}:2" form="bulk-form" checked`);

    await editor.post('/claims/bulk').set(HTMX).type('form').send({ ...form, claim: [row(0), row(1, 2), row(2)] }).expect(200);
    for (const id of claims) expect((await findClaimById(context.db, id))!.status).toBe('in_review');
  });
});

describe('attribution hops', () => {
  it('are confirmed with an evidence link, and refuse a link that is not http(s)', async () => {
    const [hop] = await listHopsForClaims(context.db, [claims[0]!]);
    const chain = await reviewer.post(`/claims/${claims[0]}/hops/${hop!.id}`).set(HTMX).type('form').send({ status: 'confirmed', evidenceUrl: 'https://cnn.example/interview' }).expect(200);
    expect(chain.text.trim()).toMatch(/^<ol id="chain"/);
    expect(chain.text).toContain('data-hop-status="confirmed"');
    expect(chain.text).toContain('href="https://cnn.example/interview"');
    const bad = await reviewer.post(`/claims/${claims[0]}/hops/${hop!.id}`).set(HTMX).type('form').send({ status: 'confirmed', evidenceUrl: 'javascript:alert(1)' }).expect(422);
    expect(bad.text).toContain('value="javascript:alert(1)"');
    expect(bad.text).not.toContain('href="javascript:');
    const events = await listReviewEvents(context.db, claims[0]!);
    expect(events.map((event) => event.field)).toEqual(['hop']);
    await reviewer.post(`/claims/${claims[1]}/hops/${hop!.id}`).type('form').send({ status: 'confirmed' }).expect(404);
  });
});

describe('activity', () => {
  it('lists every change, filtered by user and by date', async () => {
    await editor.post(`/claims/${claims[0]}/status`).type('form').send({ status: 'false', version: '1' }).expect(303);
    await reviewer.post(`/claims/${claims[1]}/notes`).type('form').send({ body: 'source found' }).expect(303);
    const all = await editor.get('/activity').expect(200);
    expect(all.text).toContain('claim number 0');
    expect(all.text).toContain('claim number 1');
    expect(all.text).toContain('added a note');
    const byOmar = await editor.get(`/activity?user=${omarId}`).expect(200);
    expect(byOmar.text).toContain('claim number 1');
    expect(byOmar.text).not.toContain('claim number 0');
    const past = await editor.get('/activity?from=2001-01-01&to=2001-01-02').expect(200);
    expect(past.text).toContain('No activity matches these filters.');
    await editor.get('/activity?from=yesterday').expect(422);
  });
});

describe('the hop form', () => {
  it('preselects each hop’s current status', async () => {
    const [first, second] = await listHopsForClaims(context.db, [claims[0]!]);
    await reviewer.post(`/claims/${claims[0]}/hops/${second!.id}`).type('form').send({ status: 'confirmed' }).expect(303);
    const page = await reviewer.get(`/claims/${claims[0]}`).expect(200);
    const selectedOf = (hopId: string) => page.text.match(new RegExp(`id="hop-status-${hopId}"[^]*?<option value="(\\w+)" selected>`))?.[1];
    expect(selectedOf(first!.id)).toBe('unconfirmed');
    expect(selectedOf(second!.id)).toBe('confirmed');
  });
});
