import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findClaimById, listReviewEvents } from '../../src/features/claims/claims.repository.ts';
import { buildClaimReview } from '../../src/features/reports/claim-review.ts';
import { getClaimReport } from '../../src/features/reports/reports.service.ts';
import { claimReviewProblems } from '../support/claim-review.ts';
import { signIn, type SignedIn } from '../support/auth.ts';
import { apiUser, callApi } from '../support/api.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { SAME_CLAIM_ARTICLES, ingestSameClaimArticles, type SameClaimKey } from '../support/same-claim-articles.ts';

const HTMX = { 'HX-Request': 'true', 'HX-Request-Type': 'partial' };
let context: TestContext;
let editor: SignedIn;
let reviewer: SignedIn;
let ids: Record<SameClaimKey, string>;

beforeEach(async () => {
  context = await createTestContext();
  // Ingested in this order; the economist's article was published first all the same.
  ids = await ingestSameClaimArticles(context.db, context.ingest, SAME_CLAIM_ARTICLES, ['minister', 'republished', 'economist', 'paraphrase', 'weather']);
  editor = await signIn(context, 'editor', 'Amira');
  reviewer = await signIn(context, 'reviewer', 'Omar');
});
afterEach(() => context.close());

/** The "same claim elsewhere" section of a page or fragment. */
const section = (html: string) => html.match(/<section id="same-claim"[\s\S]*?<\/section>/)?.[0] ?? '';
/** Its appearances, each as its <li>, in the order shown. */
const appearances = (html: string) => [...section(html).matchAll(/<li class="appearance[^"]*" data-claim="([^"]+)">([\s\S]*?)<\/li>/g)].map(([, id, body]) => ({ id: id!, body: body! }));
const suggestions = (html: string) => [...section(html).matchAll(/<li class="suggestion" data-claim="([^"]+)">([\s\S]*?)<\/li>/g)].map(([, id, body]) => ({ id: id!, body: body! }));
const idsOnDashboard = (html: string) => [...html.matchAll(/<tr id="claim-([^"]+)" class="claim-row"/g)].map(([, id]) => id!);

async function setStatus(who: SignedIn, claimId: string, status: string): Promise<void> {
  const claim = await findClaimById(context.db, claimId);
  await who.post(`/claims/${claimId}/status`).type('form').send({ status, version: String(claim!.version) }).expect(303);
}

describe('the same claim elsewhere, on the claim page', () => {
  it('lists every appearance of the cluster earliest first, with its article, outlet, date, speaker and verdicts', async () => {
    const page = await reviewer.get(`/claims/${ids.minister}`).expect(200);
    const listed = appearances(page.text);
    // Published 18, 20 and 22 November: the economist's copy first although it was ingested last.
    expect(listed.map((a) => a.id)).toEqual([ids.economist, ids.minister, ids.republished]);
    const [economist, minister, republished] = listed;
    expect(economist!.body).toContain(`<a href="/claims/${ids.economist}"><bdi lang="en">${SAME_CLAIM_ARTICLES.economist.title}</bdi></a>`);
    expect(economist!.body).toContain(`<bdi>${SAME_CLAIM_ARTICLES.economist.publisher}</bdi>`);
    expect(economist!.body).toContain('<time datetime="2026-11-18T07:30:00.000Z"');
    expect(economist!.body).toContain('data-status="unverified"');
    expect(economist!.body).toContain('data-attribution="unchecked"');
    // The claim itself is marked, not linked.
    expect(minister!.body).toContain('class="tag appearance-this"');
    expect(minister!.body).not.toContain(`href="/claims/${ids.minister}"`);
    expect(republished!.body).toContain(`<bdi>${SAME_CLAIM_ARTICLES.republished.publisher}</bdi>`);
    expect(republished!.body).toContain('<time datetime="2026-11-22T10:00:00.000Z"');
    // Unrelated words sharing stop words are nowhere.
    expect(section(page.text)).not.toContain(ids.weather);
  });

  it('labels an appearance attributed to someone else as a finding, and only that one', async () => {
    const listed = appearances((await reviewer.get(`/claims/${ids.minister}`).expect(200)).text);
    const economist = listed.find((a) => a.id === ids.economist)!;
    const republished = listed.find((a) => a.id === ids.republished)!;
    expect(economist.body).toMatch(/<span class="tag finding">also attributed to <bdi>Karim Nasser<\/bdi><\/span>/);
    expect(republished.body).not.toContain('also attributed to');
    expect(republished.body).toContain('Sami Haddad');
    // Seen from the economist's claim, the minister's copies are the ones attributed to someone else.
    const fromEconomist = appearances((await reviewer.get(`/claims/${ids.economist}`).expect(200)).text);
    expect(fromEconomist.filter((a) => a.body.includes('also attributed to')).map((a) => a.id).sort()).toEqual([ids.minister, ids.republished].sort());
  });

  it('is the same partial as a fragment, and says when the claim is nowhere else', async () => {
    const fragment = await reviewer.get(`/claims/${ids.minister}/same-claim`).set(HTMX).expect(200);
    expect(fragment.text.trimStart().startsWith('<section id="same-claim"')).toBe(true);
    expect(appearances(fragment.text).map((a) => a.id)).toEqual(appearances((await reviewer.get(`/claims/${ids.minister}`)).text).map((a) => a.id));
    const alone = section((await reviewer.get(`/claims/${ids.weather}`).expect(200)).text);
    expect(alone).toContain('No other article carries this claim so far.');
    expect(alone).not.toContain('<li');
    await reviewer.get(`/claims/${ids.minister}/same-claim`).expect(303).expect('Location', `/claims/${ids.minister}#same-claim`);
  });

  it('is in Arabic for an Arabic reader', async () => {
    const page = await reviewer.get(`/claims/${ids.minister}?lang=ar`).expect(200);
    expect(section(page.text)).toContain('الادعاء نفسه في مواضع أخرى');
    expect(section(page.text)).toContain('منسوب أيضًا إلى <bdi>Karim Nasser</bdi>');
  });
});

describe('suggested matches', () => {
  it('are listed with their similarity, and a confirmation joins the claim to the cluster, audited on both claims', async () => {
    const before = suggestions((await reviewer.get(`/claims/${ids.minister}`).expect(200)).text);
    expect(before.map((s) => s.id)).toEqual([ids.paraphrase]);
    expect(before[0]!.body).toMatch(/\d+% similar/);
    expect(before[0]!.body).toContain(`action="/claims/${ids.minister}/same-claim/suggestions/${ids.paraphrase}"`);
    expect(before[0]!.body).toMatch(/name="_csrf" value="[0-9a-f]{64}"/);

    const answer = await reviewer.post(`/claims/${ids.minister}/same-claim/suggestions/${ids.paraphrase}`).set(HTMX).type('form').send({ decision: 'confirm' }).expect(200);
    expect(answer.text).toContain('Confirmed: the two claims are now listed together.');
    expect(appearances(answer.text).map((a) => a.id)).toContain(ids.paraphrase);
    expect(suggestions(answer.text)).toEqual([]);
    // The verification panel comes along: its history has the decision.
    expect(answer.text).toContain('<hx-partial hx-target="#verification" hx-swap="outerHTML">');

    for (const [claimId, otherId] of [
      [ids.minister, ids.paraphrase],
      [ids.paraphrase, ids.minister],
    ] as const) {
      const events = await listReviewEvents(context.db, claimId);
      expect(events[0]).toMatchObject({ field: 'cluster_confirmed', to_value: otherId, actor: 'Omar' });
    }
    const desk = await context.db.selectFrom('desk_event').selectAll().where('action', '=', 'cluster.confirm').execute();
    expect(desk).toHaveLength(1);
    expect(desk[0]).toMatchObject({ actor: 'Omar', target_type: 'claim', target_id: ids.minister });
    expect(JSON.parse(desk[0]!.after_json!)).toMatchObject({ state: 'confirmed' });

    const page = await reviewer.get(`/claims/${ids.paraphrase}`).expect(200);
    expect(page.text).toContain(`Omar</bdi> confirmed that <a href="/claims/${ids.minister}">the same claim in another article</a> is the same claim`);
    const activity = await editor.get('/activity').expect(200);
    expect(activity.text).toContain('Same claim confirmed');
    expect(activity.text).toContain(`confirmed that <a href="/claims/${ids.paraphrase}">`);
  });

  it('a rejection (here without JavaScript: back to the page) keeps the claims apart, is audited, and is not suggested again', async () => {
    await reviewer
      .post(`/claims/${ids.minister}/same-claim/suggestions/${ids.paraphrase}`)
      .type('form')
      .send({ decision: 'reject' })
      .expect(303)
      .expect('Location', `/claims/${ids.minister}#same-claim`);
    const page = await reviewer.get(`/claims/${ids.minister}`).expect(200);
    expect(suggestions(page.text)).toEqual([]);
    expect(appearances(page.text).map((a) => a.id)).not.toContain(ids.paraphrase);
    expect((await listReviewEvents(context.db, ids.minister))[0]).toMatchObject({ field: 'cluster_rejected', to_value: ids.paraphrase });
    expect(await context.db.selectFrom('desk_event').select('action').where('action', '=', 'cluster.reject').execute()).toHaveLength(1);
    expect(page.text).toContain('rejected <a href');
  });

  it('a pair decided twice is refused with 409 naming what happened, and nothing more is written', async () => {
    await reviewer.post(`/claims/${ids.minister}/same-claim/suggestions/${ids.paraphrase}`).set(HTMX).type('form').send({ decision: 'reject' }).expect(200);
    const events = (await listReviewEvents(context.db, ids.minister)).length;
    const again = await editor.post(`/claims/${ids.paraphrase}/same-claim/suggestions/${ids.minister}`).set(HTMX).type('form').send({ decision: 'confirm' }).expect(409);
    expect(again.text).toContain('Someone rejected this match meanwhile.');
    expect(again.text).toContain('<section id="same-claim"');
    expect(await listReviewEvents(context.db, ids.minister)).toHaveLength(events);
    // Without JavaScript: the whole page, with the refusal in the section.
    const plain = await editor.post(`/claims/${ids.paraphrase}/same-claim/suggestions/${ids.minister}`).type('form').send({ decision: 'reject' }).expect(409);
    expect(plain.text).toContain('<h1');
    expect(section(plain.text)).toContain('Someone rejected this match meanwhile.');
  });

  it('refuses a pair that was never suggested (409), a deleted claim (404), an unknown decision (422) and a viewer (403), never 500', async () => {
    const notSuggested = await reviewer.post(`/claims/${ids.minister}/same-claim/suggestions/${ids.weather}`).set(HTMX).type('form').send({ decision: 'confirm' }).expect(409);
    expect(notSuggested.text).toContain('This match is no longer suggested.');
    await reviewer.post(`/claims/${ids.minister}/same-claim/suggestions/${ids.paraphrase}`).set(HTMX).type('form').send({ decision: 'maybe' }).expect(422);
    await reviewer.post(`/claims/${ids.minister}/same-claim/suggestions/not-a-claim`).set(HTMX).type('form').send({ decision: 'confirm' }).expect(404);
    const viewer = await signIn(context, 'viewer', 'Vera');
    await viewer.post(`/claims/${ids.minister}/same-claim/suggestions/${ids.paraphrase}`).set(HTMX).type('form').send({ decision: 'confirm' }).expect(403);
    expect(suggestions((await viewer.get(`/claims/${ids.minister}`).expect(200)).text)[0]!.body).not.toContain('<form');

    await context.db.deleteFrom('claim').where('id', '=', ids.paraphrase).execute();
    await reviewer.post(`/claims/${ids.minister}/same-claim/suggestions/${ids.paraphrase}`).set(HTMX).type('form').send({ decision: 'confirm' }).expect(404);
    await reviewer.post(`/claims/${ids.paraphrase}/same-claim/suggestions/${ids.minister}`).type('form').send({ decision: 'confirm' }).expect(404);
    expect(await context.db.selectFrom('desk_event').select('id').execute()).toEqual([]);
  });
});

describe('a verdict reused from another appearance', () => {
  /** The reuse form of an appearance on a claim page, and its fields. */
  async function reuseForm(who: SignedIn, claimId: string, fromId: string) {
    const item = appearances((await who.get(`/claims/${claimId}`).expect(200)).text).find((a) => a.id === fromId)!;
    const form = item.body.match(/<form class="reuse-form"[\s\S]*?<\/form>/)?.[0];
    const fields = Object.fromEntries([...(form ?? '').matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map(([, name, value]) => [name!, value!]));
    return { form, fields };
  }

  it('is offered for a final verdict only, and applies it to this claim alone as a decision of its own', async () => {
    expect((await reuseForm(reviewer, ids.minister, ids.republished)).form).toBeUndefined();
    await setStatus(editor, ids.republished, 'misleading');
    const source = await findClaimById(context.db, ids.republished);
    const sourceEvents = (await listReviewEvents(context.db, ids.republished)).length;
    const { form, fields } = await reuseForm(reviewer, ids.minister, ids.republished);
    expect(form).toContain('Apply this verdict:');
    expect(fields).toMatchObject({ from: ids.republished, fromStatus: 'misleading', version: '1', seenStatus: 'unverified' });

    const answer = await reviewer.post(`/claims/${ids.minister}/same-claim/reuse`).set(HTMX).type('form').send(fields).expect(200);
    expect(answer.text).toContain('The verdict was applied to this claim, as a decision of its own.');
    const claim = await findClaimById(context.db, ids.minister);
    expect(claim).toMatchObject({ status: 'misleading', version: 2, status_changed_by: 'Omar' });
    const [reused, status] = await listReviewEvents(context.db, ids.minister);
    expect(status).toMatchObject({ field: 'status', from_value: 'unverified', to_value: 'misleading', actor: 'Omar' });
    expect(reused).toMatchObject({ field: 'verdict_reused', from_value: ids.republished, to_value: 'misleading', actor: 'Omar' });
    const desk = await context.db.selectFrom('desk_event').selectAll().where('action', '=', 'claim.reuse_verdict').execute();
    expect(desk.map((row) => [row.target_id, JSON.parse(row.after_json!).reusedFrom])).toEqual([[ids.minister, ids.republished]]);
    // The other appearance is untouched.
    expect(await findClaimById(context.db, ids.republished)).toEqual(source);
    expect(await listReviewEvents(context.db, ids.republished)).toHaveLength(sourceEvents);
    // The history says where it came from, with a link; the verification panel comes back with the new status.
    expect(answer.text).toContain(`applied the verdict <span class="badge status-misleading">`);
    expect(answer.text).toContain(`from <a href="/claims/${ids.republished}">`);
    expect(answer.text).toMatch(/<hx-partial hx-target="#verification"[\s\S]*data-status="misleading"/);
    // The same verdict is not offered again.
    expect((await reuseForm(reviewer, ids.minister, ids.republished)).form).toBeUndefined();
  });

  it('refuses a stale page with 409 and the claim as it is now, writing nothing', async () => {
    await setStatus(editor, ids.republished, 'false');
    const { fields } = await reuseForm(reviewer, ids.minister, ids.republished);
    await setStatus(editor, ids.minister, 'accurate');
    const events = (await listReviewEvents(context.db, ids.minister)).length;
    const refused = await reviewer.post(`/claims/${ids.minister}/same-claim/reuse`).set(HTMX).type('form').send(fields).expect(409);
    expect(refused.text).toContain('Amira set its verification status to');
    expect(refused.text).toMatch(/<hx-partial hx-target="#verification"[\s\S]*data-status="accurate"/);
    expect(refused.text).toContain('name="version" value="2"');
    expect((await findClaimById(context.db, ids.minister))!.status).toBe('accurate');
    expect(await listReviewEvents(context.db, ids.minister)).toHaveLength(events);
    expect(await context.db.selectFrom('desk_event').select('id').where('action', '=', 'claim.reuse_verdict').execute()).toEqual([]);
  });

  it('refuses when the other appearance changed its verdict meanwhile (409), or a verdict that is not final (422)', async () => {
    await setStatus(editor, ids.republished, 'false');
    const { fields } = await reuseForm(reviewer, ids.minister, ids.republished);
    await setStatus(editor, ids.republished, 'accurate');
    const refused = await reviewer.post(`/claims/${ids.minister}/same-claim/reuse`).set(HTMX).type('form').send(fields).expect(409);
    expect(refused.text).toContain('The other appearance’s verdict changed meanwhile');
    expect((await findClaimById(context.db, ids.minister))!).toMatchObject({ status: 'unverified', version: 1 });
    expect(await listReviewEvents(context.db, ids.minister)).toEqual([]);
    await reviewer.post(`/claims/${ids.minister}/same-claim/reuse`).set(HTMX).type('form').send({ ...fields, fromStatus: 'in_review' }).expect(422);
    // A claim outside the cluster is not a source.
    await setStatus(editor, ids.weather, 'false');
    const outside = await reviewer.post(`/claims/${ids.minister}/same-claim/reuse`).set(HTMX).type('form').send({ ...fields, from: ids.weather, fromStatus: 'false' }).expect(409);
    expect(outside.text).toContain('no longer in this claim’s cluster');
    const viewer = await signIn(context, 'viewer', 'Vera');
    await viewer.post(`/claims/${ids.minister}/same-claim/reuse`).set(HTMX).type('form').send(fields).expect(403);
    expect(await listReviewEvents(context.db, ids.minister)).toEqual([]);
  });
});

describe('the dashboard filter', () => {
  it('"already checked elsewhere" lists claims another appearance of which has a final verdict, and combines with other filters', async () => {
    await setStatus(editor, ids.republished, 'false');
    const checked = await reviewer.get('/?cluster=checked').expect(200);
    expect(idsOnDashboard(checked.text).sort()).toEqual([ids.minister, ids.economist].sort());
    expect(checked.text).toMatch(/<option value="checked" selected>/);
    expect(checked.text).toContain('href="/claims.csv?cluster=checked"');
    const haddad = (await findClaimById(context.db, ids.minister))!.speaker_id!;
    expect(idsOnDashboard((await reviewer.get(`/?cluster=checked&speaker=${haddad}`).expect(200)).text)).toEqual([ids.minister]);
    expect(idsOnDashboard((await reviewer.get('/?cluster=checked&status=false').expect(200)).text)).toEqual([]);
    // The summary counts the same claims.
    const summary = await reviewer.get('/claims/status-summary?cluster=checked').expect(200);
    expect(summary.text).toMatch(/class="summary-item active">\s*<span class="summary-count">2<\/span>/);
    expect(summary.text).toMatch(/summary-item status-unverified">\s*<span class="summary-count">2<\/span>/);
    const csv = await reviewer.get('/claims.csv?cluster=checked').expect(200);
    expect(csv.text).toContain(ids.minister);
    expect(csv.text).toContain(ids.economist);
    expect(csv.text).not.toContain(ids.republished);
  });

  it('"new" lists claims that no other article carries, and keeps the filter in its paging links', async () => {
    const fresh = await reviewer.get('/?cluster=new').expect(200);
    expect(idsOnDashboard(fresh.text).sort()).toEqual([ids.paraphrase, ids.weather].sort());
    const haddad = (await findClaimById(context.db, ids.minister))!.speaker_id!;
    expect(idsOnDashboard((await reviewer.get(`/?cluster=new&speaker=${haddad}`).expect(200)).text)).toEqual([ids.paraphrase]);
    await reviewer.get('/?cluster=sometimes').expect(400);
    // Paging keeps the filter: a page of five over more new claims.
    const paged = await createTestContext({ PAGE_SIZE: '5' });
    try {
      const unrelated = [
        'The port authority said that exports of wheat fell sharply in October.',
        'A hospital spokesman said that the new wing will open next spring.',
        'The transport minister said that train fares will stay frozen until March.',
        'The central bank governor said that inflation slowed for a third month.',
        'The football federation said that the final will be played in Casablanca.',
        'The mayor said that the river bridge needs urgent repairs after the floods.',
      ];
      for (const [i, text] of unrelated.entries()) await paged.ingest({ text, language: 'en', title: `Story ${i}` });
      const pager = await signIn(paged, 'viewer', 'Pia');
      const first = await pager.get('/?cluster=new').expect(200);
      const next = first.text.match(/<a rel="next" href="([^"]+)"/)?.[1]?.replaceAll('&amp;', '&');
      expect(next).toMatch(/[?&]cluster=new(&|$)/);
      expect(idsOnDashboard(first.text).length + idsOnDashboard((await pager.get(next!).expect(200)).text).length).toBe(
        (await paged.db.selectFrom('claim').select('id').execute()).length,
      );
    } finally {
      await paged.close();
    }
  });

  it('is a parameter of GET /api/v1/claims, documented', async () => {
    await setStatus(editor, ids.republished, 'false');
    const { token } = await apiUser(context, 'viewer');
    const checked = await callApi(context.app, 'get', '/api/v1/claims?cluster=checked', { token });
    expect(checked.status).toBe(200);
    expect(checked.body.items.map((claim: { id: string }) => claim.id).sort()).toEqual([ids.minister, ids.economist].sort());
    const fresh = await callApi(context.app, 'get', '/api/v1/claims?cluster=new&sort=checkworthiness', { token });
    expect(fresh.body.items.map((claim: { id: string }) => claim.id).sort()).toEqual([ids.paraphrase, ids.weather].sort());
    // A claim's history in the API carries the cluster decisions, as documented.
    await reviewer.post(`/claims/${ids.minister}/same-claim/suggestions/${ids.paraphrase}`).set(HTMX).type('form').send({ decision: 'confirm' }).expect(200);
    const detail = await callApi(context.app, 'get', `/api/v1/claims/${ids.minister}`, { token });
    expect(detail.status).toBe(200);
    expect(detail.body.history[0]).toMatchObject({ field: 'cluster_confirmed', to: ids.paraphrase, actor: 'Omar' });
    const refused = await callApi(context.app, 'get', '/api/v1/claims?cluster=old', { token });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((error: { field: string }) => error.field)).toEqual(['cluster']);
  });
});

describe('the ClaimReview of a claim in a cluster', () => {
  it('names the earliest article carrying it as its first appearance, and the others as appearances with their addresses', async () => {
    await setStatus(editor, ids.minister, 'false');
    const report = await getClaimReport(context.db, ids.minister, 'public');
    const review = buildClaimReview(report, report.claim, { language: 'en', url: 'https://facts.example/c/1', organizationName: 'Desk', organizationUrl: 'https://facts.example' });
    expect(review.itemReviewed.firstAppearance).toMatchObject({
      name: SAME_CLAIM_ARTICLES.economist.title,
      url: SAME_CLAIM_ARTICLES.economist.sourceUrl,
      datePublished: '2026-11-18',
      publisher: { name: SAME_CLAIM_ARTICLES.economist.publisher },
    });
    const urls = (review.itemReviewed.appearance ?? []).map((work) => work.url);
    expect(urls).toContain(SAME_CLAIM_ARTICLES.republished.sourceUrl);
    // This claim's own article sits between the earlier and the later one.
    expect(urls.indexOf(SAME_CLAIM_ARTICLES.minister.sourceUrl)).toBeLessThan(urls.indexOf(SAME_CLAIM_ARTICLES.republished.sourceUrl));
    expect(JSON.stringify(review)).not.toContain(SAME_CLAIM_ARTICLES.weather.title);
    expect(claimReviewProblems(review)).toEqual([]);
  });
});
