import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listClaims } from '../../src/features/claims/claims.repository.ts';
import { signIn, type SignedIn } from '../support/auth.ts';
import { SEED_TEXT, createTestContext, type TestContext } from '../support/context.ts';

let context: TestContext;
let amira: SignedIn;

beforeEach(async () => {
  context = await createTestContext({ MAX_ARTICLE_BYTES: String(64 * 1024) });
  amira = await signIn(context, 'editor', 'Amira');
});
afterEach(() => context.close());

async function countClaims(): Promise<number> {
  return (await listClaims(context.db, {}, undefined, 1000)).length;
}

describe('GET /articles/new', () => {
  it('offers the ingestion form with language detection by default', async () => {
    const response = await amira.get('/articles/new').expect(200);
    expect(response.text).toContain('enctype="multipart/form-data"');
    expect(response.text).toMatch(/<option value="auto" selected>/);
    for (const name of ['title', 'language', 'publisher', 'sourceUrl', 'text', 'file']) expect(response.text).toContain(`name="${name}"`);
    expect(response.text).toContain('(up to 64 KB)');
  });
});

describe('POST /articles/new', () => {
  it('ingests pasted text, extracts its claims and redirects to the article page', async () => {
    const response = await amira
      .post('/articles/new')
      .field('title', 'موسكو وباريس')
      .field('language', 'ar')
      .field('publisher', 'Sputnik')
      .field('sourceUrl', 'https://arabic.sputniknews.com/article')
      .field('text', SEED_TEXT)
      .expect(303);
    expect(response.headers.location).toMatch(/^\/articles\/[0-9a-f-]{36}$/);
    const page = await amira.get(response.headers.location!).expect(200);
    expect(page.text).toContain('موسكو وباريس');
    expect(page.text).toContain('published by <bdi class="article-publisher">Sputnik</bdi>');
    expect(page.text.match(/class="claim-row"/g)!.length).toBeGreaterThanOrEqual(11);
    expect(page.text).toContain("<bdi>L&#39;Orient le Jour</bdi>");
    expect(page.text).toContain('class="noise"');
  });

  it('ingests an uploaded .txt file and detects its language', async () => {
    const text = 'The minister said on Monday that inflation would fall to 3% by June.\nCritics argued that the forecast ignored energy prices.';
    const response = await amira.post('/articles/new').attach('file', Buffer.from(text), 'wire.txt').expect(303);
    const page = await amira.get(response.headers.location!).expect(200);
    expect(page.text).toContain('English');
    expect(page.text).toContain('The minister said on Monday');
  });

  it('detects a second ingestion of the same text and adds nothing', async () => {
    const first = await amira.post('/articles/new').field('text', SEED_TEXT).expect(303);
    const claims = await countClaims();
    const second = await amira.post('/articles/new').field('text', SEED_TEXT.replace(/\n/g, '\r\n')).expect(303);
    expect(second.headers.location).toBe(`${first.headers.location}?existing=1`);
    expect(await countClaims()).toBe(claims);
    const page = await amira.get(second.headers.location!).expect(200);
    expect(page.text).toContain('This text was ingested before');
  });

  it('refuses empty text with 422 and keeps the other fields', async () => {
    const response = await amira.post('/articles/new').field('title', 'Kept <title>').field('publisher', 'AFP').field('text', '  ').expect(422);
    expect(response.text).toContain('Paste the article text or upload a .txt file.');
    expect(response.text).toContain('value="Kept &lt;title&gt;"');
    expect(response.text).toContain('value="AFP"');
  });

  it('refuses invalid fields with 422 messages', async () => {
    const response = await amira
      .post('/articles/new')
      .field('sourceUrl', 'javascript:alert(1)')
      .field('language', 'de')
      .field('text', 'Some text said the minister.')
      .expect(422);
    expect(response.text).toContain('The source URL must start with http:// or https://.');
    expect(response.text).toContain('Choose Arabic, English, French or automatic detection.');
    expect(await countClaims()).toBe(0);
  });

  it('refuses text over the size limit with 413', async () => {
    const response = await amira.post('/articles/new').field('title', 'big').field('text', 'a'.repeat(65 * 1024)).expect(413);
    expect(response.text).toContain('the limit is 64 KB');
    expect(response.text).toContain('value="big"');
  });

  it('answers an oversize upload with the form, the fields typed and the limit', async () => {
    const response = await amira
      .post('/articles/new')
      .field('title', 'Big <upload>')
      .field('publisher', 'AFP')
      .field('sourceUrl', 'https://example.org/big')
      .attach('file', Buffer.alloc(200 * 1024, 'a'), 'big.txt')
      .expect(413);
    expect(response.text).toContain('action="/articles/new"');
    expect(response.text).toContain('The article is larger than the limit of 64 KB.');
    expect(response.text).toContain('value="Big &lt;upload&gt;"');
    expect(response.text).toContain('value="AFP"');
    expect(response.text).toContain('value="https://example.org/big"');
    expect(await countClaims()).toBe(0);
  });

  it('answers a paste too large for the form parser with the form and the limit, not a bare error page', async () => {
    const response = await amira.post('/articles/new').field('title', 'Huge paste').field('text', 'a'.repeat(140 * 1024)).expect(413);
    expect(response.text).toContain('action="/articles/new"');
    expect(response.text).toContain('The article is larger than the limit of 64 KB.');
    expect(response.text).toContain('value="Huge paste"');
  });

  it('removes stray control characters from pasted text and says so on the article page', async () => {
    const text = 'The minister\u0002 said on Monday that inflation would fall.\u0003\nCritics argued\u007F that the forecast was wrong.';
    const response = await amira.post('/articles/new').field('text', text).expect(303);
    expect(response.headers.location).toMatch(/\?removed=3$/);
    const page = await amira.get(response.headers.location!).expect(200);
    expect(page.text).toContain('3 control characters were removed from the text.');
    expect(page.text).toContain('The minister said on Monday');
  });

  it('accepts pasted text holding U+FFFD, as an upload of the same text is', async () => {
    const pasted = await amira.post('/articles/new').field('text', 'The minister said prices would fall by 3\uFFFD.').expect(303);
    const uploaded = await amira.post('/articles/new').attach('file', Buffer.from('The envoy said talks would resume \uFFFD soon.'), 'a.txt').expect(303);
    for (const response of [pasted, uploaded]) expect(response.headers.location).toMatch(/^\/articles\/[0-9a-f-]{36}$/);
  });

  it('refuses invalid UTF-8, binary files and other file types with 4xx', async () => {
    const latin1 = await amira.post('/articles/new').attach('file', Buffer.from('d\xe9clar\xe9 le ministre', 'latin1'), 'a.txt').expect(400);
    expect(latin1.text).toContain('not valid UTF-8');
    await amira.post('/articles/new').attach('file', Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]), 'a.txt').expect(415);
    await amira.post('/articles/new').attach('file', Buffer.from('%PDF-1.7'), { filename: 'a.pdf', contentType: 'application/pdf' }).expect(415);
    expect(await countClaims()).toBe(0);
  });

  it('answers garbage multipart bodies with 400, not 500', async () => {
    await amira
      .post('/articles/new')
      .set('Content-Type', 'multipart/form-data; boundary=xyz')
      .send('--xyz\r\nContent-Disposition: form-data; name="text"\r\n\r\nunterminated')
      .expect((response) => expect(response.status).toBeGreaterThanOrEqual(400))
      .expect((response) => expect(response.status).toBeLessThan(500));
  });
});

describe('POST /articles/new with a claim limit', () => {
  let limited: TestContext;
  let editor: SignedIn;

  beforeEach(async () => {
    limited = await createTestContext({ MAX_CLAIMS_PER_ARTICLE: '3' });
    editor = await signIn(limited, 'editor', 'Nadia');
  });
  afterEach(() => limited.close());

  it('refuses an article with more claims than the limit with 422, naming both figures and keeping the fields', async () => {
    const text = Array.from({ length: 5 }, (_, i) => `Minister Omar Haddad said that district ${i} would get a new school.`).join('\n');
    const response = await editor.post('/articles/new').field('title', 'Five claims').field('publisher', 'AFP').field('text', text).expect(422);
    expect(response.text).toContain('The article has 5 attributed claims; Isnad takes at most 3 per article.');
    expect(response.text).toContain('value="Five claims"');
    expect(response.text).toContain('district 4 would get a new school');
    expect(await listClaims(limited.db, {}, undefined, 10)).toHaveLength(0);
  });

  it('takes an article at the limit', async () => {
    const text = Array.from({ length: 3 }, (_, i) => `Minister Omar Haddad said that district ${i} would get a new school.`).join('\n');
    await editor.post('/articles/new').field('text', text).expect(303);
    expect(await listClaims(limited.db, {}, undefined, 10)).toHaveLength(3);
  });
});

describe('GET /articles/:id', () => {
  it('answers 404 for an unknown article', async () => {
    await amira.get('/articles/unknown').expect(404);
  });

  it('escapes user text in the title and body', async () => {
    const response = await amira.post('/articles/new').field('title', '<script>alert(1)</script>').field('text', '<img src=x onerror=alert(1)> said nobody.').expect(303);
    const page = await amira.get(response.headers.location!).expect(200);
    expect(page.text).not.toContain('<script>alert(1)</script>');
    expect(page.text).not.toContain('<img src=x');
    expect(page.text).toContain('&lt;script&gt;');
  });
});
