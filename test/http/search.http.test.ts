import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleRow } from '../../src/db/schema.ts';
import { signIn, type SignedIn } from '../support/auth.ts';
import { apiUser, callApi } from '../support/api.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';
import { insertClaims } from '../../src/features/claims/claims.repository.ts';
import { SEARCH_COUNT_CAP } from '../../src/features/search/search.service.ts';
import { newId } from '../../src/ids.ts';

let context: TestContext;
let viewer: SignedIn;
let token: string;
let article: ArticleRow;
/** Claims about the president, in text order: every third is false, and their scores rise. */
const presidential: string[] = [];
let scriptClaim: string;

beforeAll(async () => {
  context = await createTestContext({ PAGE_SIZE: '5' });
  viewer = await signIn(context, 'viewer', 'Vera');
  token = (await apiUser(context, 'viewer')).token;
  article = await insertTestArticle(context.db, { language: 'ar', title: 'زيارة الرئيس إلى قصر الإليزيه' });
  const other = await insertTestArticle(context.db, { language: 'en', title: 'Weather report' });
  for (let n = 0; n < 12; n += 1) {
    presidential.push(
      await insertTestClaim(context.db, {
        article,
        start: n * 100,
        text: n % 2 === 0 ? `وقال والرئيس الفرنسي في البيان رقم ${n}` : `أعلن الرئيس أن الجلسة ${n} انتهت`,
        status: n % 3 === 0 ? 'false' : 'unverified',
        checkworthiness: n / 20,
        speaker: n < 4 ? 'إيغور ديلانويه' : 'Emmanuel Macron',
        outlets: [{ name: 'Élysée Presse', role: 'original' }],
      }),
    );
  }
  await insertTestClaim(context.db, { article: other, start: 0, text: 'Rain is expected in the north', speaker: 'Météo France' });
  scriptClaim = await insertTestClaim(context.db, { article: other, start: 100, text: 'He typed <script>alert("x")</script> into the box' });
});

afterAll(() => context.close());

const rowIds = (html: string) => [...html.matchAll(/<tr id="claim-([0-9a-f-]{36})"/g)].map((match) => match[1]!);
const nextLink = (html: string) => html.match(/<a rel="next" href="([^"]+)"/)?.[1]?.replaceAll('&amp;', '&');

/** Every claim a dashboard view lists, page after page through its next links. */
async function allPages(url: string): Promise<string[]> {
  const ids: string[] = [];
  for (let next: string | undefined = url; next; ) {
    const response = await viewer.get(next).expect(200);
    ids.push(...rowIds(response.text));
    next = nextLink(response.text);
  }
  return ids;
}

describe('the dashboard q filter', () => {
  it('lists the matching claims only, page by page, in either order', async () => {
    const newest = await allPages(`/?q=${encodeURIComponent('الرئيس')}`);
    expect(newest).toEqual(presidential);
    const byScore = await allPages(`/?q=${encodeURIComponent('الرئيس')}&sort=checkworthiness`);
    expect(byScore).toEqual([...presidential].reverse());
  });

  it('combines with the status, speaker and outlet filters', async () => {
    const q = encodeURIComponent('الرئيس');
    expect(await allPages(`/?q=${q}&status=false`)).toEqual(presidential.filter((_, n) => n % 3 === 0));
    const speaker = encodeURIComponent('Emmanuel Macron');
    expect(await allPages(`/?q=${q}&status=false&speaker=${speaker}`)).toEqual([presidential[6], presidential[9]]);
    expect(await allPages(`/?q=${encodeURIComponent('اعلن')}&outlet=${encodeURIComponent('Élysée Presse')}&role=original&sort=checkworthiness`)).toEqual(
      presidential.filter((_, n) => n % 2 === 1).reverse(),
    );
    expect(await allPages(`/?q=${encodeURIComponent('"الرئيس الفرنسي"')}&check=50`)).toEqual([presidential[10]]);
  });

  it('keeps q in the search field, the status summary and the CSV link', async () => {
    const response = await viewer.get(`/?q=${encodeURIComponent('الرئيس')}&status=false`).expect(200);
    expect(response.text).toMatch(/<form class="filters"[\s\S]*<input type="search" name="q" value="الرئيس"/);
    expect(response.text).toContain(`/claims.csv?q=${encodeURIComponent('الرئيس')}`);
    const csv = await viewer.get(`/claims.csv?q=${encodeURIComponent('اعلن')}`).expect(200);
    expect(csv.text.trim().split('\n')).toHaveLength(1 + 6);
  });

  it.each([
    ['a query over 200 characters', 'ب'.repeat(201), /201 characters/],
    ['too many words', Array.from({ length: 13 }, (_, n) => `word${n}`).join(' '), /13 words and phrases/],
    ['punctuation only', '!!! ,,, ...', /no letters or digits/],
  ])('refuses %s with 400 and says why', async (_label, q, message) => {
    const response = await viewer.get(`/?q=${encodeURIComponent(q)}`).expect(400);
    expect(response.text).toMatch(message);
  });
});

describe('the search page', () => {
  it('shows the empty form without a query', async () => {
    const response = await viewer.get('/search').expect(200);
    expect(response.text).toContain('name="q"');
    expect(response.text).not.toContain('search-group');
  });

  it('lists each group with its count and highlights the original letters', async () => {
    const response = await viewer.get(`/search?q=${encodeURIComponent('اعلن')}`).expect(200);
    expect(response.text).toContain('<mark>أعلن</mark>');
    expect(response.text).toMatch(/6 matches/);
    expect(response.text).toContain(`href="/?q=${encodeURIComponent('اعلن')}"`);
    expect(response.text).toContain('All 6 claims on the dashboard');

    const names = await viewer.get(`/search?q=${encodeURIComponent('macron')}`).expect(200);
    expect(names.text).toMatch(/Emmanuel <mark>Macron<\/mark>/);

    const everything = await viewer.get(`/search?q=${encodeURIComponent('الرئيس')}`).expect(200);
    expect(everything.text).toContain(`href="/articles/${article.id}"`);
    expect(everything.text).toContain('زيارة <mark>الرئيس</mark>');
    expect(everything.text).toContain('و<mark>الرئيس</mark>');
    const outlets = await viewer.get('/search?q=elysee').expect(200);
    expect(outlets.text).toContain('<mark>Élysée</mark> Presse');
    expect(outlets.text).toMatch(/href="\/outlets\/[0-9a-f-]{36}"/);
  });

  it('escapes what it shows', async () => {
    const response = await viewer.get('/search?q=script').expect(200);
    expect(response.text).toContain(`href="/claims/${scriptClaim}"`);
    expect(response.text).toContain('&lt;<mark>script</mark>&gt;alert(&quot;x&quot;)&lt;/<mark>script</mark>&gt;');
    expect(response.text).not.toContain('<script>alert');
  });

  it('caps a large count and says it is a lower bound', async () => {
    const many = await insertTestArticle(context.db, { title: 'Many' });
    const claims = Array.from({ length: SEARCH_COUNT_CAP + 1 }, (_, n) => ({
      id: newId(),
      article_id: many.id,
      speaker_id: null,
      text: `Recurring marker number ${n}`,
      start_offset: n * 40,
      end_offset: n * 40 + 30,
      prefix: '',
      suffix: '',
      cue: 'said',
      kind: 'factual',
      checkworthiness: 0.1,
      status: 'unverified',
      version: 1,
      created_at: many.ingested_at,
    }));
    await insertClaims(context.db, claims);
    const response = await viewer.get('/search?q=recurring').expect(200);
    expect(response.text).toContain('1,000+ matches');
    expect(response.text).toContain('All 1,000+ claims on the dashboard');
  });

  it.each(['NEAR(', '"*', 'OR', '-', 'a OR b', 'الرئيس"', '"الرئيس', 'col:word', '^start', 'x*', '(((', 'AND NOT', '""', '" "', "' OR 1=1 --", '\\'])(
    'never fails on %j',
    async (q) => {
      const response = await viewer.get(`/search?q=${encodeURIComponent(q)}`);
      expect([200, 400]).toContain(response.status);
      const dashboard = await viewer.get(`/?q=${encodeURIComponent(q)}`);
      expect([200, 400]).toContain(dashboard.status);
    },
  );

  it('says why a query is refused in the reader’s language', async () => {
    // A reader of their own: asking for Arabic is remembered.
    const reader = await signIn(context, 'viewer', 'Rania');
    const arabic = await reader.get(`/?q=${encodeURIComponent('!!!')}&lang=ar`).expect(400);
    expect(arabic.text).toContain('لا يحوي البحث حرفًا ولا رقمًا يُبحث عنه.');
    const page = await reader.get(`/search?q=${encodeURIComponent('؟؟؟')}`).expect(400);
    expect(page.text).toContain('لا يحوي البحث حرفًا ولا رقمًا يُبحث عنه.');
  });

  it('keeps the form and says why when the query is refused', async () => {
    const response = await viewer.get(`/search?q=${encodeURIComponent('x'.repeat(300))}`).expect(400);
    expect(response.text).toContain('name="q"');
    expect(response.text).toMatch(/300 characters long: at most 200/);
    const repeated = await viewer.get('/search?q=a&q=b').expect(400);
    expect(repeated.text).toMatch(/once, as text/);
  });

  it('answers htmx with the results alone', async () => {
    const response = await viewer.get('/search?q=rain').set('HX-Request', 'true').set('HX-Request-Type', 'partial').expect(200);
    expect(response.text.trimStart().startsWith('<div id="search-results"')).toBe(true);
    expect(response.text).toContain('<mark>Rain</mark>');
  });
});

describe('search through the API', () => {
  it('filters GET /api/v1/claims with q, with the other filters and cursor paging', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/claims?q=${encodeURIComponent('الرئيس')}&limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const response = await callApi(context.app, 'get', url, { token });
      expect(response.status).toBe(200);
      seen.push(...response.body.items.map((claim: { id: string }) => claim.id));
      cursor = response.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(presidential);
    const filtered = await callApi(context.app, 'get', `/api/v1/claims?q=${encodeURIComponent('الرئيس')}&status=false&sort=checkworthiness`, { token });
    expect(filtered.body.items.map((claim: { id: string }) => claim.id)).toEqual(presidential.filter((_, n) => n % 3 === 0).reverse());
  });

  it('answers GET /api/v1/search with every group, counted, highlighted', async () => {
    const response = await callApi(context.app, 'get', `/api/v1/search?q=${encodeURIComponent('الرئيس')}&limit=3`, { token });
    expect(response.status).toBe(200);
    expect(response.body.q).toBe('الرئيس');
    expect(response.body.claims).toMatchObject({ count: 12, complete: true });
    expect(response.body.claims.items).toHaveLength(3);
    expect(response.body.articles.count).toBe(1);
    expect(response.body.articles.items[0].title).toContainEqual({ text: 'الرئيس', match: true });
    expect(response.body.speakers.count).toBe(0);
    const empty = await callApi(context.app, 'get', '/api/v1/search', { token });
    expect(empty.body).toMatchObject({ q: '', claims: { count: 0, items: [] } });
  });

  it.each(['x'.repeat(201), '!!!'])('refuses a bad q with a problem, never a 500', async (q) => {
    expect((await callApi(context.app, 'get', `/api/v1/search?q=${encodeURIComponent(q)}`, { token })).status).toBe(400);
    expect((await callApi(context.app, 'get', `/api/v1/claims?q=${encodeURIComponent(q)}`, { token })).status).toBe(400);
  });
});
