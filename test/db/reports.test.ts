import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.ts';
import { GoneError, NotFoundError, ValidationError } from '../../src/errors.ts';
import { listClaims } from '../../src/features/claims/claims.repository.ts';
import { eachClaimBatch } from '../../src/features/claims/claims.service.ts';
import { addNote } from '../../src/features/notes/notes.service.ts';
import { changeClaimStatus } from '../../src/features/claims/claims.service.ts';
import { claimContext, getArticleReport, getClaimReport, redactEmailAddresses, webAddress } from '../../src/features/reports/reports.service.ts';
import { createShare, hashShareKey, listShares, resolveShare, revokeShare } from '../../src/features/shares/shares.service.ts';
import { TEST_ENGINES, type TestDatabase } from '../support/database.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';

describe.each(TEST_ENGINES)('reports and share links on $engine', ({ open }) => {
  let database: TestDatabase;
  let db: Db;

  beforeEach(async () => {
    database = await open();
    db = database.db;
  });
  afterEach(() => database.drop());

  it('pages through every claim of a view in the dashboard’s order, a batch at a time', async () => {
    const articles = [await insertTestArticle(db), await insertTestArticle(db)];
    for (const [index, article] of articles.entries()) {
      for (let i = 0; i < 4; i += 1) await insertTestClaim(db, { article, start: i * 100, checkworthiness: (index * 4 + i) / 10, status: i === 0 ? 'false' : 'unverified' });
    }
    for (const sort of ['newest', 'checkworthiness'] as const) {
      const all = (await listClaims(db, {}, undefined, 100, sort)).map((claim) => claim.id);
      const batches: string[][] = [];
      for await (const batch of eachClaimBatch(db, {}, sort, 3)) batches.push(batch.map((claim) => claim.id));
      expect(batches.map((batch) => batch.length)).toEqual([3, 3, 2]);
      expect(batches.flat()).toEqual(all);
    }
    const falseOnly: string[] = [];
    for await (const batch of eachClaimBatch(db, { status: 'false' }, 'newest', 1)) falseOnly.push(...batch.map((claim) => claim.id));
    expect(falseOnly).toHaveLength(2);
  });

  it('give the public no private note, no name and no e-mail address; the desk everything, tagged', async () => {
    // Test claims span ten characters.
    const article = await insertTestArticle(db, { body: 'First paragraph.\nThe minister said tariffs go next year, officials added.\nLast.' });
    const claimId = await insertTestClaim(db, { article, start: article.body.indexOf('tariffs go'), text: 'tariffs go' });
    await changeClaimStatus(db, { claimId, status: 'misleading', expectedVersion: 1, actor: 'Omar', actorId: 'omar-id', note: 'working note' });
    await addNote(db, { claimId, author: 'Omar', authorId: 'omar-id', body: 'Seen at mailto:press@ministry.example and Press@Ministry.example.' });
    await addNote(db, { claimId, author: 'Omar', authorId: 'omar-id', body: 'secret', private: true });

    const publicReport = await getClaimReport(db, claimId, 'public');
    expect(publicReport.claim.notes.map((note) => [note.body, note.author, note.private])).toEqual([[null, null, false]]);
    expect(publicReport.claim.notes[0]!.html).not.toMatch(/ministry/i);
    expect(publicReport.claim.notes[0]!.html.match(/\[e-mail removed\]/g)).toHaveLength(2);
    expect(publicReport.claim.history).toEqual([
      { at: expect.any(String), field: 'status', to: 'misleading', toLabel: { en: 'Misleading', ar: 'مضلل' }, hop: undefined, actor: null, note: null },
    ]);
    expect(publicReport.claim.context).toMatchObject({ before: 'The minister said ', exact: 'tariffs go', after: ' next year, officials added.', clippedBefore: false, clippedAfter: false });

    const desk = await getClaimReport(db, claimId, 'desk');
    expect(desk.claim.notes.map((note) => [note.author, note.private])).toEqual([['Omar', false], ['Omar', true]]);
    expect(desk.claim.history[0]).toMatchObject({ actor: 'Omar', note: 'working note' });

    const articleReport = await getArticleReport(db, article.id, 'public');
    expect(articleReport.progress).toEqual({ total: 1, reviewed: 1, percent: 100 });
    expect(articleReport.statusCounts.find((count) => count.status === 'misleading')!.count).toBe(1);
    await expect(getClaimReport(db, 'missing', 'public')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('resolve a share by the hash of its key until it expires or is revoked', async () => {
    const article = await insertTestArticle(db);
    const claimId = await insertTestClaim(db, { article, start: 0 });
    const now = new Date('2026-11-24T12:00:00.000Z');
    const { share, key } = await createShare(db, { targetType: 'claim', targetId: claimId, language: 'ar', expiresOn: '2026-11-30', actorId: 'amira-id' }, now);
    expect(share.key_hash).toBe(hashShareKey(key));
    expect(share.expires_at).toBe('2026-12-01T00:00:00.000Z');
    expect((await resolveShare(db, key, now)).id).toBe(share.id);
    expect((await resolveShare(db, key, new Date('2026-11-30T23:59:59.000Z'))).id).toBe(share.id);
    await expect(resolveShare(db, key, new Date('2026-12-01T00:00:00.000Z'))).rejects.toBeInstanceOf(GoneError);
    await expect(resolveShare(db, `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`, now)).rejects.toBeInstanceOf(NotFoundError);
    await expect(resolveShare(db, hashShareKey(key), now)).rejects.toBeInstanceOf(NotFoundError);

    const revoked = await revokeShare(db, share.id, 'amira-id');
    expect(revoked.revoked_by).toBe('amira-id');
    await expect(resolveShare(db, key, now)).rejects.toBeInstanceOf(GoneError);
    expect((await listShares(db, { type: 'claim', id: claimId }, now)).map((item) => item.state)).toEqual(['revoked']);

    await expect(createShare(db, { targetType: 'claim', targetId: claimId, language: 'ar', expiresOn: '2026-11-23', actorId: 'a' }, now)).rejects.toBeInstanceOf(ValidationError);
    await expect(createShare(db, { targetType: 'claim', targetId: claimId, language: 'ar', expiresOn: '2026-02-30', actorId: 'a' }, now)).rejects.toBeInstanceOf(ValidationError);
    await expect(createShare(db, { targetType: 'claim', targetId: claimId, language: 'ar', expiresOn: '2040-01-01', actorId: 'a' }, now)).rejects.toBeInstanceOf(ValidationError);
    await expect(createShare(db, { targetType: 'article', targetId: claimId, language: 'en', actorId: 'a' }, now)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('report helpers', () => {
  it('cut a long paragraph around the claim at spaces', () => {
    const body = `${'word '.repeat(200)}CLAIM${' tail'.repeat(200)}`;
    const start = body.indexOf('CLAIM');
    const context = claimContext(body, start, start + 5);
    expect(context.exact).toBe('CLAIM');
    expect(context.clippedBefore && context.clippedAfter).toBe(true);
    expect(context.before.startsWith('word ')).toBe(true);
    expect(context.before.length).toBeLessThanOrEqual(320);
    expect(context.after.endsWith('tail')).toBe(true);
  });

  it('leave the scraped noise next to the claim out of its context', () => {
    const body = 'Intro line.\nBREAKING HEADLINE The minister said tariffs go next year. Read more here';
    const start = body.indexOf('tariffs go');
    const noise = [{ start: body.indexOf('BREAKING'), end: body.indexOf(' The minister') }, { start: body.indexOf('Read more'), end: body.length }];
    expect(claimContext(body, start, start + 10, noise)).toEqual({ before: 'The minister said ', exact: 'tariffs go', after: ' next year.', clippedBefore: false, clippedAfter: false });
  });

  it('make outlet addresses absolute web addresses, and drop anything else', () => {
    expect(webAddress('https://telegram.me/buratha')).toBe('https://telegram.me/buratha');
    expect(webAddress('t.me/buratha')).toBe('https://t.me/buratha');
    expect(webAddress('javascript:alert(1)')).toBeNull();
    expect(webAddress('data:text/html,x')).toBeNull();
    expect(webAddress('buratha')).toBeNull();
    expect(webAddress(null)).toBeNull();
  });

  it('remove e-mail addresses, Latin or not', () => {
    expect(redactEmailAddresses('write to <a.b+c@x.example.org> or مكتب@مثال.مصر')).toBe('write to <[e-mail removed]> or [e-mail removed]');
    expect(redactEmailAddresses('@handle and 5 @ 6')).toBe('@handle and 5 @ 6');
  });
});
