import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listHopsForClaims } from '../../src/features/claims/claims.repository.ts';
import { defaultClaimSummary } from '../../src/features/reports/claim-summary.ts';
import { hashShareKey } from '../../src/features/shares/shares.service.ts';
import { findUserByNormalizedName } from '../../src/features/users/users.repository.ts';
import { anchorPosition, anchorQuote } from '../support/anchor.ts';
import { signIn, type SignedIn } from '../support/auth.ts';
import { claimReviewProblems } from '../support/claim-review.ts';
import { schemaOrgProblems } from '../support/schema-org.ts';
import { annotationValidator } from '../support/web-annotation-schema.ts';
import { createTestContext, ingestSeed, type TestContext } from '../support/context.ts';
import { parseCsv } from '../support/csv.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';

const HTMX = { 'HX-Request': 'true', 'HX-Request-Type': 'partial' };
const validateAnnotation = annotationValidator();
const PRIVATE_NOTE = 'PRIVATE: the source is our cousin at the ministry';
const EMAIL = 'omar.reviewer@desk.example';

let context: TestContext;
let amira: SignedIn;
let omar: SignedIn;
let userIds: string[];
let articleId: string;
let claimIds: string[];
let claimId: string;

/** An Arabic article with claims; the first one reviewed: a verdict, a checked hop, a public and a private note. */
async function setUp(env: Record<string, string> = {}): Promise<void> {
  context = await createTestContext(env);
  amira = await signIn(context, 'editor', 'Amira');
  omar = await signIn(context, 'reviewer', 'Omar');
  userIds = await Promise.all(['amira', 'omar'].map(async (name) => (await findUserByNormalizedName(context.db, name))!.id));
  const { article } = await ingestSeed(context);
  articleId = article.id;
  claimIds = (await context.db.selectFrom('claim').select('id').where('article_id', '=', articleId).orderBy('start_offset').execute()).map((row) => row.id);
  claimId = claimIds[0]!;
  await omar.post(`/claims/${claimId}/status`).type('form').send({ status: 'false', version: '1', note: 'Omar’s working note for the history' }).expect(303);
  await omar.post(`/claims/${claimId}/attribution`).type('form').send({ attributionStatus: 'verbatim', version: '2' }).expect(303);
  const [hop] = await listHopsForClaims(context.db, [claimId]);
  await omar.post(`/claims/${claimId}/hops/${hop!.id}`).type('form').send({ status: 'confirmed', evidenceUrl: 'https://archive.example/sputnik' }).expect(303);
  await omar.post(`/claims/${claimId}/notes`).type('form').send({ body: `The **general staff** statement was [archived](https://archive.example/statement). Contact: ${EMAIL}` }).expect(303);
  await omar.post(`/claims/${claimId}/notes`).type('form').send({ body: PRIVATE_NOTE, private: '1' }).expect(303);
}

async function share(target: { type: 'claim' | 'article'; id: string }, language: 'ar' | 'en', expiresOn = ''): Promise<{ url: string; key: string; path: string }> {
  const response = await amira.post('/shares').set(HTMX).type('form').send({ targetType: target.type, targetId: target.id, language, expiresOn }).expect(201);
  const url = response.text.match(/id="created-share-url"[^>]*value="([^"]+)"/)?.[1];
  if (!url) throw new Error('no share link in the answer');
  const path = new URL(url).pathname;
  return { url, key: path.slice('/r/'.length), path };
}

/** A visitor with no account and no cookie. */
function anonymous() {
  return request(context.app);
}

/** Collects a binary response body as one Buffer. */
function binary(res: { on(event: string, listener: (chunk: Buffer) => void): unknown }, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

function decodeEntities(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function jsonLdIn(html: string): unknown {
  const match = html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/);
  return match ? JSON.parse(match[1]!) : undefined;
}

afterEach(() => context.close());

describe('share links', () => {
  beforeEach(() => setUp());

  it('carry a random 256-bit key, shown once and stored only as its SHA-256', async () => {
    const first = await share({ type: 'claim', id: claimId }, 'ar');
    const second = await share({ type: 'claim', id: claimId }, 'ar');
    expect(first.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(first.key, 'base64url')).toHaveLength(32);
    expect(second.key).not.toBe(first.key);
    const rows = await context.db.selectFrom('report_share').selectAll().execute();
    expect(rows.map((row) => row.key_hash).sort()).toEqual([hashShareKey(first.key), hashShareKey(second.key)].sort());
    expect(JSON.stringify(rows)).not.toContain(first.key);
    // The report page lists the links but can no longer show their keys.
    const page = await amira.get(`/claims/${claimId}/report`).expect(200);
    expect(page.text.match(/data-share-state="active"/g)).toHaveLength(2);
    expect(page.text).not.toContain(first.key);
  });

  it('answer 404 for a near miss, a malformed key or a key that was never issued, without a hint', async () => {
    const { key } = await share({ type: 'claim', id: claimId }, 'ar');
    const last = key.at(-1)!;
    const nearMiss = key.slice(0, -1) + (last === 'A' ? 'B' : 'A');
    const answers = await Promise.all([`/r/${nearMiss}`, `/r/${key.slice(0, -1)}`, `/r/${key}x`, '/r/not-a-key', `/r/${nearMiss}.jsonld`].map((path) => anonymous().get(path)));
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.text).not.toContain('هيئة الأركان');
    }
    expect(answers[0]!.text).toContain('Shared report not found.');
    expect(answers[4]!.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(JSON.parse(answers[4]!.text)).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'Shared report not found.' });
    await anonymous().get(`/r/${key}`).expect(200);
  });

  it('answer 410 once revoked, on the page and the JSON-LD, and say no more than that', async () => {
    const { key, path } = await share({ type: 'claim', id: claimId }, 'ar');
    await anonymous().get(path).expect(200);
    const [row] = await context.db.selectFrom('report_share').select('id').execute();
    const panel = await amira.post(`/shares/${row!.id}/revoke`).set(HTMX).type('form').expect(200);
    expect(panel.text.trim()).toMatch(/^<section id="shares"/);
    expect(panel.text).toContain('data-share-state="revoked"');
    const gone = await anonymous().get(path).expect(410);
    expect(gone.text).toContain('This shared report is no longer available.');
    expect(gone.text).not.toContain('هيئة الأركان');
    expect(JSON.parse((await anonymous().get(`/r/${key}.jsonld`).expect(410)).text).status).toBe(410);
    // Revoking again keeps the first revocation; an unknown link cannot be revoked.
    const first = await context.db.selectFrom('report_share').select('revoked_at').executeTakeFirstOrThrow();
    await amira.post(`/shares/${row!.id}/revoke`).type('form').expect(303);
    expect(await context.db.selectFrom('report_share').select('revoked_at').executeTakeFirstOrThrow()).toEqual(first);
    await amira.post('/shares/no-such-share/revoke').type('form').expect(404);
  });

  it('answer 410 after their last day, and refuse a last day that has passed or is not a date', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const { path } = await share({ type: 'claim', id: claimId }, 'en', today);
    const row = await context.db.selectFrom('report_share').selectAll().executeTakeFirstOrThrow();
    expect(row.expires_at! > new Date().toISOString()).toBe(true);
    await anonymous().get(path).expect(200);
    await context.db.updateTable('report_share').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute();
    const gone = await anonymous().get(path).expect(410);
    expect(gone.text).toContain('This shared report is no longer available.');
    const page = await amira.get(`/claims/${claimId}/report`).expect(200);
    expect(page.text).toContain('data-share-state="expired"');

    const past = await amira.post('/shares').set(HTMX).type('form').send({ targetType: 'claim', targetId: claimId, language: 'en', expiresOn: '2001-01-01' }).expect(422);
    expect(past.text).toContain('The last day has already passed');
    const bad = await amira.post('/shares').type('form').send({ targetType: 'claim', targetId: claimId, language: 'en', expiresOn: 'next week' }).expect(422);
    expect(bad.text).toContain('<html');
    expect(bad.text).toContain('Enter the last day as YYYY-MM-DD');
  });

  it('refuse an unknown target, language or kind of report, and a request without the CSRF token', async () => {
    await amira.post('/shares').type('form').send({ targetType: 'claim', targetId: 'nope', language: 'ar' }).expect(404);
    const language = await amira.post('/shares').set(HTMX).type('form').send({ targetType: 'claim', targetId: claimId, language: 'fr' }).expect(422);
    expect(language.text).toContain('Choose Arabic or English');
    await amira.post('/shares').type('form').send({ targetType: 'speaker', targetId: claimId, language: 'ar' }).expect(400);
    await amira.agent.post('/shares').type('form').send({ targetType: 'claim', targetId: claimId, language: 'ar' }).expect(403);
    expect(await context.db.selectFrom('report_share').selectAll().execute()).toHaveLength(0);
  });

  it('show a new link once on the report page when the form is posted without htmx', async () => {
    const response = await amira.post('/shares?lang=ar').type('form').send({ targetType: 'article', targetId: articleId, language: 'en' }).expect(201);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.text).toMatch(/^<!doctype html>\s*<html lang="ar" dir="rtl">/);
    expect(response.text).toMatch(/id="created-share-url"[^>]*value="http:\/\/127\.0\.0\.1:\d+\/r\/[A-Za-z0-9_-]{43}"/);
  });
});

describe('a shared claim report', () => {
  beforeEach(() => setUp({ ORGANIZATION_NAME: 'مكتب إسناد للتحقق', PUBLIC_BASE_URL: 'https://facts.example.org' }));

  it('is a whole read-only page in its language, for anyone, with no session and no cookie', async () => {
    const { path, url } = await share({ type: 'claim', id: claimId }, 'ar');
    expect(url).toMatch(/^https:\/\/facts\.example\.org\/r\//);
    for (const headers of [{}, HTMX]) {
      const page = await anonymous().get(path).set(headers).expect(200);
      expect(page.text).toMatch(/^<!doctype html>\s*<html lang="ar" dir="rtl">/);
      expect(page.headers['set-cookie']).toBeUndefined();
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.text).not.toMatch(/<form|name="_csrf"|x-csrf-token|htmx\.min\.js|hx-post/);
      expect(page.text).toContain('تقرير عن ادعاء');
      expect(page.text).toContain('<span class="badge status-false" data-status="false">خاطئ</span>');
      expect(page.text).toContain('<span class="badge attribution-verbatim" data-attribution="verbatim">منقول حرفيًا</span>');
      expect(page.text).toContain('سلسلة الإسناد');
      expect(page.text).toContain('href="https://archive.example/sputnik"');
      expect(page.text).toContain('<strong>general staff</strong>');
      expect(page.text).toContain('مكتب إسناد للتحقق');
      // Role-neutral history: what changed and when, not who.
      expect(page.text).toMatch(/تغيّرت حالة التحقق إلى <span class="badge status-false">خاطئ<\/span>\s+في <time datetime="[^"]+" dir="ltr">\d{4}-\d{2}-\d{2}<\/time>/);
      expect(page.text).not.toContain('href="/speakers/');
      expect(page.text).not.toContain('href="/outlets/');
    }
  });

  it('carries Open Graph and Twitter card tags', async () => {
    const { path, url } = await share({ type: 'claim', id: claimId }, 'ar');
    const page = await anonymous().get(path).expect(200);
    for (const tag of ['og:title', 'og:description', 'og:type', 'og:site_name', 'og:locale']) expect(page.text).toMatch(new RegExp(`<meta property="${tag}" content="[^"]+">`));
    expect(page.text).toContain(`<meta property="og:url" content="${url}">`);
    // The language alone: ar_AR would be Arabic as spoken in Argentina.
    expect(page.text).toContain('<meta property="og:locale" content="ar">');
    expect(page.text).toContain('<meta property="og:site_name" content="مكتب إسناد للتحقق">');
    expect(page.text).toContain(`<meta property="og:image" content="${url}/card.png">`);
    expect(page.text).toContain('<meta property="og:image:width" content="1200">');
    expect(page.text).toContain('<meta property="og:image:height" content="630">');
    expect(page.text).toMatch(/<meta property="og:image:alt" content="[^"]*خاطئ[^"]*">/);
    expect(page.text).toMatch(/<meta name="twitter:card" content="summary_large_image">/);
    const twitterTitle = decodeEntities(page.text.match(/<meta name="twitter:title" content="([^"]+)">/)![1]!);
    const twitterDescription = decodeEntities(page.text.match(/<meta name="twitter:description" content="([^"]+)">/)![1]!);
    expect(twitterTitle).toMatch(/^تقرير عن ادعاء: /);
    expect(Array.from(twitterTitle).length).toBeLessThanOrEqual(70);
    expect(Array.from(twitterDescription).length).toBeLessThanOrEqual(200);
  });

  it('cuts twitter:title to 70 and twitter:description to 200 characters, at a word, with an ellipsis', async () => {
    const article = await insertTestArticle(context.db, { language: 'en' });
    const text = Array.from({ length: 60 }, (_, index) => `word${index}`).join(' ');
    const id = await insertTestClaim(context.db, { article, start: 0, text, speaker: 'Eve Example', status: 'false' });
    const { path } = await share({ type: 'claim', id }, 'en');
    const page = (await anonymous().get(path).expect(200)).text;
    const twitterTitle = decodeEntities(page.match(/<meta name="twitter:title" content="([^"]+)">/)![1]!);
    const twitterDescription = decodeEntities(page.match(/<meta name="twitter:description" content="([^"]+)">/)![1]!);
    for (const [value, max] of [[twitterTitle, 70], [twitterDescription, 200]] as const) {
      expect(Array.from(value).length).toBeLessThanOrEqual(max);
      expect(value).toMatch(/ word\d+…$/);
    }
  });

  it('serves its preview card as a 1200×630 PNG, briefly cacheable, with the same 404 and 410 as the page', async () => {
    const { path } = await share({ type: 'claim', id: claimId }, 'ar');
    const card = await anonymous().get(`${path}/card.png`).buffer(true).parse(binary).expect(200);
    expect(card.headers['content-type']).toBe('image/png');
    expect(card.headers['cache-control']).toBe('public, max-age=300');
    expect(card.headers['set-cookie']).toBeUndefined();
    const png = card.body as Buffer;
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
    await anonymous().get(`/r/${'A'.repeat(43)}/card.png`).expect(404);
    const [row] = await context.db.selectFrom('report_share').select('id').execute();
    await amira.post(`/shares/${row!.id}/revoke`).type('form').expect(303);
    await anonymous().get(`${path}/card.png`).expect(410);
  });

  it('shows no private note, reviewer name, user id or e-mail address, in the HTML or the JSON-LD', async () => {
    const { path, key } = await share({ type: 'claim', id: claimId }, 'en');
    const page = (await anonymous().get(path).expect(200)).text;
    const jsonLd = (await anonymous().get(`/r/${key}.jsonld`).expect(200)).text;
    for (const text of [page, jsonLd]) {
      expect(text).not.toContain('PRIVATE');
      expect(text).not.toContain(EMAIL);
      expect(text).not.toMatch(/Amira|Omar/);
      expect(text).not.toContain('working note');
      for (const id of userIds) expect(text).not.toContain(id);
    }
    expect(page).toContain('[e-mail removed]');
    expect(page).not.toContain('private-tag');
    // The desk sees the private note, tagged, and who did what.
    const desk = (await amira.get(`/claims/${claimId}/report?lang=en`).expect(200)).text;
    expect(desk).toContain(PRIVATE_NOTE.replace(/'/g, '&#39;'));
    expect(desk).toMatch(/class="tag private-tag">private</);
    expect(desk).toContain('<bdi>Omar</bdi>');
    expect(desk).toContain(EMAIL);
  });

  it('embeds the ClaimReview JSON-LD that its .jsonld serves, with the fields Google requires', async () => {
    const { path, url, key } = await share({ type: 'claim', id: claimId }, 'ar');
    const page = await anonymous().get(path).expect(200);
    const embedded = jsonLdIn(page.text);
    const download = await anonymous().get(`/r/${key}.jsonld`).expect(200);
    expect(download.headers['content-type']).toBe('application/ld+json; charset=utf-8');
    expect(download.body).toEqual(embedded);
    expect(claimReviewProblems(embedded)).toEqual([]);
    const claim = await context.db.selectFrom('claim').innerJoin('speaker', 'speaker.id', 'claim.speaker_id').select(['claim.text', 'claim.cue', 'speaker.name']).where('claim.id', '=', claimId).executeTakeFirstOrThrow();
    const hops = await listHopsForClaims(context.db, [claimId]);
    expect(embedded).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url,
      claimReviewed: defaultClaimSummary(claim.text, claim.cue),
      inLanguage: 'ar',
      author: { '@type': 'Organization', name: 'مكتب إسناد للتحقق', url: 'https://facts.example.org' },
      reviewRating: { '@type': 'Rating', ratingValue: 1, bestRating: 5, worstRating: 1, alternateName: 'خاطئ' },
      itemReviewed: { '@type': 'Claim', author: { name: claim.name } },
    });
    const item = (embedded as { itemReviewed: { appearance?: Array<{ url?: string }>; firstAppearance: { url?: string } } }).itemReviewed;
    expect(item.firstAppearance.url).toBe('https://archive.example/sputnik');
    // The first appearance is not repeated among the others, and none points at the desk.
    expect(item.appearance ?? []).toHaveLength(hops.length - 1);
    expect(item.appearance ?? []).not.toContainEqual(item.firstAppearance);
    expect(JSON.stringify(item)).not.toContain('facts.example.org');
    expect((embedded as { datePublished: string }).datePublished).toBe(new Date().toISOString().slice(0, 10));
  });

  it('embeds no JSON-LD, and its .jsonld answers 422, while the claim has no rated verdict', async () => {
    const { path, key } = await share({ type: 'claim', id: claimIds[1]! }, 'ar');
    const page = await anonymous().get(path).expect(200);
    expect(page.text).not.toContain('application/ld+json');
    const download = await anonymous().get(`/r/${key}.jsonld`).expect(422);
    expect(download.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(JSON.parse(download.text)).toMatchObject({ type: 'about:blank', title: 'Unprocessable Entity', status: 422 });
    expect(JSON.parse(download.text).detail).toContain('rated verdict');
  });

  it('escapes claim text in the page and in the embedded JSON-LD', async () => {
    const article = await insertTestArticle(context.db, { title: '<i>t</i>', language: 'en' });
    const text = '</script><script>alert(1)</script><img src=x onerror=alert(1)>';
    const id = await insertTestClaim(context.db, { article, start: 0, text, speaker: '<b>Eve</b>', status: 'misleading' });
    const { path } = await share({ type: 'claim', id }, 'en');
    const page = (await anonymous().get(path).expect(200)).text;
    expect(page).not.toContain('<script>alert(1)');
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('<b>Eve</b>');
    expect(page.match(/<\/script>/g)).toHaveLength(1);
    expect((jsonLdIn(page) as { claimReviewed: string }).claimReviewed).toBe(text);
  });
});

describe('a shared article report', () => {
  beforeEach(() => setUp());

  it('lists every claim with a summary per verdict and the review progress, and embeds one ClaimReview per rated claim', async () => {
    await amira.post(`/claims/${claimIds[2]}/status`).type('form').send({ status: 'accurate', version: '1' }).expect(303);
    await amira.post(`/claims/${claimIds[3]}/status`).type('form').send({ status: 'in_review', version: '1' }).expect(303);
    const { path } = await share({ type: 'article', id: articleId }, 'en');
    const page = (await anonymous().get(path).expect(200)).text;
    expect(page).toMatch(/<html lang="en" dir="ltr">/);
    expect(page).toContain('Article report');
    expect(page.match(/<article class="report-claim" id="claim-/g)).toHaveLength(claimIds.length);
    expect(page).toContain(`data-progress="2/${claimIds.length}"`);
    expect(page).toContain('<td data-count-status="false">1</td>');
    expect(page).toContain('<td data-count-status="accurate">1</td>');
    expect(page).toContain(`<td data-count-status="unverified">${claimIds.length - 3}</td>`);
    expect(page).not.toContain('PRIVATE');
    const reviews = jsonLdIn(page) as Array<{ url: string }>;
    // Each review points at its claim on the shared page (the test server's port changes between requests).
    expect(reviews.map((review) => review.url.replace(/^http:\/\/127\.0\.0\.1:\d+/, ''))).toEqual([`${path}#claim-${claimIds[0]}`, `${path}#claim-${claimIds[2]}`]);
    for (const review of reviews) expect(claimReviewProblems(review)).toEqual([]);
  });
});

describe('report pages for the desk', () => {
  beforeEach(() => setUp());

  it('follow the language asked for, default to the article’s, and refuse another', async () => {
    const viewer = await signIn(context, 'viewer', 'Vera');
    const arabic = await viewer.get(`/claims/${claimId}/report`).expect(200);
    expect(arabic.text).toMatch(/<html lang="ar" dir="rtl">/);
    expect(arabic.text).toContain('ملاحظات المراجعين');
    expect(arabic.text).not.toContain('id="shares"');
    const english = await viewer.get(`/claims/${claimId}/report?lang=en`).expect(200);
    expect(english.text).toMatch(/<html lang="en" dir="ltr">/);
    expect(english.text).toContain("Reviewers' notes");
    expect(english.text).toContain('Verification status changed to <span class="badge status-false">False</span>');
    const refused = await viewer.get(`/claims/${claimId}/report?lang=fr`).expect(400);
    expect(refused.text).toContain('must be ar or en');
    await viewer.get('/claims/unknown/report').expect(404);
    await viewer.get('/articles/unknown/report').expect(404);
    expect((await viewer.get(`/articles/${articleId}/report?lang=en`).expect(200)).text).toContain('Review progress');
    await anonymous().get(`/claims/${claimId}/report`).expect(302);
    expect((await viewer.get(`/claims/${claimId}/report`).set(HTMX).expect(200)).text).toMatch(/^<!doctype html>/);
  });

  it('preview the Markdown export, rendered and sanitised, and offer the share panel to editors', async () => {
    const page = (await amira.get(`/claims/${claimId}/report?lang=en`).expect(200)).text;
    expect(page).toContain('<details class="panel markdown-preview"');
    expect(page).toMatch(/<div class="markdown-rendered" hx-ignore><h1>Claim report<\/h1>/);
    expect(page).toContain('id="shares"');
    expect(page).not.toContain('href="/claims/' + claimId + '/claimreview.jsonld?lang=en"');
    await amira.post(`/claims/${claimId}/publication?lang=en`).type('form').send({ publish: '1' }).expect(303);
    const published = (await amira.get(`/claims/${claimId}/report?lang=en`).expect(200)).text;
    expect(published).toContain('href="/claims/' + claimId + '/claimreview.jsonld?lang=en"');
  });

  it('keep the Markdown download out of the preview’s summary, where a link would nest one control in another', async () => {
    const page = (await amira.get(`/claims/${claimId}/report?lang=en`).expect(200)).text;
    const summary = page.match(/<details class="panel markdown-preview"[^>]*>\s*<summary[^>]*>([\s\S]*?)<\/summary>/)?.[1];
    expect(summary).toBe('Markdown preview');
    expect(page).toContain(`<a href="/claims/${claimId}/report.md?lang=en" download>`);
  });
});

describe('a fact-check published for the web', () => {
  beforeEach(() => setUp({ ORGANIZATION_URL: 'https://desk.example.org/about' }));

  it('lets an editor write the short claim ClaimReview publishes, refusing more than 75 characters with 422 and keeping what was typed', async () => {
    const page = (await amira.get(`/claims/${claimId}/report?lang=en`).expect(200)).text;
    expect(page).toContain('id="fact-check"');
    expect(page).toContain(`action="/claims/${claimId}/summary?lang=en"`);
    const tooLong = 'ا'.repeat(76);
    const refused = await amira.post(`/claims/${claimId}/summary?lang=en`).type('form').send({ summary: tooLong }).expect(422);
    expect(refused.text).toContain('at most 75 characters (this one has 76)');
    expect(refused.text).toContain(`value="${tooLong}"`);
    expect(refused.text).toMatch(/id="claim-summary"[^>]*aria-invalid="true"/);
    const arabic = await amira.post(`/claims/${claimId}/summary?lang=en`).set('Accept-Language', 'ar').type('form').send({ summary: tooLong }).expect(422);
    expect(arabic.text).toContain('<h2 id="fact-check-title">التحقق المنشور على الويب</h2>');
    expect(arabic.text).toContain('يجب ألا يتجاوز الادعاء المختصر 75 حرفًا (هذا فيه 76).');
    expect(arabic.text).toMatch(/<section id="fact-check"[^>]*lang="ar" dir="rtl">/);
    const summary = 'هيئة الأركان الروسية تدعم تحالفا فرنسيا ضد داعش <b>';
    await amira.post(`/claims/${claimId}/summary?lang=en`).type('form').send({ summary: ` ${summary} ` }).expect(303).expect('Location', `/claims/${claimId}/report?lang=en#fact-check`);
    await amira.post(`/claims/${claimId}/publication`).type('form').send({ publish: '1' }).expect(303);
    const review = JSON.parse((await omar.get(`/claims/${claimId}/claimreview.jsonld`).expect(200)).text);
    expect(review.claimReviewed).toBe(summary);
    expect(review.author).toEqual({ '@type': 'Organization', name: 'Isnad fact-check desk', url: 'https://desk.example.org/about' });
    const shown = (await amira.get(`/claims/${claimId}/report?lang=en`).expect(200)).text;
    expect(shown).toContain('value="هيئة الأركان الروسية تدعم تحالفا فرنسيا ضد داعش &lt;b&gt;"');
    // Emptied, it goes back to the wording derived from the claim.
    await amira.post(`/claims/${claimId}/summary`).type('form').send({ summary: '' }).expect(303);
    const derived = JSON.parse((await omar.get(`/claims/${claimId}/claimreview.jsonld`).expect(200)).text).claimReviewed;
    expect(derived).not.toBe(summary);
    expect(Array.from(derived as string).length).toBeLessThanOrEqual(75);
    // Reviewers read it but may not change it.
    await omar.post(`/claims/${claimId}/summary`).type('form').send({ summary: 'x' }).expect(403);
    expect((await omar.get(`/claims/${claimId}/report?lang=en`).expect(200)).text).not.toContain(`action="/claims/${claimId}/summary`);
  });

  it('is public at /fact-checks/:id only while published, with its card, and only a rated claim can be published', async () => {
    await anonymous().get(`/fact-checks/${claimId}`).expect(404);
    await anonymous().get(`/fact-checks/${claimId}/card.png`).expect(404);
    await omar.post(`/claims/${claimId}/publication`).type('form').send({ publish: '1' }).expect(403);
    await amira.post(`/claims/${claimId}/publication`).type('form').send({ publish: '1' }).expect(303);
    const page = await anonymous().get(`/fact-checks/${claimId}`).expect(200);
    expect(page.text).toMatch(/^<!doctype html>\s*<html lang="ar" dir="rtl">/);
    expect(page.text).not.toContain('PRIVATE');
    expect(page.text).toMatch(new RegExp(`<meta property="og:image" content="http://127\\.0\\.0\\.1:\\d+/fact-checks/${claimId}/card\\.png">`));
    expect(claimReviewProblems(jsonLdIn(page.text))).toEqual([]);
    const card = await anonymous().get(`/fact-checks/${claimId}/card.png`).expect(200);
    expect(card.headers['content-type']).toBe('image/png');
    await amira.post(`/claims/${claimId}/publication`).type('form').send({ publish: '0' }).expect(303);
    await anonymous().get(`/fact-checks/${claimId}`).expect(404);
    const unrated = await amira.post(`/claims/${claimIds[1]}/publication`).type('form').send({ publish: '1' }).expect(422);
    expect(unrated.text).toContain('Only a claim with a rated verdict');
    await anonymous().get(`/fact-checks/${claimIds[1]}`).expect(404);
  });

  it('the claim page offers ClaimReview for a rated claim only, through the report where it is published', async () => {
    expect((await omar.get(`/claims/${claimId}`).expect(200)).text).toContain(`<a href="/claims/${claimId}/report?lang=ar#fact-check" dir="ltr">ClaimReview</a>`);
    const unrated = (await omar.get(`/claims/${claimIds[1]}`).expect(200)).text;
    expect(unrated).not.toContain('claimreview.jsonld');
    expect(unrated).not.toContain('#fact-check');
  });
});

describe('exports', () => {
  beforeEach(() => setUp());

  it('Markdown of a claim and of an article, without private notes or names', async () => {
    const claim = await omar.get(`/claims/${claimId}/report.md?lang=ar`).expect(200);
    expect(claim.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(claim.headers['content-disposition']).toContain(`claim-report-${claimId}-ar.md`);
    expect(claim.text).toMatch(/^# تقرير عن ادعاء/);
    expect(claim.text).toContain('- **التحقق من المضمون:** خاطئ (التقييم 1 من 5)');
    expect(claim.text).toContain('> The **general staff** statement was [archived](https://archive.example/statement). Contact: \\[e-mail removed\\]');
    const article = await omar.get(`/articles/${articleId}/report.md?lang=en`).expect(200);
    expect(article.text).toMatch(/^# Article report: /);
    for (const text of [claim.text, article.text]) {
      expect(text).not.toContain('PRIVATE');
      expect(text).not.toMatch(/Omar|Amira/);
      expect(text).not.toContain(EMAIL);
    }
  });

  it('ClaimReview download: 422 problem details until the fact-check is published, then naming its public page', async () => {
    const unpublished = await omar.get(`/claims/${claimId}/claimreview.jsonld?lang=en`).expect(422);
    expect(unpublished.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(JSON.parse(unpublished.text)).toMatchObject({ type: 'about:blank', title: 'Unprocessable Entity', status: 422 });
    expect(JSON.parse(unpublished.text).detail).toContain('Publish this claim’s fact-check');

    await amira.post(`/claims/${claimId}/publication`).type('form').send({ publish: '1' }).expect(303);
    const review = await omar.get(`/claims/${claimId}/claimreview.jsonld?lang=en`).expect(200);
    expect(review.headers['content-disposition']).toContain('.jsonld');
    const body = JSON.parse(review.text);
    expect(claimReviewProblems(body)).toEqual([]);
    expect(schemaOrgProblems(body)).toEqual([]);
    expect(body.reviewRating.alternateName).toBe('False');
    expect(body.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/fact-checks/${claimId}\\?lang=en$`));
    expect(body.author.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(review.text).not.toContain('PRIVATE');
    // The page it names is public and embeds the same markup (the test server's port changes between requests).
    const page = await anonymous().get(`/fact-checks/${claimId}?lang=en`).expect(200);
    expect(page.headers['set-cookie']).toBeUndefined();
    const sameOrigin = (value: unknown) => JSON.parse(JSON.stringify(value).replace(/http:\/\/127\.0\.0\.1:\d+/g, 'ORIGIN'));
    expect(sameOrigin(jsonLdIn(page.text))).toEqual(sameOrigin(body));

    const refused = await omar.get(`/claims/${claimIds[1]}/claimreview.jsonld`).expect(422);
    expect(refused.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(JSON.parse(refused.text).detail).toContain('no rated verdict');
    await omar.get('/claims/unknown/claimreview.jsonld').expect(404).expect('Content-Type', 'application/problem+json; charset=utf-8');
  });

  it('Web Annotation: a public plain-text source its selectors re-anchor in, in the article’s language', async () => {
    const refused = await omar.get(`/claims/${claimId}/annotation.json`).expect(422);
    expect(refused.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    // The seeded article has no source URL: the report offers no annotation until the fact-check is public.
    expect((await omar.get(`/claims/${claimId}/report`).expect(200)).text).not.toContain(`href="/claims/${claimId}/annotation.json"`);
    await amira.post(`/claims/${claimId}/publication`).type('form').send({ publish: '1' }).expect(303);
    expect((await omar.get(`/claims/${claimId}/report`).expect(200)).text).toContain(`href="/claims/${claimId}/annotation.json"`);
    const response = await omar.get(`/claims/${claimId}/annotation.json`).expect(200);
    expect(response.headers['content-type']).toContain('application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"');
    const annotation = JSON.parse(response.text);
    expect(annotation.target).toMatchObject({ format: 'text/plain', language: 'ar' });
    expect(validateAnnotation(annotation), JSON.stringify(validateAnnotation.errors)).toBe(true);
    const source = new URL(annotation.target.source);
    expect(source.pathname).toBe(`/fact-checks/${claimId}/text.txt`);
    const text = await anonymous().get(source.pathname).expect(200);
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    const claim = await context.db.selectFrom('claim').select(['start_offset', 'end_offset', 'text']).where('id', '=', claimId).executeTakeFirstOrThrow();
    const [quote, position] = annotation.target.selector;
    expect(anchorPosition(text.text, position).text).toBe(claim.text);
    expect(anchorQuote(text.text, quote)).toEqual([{ start: position.start, end: position.end }]);
  });

  it('Web Annotation through a share link: the claim anchors in the shared text copy, which carries no e-mail address', async () => {
    const article = await insertTestArticle(context.db, { language: 'en', body: `Contact ${EMAIL} for more. The minister said the bridge will reopen in May.` });
    const start = article.body.indexOf('the bridge');
    const id = await insertTestClaim(context.db, { article, start, text: article.body.slice(start, start + 10), status: 'false' });
    const { path } = await share({ type: 'claim', id }, 'en');
    const annotation = JSON.parse((await anonymous().get(`${path}/annotation.json`).expect(200)).text);
    expect(new URL(annotation.target.source).pathname).toBe(`${path}/text.txt`);
    const text = (await anonymous().get(`${path}/text.txt`).expect(200)).text;
    expect(text).not.toContain(EMAIL);
    expect(text).toContain('[e-mail removed]');
    const [quote, position] = annotation.target.selector;
    expect(anchorPosition(text, position).text).toBe('the bridge');
    expect(anchorQuote(text, quote)).toEqual([{ start: position.start, end: position.end }]);
    expect(JSON.stringify(annotation)).not.toContain(EMAIL);
  });

  it('CSV of the dashboard view: a BOM, every matching row, Arabic intact', async () => {
    const response = await omar.get(`/claims.csv?article=${articleId}`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="?isnad-claims-\d{4}-\d{2}-\d{2}\.csv"?$/);
    const bytes = response.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(bytes.toString('utf8').slice(1));
    expect(rows).toHaveLength(claimIds.length);
    const texts = (await context.db.selectFrom('claim').select(['id', 'text']).where('article_id', '=', articleId).execute());
    const byId = new Map(rows.map((row) => [row[header!.indexOf('claim_id')], row]));
    for (const claim of texts) expect(byId.get(claim.id)![header!.indexOf('claim')]).toBe(claim.text);
    expect(byId.get(claimId)![header!.indexOf('status_ar')]).toBe('خاطئ');

    const filtered = parseCsv((await omar.get('/claims.csv?status=false').expect(200)).text.slice(1));
    expect(filtered.slice(1).map((row) => row[0])).toEqual([claimId]);
    await omar.get('/claims.csv?status=made_up').expect(400);
  });

  it('CSV has every row of a view longer than a dashboard page, in the dashboard’s order', async () => {
    const small = await createTestContext({ PAGE_SIZE: '5' });
    try {
      const viewer = await signIn(small, 'viewer', 'Vera');
      await ingestSeed(small);
      const dashboard = (await viewer.get('/?sort=checkworthiness').expect(200)).text;
      const firstPage = [...dashboard.matchAll(/<tr id="claim-([^"]+)"/g)].map((match) => match[1]);
      expect(firstPage).toHaveLength(5);
      const rows = parseCsv((await viewer.get('/claims.csv?sort=checkworthiness').expect(200)).text.slice(1)).slice(1);
      expect(rows.length).toBeGreaterThan(5);
      expect(rows.slice(0, 5).map((row) => row[0])).toEqual(firstPage);
    } finally {
      await small.close();
    }
  });

  it('links from the claim page, the article page and the dashboard filters', async () => {
    const claimPage = (await omar.get(`/claims/${claimId}`).expect(200)).text;
    expect(claimPage).toContain(`href="/claims/${claimId}/report?lang=ar"`);
    expect(claimPage).toContain(`href="/claims/${claimId}/annotation.json"`);
    const articlePage = (await omar.get(`/articles/${articleId}`).expect(200)).text;
    expect(articlePage).toContain(`href="/articles/${articleId}/report?lang=en"`);
    const dashboard = (await omar.get(`/?status=false&article=${articleId}`).expect(200)).text;
    expect(dashboard).toContain(`<a class="csv-link" href="/claims.csv?status=false&amp;article=${articleId}" download>`);
  });
});
