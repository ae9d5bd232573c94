import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ARTICLE_OPTIONS } from '../../src/features/claims/dashboard.service.ts';
import { signIn, type SignedIn } from '../support/auth.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';
import type { ArticleRow } from '../../src/db/schema.ts';

let context: TestContext;
let viewer: SignedIn;
let articles: ArticleRow[];

beforeEach(async () => {
  context = await createTestContext();
  viewer = await signIn(context, 'viewer', 'Vera');
  articles = [];
  for (let n = 0; n < ARTICLE_OPTIONS + 10; n += 1) articles.push(await insertTestArticle(context.db, { title: `Story number ${n}` }));
  await insertTestClaim(context.db, { article: articles[0]!, start: 0, text: 'The oldest story speaks' });
});

afterEach(() => context.close());

const articleOptions = (html: string) => [...html.matchAll(/<option value="([0-9a-f-]{36})"/g)].map((match) => match[1]);

describe('the dashboard article filter', () => {
  it('offers the newest articles only, however many the desk holds', async () => {
    const response = await viewer.get('/').expect(200);
    const offered = articleOptions(response.text);
    expect(offered).toHaveLength(ARTICLE_OPTIONS);
    expect(offered[0]).toBe(articles.at(-1)!.id);
    expect(offered).not.toContain(articles[0]!.id);
  });

  it('keeps an older article offered, and selected, while the list is filtered by it', async () => {
    const response = await viewer.get(`/?article=${articles[0]!.id}`).expect(200);
    expect(articleOptions(response.text)).toContain(articles[0]!.id);
    expect(response.text).toContain(`<option value="${articles[0]!.id}" selected>`);
    expect(response.text).toContain('The oldest story speaks');
  });
});
