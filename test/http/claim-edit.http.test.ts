import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleRow } from '../../src/db/schema.ts';
import { findClaimById, listHopsForClaims, listReviewEvents } from '../../src/features/claims/claims.repository.ts';
import { findUserByNormalizedName } from '../../src/features/users/users.repository.ts';
import { signIn, type SignedIn } from '../support/auth.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';

// Written for this test: an Arabic report with emoji (two UTF-16 code units each) among its words.
const BODY =
  'قال وزير الصحة سامي الخطيب إن المستشفيات 🏥 ستفتح أبوابها يوم السبت للجميع.\n' +
  'وأضاف المتحدث باسم الوزارة أن اللقاحات 💉 متوفرة في كل المدن، بحسب وكالة الأنباء.';
const CLAIM_WORDS = 'المستشفيات 🏥 ستفتح أبوابها يوم السبت للجميع';

let context: TestContext;
let viewer: SignedIn;
let reviewer: SignedIn;
let editor: SignedIn;
let article: ArticleRow;
let claimId: string;

beforeEach(async () => {
  context = await createTestContext();
  [viewer, reviewer, editor] = await Promise.all([signIn(context, 'viewer', 'Vera'), signIn(context, 'reviewer', 'Omar'), signIn(context, 'editor', 'Amira')]);
  article = await insertTestArticle(context.db, { body: BODY, language: 'ar', title: 'المستشفيات' });
  claimId = await insertTestClaim(context.db, {
    article,
    start: BODY.indexOf(CLAIM_WORDS),
    text: BODY.slice(BODY.indexOf(CLAIM_WORDS), BODY.indexOf(CLAIM_WORDS) + 10),
    speaker: 'سامي الخطيب',
    outlets: [{ name: 'وكالة الأنباء', role: 'original' }, { name: 'Sputnik', role: 'republished' }],
  });
});
afterEach(() => context.close());

type Fields = Record<string, string | string[]>;

/** A form body as a browser sends it: repeated names for the chain's rows. */
function encode(fields: Fields): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const item of Array.isArray(value) ? value : [value]) params.append(name, item);
  return params.toString();
}

/** The editor form as the claim page fills it, with some fields changed. */
async function editorForm(id: string, changes: Fields = {}): Promise<Fields> {
  const claim = (await findClaimById(context.db, id))!;
  const hops = await listHopsForClaims(context.db, [id]);
  return {
    version: String(claim.version),
    start: String(claim.start_offset),
    end: String(claim.end_offset),
    speaker: claim.speaker_name ?? '',
    cue: claim.cue,
    kind: claim.kind,
    hopId: hops.map((hop) => hop.id),
    hopOutlet: hops.map((hop) => hop.outlet_name),
    hopRole: hops.map((hop) => hop.role),
    newHopOutlet: '',
    newHopRole: 'original',
    ...changes,
  };
}

function postEdit(user: SignedIn, id: string, fields: Fields) {
  return user.post(`/claims/${id}/edit`).type('form').send(encode(fields));
}

async function claimRow(id: string) {
  return context.db.selectFrom('claim').selectAll().where('id', '=', id).executeTakeFirst();
}

describe('who may correct, add and delete claims', () => {
  it('shows the editor to reviewers and up, and the delete link to editors only', async () => {
    expect((await viewer.get(`/claims/${claimId}`).expect(200)).text).not.toContain('id="claim-editor"');
    const reviewerPage = (await reviewer.get(`/claims/${claimId}`).expect(200)).text;
    expect(reviewerPage).toContain('id="claim-editor"');
    expect(reviewerPage).not.toContain(`/claims/${claimId}/delete`);
    expect(reviewerPage).toContain('<script src="/static/js/claim-span.js" defer></script>');
    expect((await editor.get(`/claims/${claimId}`).expect(200)).text).toContain(`href="/claims/${claimId}/delete"`);
  });

  it('refuses viewers edits, reviewers additions and deletions (403), and answers 404 for unknown ids', async () => {
    const form = await editorForm(claimId, { cue: 'أعلن' });
    expect((await postEdit(viewer, claimId, form).expect(403)).text).toContain('reviewer');
    await reviewer.post(`/articles/${article.id}/claims`).type('form').send(encode({ start: '0', end: '3', speaker: 'x', kind: 'factual' })).expect(403);
    await reviewer.get(`/articles/${article.id}/claims/new`).expect(403);
    await reviewer.get(`/claims/${claimId}/delete`).expect(403);
    await reviewer.post(`/claims/${claimId}/delete`).type('form').send({ version: '1' }).expect(403);
    await viewer.post(`/articles/${article.id}/claims`).type('form').send(encode({ start: '0', end: '3', speaker: 'x', kind: 'factual' })).expect(403);
    await viewer.post(`/claims/${claimId}/delete`).type('form').send({ version: '1' }).expect(403);
    expect((await claimRow(claimId))!.cue).toBe('said');

    const unknown = '00000000-0000-4000-8000-000000000000';
    await postEdit(reviewer, unknown, form).expect(404);
    await postEdit(reviewer, 'not-an-id', { ...form, start: 'x' }).expect(404);
    await editor.post(`/articles/${unknown}/claims`).type('form').send(encode({ start: '0', end: '3', speaker: 'x', kind: 'factual' })).expect(404);
    await editor.get(`/articles/${unknown}/claims/new`).expect(404);
    await editor.get(`/claims/${unknown}/delete`).expect(404);
    await editor.post(`/claims/${unknown}/delete`).type('form').send({ version: '1' }).expect(404);
  });
});

describe('correcting a claim', () => {
  it('recomputes the text, prefix and suffix from the article for a span with emoji, and records each field', async () => {
    const start = BODY.indexOf('اللقاحات');
    const end = BODY.indexOf('المدن') + 'المدن'.length;
    const response = await postEdit(reviewer, claimId, await editorForm(claimId, { start: String(start), end: String(end), cue: 'وأضاف', kind: 'opinion' })).expect(303);
    expect(response.headers.location).toBe(`/claims/${claimId}?corrected=span,cue,kind#claim-editor`);

    const row = (await claimRow(claimId))!;
    expect(row.text).toBe('اللقاحات 💉 متوفرة في كل المدن');
    expect(row.text).toBe(BODY.slice(row.start_offset, row.end_offset));
    expect(row.prefix).toBe(BODY.slice(start - 32, start));
    expect(row.suffix).toBe(BODY.slice(end, end + 32));
    expect(row).toMatchObject({ version: 2, origin: 'edited', cue: 'وأضاف', kind: 'opinion' });
    const omar = await findUserByNormalizedName(context.db, 'omar');
    expect(row.edited_by).toBe(omar!.id);
    expect(row.edited_at).not.toBeNull();

    const events = await listReviewEvents(context.db, claimId);
    expect(events.map((event) => event.field).sort()).toEqual(['cue', 'kind', 'span']);
    expect(events.find((event) => event.field === 'span')).toMatchObject({ to_value: `${start}–${end} «اللقاحات 💉 متوفرة في كل المدن»`, actor: 'Omar', actor_id: omar!.id });
    expect(events.find((event) => event.field === 'cue')).toMatchObject({ from_value: 'said', to_value: 'وأضاف' });

    const page = (await reviewer.get(response.headers.location!).expect(200)).text;
    expect(page).toContain('Saved: span, cue, kind corrected.');
    expect(page).toMatch(/corrected the kind from <bdi class="correction-value">Factual<\/bdi> to <bdi class="correction-value">Opinion<\/bdi>/);
    expect(page).toContain('<span class="badge origin-edited" title="Edited">Edited</span>');
    expect(page).toContain('last edited by <bdi>Omar</bdi>');
  });

  it('ignores any text the form sends and never cuts an emoji in half', async () => {
    const emoji = BODY.indexOf('🏥');
    const form = await editorForm(claimId, { start: String(emoji + 1), end: String(emoji + 8), text: 'forged words' });
    const response = await postEdit(reviewer, claimId, form).expect(422);
    expect(response.text).toContain('The span cuts a character in half');
    await postEdit(reviewer, claimId, { ...form, start: String(emoji), end: String(emoji + 1) }).expect(422);

    await postEdit(reviewer, claimId, { ...form, start: String(emoji), end: String(emoji + 2) }).expect(303);
    const row = (await claimRow(claimId))!;
    expect(row.text).toBe('🏥');
    expect(row.text).toBe(BODY.slice(row.start_offset, row.end_offset));
  });

  it('refuses empty, inverted, out-of-range and garbled spans with 422, keeping what was typed', async () => {
    const cases: Array<[string, string, string]> = [
      ['10', '10', 'The span is empty'],
      ['20', '10', 'ends before it starts'],
      ['0', String(BODY.length + 1), `after the article's last character (${BODY.length})`],
      ['-1', '5', 'whole numbers from 0'],
      ['abc', '5', 'whole numbers from 0'],
      [String(BODY.indexOf('\n')), String(BODY.indexOf('\n') + 1), 'only spaces'],
    ];
    for (const [start, end, message] of cases) {
      const response = await postEdit(reviewer, claimId, await editorForm(claimId, { start, end, cue: 'صرّح' })).expect(422);
      expect(response.text).toContain(message.replace(/'/g, '&#39;'));
      expect(response.text).toContain(`name="start" min="0" max="${BODY.length}" step="1" inputmode="numeric" value="${start}"`);
      expect(response.text).toContain('value="صرّح"');
    }
    expect((await claimRow(claimId))!.version).toBe(1);
    expect(await listReviewEvents(context.db, claimId)).toEqual([]);
  });

  it('answers garbled forms with 422 or 409, never 500', async () => {
    const form = await editorForm(claimId);
    const noVersion = await postEdit(reviewer, claimId, { ...form, version: 'abc' }).expect(422);
    expect(noVersion.text).toContain('The form has lost the version it was loaded at');
    await postEdit(reviewer, claimId, { ...form, version: '5' }).expect(409);
    await postEdit(reviewer, claimId, { ...form, start: '99999999999', end: '1e3' }).expect(422);
    await postEdit(reviewer, claimId, { ...form, speaker: ['a', 'b'] }).expect(422);
    await postEdit(reviewer, claimId, { ...form, move: '7:sideways', hopRemove: ['x', '99'] }).expect(303);
    await postEdit(reviewer, claimId, { ...form, hopOutlet: Array.from({ length: 40 }, (_, i) => `outlet ${i}`), hopRole: [] }).expect(422);
    await editor.post(`/claims/${claimId}/delete`).type('form').send({ version: 'x' }).expect(422);
    await editor.post(`/articles/${article.id}/claims`).type('form').send('start=1&end=4&speaker=%E2%80%8B&newSpeaker=1&kind=factual').expect(422);
    expect(await context.db.selectFrom('speaker').select('id').where('normalized_name', '=', '').execute()).toEqual([]);
    expect((await claimRow(claimId))!.version).toBe(1);
  });

  it('refuses an empty speaker, an unknown kind and an unknown role with 422', async () => {
    const noSpeaker = await postEdit(reviewer, claimId, await editorForm(claimId, { speaker: '   ' })).expect(422);
    expect(noSpeaker.text).toContain('Name the speaker.');
    const badKind = await postEdit(reviewer, claimId, await editorForm(claimId, { kind: 'rumour' })).expect(422);
    expect(badKind.text).toContain('Unknown kind &quot;rumour&quot;');
    const badRole = await postEdit(reviewer, claimId, await editorForm(claimId, { hopRole: ['original', 'leaked'] })).expect(422);
    expect(badRole.text).toContain('Unknown role &quot;leaked&quot; at hop 2');
    const unknownSpeaker = await postEdit(reviewer, claimId, await editorForm(claimId, { speaker: 'ليلى حداد' })).expect(422);
    expect(unknownSpeaker.text).toContain('No speaker is called «ليلى حداد» yet');
    expect(unknownSpeaker.text).toContain('value="ليلى حداد"');
    expect((await claimRow(claimId))!.version).toBe(1);
  });

  it('answers a stale version with 409, the current claim and the reviewer’s typed values', async () => {
    const stale = await editorForm(claimId, { cue: 'أكد', speaker: 'سامي الخطيب' });
    await postEdit(editor, claimId, await editorForm(claimId, { kind: 'prediction' })).expect(303);
    const response = await postEdit(reviewer, claimId, stale).expect(409);
    expect(response.text).toContain('Someone changed this claim while you were correcting it (you started from version 1, it is now at 2).');
    expect(response.text).toContain('value="أكد"');
    expect(response.text).toContain('<input type="hidden" name="version" value="2">');
    expect(response.text).toContain('<dd>Prediction · check-worthiness');
    const row = (await claimRow(claimId))!;
    expect(row).toMatchObject({ version: 2, cue: 'said', kind: 'prediction' });
  });

  it('saves nothing when nothing changed', async () => {
    const response = await postEdit(reviewer, claimId, await editorForm(claimId)).expect(303);
    expect(response.headers.location).toBe(`/claims/${claimId}?corrected=none#claim-editor`);
    expect((await claimRow(claimId))!).toMatchObject({ version: 1, origin: 'machine' });
  });
});

describe('correcting the speaker', () => {
  it('resolves a typed name by its name key or alias, and clears the machine’s speaker mention', async () => {
    const other = await insertTestClaim(context.db, { article, start: 0, speaker: 'المتحدث باسم الوزارة' });
    const speakerId = (await claimRow(other))!.speaker_id!;
    await context.db.insertInto('speaker_alias').values({ speaker_id: speakerId, alias: 'المتحدث', normalized_alias: 'المتحدث' }).execute();
    await context.db.updateTable('claim').set({ speaker_mention_start: 0, speaker_mention_end: 3, speaker_mention_text: 'قال' }).where('id', '=', claimId).execute();

    await postEdit(reviewer, claimId, await editorForm(claimId, { speaker: '  المتحدث  ' })).expect(303);
    const row = (await claimRow(claimId))!;
    expect(row).toMatchObject({ speaker_id: speakerId, speaker_mention_start: null, speaker_mention_end: null, speaker_mention_text: null });
    const [event] = await listReviewEvents(context.db, claimId);
    expect(event).toMatchObject({ field: 'speaker', from_value: 'سامي الخطيب', to_value: 'المتحدث باسم الوزارة' });

    // Spelling variants of hamza and taa marbuta name the same speaker.
    await postEdit(reviewer, claimId, await editorForm(claimId, { speaker: 'المتحدث باسم الوزاره' })).expect(303);
    expect((await claimRow(claimId))!.version).toBe(2);
  });

  it('adds a new speaker only when asked, and escapes the name everywhere', async () => {
    const name = '<img src=x onerror=alert(1)> حداد';
    await postEdit(reviewer, claimId, await editorForm(claimId, { speaker: name })).expect(422);
    await postEdit(reviewer, claimId, await editorForm(claimId, { speaker: name, newSpeaker: '1' })).expect(303);
    const speaker = await context.db.selectFrom('speaker').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
    expect((await claimRow(claimId))!.speaker_id).toBe(speaker.id);
    const page = (await reviewer.get(`/claims/${claimId}`).expect(200)).text;
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt; حداد');
  });

  it('wires the speaker field to the suggestion endpoint and offers the article’s speakers', async () => {
    const page = (await reviewer.get(`/claims/${claimId}`).expect(200)).text;
    expect(page).toMatch(/<input id="edit-speaker" name="speaker" type="text" list="edit-speaker-options" value="سامي الخطيب"[^>]*hx-get="\/speakers\/suggest" hx-trigger="input changed delay:250ms" hx-target="#edit-speaker-options"/);
    expect(page).toContain('<option value="سامي الخطيب"></option>');
    expect(page).toContain('<input type="checkbox" name="newSpeaker" value="1"> new speaker');
  });
});

describe('correcting the chain', () => {
  it('adds, moves, re-roles and removes hops, keeping the confirmation of a hop whose outlet stays', async () => {
    const [first] = await listHopsForClaims(context.db, [claimId]);
    await context.db.updateTable('attribution_hop').set({ status: 'confirmed', evidence_url: 'https://example.org/source' }).where('id', '=', first!.id).execute();

    await postEdit(reviewer, claimId, await editorForm(claimId, { newHopOutlet: 'قناة الغد', newHopRole: 'distributed' })).expect(303);
    let hops = await listHopsForClaims(context.db, [claimId]);
    expect(hops.map((hop) => [hop.outlet_name, hop.role, hop.position])).toEqual([
      ['وكالة الأنباء', 'original', 1],
      ['Sputnik', 'republished', 2],
      ['قناة الغد', 'distributed', 3],
    ]);

    await postEdit(reviewer, claimId, await editorForm(claimId, { move: '0:down', hopRole: ['interview', 'republished', 'distributed'] })).expect(303);
    hops = await listHopsForClaims(context.db, [claimId]);
    expect(hops.map((hop) => [hop.outlet_name, hop.role])).toEqual([
      ['Sputnik', 'republished'],
      ['وكالة الأنباء', 'interview'],
      ['قناة الغد', 'distributed'],
    ]);
    expect(hops[1]).toMatchObject({ id: first!.id, status: 'confirmed', evidence_url: 'https://example.org/source' });

    await postEdit(reviewer, claimId, await editorForm(claimId, { hopRemove: '2', hopOutlet: ['رويترز', 'وكالة الأنباء', 'قناة الغد'] })).expect(303);
    hops = await listHopsForClaims(context.db, [claimId]);
    expect(hops.map((hop) => [hop.outlet_name, hop.status])).toEqual([
      ['رويترز', 'unconfirmed'],
      ['وكالة الأنباء', 'confirmed'],
    ]);

    const events = (await listReviewEvents(context.db, claimId)).filter((event) => event.field === 'chain');
    expect(events).toHaveLength(3);
    expect(events.map((event) => event.to_value)).toContain('رويترز (republished) → وكالة الأنباء (interview)');
    expect((await claimRow(claimId))!.version).toBe(4);
  });

  it('refuses a hop without an outlet', async () => {
    const response = await postEdit(reviewer, claimId, await editorForm(claimId, { hopOutlet: ['', 'Sputnik'] })).expect(422);
    expect(response.text).toContain('Hop 1 names no outlet');
  });
});

describe('adding a claim by hand', () => {
  it('offers the form on the article page to editors, with number fields that work without JavaScript', async () => {
    const page = (await editor.get(`/articles/${article.id}`).expect(200)).text;
    expect(page).toContain(`<form method="post" action="/articles/${article.id}/claims"`);
    expect(page).toContain(`name="start" min="0" max="${BODY.length}"`);
    expect(page).toContain('data-use-selection hidden>Use selection as the claim</button>');
    expect((await reviewer.get(`/articles/${article.id}`).expect(200)).text).not.toContain(`action="/articles/${article.id}/claims"`);
    const prefilled = (await editor.get(`/articles/${article.id}/claims/new?start=5&end=9`).expect(200)).text;
    expect(prefilled).toContain('step="1" inputmode="numeric" value="5"');
  });

  it('creates a manual, unverified claim with a created event', async () => {
    const start = BODY.indexOf('اللقاحات');
    const end = start + 'اللقاحات 💉 متوفرة'.length;
    const response = await editor
      .post(`/articles/${article.id}/claims`)
      .type('form')
      .send(encode({ start: String(start), end: String(end), speaker: 'سامي الخطيب', cue: 'وأضاف', kind: 'factual' }))
      .expect(303);
    const id = response.headers.location!.replace('/claims/', '');
    const row = (await claimRow(id))!;
    expect(row).toMatchObject({ text: 'اللقاحات 💉 متوفرة', origin: 'manual', status: 'unverified', version: 1, cue: 'وأضاف', article_id: article.id });
    expect(row.text).toBe(BODY.slice(row.start_offset, row.end_offset));
    expect(await listReviewEvents(context.db, id)).toMatchObject([{ field: 'created', actor: 'Amira', to_value: `${start}–${end} «اللقاحات 💉 متوفرة»` }]);
    const page = (await editor.get(`/claims/${id}`).expect(200)).text;
    expect(page).toContain('>Added by hand</span>');
    expect(page).toContain('added the claim by hand');

    // Later corrections keep it marked as added by hand.
    await postEdit(editor, id, await editorForm(id, { kind: 'opinion' })).expect(303);
    expect((await claimRow(id))!.origin).toBe('manual');
  });

  it('re-renders a refused addition with its messages and values (422)', async () => {
    const response = await editor.post(`/articles/${article.id}/claims`).type('form').send(encode({ start: '30', end: '4', speaker: '', cue: 'قال', kind: 'gossip' })).expect(422);
    expect(response.text).toContain('Name the speaker.');
    expect(response.text).toContain('Unknown kind &quot;gossip&quot;');
    expect(response.text).toContain('inputmode="numeric" value="30"');
    expect(response.text).toContain('value="قال"');
    const spanOnly = await editor.post(`/articles/${article.id}/claims`).type('form').send(encode({ start: '30', end: '4', speaker: 'سامي الخطيب', kind: 'factual' })).expect(422);
    expect(spanOnly.text).toContain('ends before it starts');
    expect(await context.db.selectFrom('claim').select('id').where('article_id', '=', article.id).execute()).toHaveLength(1);
  });
});

describe('deleting a claim', () => {
  it('asks first, then deletes it and keeps what it was in the desk log', async () => {
    await reviewer.post(`/claims/${claimId}/status`).type('form').send({ status: 'false', version: '1', note: 'wrong' }).expect(303);
    const confirm = (await editor.get(`/claims/${claimId}/delete`).expect(200)).text;
    expect(confirm).toContain('Delete this claim?');
    expect(confirm).toContain('<input type="hidden" name="version" value="2">');
    expect(await claimRow(claimId)).toBeDefined();

    const response = await editor.post(`/claims/${claimId}/delete`).type('form').send({ version: '2' }).expect(303);
    expect(response.headers.location).toBe(`/articles/${article.id}`);
    expect(await claimRow(claimId)).toBeUndefined();
    // The audit log is append-only: the claim's own rows stay, and the deletion is in the desk log.
    expect((await listReviewEvents(context.db, claimId)).map((event) => event.field)).toEqual(['status']);
    expect(await listHopsForClaims(context.db, [claimId])).toEqual([]);

    const event = await context.db.selectFrom('desk_event').selectAll().where('target_id', '=', claimId).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ action: 'claim.delete', target_type: 'claim', actor: 'Amira' });
    expect(event.summary).toContain('سامي الخطيب');
    const before = JSON.parse(event.before_json!);
    expect(before).toMatchObject({ speaker: 'سامي الخطيب', status: 'false', attribution_status: 'unchecked', article_id: article.id });
    expect(before.chain.map((hop: { outlet: string }) => hop.outlet)).toEqual(['وكالة الأنباء', 'Sputnik']);
    await editor.get(`/claims/${claimId}`).expect(404);

    const activity = (await viewer.get('/activity').expect(200)).text;
    expect(activity).toContain('Claim deleted');
    expect(activity).toContain('of «<bdi>سامي الخطيب</bdi>» from «<bdi>المستشفيات</bdi>»');
    expect(activity).toContain('the claim no longer exists');
  });

  it('refuses a deletion confirmed on a stale version (409)', async () => {
    await postEdit(reviewer, claimId, await editorForm(claimId, { cue: 'أوضح' })).expect(303);
    const response = await editor.post(`/claims/${claimId}/delete`).type('form').send({ version: '1' }).expect(409);
    expect(response.text).toContain('Someone changed this claim');
    expect(response.text).toContain('<input type="hidden" name="version" value="2">');
    expect(await claimRow(claimId)).toBeDefined();
  });
});

describe('provenance on the dashboard', () => {
  it('badges each row and filters on ?provenance=', async () => {
    const machine = await insertTestClaim(context.db, { article, start: 0, text: 'claim by the engine' });
    await postEdit(reviewer, claimId, await editorForm(claimId, { kind: 'opinion' })).expect(303);

    const edited = (await viewer.get('/?provenance=edited').expect(200)).text;
    expect(edited).toContain(`id="claim-${claimId}"`);
    expect(edited).not.toContain(`id="claim-${machine}"`);
    expect(edited).toContain('<span class="badge origin-edited" title="Edited">Edited</span>');
    expect(edited).toContain('<option value="edited" selected>Edited</option>');

    const machineOnly = (await viewer.get('/?provenance=machine').expect(200)).text;
    expect(machineOnly).toContain(`id="claim-${machine}"`);
    expect(machineOnly).not.toContain(`id="claim-${claimId}"`);
    expect((await viewer.get('/?provenance=manual').expect(200)).text).toContain('No claims match these filters.');
    await viewer.get('/?provenance=robot').expect(400);
  });
});
