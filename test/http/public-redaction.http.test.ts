import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signIn, type SignedIn } from '../support/auth.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';

const HTMX = { 'HX-Request': 'true', 'HX-Request-Type': 'partial' };

/** Ways an address reaches a page once Markdown, entities or lookalike characters have had their say. */
const VECTORS: Array<[string, (local: string) => string]> = [
  ['plain', (local) => `${local}@example.org`],
  ['backslash escape', (local) => `${local}\\@example.org`],
  ['numeric entity', (local) => `${local}&#64;example.org`],
  ['named entity', (local) => `${local}&commat;example.org`],
  ['emphasis around the local part', (local) => `**${local}**@example.org`],
  ['fullwidth at', (local) => `${local}＠example.org`],
  ['mailto link with an entity', (local) => `[write to us](mailto:${local}&#64;example.org)`],
  ['autolink', (local) => `<${local}@example.org>`],
  ['zero-width space', (local) => `${local}\u200B@example.org`],
];

let context: TestContext;
let editor: SignedIn;

beforeEach(async () => {
  context = await createTestContext();
  editor = await signIn(context, 'editor', 'Amira');
});
afterEach(() => context.close());

/** An article whose claim, its context, a public note and the claim's short wording each carry the address; the claim rated, its report shared and its fact-check published. */
async function publishWith(address: (local: string) => string): Promise<{ claimId: string; articleId: string; sharePath: string; articleSharePath: string }> {
  const claimText = `the bridge near ${address('leakclaim')} will open`;
  const body = `Desk ${address('leakbefore')} wrote. The minister said ${claimText} soon, adding ${address('leakafter')} too.\nAnother paragraph.`;
  const article = await insertTestArticle(context.db, { body, title: `Bridge report ${address('leaktitle')}`, source_url: 'https://news.example/bridge' });
  const start = body.indexOf(claimText);
  const claimId = await insertTestClaim(context.db, { article, start, text: claimText, status: 'false' });
  await context.db.updateTable('claim').set({ end_offset: start + claimText.length }).where('id', '=', claimId).execute();
  await editor.post(`/claims/${claimId}/notes`).type('form').send({ body: `Contact: ${address('leaknote')} today.` }).expect(303);
  await editor.post(`/claims/${claimId}/summary`).type('form').send({ summary: `Bridge opens, says ${address('leaksum')}` }).expect(303);
  await editor.post(`/claims/${claimId}/publication`).type('form').send({ publish: '1' }).expect(303);
  return { claimId, articleId: article.id, sharePath: await share('claim', claimId), articleSharePath: await share('article', article.id) };
}

async function share(targetType: 'claim' | 'article', targetId: string): Promise<string> {
  const response = await editor.post('/shares').set(HTMX).type('form').send({ targetType, targetId, language: 'en', expiresOn: '' }).expect(201);
  const url = response.text.match(/id="created-share-url"[^>]*value="([^"]+)"/)?.[1];
  if (!url) throw new Error('no share link in the answer');
  return new URL(url).pathname;
}

describe('public pages and exports carry no e-mail address', () => {
  it.each(VECTORS)('%s', async (_name, address) => {
    const { claimId, articleId, sharePath, articleSharePath } = await publishWith(address);
    const outputs: Array<[string, () => request.Test]> = [
      ['shared page', () => request(context.app).get(sharePath)],
      ['shared ClaimReview', () => request(context.app).get(`${sharePath}.jsonld`)],
      ['shared text', () => request(context.app).get(`${sharePath}/text.txt`)],
      ['shared article page', () => request(context.app).get(articleSharePath)],
      ['shared article ClaimReviews', () => request(context.app).get(`${articleSharePath}.jsonld`)],
      ['shared Web Annotation', () => request(context.app).get(`${sharePath}/annotation.json`)],
      ['published fact-check', () => request(context.app).get(`/fact-checks/${claimId}`)],
      ['published text', () => request(context.app).get(`/fact-checks/${claimId}/text.txt`)],
      ['ClaimReview download', () => editor.get(`/claims/${claimId}/claimreview.jsonld`)],
      ['claim Markdown', () => editor.get(`/claims/${claimId}/report.md`)],
      ['article Markdown', () => editor.get(`/articles/${articleId}/report.md`)],
      ['Web Annotation', () => editor.get(`/claims/${claimId}/annotation.json`)],
      ['CSV', () => editor.get(`/claims.csv?article=${articleId}`)],
    ];
    for (const [output, fetch] of outputs) {
      const response = await fetch();
      expect(response.status, output).toBe(200);
      expect(response.text, output).not.toMatch(/leak|example\.org/i);
    }
    const page = (await request(context.app).get(sharePath)).text;
    expect(page.match(/\[e-mail removed\]/g)?.length).toBeGreaterThanOrEqual(3);
    // The desk still sees what was written.
    expect((await editor.get(`/claims/${claimId}`)).text).toContain('leaknote');
  });
});
