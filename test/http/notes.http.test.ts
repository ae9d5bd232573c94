import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_NOTE_LENGTH } from '../../src/features/notes/note-body.ts';
import { insertNote, listNotes } from '../../src/features/notes/notes.repository.ts';
import { newId } from '../../src/ids.ts';
import { signIn, type SignedIn } from '../support/auth.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';

const HTMX = { 'HX-Request': 'true', 'HX-Request-Type': 'partial' };
const UNRENDERABLE = ['>'.repeat(19_000) + ' a', '1. '.repeat(6_666), '**'.repeat(4_000) + 'a' + '**'.repeat(4_000)];
let context: TestContext;
let claimId: string;
let articleId: string;
let amira: SignedIn;
let editor: SignedIn;

beforeEach(async () => {
  context = await createTestContext();
  amira = await signIn(context, 'reviewer', 'Amira');
  editor = await signIn(context, 'editor', 'Omar');
  const article = await insertTestArticle(context.db);
  articleId = article.id;
  claimId = await insertTestClaim(context.db, { article, start: 0 });
});

/** A share link to the claim's report, as an editor creates it. */
async function share(id: string): Promise<{ path: string }> {
  const response = await editor.post('/shares').set(HTMX).type('form').send({ targetType: 'claim', targetId: id, language: 'en', expiresOn: '' }).expect(201);
  const url = response.text.match(/id="created-share-url"[^>]*value="([^"]+)"/)?.[1];
  if (!url) throw new Error('no share link in the answer');
  return { path: new URL(url).pathname };
}
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

  it('says how long a note may be, and the textarea holds no more', async () => {
    const page = await amira.get(`/claims/${claimId}`).expect(200);
    expect(page.text).toContain('up to 5,000 characters');
    expect(page.text).toContain(`maxlength="${MAX_NOTE_LENGTH}"`);
  });

  it.each(UNRENDERABLE)('refuses a note marked cannot render with 422, keeps the typed text, saves nothing (%#)', async (body) => {
    const fragment = await amira.post(`/claims/${claimId}/notes`).set(HTMX).type('form').send({ body }).expect(422);
    expect(fragment.text).toMatch(/id="note-body-error"[^>]*>[^<]*(characters|nested|emphasis)/);
    expect(fragment.text).toContain(`${body.replace(/>/g, '&gt;')}</textarea>`);
    await amira.post(`/claims/${claimId}/notes`).type('form').send({ body }).expect(422);
    expect(await listNotes(context.db, claimId)).toHaveLength(0);
    await amira.get(`/claims/${claimId}`).expect(200);
  });

  it('keeps the HTML rendered when the note was written, and every page and export shows that HTML', async () => {
    await amira.post(`/claims/${claimId}/notes`).type('form').send({ body: 'The **ministry** denied it.' }).expect(303);
    const [note] = await listNotes(context.db, claimId);
    expect(note!.body_html).toContain('<strong>ministry</strong>');
    await context.db.updateTable('note').set({ body_html: '<p>HTML as stored</p>' }).where('id', '=', note!.id).execute();
    const { path } = await share(claimId);
    for (const url of [`/claims/${claimId}`, `/claims/${claimId}/report`, `/articles/${articleId}/report`, path, `/claims/${claimId}/report.md`, `/articles/${articleId}/report.md`]) {
      const response = await editor.get(url).expect(200);
      expect(response.text, url).toContain('HTML as stored');
      expect(response.text, url).not.toContain('ministry');
    }
  });

  it('never lets a note stored before its HTML was kept make a page fail', async () => {
    for (const body of [...UNRENDERABLE, '_*a'.repeat(6_666)]) {
      await insertNote(context.db, { id: newId(), claim_id: claimId, author: 'Amira', body, body_html: null, created_at: new Date().toISOString(), private: 0 });
    }
    const { path } = await share(claimId);
    for (const url of [`/claims/${claimId}`, `/claims/${claimId}/report`, `/articles/${articleId}/report`, path, `/claims/${claimId}/report.md`, `/articles/${articleId}/report.md`, `${path}.jsonld`]) {
      const response = await editor.get(url);
      expect([200, 422], url).toContain(response.status);
    }
    const page = await editor.get(`/claims/${claimId}`).expect(200);
    expect(page.text).toContain('&gt;&gt;&gt;&gt;');
  });
});
