import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signIn, type SignedIn } from '../support/auth.ts';
import { createTestContext, ingestSeed, type TestContext } from '../support/context.ts';

const HTMX = { 'HX-Request': 'true', 'HX-Request-Type': 'partial' };
const TITLE = 'آفاق التعاون العسكري بين موسكو وباريس';

let context: TestContext;
let amira: SignedIn;
let omar: SignedIn;
let articleId: string;
let claimIds: string[];

beforeEach(async () => {
  context = await createTestContext();
  amira = await signIn(context, 'editor', 'Amira');
  omar = await signIn(context, 'reviewer', 'Omar');
  articleId = (await ingestSeed(context)).article.id;
  claimIds = (await context.db.selectFrom('claim').select('id').where('article_id', '=', articleId).orderBy('start_offset').execute()).map((row) => row.id);
});
afterEach(() => context.close());

const NEW_TITLE = 'موسكو وباريس: عنوان مصحح';
const EDIT = { title: NEW_TITLE, language: 'ar', publisher: 'Sputnik Arabic', sourceUrl: 'https://arabic.example/article', publishedAt: '2026-11-20' };

function deskEvents(action: string) {
  return context.db.selectFrom('desk_event').selectAll().where('action', '=', action).orderBy('created_at').execute();
}

async function articleVersion(): Promise<number> {
  return (await context.db.selectFrom('article').select('version').where('id', '=', articleId).executeTakeFirstOrThrow()).version;
}

describe('who may correct an article', () => {
  it('refuses viewers and reviewers with 403 naming editors and admins, and lets editors and admins in', async () => {
    const vera = await signIn(context, 'viewer', 'Vera');
    for (const user of [vera, omar]) {
      for (const path of ['edit', 'delete']) expect((await user.get(`/articles/${articleId}/${path}`).expect(403)).text).toContain('This action is for editors and admins');
      for (const path of ['edit', 'delete', 'reextract']) await user.post(`/articles/${articleId}/${path}`).type('form').send({ ...EDIT, version: '1' }).expect(403);
      const page = await user.get(`/articles/${articleId}`).expect(200);
      expect(page.text).not.toContain(`/articles/${articleId}/edit`);
      expect(page.text).not.toContain(`/articles/${articleId}/reextract`);
    }
    expect(await articleVersion()).toBe(1);
    expect(await context.db.selectFrom('desk_event').selectAll().execute()).toEqual([]);
    const admin = await signIn(context, 'admin', 'Layla');
    for (const user of [amira, admin]) await user.get(`/articles/${articleId}/edit`).expect(200);
    expect((await amira.get(`/articles/${articleId}`).expect(200)).text).toContain(`action="/articles/${articleId}/reextract"`);
  });

  it('answers 404 for an unknown article on every route', async () => {
    for (const path of ['edit', 'delete']) await amira.get(`/articles/nope/${path}`).expect(404);
    for (const path of ['edit', 'delete', 'reextract']) await amira.post(`/articles/nope/${path}`).type('form').send({ ...EDIT, version: '1' }).expect(404);
    await amira.get(`/articles/${articleId}/reextractions/nope`).expect(404);
  });
});

describe('editing an article', () => {
  it('offers the current values and the version, and saves a plain form with a redirect and one desk event', async () => {
    const form = await amira.get(`/articles/${articleId}/edit`).expect(200);
    expect(form.text).toContain(`value="${TITLE}"`);
    expect(form.text).toContain('value="Sputnik"');
    expect(form.text).toContain('name="version" value="1"');
    expect(form.text).not.toContain('name="text"');

    const saved = await amira.post(`/articles/${articleId}/edit`).type('form').send({ ...EDIT, version: '1' }).expect(303);
    expect(saved.headers.location).toBe(`/articles/${articleId}?edited=4`);
    const page = await amira.get(saved.headers.location!).expect(200);
    expect(page.text).toContain('The article was corrected.');
    expect(page.text).toContain(`<h1 lang="ar" dir="rtl">${NEW_TITLE}</h1>`);
    expect(page.text).toContain('published by <bdi class="article-publisher">Sputnik Arabic</bdi>');
    expect(page.text).toContain('href="https://arabic.example/article"');
    expect(await articleVersion()).toBe(2);

    const [event] = await deskEvents('article.edit');
    expect(event).toMatchObject({ actor: 'Amira', target_type: 'article', target_id: articleId });
    expect(JSON.parse(event!.before_json!)).toEqual({ title: TITLE, publisher: 'Sputnik', sourceUrl: null, publishedAt: null });
    expect(JSON.parse(event!.after_json!)).toEqual({ title: NEW_TITLE, publisher: 'Sputnik Arabic', sourceUrl: EDIT.sourceUrl, publishedAt: '2026-11-20T00:00:00.000Z' });
    expect(event!.summary).toBe(`edited the title, publisher, source URL, publication date of «${TITLE}»`);
  });

  it('records only the fields that changed, and nothing when nothing changed', async () => {
    const unchanged = { title: TITLE, language: 'ar', publisher: 'sputnik', sourceUrl: '', publishedAt: '' };
    expect((await amira.post(`/articles/${articleId}/edit`).type('form').send({ ...unchanged, version: '1' }).expect(303)).headers.location).toBe(`/articles/${articleId}?edited=0`);
    expect(await deskEvents('article.edit')).toEqual([]);
    expect(await articleVersion()).toBe(1);
    await amira.post(`/articles/${articleId}/edit`).type('form').send({ ...unchanged, language: 'en', version: '1' }).expect(303);
    const [event] = await deskEvents('article.edit');
    expect(JSON.parse(event!.before_json!)).toEqual({ language: 'ar' });
    expect(JSON.parse(event!.after_json!)).toEqual({ language: 'en' });
    expect(event!.summary).toBe(`edited the language of «${TITLE}»`);
  });

  it('answers htmx with the article header in place', async () => {
    const form = await amira.get(`/articles/${articleId}/edit`).set(HTMX).expect(200);
    expect(form.text).not.toContain('<html');
    expect(form.text).toContain(`hx-post="/articles/${articleId}/edit"`);
    const header = await amira.post(`/articles/${articleId}/edit`).set(HTMX).type('form').send({ ...EDIT, version: '1' }).expect(200);
    expect(header.text).not.toContain('<html');
    expect(header.text).toContain('id="article-header"');
    expect(header.text).toContain(NEW_TITLE);
    expect(header.text).toContain('The article was corrected.');
  });

  it('re-renders invalid input with 422 and messages, keeping what was typed, escaped', async () => {
    const typed = { title: '   ', language: 'de', publisher: '<script>alert(1)</script>', sourceUrl: 'javascript:alert(1)', publishedAt: 'not a date', version: '1' };
    const response = await amira.post(`/articles/${articleId}/edit`).type('form').send(typed).expect(422);
    expect(response.text).toContain('Give the article a title.');
    expect(response.text).toContain('Choose Arabic, English or French.');
    expect(response.text).toContain('The source URL must start with http:// or https://.');
    expect(response.text).toContain('The publication date is not a valid date.');
    expect(response.text).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(response.text).not.toContain('<script>alert(1)');
    expect(response.text).toContain('value="javascript:alert(1)"');
    expect(response.text).not.toContain('href="javascript:');
    const fragment = await amira.post(`/articles/${articleId}/edit`).set(HTMX).type('form').send(typed).expect(422);
    expect(fragment.text).not.toContain('<html');
    expect(fragment.text).toContain('Give the article a title.');
    await amira.post(`/articles/${articleId}/edit`).type('form').send({}).expect(422);
    expect(await articleVersion()).toBe(1);
    expect(await deskEvents('article.edit')).toEqual([]);
  });

  it('refuses a form made before another edit with 409, showing the current values and keeping the typed ones', async () => {
    await omar.get('/');
    const admin = await signIn(context, 'admin', 'Layla');
    await admin.post(`/articles/${articleId}/edit`).type('form').send({ ...EDIT, title: 'Changed by Layla', version: '1' }).expect(303);
    const response = await amira.post(`/articles/${articleId}/edit`).type('form').send({ ...EDIT, title: 'Amira’s title', version: '1' }).expect(409);
    expect(response.text).toContain('The article was changed by someone else since this form was opened.');
    expect(response.text).toContain('Title: <bdi>Changed by Layla</bdi>');
    expect(response.text).toContain('value="Amira’s title"');
    expect(response.text).toContain('name="version" value="2"');
    const fragment = await amira.post(`/articles/${articleId}/edit`).set(HTMX).type('form').send({ ...EDIT, title: 'Amira’s title', version: '1' }).expect(409);
    expect(fragment.text).not.toContain('<html');
    for (const version of ['abc', '', '-1', '1e3']) await amira.post(`/articles/${articleId}/edit`).type('form').send({ ...EDIT, version }).expect(409);
    await amira.post(`/articles/${articleId}/edit`).type('form').send({ ...EDIT, title: 'Amira’s title', version: '2' }).expect(303);
    expect((await deskEvents('article.edit')).map((event) => event.actor)).toEqual(['Layla', 'Amira']);
  });
});

describe('deleting an article', () => {
  async function reviewSome(): Promise<string> {
    await omar.post(`/claims/${claimIds[0]}/status`).type('form').send({ status: 'false', version: '1' }).expect(303);
    await omar.post(`/claims/${claimIds[1]}/attribution`).type('form').send({ attributionStatus: 'verbatim', version: '1' }).expect(303);
    await omar.post(`/claims/${claimIds[1]}/notes`).type('form').send({ body: 'Checked against the interview.' }).expect(303);
    await omar.post(`/claims/${claimIds[2]}/notes`).type('form').send({ body: 'Second note.' }).expect(303);
    const shared = await amira.post('/shares').set(HTMX).type('form').send({ targetType: 'claim', targetId: claimIds[0], language: 'en', expiresOn: '' }).expect(201);
    const url = shared.text.match(/id="created-share-url"[^>]*value="([^"]+)"/)?.[1];
    return new URL(url!).pathname;
  }

  it('asks for confirmation naming the claims, verdicts and notes that go with it', async () => {
    await reviewSome();
    const page = await amira.get(`/articles/${articleId}/delete`).expect(200);
    expect(page.text).toContain(`<strong>${claimIds.length} claims</strong>`);
    expect(page.text).toContain('<strong>2 claims with a verdict</strong>');
    expect(page.text).toContain('<strong>2 notes</strong>');
    expect(page.text).toContain(`action="/articles/${articleId}/delete"`);
    expect(page.text).toContain('name="version" value="1"');
    expect(page.text).toContain('name="_csrf"');
  });

  it('deletes it with its claims, then says so on the article list; nothing left behind answers 500', async () => {
    const sharePath = await reviewSome();
    const response = await amira.post(`/articles/${articleId}/delete`).type('form').send({ version: '1' }).expect(303);
    expect(response.headers.location).toMatch(/^\/articles\?deleted=[0-9a-f-]{36}$/);
    const list = await amira.get(response.headers.location!).expect(200);
    expect(list.text).toContain(`<bdi>Amira</bdi> deleted «<bdi>${TITLE}</bdi>» with ${claimIds.length} claims, 2 verdicts and 2 notes.`);
    const arabic = await amira.get(response.headers.location!).set('Accept-Language', 'ar').expect(200);
    expect(arabic.text).toContain(`حذف <bdi>Amira</bdi> «<bdi>${TITLE}</bdi>» مع ${claimIds.length} ادعاءً وحكمين وملاحظتين.`);
    expect(list.text).toContain('No article yet.');
    await amira.get(`/articles/${articleId}`).expect(404);
    await amira.get(`/articles/${articleId}/report`).expect(404);
    await amira.get(`/claims/${claimIds[0]}`).expect(404);
    await amira.get(`/claims/${claimIds[0]}/report`).expect(404);
    await request(context.app).get(sharePath).expect(410);
    await amira.get(`/?article=${articleId}`).expect(200);
    await amira.get('/').expect(200);
    await amira.get('/articles?deleted=not-an-id').expect(200);

    const activity = await amira.get('/activity').expect(200);
    expect(activity.text).toContain('Article deleted');
    expect(activity.text).toContain('the article no longer exists');
    expect(activity.text).toContain('on a claim since deleted');
    expect(activity.text).toContain('added a note');
    const [event] = await deskEvents('article.delete');
    expect(JSON.parse(event!.before_json!)).toMatchObject({ title: TITLE, claims: claimIds.length, verdicts: 2, notes: 2 });
  });

  it('refuses a confirmation made before a change with 409 and the current figures', async () => {
    await amira.post(`/articles/${articleId}/reextract`).type('form').send({}).expect(303);
    const response = await amira.post(`/articles/${articleId}/delete`).type('form').send({ version: '1' }).expect(409);
    expect(response.text).toContain('The article was changed by someone else since this form was opened.');
    expect(response.text).toContain('name="version" value="2"');
    await amira.post(`/articles/${articleId}/delete`).type('form').send({ version: 'garbage' }).expect(409);
    await amira.get(`/articles/${articleId}`).expect(200);
  });
});

describe('re-extracting an article', () => {
  it('redirects a plain form to a summary page that an unchanged article shows as a no-op', async () => {
    await omar.post(`/claims/${claimIds[0]}/status`).type('form').send({ status: 'false', version: '1' }).expect(303);
    const response = await amira.post(`/articles/${articleId}/reextract`).type('form').send({}).expect(303);
    expect(response.headers.location).toMatch(new RegExp(`^/articles/${articleId}/reextractions/[0-9a-f-]{36}$`));
    const summary = await omar.get(response.headers.location!).expect(200);
    expect(summary.text).toContain(`0 added, 0 removed, ${claimIds.length} kept (1 reviewed), 0 updated`);
    expect(summary.text).toContain('By <bdi>Amira</bdi>');
    expect(await articleVersion()).toBe(2);
    const activity = await amira.get('/activity').expect(200);
    expect(activity.text).toContain('Article re-extracted');
    expect(activity.text).toContain(`href="/articles/${articleId}"`);
  });

  it('answers htmx with the summary fragment and tells the claim list to refresh', async () => {
    await context.db.deleteFrom('attribution_hop').where('claim_id', '=', claimIds[0]!).execute();
    const removed = await context.db.selectFrom('claim').select('text').where('id', '=', claimIds[0]!).executeTakeFirstOrThrow();
    await context.db.deleteFrom('claim').where('id', '=', claimIds[0]!).execute();
    await context.db.updateTable('claim').set({ cue: 'older cue' }).where('id', '=', claimIds[1]!).execute();
    const delivered: string[] = [];
    const unsubscribe = context.notifier.subscribe((ids) => delivered.push(...ids));
    const response = await amira.post(`/articles/${articleId}/reextract`).set(HTMX).type('form').send({}).expect(200);
    expect(response.headers['hx-trigger']).toBe('claims:resync');
    expect(response.text).not.toContain('<html');
    expect(response.text).toContain(`1 added, 0 removed, ${claimIds.length - 1} kept (0 reviewed), 1 updated`);
    expect(response.text).toContain(removed.text.slice(0, 20));
    // Open dashboards refresh the row whose cue, speaker or chain the engine changed.
    await vi.waitFor(() => expect(delivered).toEqual([claimIds[1]]), { timeout: 2000, interval: 10 });
    unsubscribe();
  });
});

describe('activity', () => {
  it('lists desk events beside claim events, newest first, filtered by user and day, across pages', async () => {
    await omar.post(`/claims/${claimIds[0]}/status`).type('form').send({ status: 'false', version: '1' }).expect(303);
    await amira.post(`/articles/${articleId}/edit`).type('form').send({ ...EDIT, title: 'Title <b>bold</b>', version: '1' }).expect(303);
    await omar.post(`/claims/${claimIds[1]}/notes`).type('form').send({ body: 'A note.' }).expect(303);
    await amira.post(`/articles/${articleId}/edit`).type('form').send({ ...EDIT, title: 'Title <b>bold</b>', language: 'en', version: '2' }).expect(303);
    const all = await amira.get('/activity').expect(200);
    const order = ['edited the language of', 'added a note', 'edited the title,', 'changed the status'].map((text) => all.text.indexOf(text));
    expect(order.every((index) => index > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(all.text).toContain('edited the language of «<bdi>Title &lt;b&gt;bold&lt;/b&gt;</bdi>»');
    expect(all.text).not.toContain('<b>bold</b>');
    expect(all.text.match(/Article edited/g)).toHaveLength(2);
    const lineIds = (html: string) => [...html.matchAll(/<li(?: class="desk-event")?>\s*<time datetime="([^"]+)"[^>]*>[\s\S]*?<\/li>/g)].map((match) => match[0]);
    const everyLine = lineIds(all.text);
    expect(everyLine).toHaveLength(4);
    for (const limit of [1, 2, 3]) {
      const lines: string[] = [];
      let next: string | undefined = '/activity';
      context.config.pageSize = limit;
      for (let guard = 0; next && guard < 10; guard += 1) {
        const page: { text: string } = await amira.get(next).expect(200);
        lines.push(...lineIds(page.text));
        next = page.text.match(/<a rel="next" href="([^"]+)"/)?.[1]?.replace(/&amp;/g, '&');
      }
      expect(lines).toEqual(everyLine);
    }

    const amiraId = (await context.db.selectFrom('app_user').select('id').where('name', '=', 'Amira').executeTakeFirstOrThrow()).id;
    const byAmira = await amira.get(`/activity?user=${amiraId}`).expect(200);
    expect(byAmira.text).toContain('Article edited');
    expect(byAmira.text).not.toContain('added a note');
    const past = await amira.get('/activity?from=2001-01-01&to=2001-01-02').expect(200);
    expect(past.text).not.toContain('Article edited');
  });
});
