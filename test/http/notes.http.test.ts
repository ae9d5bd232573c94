import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listNotes } from '../../src/features/notes/notes.repository.ts';
import { signIn, type SignedIn } from '../support/auth.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';

const HTMX = { 'HX-Request': 'true', 'HX-Request-Type': 'partial' };
let context: TestContext;
let claimId: string;
let amira: SignedIn;

beforeEach(async () => {
  context = await createTestContext();
  amira = await signIn(context, 'reviewer', 'Amira');
  claimId = await insertTestClaim(context.db, { article: await insertTestArticle(context.db), start: 0 });
});
afterEach(() => context.close());

describe('POST /claims/:id/notes', () => {
  it('adds a Markdown note and returns the notes section to htmx', async () => {
    const response = await amira
      .post(`/claims/${claimId}/notes`)
      .set(HTMX)
      .type('form')
      .send({ body: 'The **ministry** [denied it](https://example.gov/denial).' })
      .expect(200);
    expect(response.text.trim()).toMatch(/^<section id="notes"/);
    expect(response.text).toContain('<strong>ministry</strong>');
    expect(response.text).toContain('rel="nofollow noopener noreferrer ugc"');
    expect(response.text).toContain('<bdi>Amira</bdi>');
    expect(response.text).toMatch(/<div class="note-body" dir="auto" hx-ignore>/);
  });

  it('strips scripts, handlers, javascript links and htmx attributes from notes', async () => {
    const body = '<script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1)) <div data-hx-post="/claims" hx-trigger="load">y</div>';
    await amira.post(`/claims/${claimId}/notes`).type('form').send({ body }).expect(303);
    const page = await amira.get(`/claims/${claimId}`).expect(200);
    const notes = page.text.slice(page.text.indexOf('<section id="notes"'));
    expect(notes).not.toMatch(/<script|onerror|href="javascript:|data-hx-post|hx-trigger="load"/);
    expect(await listNotes(context.db, claimId)).toHaveLength(1);
  });

  it('refuses an empty note with 422, in the fragment and in the full page', async () => {
    const fragment = await amira.post(`/claims/${claimId}/notes`).set(HTMX).type('form').send({ body: '   ' }).expect(422);
    expect(fragment.text).toContain('Write a note before saving it.');
    expect(fragment.text).not.toContain('<html');
    const page = await amira.post(`/claims/${claimId}/notes`).type('form').send({ body: '' }).expect(422);
    expect(page.text).toContain('<html');
    expect(page.text).toContain('Write a note before saving it.');
  });

  it('keeps the text of a refused note', async () => {
    const body = `${'x'.repeat(20_001)}<b>`;
    const response = await amira.post(`/claims/${claimId}/notes`).set(HTMX).type('form').send({ body }).expect(422);
    expect(response.text).toContain(`${'x'.repeat(20_001)}&lt;b&gt;</textarea>`);
  });

  it('answers 404 for an unknown claim', async () => {
    await amira.post('/claims/unknown/notes').type('form').send({ body: 'note' }).expect(404);
  });

  it('marks a note private when the box is ticked, tags it on the claim page, and keeps the box ticked when refused', async () => {
    await amira.post(`/claims/${claimId}/notes`).type('form').send({ body: 'Called the ministry press office.', private: '1' }).expect(303);
    await amira.post(`/claims/${claimId}/notes`).type('form').send({ body: 'Public reasoning.' }).expect(303);
    const notes = await listNotes(context.db, claimId);
    expect(notes.map((note) => [note.body, note.private])).toEqual([
      ['Called the ministry press office.', 1],
      ['Public reasoning.', 0],
    ]);
    const page = await amira.get(`/claims/${claimId}`).expect(200);
    const section = page.text.slice(page.text.indexOf('<section id="notes"'));
    expect(section.match(/class="tag private-tag">private</g)).toHaveLength(1);
    const refused = await amira.post(`/claims/${claimId}/notes`).set(HTMX).type('form').send({ body: ' ', private: '1' }).expect(422);
    expect(refused.text).toContain('name="private" value="1" checked');
  });
});
