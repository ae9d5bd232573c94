import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signIn, type SignedIn } from '../support/auth.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';

const HTMX = { 'HX-Request': 'true', 'HX-Request-Type': 'partial' };
let context: TestContext;
let reviewer: SignedIn;
let claims: string[];

beforeEach(async () => {
  context = await createTestContext();
  reviewer = await signIn(context, 'reviewer');
  const article = await insertTestArticle(context.db);
  claims = [];
  for (let index = 0; index < 3; index++) claims.push(await insertTestClaim(context.db, { article, start: index * 100, text: `claim <b>${index}</b>` }));
});
afterEach(() => context.close());

describe('status summary refresh', () => {
  it('asks for the counts alone, and gets the summary without the list or the filters', async () => {
    const dashboard = await reviewer.get('/?status=false').expect(200);
    const summaryUrl = dashboard.text.match(/id="status-summary"[^>]*hx-get="([^"]+)"/)?.[1]?.replace(/&amp;/g, '&');
    expect(summaryUrl).toBe('/claims/status-summary?status=false');

    await reviewer.post(`/claims/${claims[0]}/status`).type('form').send({ status: 'false', version: '1' }).expect(303);
    const summary = await reviewer.get(summaryUrl!).set(HTMX).expect(200);
    expect(summary.text.trim()).toMatch(/^<nav id="status-summary"[\s\S]*<\/nav>$/);
    expect(summary.text).not.toContain('claim &lt;b&gt;');
    expect(summary.text).not.toContain('class="filters"');
    expect(summary.text).toMatch(/status-false active"[^>]*>\s*<span class="summary-count">1<\/span>/);
    expect(summary.text).toMatch(/summary-item"[^>]*>\s*<span class="summary-count">3<\/span> <span>All<\/span>/);
    expect(summary.text).toContain('hx-get="/claims/status-summary?status=false"');
    expect(summary.text).not.toContain("<html");
  });

  it('is still a claim page address for an id, and 404 for an unknown one', async () => {
    await reviewer.get(`/claims/${claims[1]}`).expect(200);
    await reviewer.get('/claims/no-such-claim').expect(404);
  });
});
