import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listHopsForClaims } from '../../src/features/claims/claims.repository.ts';
import { hashShareKey } from '../../src/features/shares/shares.service.ts';
import { findUserByNormalizedName } from '../../src/features/users/users.repository.ts';
import { anchorPosition, anchorQuote } from '../support/anchor.ts';
import { signIn, type SignedIn } from '../support/auth.ts';
import { claimReviewProblems } from '../support/claim-review.ts';
import { createTestContext, ingestSeed, type TestContext } from '../support/context.ts';
import { parseCsv } from '../support/csv.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';

const HTMX = { 'HX-Request': 'true', 'HX-Request-Type': 'partial' };
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
    expect(answers[4]!.body).toEqual({ status: 404, title: 'Not found', message: 'Shared report not found.' });
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
    expect((await anonymous().get(`/r/${key}.jsonld`).expect(410)).body.status).toBe(410);
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
    expect(page.text).toContain('<meta property="og:locale" content="ar_AR">');
    expect(page.text).toContain('<meta property="og:site_name" content="مكتب إسناد للتحقق">');
    expect(page.text).toMatch(/<meta name="twitter:card" content="summary">/);
    expect(page.text).toMatch(/<meta name="twitter:title" content="تقرير عن ادعاء: [^"]+">/);
    expect(page.text).toMatch(/<meta name="twitter:description" content="[^"]*خاطئ[^"]*">/);
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
    const claim = await context.db.selectFrom('claim').innerJoin('speaker', 'speaker.id', 'claim.speaker_id').select(['claim.text', 'speaker.name']).where('claim.id', '=', claimId).executeTakeFirstOrThrow();
    const hops = await listHopsForClaims(context.db, [claimId]);
    expect(embedded).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url,
      claimReviewed: claim.text,
      inLanguage: 'ar',
      author: { '@type': 'Organization', name: 'مكتب إسناد للتحقق', url: 'https://facts.example.org' },
      reviewRating: { '@type': 'Rating', ratingValue: 1, bestRating: 5, worstRating: 1, alternateName: 'خاطئ' },
      itemReviewed: { '@type': 'Claim', author: { name: claim.name } },
    });
    const item = (embedded as { itemReviewed: { appearance: Array<{ url?: string }>; firstAppearance: unknown } }).itemReviewed;
    expect(item.appearance).toHaveLength(hops.length);
    expect(item.appearance[0]!.url).toBe('https://archive.example/sputnik');
    expect(item.firstAppearance).toEqual(item.appearance[0]);
    expect((embedded as { datePublished: string }).datePublished).toBe(new Date().toISOString().slice(0, 10));
  });

  it('embeds no JSON-LD, and its .jsonld answers 422, while the claim has no rated verdict', async () => {
    const { path, key } = await share({ type: 'claim', id: claimIds[1]! }, 'ar');
    const page = await anonymous().get(path).expect(200);
    expect(page.text).not.toContain('application/ld+json');
    const download = await anonymous().get(`/r/${key}.jsonld`).expect(422);
    expect(download.body.message).toContain('rated verdict');
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
    expect(page).toContain('href="/claims/' + claimId + '/claimreview.jsonld?lang=en"');
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

  it('ClaimReview download for a rated claim; 422 for one without a rated verdict', async () => {
    const review = await omar.get(`/claims/${claimId}/claimreview.jsonld?lang=en`).expect(200);
    expect(review.headers['content-disposition']).toContain('.jsonld');
    const body = JSON.parse(review.text);
    expect(claimReviewProblems(body)).toEqual([]);
    expect(body.reviewRating.alternateName).toBe('False');
    expect(body.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/claims/${claimId}/report\\?lang=en$`));
    expect(review.text).not.toContain('PRIVATE');
    const refused = await omar.get(`/claims/${claimIds[1]}/claimreview.jsonld`).expect(422);
    expect(refused.text).toContain('no rated verdict');
  });

  it('Web Annotation whose selectors re-anchor to the claim’s span in the article text', async () => {
    for (const id of claimIds.slice(0, 5)) {
      const response = await omar.get(`/claims/${id}/annotation.json`).expect(200);
      expect(response.headers['content-type']).toContain('application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"');
      const annotation = JSON.parse(response.text);
      const claim = await context.db.selectFrom('claim').innerJoin('article', 'article.id', 'claim.article_id').select(['claim.start_offset', 'claim.end_offset', 'article.body']).where('claim.id', '=', id).executeTakeFirstOrThrow();
      const [quote, position] = annotation.target.selector;
      const span = claim.body.slice(claim.start_offset, claim.end_offset);
      expect(anchorPosition(claim.body, position).text).toBe(span);
      expect(anchorQuote(claim.body, quote)).toEqual([{ start: position.start, end: position.end }]);
      expect(annotation.target.source).toMatch(new RegExp(`/articles/${articleId}$`));
    }
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
