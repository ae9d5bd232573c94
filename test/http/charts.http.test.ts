import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/ids.ts';
import { signIn, type SignedIn } from '../support/auth.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';
import type { ArticleRow } from '../../src/db/schema.ts';

const ARABIC = { 'Accept-Language': 'ar' };
const ENGLISH = { 'Accept-Language': 'en' };
const HTMX = { 'HX-Request': 'true', 'HX-Request-Type': 'partial' };
const HOSTILE = '<script>alert("x")</script> & Sons';

let context: TestContext;
let editor: SignedIn;
let article: ArticleRow;
let quiet: ArticleRow;

/** The desk these tests count: one article of nine claims by three speakers through two outlets. */
const CLAIMS: Array<{ speaker: string; status: string; outlet: string }> = [
  { speaker: 'Amira Haddad', status: 'false', outlet: 'Daily Planet' },
  { speaker: 'Amira Haddad', status: 'false', outlet: 'Daily Planet' },
  { speaker: 'Amira Haddad', status: 'misleading', outlet: 'Daily Planet' },
  { speaker: 'Amira Haddad', status: 'accurate', outlet: 'Daily Planet' },
  { speaker: HOSTILE, status: 'misleading', outlet: 'وكالة الأنباء' },
  { speaker: HOSTILE, status: 'in_review', outlet: 'وكالة الأنباء' },
  { speaker: 'إيغور ديلانويه', status: 'false', outlet: 'وكالة الأنباء' },
  { speaker: 'إيغور ديلانويه', status: 'unverified', outlet: 'وكالة الأنباء' },
  { speaker: 'إيغور ديلانويه', status: 'not_a_claim', outlet: 'وكالة الأنباء' },
];

beforeEach(async () => {
  context = await createTestContext();
  editor = await signIn(context, 'editor', 'Charts Editor');
  article = await insertTestArticle(context.db);
  quiet = await insertTestArticle(context.db, { title: 'Nothing here yet' });
  for (const [index, claim] of CLAIMS.entries()) {
    await insertTestClaim(context.db, { article, start: index * 100, speaker: claim.speaker, status: claim.status as never, outlets: [{ name: claim.outlet, role: 'original' }] });
  }
});
afterEach(() => context.close());

/** The rows of a chart's table, each as its header cell then its cells, as text. */
function tableOf(html: string, chartId: string): string[][] {
  const section = new RegExp(`<section class="chart" id="${chartId}"[\\s\\S]*?</section>`).exec(html)?.[0];
  if (!section) throw new Error(`no chart ${chartId}`);
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(section)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row]) => [...row!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map(([, cell]) => cell!.replace(/<[^>]+>/g, '').trim()));
}

function sectionOf(html: string, chartId: string): string {
  return new RegExp(`<section class="chart" id="${chartId}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';
}

async function idOf(table: 'speaker' | 'outlet', name: string): Promise<string> {
  return (await context.db.selectFrom(table).select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

async function recordVerdict(status: string, createdAt: string): Promise<void> {
  const claim = await context.db.selectFrom('claim').select('id').where('article_id', '=', article.id).executeTakeFirstOrThrow();
  await context.db
    .insertInto('review_event')
    .values({ id: newId(), claim_id: claim.id, actor: 'Desk', field: 'status', from_value: 'unverified', to_value: status, note: null, created_at: createdAt, actor_id: null, hop_id: null, note_id: null })
    .execute();
}

describe('article review progress', () => {
  it('counts the article’s claims verified (by verdict), in review and open, in a chart and its table', async () => {
    const page = await editor.get(`/articles/${article.id}`).set(ENGLISH).expect(200);
    const chart = sectionOf(page.text, 'chart-article-progress');
    expect(chart).toMatch(/<svg role="img" aria-label="Review progress: chart\. The same figures are in the table that follows it\."/);
    expect(tableOf(page.text, 'chart-article-progress')).toEqual([
      ['Verified', '7'],
      ['Verified: Accurate', '1'],
      ['Verified: Misleading', '2'],
      ['Verified: False', '3'],
      ['Verified: Not a claim', '1'],
      ['In review', '1'],
      ['Open', '1'],
    ]);
    expect(chart).toContain('<caption>Review progress</caption>');
    expect(chart).toContain('<th scope="col">Stage</th><th scope="col">Claims</th>');
  });

  it('follows a reviewer’s verdict', async () => {
    const open = await context.db.selectFrom('claim').select(['id', 'version']).where('article_id', '=', article.id).where('status', '=', 'unverified').executeTakeFirstOrThrow();
    await editor.post(`/claims/${open.id}/status`).type('form').send({ status: 'accurate', version: String(open.version) }).expect(303);
    const page = await editor.get(`/articles/${article.id}`).set(ENGLISH).expect(200);
    const rows = tableOf(page.text, 'chart-article-progress');
    expect(rows).toContainEqual(['Verified', '8']);
    expect(rows).toContainEqual(['Verified: Accurate', '2']);
    expect(rows).toContainEqual(['Open', '0']);
  });

  it('says so in a sentence when the article has no claim, and draws nothing', async () => {
    const page = await editor.get(`/articles/${quiet.id}`).set(ENGLISH).expect(200);
    const chart = sectionOf(page.text, 'chart-article-progress');
    expect(chart).toContain('<p class="chart-empty">This article has no claims to review.</p>');
    expect(chart).not.toContain('<svg');
    expect(chart).not.toContain('<table');
  });

  it('is in Arabic, drawn right to left, for an Arabic reader', async () => {
    const page = await editor.get(`/articles/${article.id}`).set(ARABIC).expect(200);
    const rows = tableOf(page.text, 'chart-article-progress');
    expect(rows[0]).toEqual(['تم التحقق منه', '7']);
    expect(rows).toContainEqual(['تم التحقق منه: خاطئ', '3']);
    expect(sectionOf(page.text, 'chart-article-progress')).toContain('<caption>تقدّم المراجعة</caption>');
    // The category axis's labels stand to the right of the bars: anchored at their start, right of the plot.
    const svg = /<svg role="img"[\s\S]*?<\/svg>/.exec(sectionOf(page.text, 'chart-article-progress'))![0];
    expect(svg).toMatch(/<text text-anchor="start"[^>]*>تم التحقق منه<\/text>/);
  });

  it('is left out of the claim list’s own fragment (htmx paging)', async () => {
    const fragment = await editor.get(`/articles/${article.id}`).set(HTMX).expect(200);
    expect(fragment.text).not.toContain('chart-article-progress');
  });
});

describe('speaker and outlet verdicts', () => {
  it('counts a speaker’s claims per verdict, the drawing escaping the name’s markup', async () => {
    const page = await editor.get(`/speakers/${await idOf('speaker', 'Amira Haddad')}`).set(ENGLISH).expect(200);
    const rows = tableOf(page.text, 'chart-speaker-verdicts');
    // One row per verdict of the scale, in its order, counted or not; open states and "not a claim" are no verdict.
    expect(rows.slice(0, 4)).toEqual([
      ['Accurate', '1'],
      ['Mostly accurate', '0'],
      ['Misleading', '1'],
      ['False', '2'],
    ]);
    expect(rows.map(([label]) => label).filter((label) => ['Unverified', 'In review', 'Not a claim'].includes(label!))).toEqual([]);
    expect(sectionOf(page.text, 'chart-speaker-verdicts')).toContain('<svg role="img"');
  });

  it('counts an outlet’s claims per verdict, in Arabic too', async () => {
    const outlet = await idOf('outlet', 'وكالة الأنباء');
    const english = await editor.get(`/outlets/${outlet}`).set(ENGLISH).expect(200);
    expect(tableOf(english.text, 'chart-outlet-verdicts')).toContainEqual(['Misleading', '1']);
    expect(tableOf(english.text, 'chart-outlet-verdicts')).toContainEqual(['False', '1']);
    const arabic = await editor.get(`/outlets/${outlet}`).set(ARABIC).expect(200);
    expect(tableOf(arabic.text, 'chart-outlet-verdicts')).toContainEqual(['مضلل', '1']);
    expect(tableOf(arabic.text, 'chart-outlet-verdicts')).toContainEqual(['خاطئ', '1']);
  });

  it('says in a sentence that none of a speaker’s claims has a verdict yet', async () => {
    await insertTestClaim(context.db, { article: quiet, start: 0, speaker: 'Still Waiting', status: 'unverified' });
    const page = await editor.get(`/speakers/${await idOf('speaker', 'Still Waiting')}`).set(ENGLISH).expect(200);
    const chart = sectionOf(page.text, 'chart-speaker-verdicts');
    expect(chart).toContain('None of this speaker’s claims has a verdict yet.');
    expect(chart).not.toContain('<svg');
  });
});

describe('desk overview', () => {
  it('is linked from the header', async () => {
    const page = await editor.get('/').set(ENGLISH).expect(200);
    expect(page.text).toContain('<a href="/overview">Overview</a>');
    const overview = await editor.get('/overview').set(ENGLISH).expect(200);
    expect(overview.text).toContain('<a href="/overview" aria-current="page">Overview</a>');
    expect(overview.text).toContain('<title>Desk overview · ');
  });

  it('ranks speakers and outlets by their claims rated false or misleading, with links and escaped names', async () => {
    const page = await editor.get('/overview').set(ENGLISH).expect(200);
    // Most first; a tie in name order (the hostile name's "<" before any letter).
    expect(tableOf(page.text, 'chart-top-speakers')).toEqual([
      ['Amira Haddad', '1', '2', '3'],
      ['&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Sons', '1', '0', '1'],
      ['إيغور ديلانويه', '0', '1', '1'],
    ]);
    expect(sectionOf(page.text, 'chart-top-speakers')).toContain('<th scope="col">Speaker</th><th scope="col">Misleading</th><th scope="col">False</th><th scope="col">Total</th>');
    expect(tableOf(page.text, 'chart-top-outlets')).toEqual([
      ['Daily Planet', '1', '2', '3'],
      ['وكالة الأنباء', '1', '1', '2'],
    ]);
    const amira = await idOf('speaker', 'Amira Haddad');
    expect(sectionOf(page.text, 'chart-top-speakers')).toContain(`<a href="/speakers/${amira}"><bdi>Amira Haddad</bdi></a>`);
    // The hostile name is text in the drawing and in the table, never markup.
    expect(page.text).not.toContain('<script>alert');
    expect(sectionOf(page.text, 'chart-top-speakers')).toContain('&lt;script&gt;alert(');
  });

  it('counts verdicts per month of the review history, from the first month with one to the current month', async () => {
    const now = new Date();
    const month = (back: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 15)).toISOString();
    await recordVerdict('false', month(2));
    await recordVerdict('false', month(2));
    await recordVerdict('accurate', month(2));
    await recordVerdict('misleading', month(0));
    await recordVerdict('in_review', month(0));
    await recordVerdict('false', month(14));
    const page = await editor.get('/overview').set(ENGLISH).expect(200);
    const name = (back: number) => new Intl.DateTimeFormat('en', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(month(back)));
    expect(sectionOf(page.text, 'chart-verdicts-over-time')).toContain('<th scope="col">Month</th><th scope="col">Accurate</th><th scope="col">Misleading</th><th scope="col">False</th><th scope="col">Total</th>');
    expect(tableOf(page.text, 'chart-verdicts-over-time')).toEqual([
      [name(2), '1', '0', '2', '3'],
      [name(1), '0', '0', '0', '0'],
      [name(0), '0', '1', '0', '1'],
    ]);
  });

  it('shows the desk’s progress from its counters', async () => {
    const page = await editor.get('/overview').set(ENGLISH).expect(200);
    expect(tableOf(page.text, 'chart-desk-progress')).toContainEqual(['Verified', '7']);
    expect(tableOf(page.text, 'chart-desk-progress')).toContainEqual(['Open', '1']);
  });

  it('is in Arabic for an Arabic reader, months and labels included', async () => {
    await recordVerdict('false', new Date().toISOString());
    const page = await editor.get('/overview').set(ARABIC).expect(200);
    expect(page.text).toContain('<html lang="ar" dir="rtl">');
    expect(page.text).toContain('<h1>نظرة عامة على عمل الفريق</h1>');
    const monthName = new Intl.DateTimeFormat('ar', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date());
    expect(tableOf(page.text, 'chart-verdicts-over-time')).toEqual([[monthName, '1', '1']]);
    expect(tableOf(page.text, 'chart-top-outlets')[0]).toEqual(['Daily Planet', '1', '2', '3']);
    expect(sectionOf(page.text, 'chart-top-speakers')).toContain('<th scope="col">المتحدث</th>');
  });

  it('takes its labels’ names and colours from the desk’s rating scale', async () => {
    await context.db.updateTable('rating_label').set({ name_en: 'Pants on fire', name_ar: 'كذب صريح', colour: '#cc00aa' }).where('code', '=', 'false').execute();
    const page = await editor.get('/overview').set(ENGLISH).expect(200);
    const top = sectionOf(page.text, 'chart-top-speakers');
    expect(top).toContain('<th scope="col">Pants on fire</th>');
    expect(top).toContain('Speakers with the most claims rated Misleading or Pants on fire');
    expect(top).toContain('fill="#cc00aa"');
    const speaker = await editor.get(`/speakers/${await idOf('speaker', 'Amira Haddad')}`).set(ARABIC).expect(200);
    expect(tableOf(speaker.text, 'chart-speaker-verdicts')).toContainEqual(['كذب صريح', '2']);
  });

  it('says in sentences that there is nothing to chart on an empty desk', async () => {
    await context.db.deleteFrom('claim').execute();
    const page = await editor.get('/overview').set(ENGLISH).expect(200);
    expect(page.text).toContain('No verdict was given in the last 12 months.');
    expect(page.text).toContain('The desk has no claims yet.');
    expect(page.text).toContain('No speaker has a claim rated Misleading or False yet.');
    expect(page.text).toContain('No outlet has a claim rated Misleading or False yet.');
    expect(page.text).not.toContain('<svg role="img"');
  });

  it('holds no script and no inline style in its drawings, under the same CSP as every page', async () => {
    const page = await editor.get('/overview').set(ENGLISH).expect(200);
    const policy = page.headers['content-security-policy'] as string;
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("style-src 'self';");
    expect(policy).not.toContain('unsafe-inline');
    const drawings = [...page.text.matchAll(/<svg role="img"[\s\S]*?<\/svg>/g)].map(([svg]) => svg);
    expect(drawings.length).toBeGreaterThanOrEqual(3);
    for (const svg of drawings) {
      expect(svg).not.toMatch(/<script|\son\w+=|style=|javascript:/i);
    }
  });
});
