import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findOutletById, insertOutletAliases, listOutletAliases } from '../../src/features/outlets/outlets.repository.ts';
import { findOrCreateOutlet } from '../../src/features/outlets/outlets.service.ts';
import { listReviewEvents } from '../../src/features/claims/claims.repository.ts';
import { signIn, type SignedIn } from '../support/auth.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';

const HTMX = { 'HX-Request': 'true', 'HX-Request-Type': 'partial' };

let context: TestContext;
let editor: SignedIn;
let reviewer: SignedIn;
let viewer: SignedIn;
let jazeera: string;
let jazeeraNet: string;
let englishClaim: string;
let arabicClaim: string;
let bothClaim: string;
let arabicArticle: string;

beforeEach(async () => {
  context = await createTestContext();
  editor = await signIn(context, 'editor', 'Amira');
  reviewer = await signIn(context, 'reviewer', 'Omar');
  viewer = await signIn(context, 'viewer', 'Vera');
  jazeera = (await findOrCreateOutlet(context.db, { name: 'Al Jazeera', kind: 'broadcaster' })).id;
  jazeeraNet = (await findOrCreateOutlet(context.db, { name: 'الجزيرة نت', kind: 'website' })).id;
  const english = await insertTestArticle(context.db, { title: 'Wire', language: 'en' });
  const arabic = await insertTestArticle(context.db, { title: 'مقال', language: 'ar', publisher_outlet_id: jazeeraNet });
  arabicArticle = arabic.id;
  englishClaim = await insertTestClaim(context.db, { article: english, start: 0, speaker: 'Jane Doe', outlets: [{ name: 'Al Jazeera', role: 'interview' }] });
  arabicClaim = await insertTestClaim(context.db, { article: arabic, start: 0, speaker: 'إيغور ديلانويه', outlets: [{ name: 'الجزيرة نت', role: 'republished' }] });
  bothClaim = await insertTestClaim(context.db, {
    article: arabic,
    start: 20,
    speaker: 'إيغور ديلانويه',
    outlets: [
      { name: 'Al Jazeera', role: 'interview' },
      { name: 'الجزيرة نت', role: 'interview' },
      { name: 'الجزيرة نت', role: 'republished' },
    ],
  });
});

afterEach(() => context.close());

async function editForm(outletId: string, changes: Record<string, string>): Promise<Record<string, string>> {
  const outlet = (await findOutletById(context.db, outletId))!;
  const aliases = await listOutletAliases(context.db, outletId);
  const current = { name: outlet.name, latinName: outlet.latin_name ?? '', kind: outlet.kind, country: outlet.country ?? '', url: outlet.url ?? '', aliases: aliases.join('\n') };
  const seen = Object.fromEntries(Object.entries(current).map(([key, value]) => [`seen_${key}`, value]));
  return { ...current, ...seen, ...changes };
}

function chipsOf(html: string, claimId: string): string[] {
  const row = html.slice(html.indexOf(`id="claim-${claimId}"`));
  return [...row.slice(0, row.indexOf('</tr>')).matchAll(/href="\/outlets\/([^"]+)"><bdi>([^<]+)<\/bdi>/g)].map((match) => match[2]!);
}

describe('editing an outlet', () => {
  it('saves name, Latin name, kind, country, web address and aliases, with a desk event', async () => {
    const form = await editForm(jazeera, { name: 'الجزيرة', latinName: 'Al Jazeera', country: 'Qatar', url: 'https://www.aljazeera.net', aliases: 'Aljazeera\nقناة الجزيرة' });
    await editor.post(`/outlets/${jazeera}/edit`).type('form').send(form).expect(303);
    expect(await findOutletById(context.db, jazeera)).toMatchObject({ name: 'الجزيرة', latin_name: 'Al Jazeera', country: 'Qatar', url: 'https://www.aljazeera.net', kind: 'broadcaster' });
    expect(await listOutletAliases(context.db, jazeera)).toEqual(['Al Jazeera', 'Aljazeera', 'قناة الجزيرة']);
    const event = await context.db.selectFrom('desk_event').selectAll().where('target_id', '=', jazeera).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ action: 'outlet.edit', target_type: 'outlet', actor: 'Amira' });
    const page = await viewer.get(`/outlets/${jazeera}`).expect(200);
    expect(page.text).toContain('<h1 dir="auto"><bdi>الجزيرة</bdi></h1>');
    expect(page.text).toContain('<li class="chip" dir="auto"><bdi>قناة الجزيرة</bdi></li>');
    expect(page.text).toMatch(/Broadcaster · <bdi lang="und-Latn">Al Jazeera<\/bdi> · <bdi>Qatar<\/bdi>/);
    expect(page.text).not.toContain('/edit"');
  });

  it('answers htmx with the profile fragment', async () => {
    const response = await editor.post(`/outlets/${jazeera}/edit`).set(HTMX).type('form').send(await editForm(jazeera, { country: 'Qatar' })).expect(200);
    expect(response.text.trim()).toMatch(/^<section id="outlet-profile"/);
    expect(response.text).toContain('Qatar');
  });

  it('refuses viewers and reviewers with 403 and unknown outlets with 404', async () => {
    for (const user of [viewer, reviewer]) {
      await user.post(`/outlets/${jazeera}/edit`).type('form').send(await editForm(jazeera, { name: 'x' })).expect(403);
      await user.post(`/outlets/${jazeeraNet}/merge`).type('form').send({ intoId: jazeera, confirm: '1' }).expect(403);
    }
    await editor.post('/outlets/00000000-0000-0000-0000-000000000000/edit').type('form').send({ name: 'x', kind: 'website' }).expect(404);
    await editor.get('/outlets/00000000-0000-0000-0000-000000000000').expect(404);
    expect((await findOutletById(context.db, jazeera))!.name).toBe('Al Jazeera');
  });

  it('re-renders an invalid form with 422, its messages and what was typed', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ name: '', country: 'typed country' }, 'Enter the outlet’s name.'],
      [{ name: 'x'.repeat(201), country: 'typed country' }, 'A name is at most 200 characters.'],
      [{ kind: 'blog', country: 'typed country' }, 'Choose a kind'],
      [{ url: 'javascript:alert(1)', country: 'typed country' }, 'Enter a web address starting with http:// or https://.'],
    ];
    for (const [changes, message] of cases) {
      const page = await editor.post(`/outlets/${jazeera}/edit`).type('form').send(await editForm(jazeera, changes)).expect(422);
      expect(page.text).toContain(message);
      expect(page.text).toContain('value="typed country"');
    }
    expect((await findOutletById(context.db, jazeera))!.country).toBeNull();
  });

  it('refuses a stale edit with 409, showing the current values and keeping the typed ones', async () => {
    const stale = await editForm(jazeera, { country: 'my typed country' });
    await editor.post(`/outlets/${jazeera}/edit`).type('form').send(await editForm(jazeera, { kind: 'channel' })).expect(303);
    const page = await editor.post(`/outlets/${jazeera}/edit`).type('form').send(stale).expect(409);
    expect(page.text).toContain('Someone changed this outlet');
    expect(page.text).toContain('value="my typed country"');
    expect(page.text).toContain('name="seen_kind" value="channel"');
  });
});

describe('merging outlets', () => {
  it('moves hops and published articles, keeps one hop per role, and the old page redirects', async () => {
    const confirm = await editor.post(`/outlets/${jazeeraNet}/merge`).type('form').send({ into: 'al jazeera' }).expect(200);
    expect(confirm.text).toContain('id="merge-confirmation"');
    await editor.post(`/outlets/${jazeeraNet}/merge`).type('form').send({ intoId: jazeera, confirm: '1' }).expect(303);

    expect((await findOutletById(context.db, jazeeraNet))!.merged_into).toBe(jazeera);
    expect(await listOutletAliases(context.db, jazeera)).toEqual(['الجزيرة نت']);
    const article = await context.db.selectFrom('article').select('publisher_outlet_id').where('id', '=', arabicArticle).executeTakeFirstOrThrow();
    expect(article.publisher_outlet_id).toBe(jazeera);
    const hops = await context.db.selectFrom('attribution_hop').select(['outlet_id', 'role']).where('claim_id', '=', bothClaim).orderBy('position').execute();
    expect(hops).toEqual([
      { outlet_id: jazeera, role: 'interview' },
      { outlet_id: jazeera, role: 'republished' },
    ]);
    const [event] = await listReviewEvents(context.db, bothClaim);
    expect(event).toMatchObject({
      field: 'chain',
      from_value: 'Al Jazeera (interview) → الجزيرة نت (interview) → الجزيرة نت (republished)',
      to_value: 'Al Jazeera (interview) → Al Jazeera (republished)',
    });
    expect(event!.note).toContain('Outlet «الجزيرة نت» merged into «Al Jazeera»');
    expect(await listReviewEvents(context.db, englishClaim)).toEqual([]);
    const desk = await context.db.selectFrom('desk_event').selectAll().where('action', '=', 'outlet.merge').executeTakeFirstOrThrow();
    expect(desk.summary).toBe('Merged outlet «الجزيرة نت» into «Al Jazeera»: 2 claims moved, 1 article re-attributed.');

    const redirect = await viewer.get(`/outlets/${jazeeraNet}`).expect(301);
    expect(redirect.headers.location).toBe(`/outlets/${jazeera}`);
    const page = await viewer.get(`/outlets/${jazeera}`).expect(200);
    expect(page.text).toContain(`id="claim-${arabicClaim}"`);
    expect(page.text).toContain(`id="claim-${englishClaim}"`);
    expect(chipsOf(page.text, bothClaim)).toEqual(['Al Jazeera', 'Al Jazeera']);
  });

  it('carries a hop check over to the hop that stays', async () => {
    await context.db
      .updateTable('attribution_hop')
      .set({ status: 'confirmed', evidence_url: 'https://example.org/evidence' })
      .where('claim_id', '=', bothClaim)
      .where('outlet_id', '=', jazeeraNet)
      .where('role', '=', 'interview')
      .execute();
    await editor.post(`/outlets/${jazeeraNet}/merge`).type('form').send({ intoId: jazeera, confirm: '1' }).expect(303);
    const kept = await context.db.selectFrom('attribution_hop').selectAll().where('claim_id', '=', bothClaim).where('role', '=', 'interview').execute();
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ outlet_id: jazeera, status: 'confirmed', evidence_url: 'https://example.org/evidence' });
  });

  it('answers htmx with an HX-Redirect, and refuses bad targets with 422 and a second merge with 409', async () => {
    await editor.post(`/outlets/${jazeera}/merge`).type('form').send({ into: 'AL JAZEERA' }).expect(422);
    await editor.post(`/outlets/${jazeera}/merge`).type('form').send({ into: 'Nobody' }).expect(422);
    const merged = await editor.post(`/outlets/${jazeeraNet}/merge`).set(HTMX).type('form').send({ intoId: jazeera, confirm: '1' }).expect(204);
    expect(merged.headers['hx-redirect']).toBe(`/outlets/${jazeera}`);
    await editor.post(`/outlets/${jazeeraNet}/merge`).type('form').send({ intoId: jazeera, confirm: '1' }).expect(409);
    const other = (await findOrCreateOutlet(context.db, { name: 'Reuters', kind: 'agency' })).id;
    const intoMerged = await editor.post(`/outlets/${other}/merge`).type('form').send({ intoId: jazeeraNet, confirm: '1' }).expect(422);
    expect(intoMerged.text).toContain('has itself been merged');
  });

  it('sends later articles naming the merged outlet to the outlet it became', async () => {
    await editor.post(`/outlets/${jazeeraNet}/merge`).type('form').send({ intoId: jazeera, confirm: '1' }).expect(303);
    expect((await findOrCreateOutlet(context.db, { name: 'الجزيره نت', kind: 'website' })).id).toBe(jazeera);
  });
});

describe('outlet suggestions and the dashboard outlet filter', () => {
  it('suggests by name and alias, as options or JSON, never merged outlets', async () => {
    await insertOutletAliases(context.db, jazeera, [{ alias: 'قناة الجزيرة', normalizedAlias: 'قناه الجزيره' }]);
    const html = await viewer.get(`/outlets/suggest?q=${encodeURIComponent('الجزيرة')}`).expect(200);
    expect(html.text.match(/<option value="[^"]+">/g)).toEqual(['<option value="الجزيرة نت">', '<option value="Al Jazeera">']);
    await editor.post(`/outlets/${jazeeraNet}/merge`).type('form').send({ intoId: jazeera, confirm: '1' }).expect(303);
    const json = await viewer.get(`/outlets/suggest?outlet=${encodeURIComponent('الجزي')}`).set('Accept', 'application/json').expect(200);
    expect(json.body).toEqual([{ id: jazeera, name: 'Al Jazeera', claims: 3 }]);
    expect((await viewer.get('/outlets/suggest?q=').expect(200)).text.trim()).toBe('');
    // Any form's field can ask: htmx sends the value under the field's own name.
    expect((await viewer.get(`/outlets/suggest?hopOutlet=${encodeURIComponent('al jaz')}`).expect(200)).text).toContain('<option value="Al Jazeera">');
  });

  it('filters by a typed name or alias, and says when no outlet has that name', async () => {
    const page = await viewer.get('/').expect(200);
    expect(page.text).toContain('<input name="outlet" value=""');
    expect(page.text).not.toContain(`<option value="${jazeera}"`);
    const byName = await viewer.get('/?outlet=al%20jazeera').expect(200);
    expect(byName.text).toContain(`id="claim-${englishClaim}"`);
    expect(byName.text).not.toContain(`id="claim-${arabicClaim}"`);
    expect(byName.text).toContain('<input name="outlet" value="Al Jazeera"');
    const unknown = await viewer.get('/?outlet=Nowhere%20Times').expect(200);
    expect(unknown.text).toContain('No outlet named «<bdi>Nowhere Times</bdi>»');
    expect(unknown.text).toContain('No claims match these filters.');
  });
});
