import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findClaimById, listReviewEvents } from '../../src/features/claims/claims.repository.ts';
import { findSpeakerById, insertSpeakerAliases, listSpeakerAliases } from '../../src/features/speakers/speakers.repository.ts';
import { findOrCreateSpeaker } from '../../src/features/speakers/speakers.service.ts';
import { signIn, type SignedIn } from '../support/auth.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';

const HTMX = { 'HX-Request': 'true', 'HX-Request-Type': 'partial' };

let context: TestContext;
let editor: SignedIn;
let reviewer: SignedIn;
let viewer: SignedIn;
let delanoeClaims: string[];
let junkClaim: string;
let delanoe: string;
let junk: string;

beforeEach(async () => {
  context = await createTestContext();
  editor = await signIn(context, 'editor', 'Amira');
  reviewer = await signIn(context, 'reviewer', 'Omar');
  viewer = await signIn(context, 'viewer', 'Vera');
  const article = await insertTestArticle(context.db, { title: 'مقال', language: 'ar' });
  delanoeClaims = [
    await insertTestClaim(context.db, { article, start: 0, speaker: 'إيغور ديلانويه', text: 'أول تصريح' }),
    await insertTestClaim(context.db, { article, start: 20, speaker: 'إيغور ديلانويه', text: 'ثاني تصريح' }),
  ];
  junkClaim = await insertTestClaim(context.db, { article, start: 40, speaker: 'ديلانويه', text: 'ثالث تصريح' });
  delanoe = (await findClaimById(context.db, delanoeClaims[0]!))!.speaker_id!;
  junk = (await findClaimById(context.db, junkClaim))!.speaker_id!;
});

afterEach(() => context.close());

/** The edit form as the page shows it for a speaker, with some fields changed. */
async function editForm(speakerId: string, changes: Record<string, string>): Promise<Record<string, string>> {
  const speaker = (await findSpeakerById(context.db, speakerId))!;
  const aliases = await listSpeakerAliases(context.db, speakerId);
  const current = { name: speaker.name, latinName: speaker.latin_name ?? '', role: speaker.role ?? '', kind: speaker.kind, aliases: aliases.join('\n') };
  const seen = Object.fromEntries(Object.entries(current).map(([key, value]) => [`seen_${key}`, value]));
  return { ...current, ...seen, ...changes };
}

describe('editing a speaker', () => {
  it('shows the edit and merge forms to editors only', async () => {
    const page = await editor.get(`/speakers/${delanoe}`).expect(200);
    expect(page.text).toContain(`action="/speakers/${delanoe}/edit"`);
    expect(page.text).toContain(`action="/speakers/${delanoe}/merge"`);
    for (const user of [viewer, reviewer]) {
      const seen = await user.get(`/speakers/${delanoe}`).expect(200);
      expect(seen.text).toContain('<h1 dir="auto"><bdi>إيغور ديلانويه</bdi></h1>');
      expect(seen.text).not.toContain('/edit"');
      expect(seen.text).not.toContain('/merge"');
    }
  });

  it('saves name, Latin name, role, kind and aliases without JavaScript, and records a desk event', async () => {
    await editor.post(`/speakers/${delanoe}/aliases`).expect(404);
    const form = await editForm(delanoe, { latinName: 'Igor Delanoë', role: 'خبير في المرصد الفرنسي الروسي', kind: 'person', aliases: 'ديلانويه\nالخبير الفرنسي' });
    const response = await editor.post(`/speakers/${delanoe}/edit`).type('form').send(form).expect(303);
    expect(response.headers.location).toBe(`/speakers/${delanoe}`);
    const speaker = (await findSpeakerById(context.db, delanoe))!;
    expect(speaker).toMatchObject({ latin_name: 'Igor Delanoë', role: 'خبير في المرصد الفرنسي الروسي', kind: 'person' });
    expect(await listSpeakerAliases(context.db, delanoe)).toEqual(['Igor Delanoë', 'الخبير الفرنسي', 'ديلانويه']);
    const events = await context.db.selectFrom('desk_event').selectAll().where('target_id', '=', delanoe).execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'speaker.edit', target_type: 'speaker', actor: 'Amira' });
    expect(events[0]!.summary).toContain('added aliases «ديلانويه», «الخبير الفرنسي»');
    expect(JSON.parse(events[0]!.after_json!)).toMatchObject({ latinName: 'Igor Delanoë' });
    const page = await viewer.get(`/speakers/${delanoe}`).expect(200);
    expect(page.text).toContain('Igor Delanoë');
    expect(page.text).toContain('<li class="chip" dir="auto"><bdi>الخبير الفرنسي</bdi></li>');
  });

  it('keeps answering to its old name and to its Latin name: filters and suggestions find it by either', async () => {
    const form = await editForm(delanoe, { name: 'إيغور ديلانوي', latinName: 'Igor Delanoë' });
    await editor.post(`/speakers/${delanoe}/edit`).type('form').send(form).expect(303);
    expect(await listSpeakerAliases(context.db, delanoe)).toEqual(expect.arrayContaining(['إيغور ديلانويه', 'Igor Delanoë']));
    const suggested = await viewer.get('/speakers/suggest').query({ q: 'igor' }).set('Accept', 'application/json').expect(200);
    expect(suggested.body.map((s: { id: string }) => s.id)).toContain(delanoe);
    const filtered = await viewer.get('/').query({ speaker: 'إيغور ديلانويه' }).expect(200);
    expect(filtered.text).toContain('أول تصريح');
  });

  it('answers htmx with the profile fragment', async () => {
    const form = await editForm(delanoe, { name: 'Igor Delanoë' });
    const response = await editor.post(`/speakers/${delanoe}/edit`).set(HTMX).type('form').send(form).expect(200);
    expect(response.text.trim()).toMatch(/^<section id="speaker-profile"/);
    expect(response.text).toContain('<h1 dir="auto"><bdi>Igor Delanoë</bdi></h1>');
    expect(response.text).toContain('Saved.');
    expect(response.text).not.toContain('<html');
  });

  it('removes an alias deleted from the box, and keeps one added meanwhile', async () => {
    await insertSpeakerAliases(context.db, delanoe, [{ alias: 'الخبير', normalizedAlias: 'الخبير' }]);
    const form = await editForm(delanoe, { aliases: '' });
    await insertSpeakerAliases(context.db, delanoe, [{ alias: 'ديلانوي', normalizedAlias: 'ديلانوي' }]);
    await editor.post(`/speakers/${delanoe}/edit`).type('form').send(form).expect(303);
    expect(await listSpeakerAliases(context.db, delanoe)).toEqual(['ديلانوي']);
  });

  it('refuses viewers and reviewers with 403, naming who may', async () => {
    const form = await editForm(delanoe, { name: 'Changed' });
    for (const user of [viewer, reviewer]) {
      const response = await user.post(`/speakers/${delanoe}/edit`).type('form').send(form).expect(403);
      expect(response.text).toContain('editors and admins');
    }
    expect((await findSpeakerById(context.db, delanoe))!.name).toBe('إيغور ديلانويه');
  });

  it('answers 404 for an unknown speaker', async () => {
    await editor.get('/speakers/00000000-0000-0000-0000-000000000000').expect(404);
    await editor.post('/speakers/00000000-0000-0000-0000-000000000000/edit').type('form').send({ name: 'x', kind: 'person' }).expect(404);
    await editor.post('/speakers/nonsense/merge').type('form').send({ into: 'x' }).expect(404);
  });

  it('re-renders an invalid form with 422, its messages and what was typed', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ name: '   ', role: 'typed role' }, 'Enter the speaker’s name.'],
      [{ name: 'x'.repeat(201), role: 'typed role' }, 'A name is at most 200 characters.'],
      [{ kind: 'robot', role: 'typed role' }, 'Choose a kind'],
    ];
    for (const [changes, message] of cases) {
      const page = await editor.post(`/speakers/${delanoe}/edit`).type('form').send(await editForm(delanoe, changes)).expect(422);
      expect(page.text).toContain(message);
      expect(page.text).toContain('value="typed role"');
      expect(page.text).toMatch(/^<!doctype html>/);
      const fragment = await editor.post(`/speakers/${delanoe}/edit`).set(HTMX).type('form').send(await editForm(delanoe, changes)).expect(422);
      expect(fragment.text.trim()).toMatch(/^<section id="speaker-profile"/);
      expect(fragment.text).toContain(message);
    }
    expect((await findSpeakerById(context.db, delanoe))!.role).toBeNull();
  });

  it('refuses a name another speaker has with 422, pointing to merge', async () => {
    const response = await editor.post(`/speakers/${junk}/edit`).type('form').send(await editForm(junk, { name: 'ايغور ديلانويه' })).expect(422);
    expect(response.text).toContain('Another speaker is already called «<bdi>إيغور ديلانويه</bdi>»');
  });

  it('refuses a stale edit with 409, showing the current values and keeping the typed ones', async () => {
    const stale = await editForm(delanoe, { role: 'my typed role' });
    await editor.post(`/speakers/${delanoe}/edit`).type('form').send(await editForm(delanoe, { name: 'Igor Delanoë' })).expect(303);
    const page = await editor.post(`/speakers/${delanoe}/edit`).type('form').send(stale).expect(409);
    expect(page.text).toContain('Someone changed this speaker while you were editing it');
    expect(page.text).toContain('<h1 dir="auto"><bdi>Igor Delanoë</bdi></h1>');
    expect(page.text).toContain('value="my typed role"');
    expect(page.text).toContain('name="seen_name" value="Igor Delanoë"');
    const fragment = await editor.post(`/speakers/${delanoe}/edit`).set(HTMX).type('form').send(stale).expect(409);
    expect(fragment.text).toContain('value="my typed role"');
    expect((await findSpeakerById(context.db, delanoe))!.role).toBeNull();
  });

  it('never answers 500 to garbage, and escapes what was typed', async () => {
    await editor.post(`/speakers/${delanoe}/edit`).type('form').send('name[a]=1&name[b]=2&kind=person').expect(422);
    await editor.post(`/speakers/${delanoe}/edit`).type('form').send({}).expect(422);
    const xss = await editor
      .post(`/speakers/${delanoe}/edit`)
      .type('form')
      .send(await editForm(delanoe, { name: '<script>alert(1)</script>', kind: 'robot' }))
      .expect(422);
    expect(xss.text).not.toContain('<script>alert(1)</script>');
    expect(xss.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('merging speakers', () => {
  it('asks for confirmation, then moves the claims, and the old page redirects', async () => {
    const confirm = await editor.post(`/speakers/${junk}/merge`).type('form').send({ into: 'ايغور ديلانويه' }).expect(200);
    expect(confirm.text).toContain('id="merge-confirmation"');
    expect(confirm.text).toContain(`name="intoId" value="${delanoe}"`);
    expect((await findClaimById(context.db, junkClaim))!.speaker_id).toBe(junk);

    const merged = await editor.post(`/speakers/${junk}/merge`).type('form').send({ intoId: delanoe, confirm: '1' }).expect(303);
    expect(merged.headers.location).toBe(`/speakers/${delanoe}`);
    expect((await findClaimById(context.db, junkClaim))!.speaker_id).toBe(delanoe);
    expect((await findSpeakerById(context.db, junk))!.merged_into).toBe(delanoe);
    expect(await listSpeakerAliases(context.db, delanoe)).toContain('ديلانويه');
    const [event] = await listReviewEvents(context.db, junkClaim);
    expect(event).toMatchObject({ field: 'speaker', from_value: 'ديلانويه', to_value: 'إيغور ديلانويه', actor: 'Amira' });

    const redirect = await viewer.get(`/speakers/${junk}`).expect(301);
    expect(redirect.headers.location).toBe(`/speakers/${delanoe}`);
    const target = await viewer.get(`/speakers/${delanoe}`).expect(200);
    expect(target.text).toContain(`id="claim-${junkClaim}"`);
    expect(target.text).toContain('3 claims');
  });

  it('answers htmx with the confirmation panel, then an HX-Redirect', async () => {
    const confirm = await editor.post(`/speakers/${junk}/merge`).set(HTMX).type('form').send({ into: 'إيغور ديلانويه' }).expect(200);
    expect(confirm.text.trim()).toMatch(/^<section id="speaker-merge"/);
    const merged = await editor.post(`/speakers/${junk}/merge`).set(HTMX).type('form').send({ intoId: delanoe, confirm: '1' }).expect(204);
    expect(merged.headers['hx-redirect']).toBe(`/speakers/${delanoe}`);
  });

  it('refuses viewers and reviewers with 403', async () => {
    for (const user of [viewer, reviewer]) {
      await user.post(`/speakers/${junk}/merge`).type('form').send({ intoId: delanoe, confirm: '1' }).expect(403);
    }
    expect((await findSpeakerById(context.db, junk))!.merged_into).toBeNull();
  });

  it('refuses a merge into itself, into a merged record or into nobody with 422, keeping the typed name', async () => {
    const itself = await editor.post(`/speakers/${junk}/merge`).type('form').send({ into: 'ديلانويه', confirm: '1' }).expect(422);
    expect(itself.text).toContain('cannot be merged into itself');
    const nobody = await editor.post(`/speakers/${junk}/merge`).type('form').send({ into: 'Nobody at all' }).expect(422);
    expect(nobody.text).toContain('No speaker named «<bdi>Nobody at all</bdi>»');
    expect(nobody.text).toContain('value="Nobody at all"');
    const third = await findOrCreateSpeaker(context.db, { name: 'Third', aliases: [], unnamed: false });
    await editor.post(`/speakers/${third.id}/merge`).type('form').send({ intoId: delanoe, confirm: '1' }).expect(303);
    const intoMerged = await editor.post(`/speakers/${junk}/merge`).set(HTMX).type('form').send({ intoId: third.id, confirm: '1' }).expect(422);
    expect(intoMerged.text).toContain('has itself been merged');
    await editor.post(`/speakers/${junk}/merge`).type('form').send({ intoId: 'garbage', confirm: '1' }).expect(422);
    expect((await findSpeakerById(context.db, junk))!.merged_into).toBeNull();
  });

  it('refuses to merge or edit a speaker merged meanwhile with 409', async () => {
    const form = await editForm(junk, { role: 'x' });
    await editor.post(`/speakers/${junk}/merge`).type('form').send({ intoId: delanoe, confirm: '1' }).expect(303);
    const again = await editor.post(`/speakers/${junk}/merge`).type('form').send({ intoId: delanoe, confirm: '1' }).expect(409);
    expect(again.text).toContain('already been merged');
    await editor.post(`/speakers/${junk}/edit`).type('form').send(form).expect(409);
  });
});

describe('speaker suggestions', () => {
  it('offers matching names and aliases as datalist options, most claims first', async () => {
    await insertSpeakerAliases(context.db, junk, [{ alias: 'Delanoe', normalizedAlias: 'delanoe' }]);
    // Names that start with what was typed come first, then names that contain it.
    const response = await viewer.get('/speakers/suggest?q=ديلا').expect(200);
    expect(response.text.match(/<option value="[^"]+">/g)).toEqual(['<option value="ديلانويه">', '<option value="إيغور ديلانويه">']);
    const contains = await viewer.get(`/speakers/suggest?q=${encodeURIComponent('ويه')}`).expect(200);
    expect(contains.text.match(/<option value="[^"]+">/g)).toEqual(['<option value="إيغور ديلانويه">', '<option value="ديلانويه">']);
    const byAlias = await viewer.get('/speakers/suggest?q=DELANO').expect(200);
    expect(byAlias.text).toContain('<option value="ديلانويه">1 claim</option>');
    const json = await viewer.get(`/speakers/suggest?q=${encodeURIComponent('ايغور')}`).set('Accept', 'application/json').expect(200);
    expect(json.body).toEqual([{ id: delanoe, name: 'إيغور ديلانويه', claims: 2 }]);
    expect(response.headers.vary).toMatch(/Accept/);
  });

  it('reads the value htmx sends under the field’s own name, and limits the answer', async () => {
    const article = await insertTestArticle(context.db);
    for (let n = 0; n < 25; n++) await insertTestClaim(context.db, { article, start: n * 20, speaker: `Speaker ${String(n).padStart(2, '0')}` });
    const byField = await viewer.get('/speakers/suggest?speaker=speaker').expect(200);
    expect(byField.text.match(/<option /g)).toHaveLength(20);
    const limited = await viewer.get('/speakers/suggest?q=speaker&limit=3').set('Accept', 'application/json').expect(200);
    expect(limited.body).toHaveLength(3);
  });

  it('never offers merged speakers or speakers without claims, and nothing for an empty query', async () => {
    await findOrCreateSpeaker(context.db, { name: 'ديلانويه الآخر', aliases: [], unnamed: false });
    await editor.post(`/speakers/${junk}/merge`).type('form').send({ intoId: delanoe, confirm: '1' }).expect(303);
    const response = await viewer.get('/speakers/suggest?q=ديلانويه').set('Accept', 'application/json').expect(200);
    expect(response.body).toEqual([{ id: delanoe, name: 'إيغور ديلانويه', claims: 3 }]);
    expect((await viewer.get('/speakers/suggest?q=').expect(200)).text.trim()).toBe('');
    expect((await viewer.get('/speakers/suggest?q=%25').set('Accept', 'application/json').expect(200)).body).toEqual([]);
    expect((await viewer.get('/speakers/suggest?q=_').set('Accept', 'application/json').expect(200)).body).toEqual([]);
    await viewer.get('/speakers/suggest?q[a]=1').expect(200);
    // Left without claims, a speaker is no longer suggested, but its page still answers.
    const silent = await findOrCreateSpeaker(context.db, { name: 'Silent', aliases: [], unnamed: false });
    expect((await viewer.get('/speakers/suggest?q=silent').expect(200)).text.trim()).toBe('');
    await viewer.get(`/speakers/${silent.id}`).expect(200);
  });
});

describe('the dashboard speaker filter', () => {
  it('is a text field with suggestions, not a list of every speaker', async () => {
    const page = await viewer.get('/').expect(200);
    expect(page.text).toContain('<input name="speaker" value=""');
    expect(page.text).toContain('hx-get="/speakers/suggest"');
    expect(page.text).toContain('<datalist id="speaker-suggestions"></datalist>');
    expect(page.text).not.toContain(`<option value="${delanoe}"`);
  });

  it('does not grow with the number of speakers', async () => {
    const other = await insertTestArticle(context.db, { title: 'Many voices' });
    const url = `/?article=${(await insertTestArticle(context.db, { title: 'Quiet' })).id}`;
    await insertTestClaim(context.db, { article: other, start: 0, speaker: 'Speaker 0' });
    const before = (await viewer.get(url).expect(200)).text.length;
    for (let n = 1; n <= 300; n++) await insertTestClaim(context.db, { article: other, start: n * 20, speaker: `Speaker ${n}` });
    expect((await viewer.get(url).expect(200)).text.length).toBe(before);
  });

  it('accepts an id, a typed name or an alias, and says when no speaker has that name', async () => {
    const byId = await viewer.get(`/?speaker=${junk}`).expect(200);
    expect(byId.text).toContain(`id="claim-${junkClaim}"`);
    expect(byId.text).toContain('<input name="speaker" value="ديلانويه"');
    const byName = await viewer.get(`/?speaker=${encodeURIComponent(' ايغور  ديلانويه ')}`).expect(200);
    expect(byName.text).toContain(`id="claim-${delanoeClaims[0]}"`);
    expect(byName.text).not.toContain(`id="claim-${junkClaim}"`);
    expect(byName.text).toContain(`/claims.csv?speaker=${delanoe}`);
    await insertSpeakerAliases(context.db, delanoe, [{ alias: 'Igor Delanoë', normalizedAlias: 'igor delanoe' }]);
    const byAlias = await viewer.get('/?speaker=Igor%20Delanoe').expect(200);
    expect(byAlias.text).toContain(`id="claim-${delanoeClaims[1]}"`);
    const unknown = await viewer.get('/?speaker=%3Cb%3ENobody%3C%2Fb%3E').expect(200);
    expect(unknown.text).toContain('No speaker named «<bdi>&lt;b&gt;Nobody&lt;/b&gt;</bdi>»');
    expect(unknown.text).toContain('No claims match these filters.');
  });

  it('follows a merged speaker to the one it became', async () => {
    await editor.post(`/speakers/${junk}/merge`).type('form').send({ intoId: delanoe, confirm: '1' }).expect(303);
    const byOldName = await viewer.get(`/?speaker=${encodeURIComponent('ديلانويه')}`).expect(200);
    expect(byOldName.text).toContain(`id="claim-${junkClaim}"`);
    expect(byOldName.text).toContain(`id="claim-${delanoeClaims[0]}"`);
  });
});
