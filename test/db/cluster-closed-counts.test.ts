import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { FileMigrationProvider, Migrator } from 'kysely/migration';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectDatabase, type Db } from '../../src/db/connect.ts';
import { MIGRATIONS_FOLDER } from '../../src/db/migrate.ts';
import { ingestArticle } from '../../src/features/articles/articles.service.ts';
import { countClaimsByStatus, findClaimById } from '../../src/features/claims/claims.repository.ts';
import { changeClaimStatus, listClaimPage } from '../../src/features/claims/claims.service.ts';
import { decideClusterSuggestion, reuseVerdict } from '../../src/features/clusters/cluster-desk.service.ts';
import { insertCluster, insertMember } from '../../src/features/clusters/clusters.repository.ts';
import { indexClaims, joinCluster } from '../../src/features/clusters/clusters.service.ts';
import { deleteClaim } from '../../src/features/corrections/claim-edits.service.ts';
import { editRatingLabel, setRatingLabelRetired, type LabelForm } from '../../src/features/ratings/ratings.service.ts';
import { findRatingLabel } from '../../src/features/ratings/ratings.repository.ts';
import { newId } from '../../src/ids.ts';
import { POSTGRES_URL, TEST_ENGINES, type TestDatabase } from '../support/database.ts';
import { insertTestArticle, insertTestClaim, testActor } from '../support/fixtures.ts';
import { SAME_CLAIM_ARTICLES, ingestSameClaimArticles, type SameClaimKey } from '../support/same-claim-articles.ts';

/**
 * claim_cluster.closed_members (the 2026-12-03T04-00-00 migration) counts each cluster's members whose status
 * has a final label; the dashboard's "checked elsewhere" reads it. After every kind of change that moves a
 * claim's verdict, a membership or a label's final flag, it must equal a count of the rows, and the filter
 * must list exactly the claims another member of whose cluster has a final verdict.
 */

const OMAR = { id: 'user-omar', name: 'Omar' };
const admin = testActor('Admin Nadia');

/** Every cluster's closed members, counted from the rows. */
async function recounted(db: Db): Promise<Map<string, number>> {
  const finals = new Set((await db.selectFrom('rating_label').select('code').where('final', '=', 1).execute()).map((row) => row.code));
  const clusters = await db.selectFrom('claim_cluster').select('id').execute();
  const counts = new Map(clusters.map((row) => [row.id, 0]));
  const members = await db.selectFrom('claim_cluster_member').innerJoin('claim', 'claim.id', 'claim_cluster_member.claim_id').select(['cluster_id', 'claim.status']).execute();
  for (const member of members) if (finals.has(member.status)) counts.set(member.cluster_id, (counts.get(member.cluster_id) ?? 0) + 1);
  return counts;
}

async function stored(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom('claim_cluster').select(['id', 'closed_members']).execute();
  return new Map(rows.map((row) => [row.id, Number(row.closed_members)]));
}

/** The claims another member of whose cluster has a final verdict, from the rows. */
async function checkedFromRows(db: Db): Promise<string[]> {
  const finals = new Set((await db.selectFrom('rating_label').select('code').where('final', '=', 1).execute()).map((row) => row.code));
  const members = await db.selectFrom('claim_cluster_member').innerJoin('claim', 'claim.id', 'claim_cluster_member.claim_id').select(['claim_id', 'cluster_id', 'claim.status']).execute();
  return members
    .filter((mine) => members.some((other) => other.cluster_id === mine.cluster_id && other.claim_id !== mine.claim_id && finals.has(other.status)))
    .map((mine) => mine.claim_id)
    .sort();
}

function labelForm(label: { name_en: string; name_ar: string; colour: string; rated: number; rating_value: number | null }, final: boolean): LabelForm {
  return { nameEn: label.name_en, nameAr: label.name_ar, colour: label.colour, rated: Number(label.rated) === 1, final, ratingValue: label.rating_value === null ? '' : String(label.rating_value), alternateNameEn: '', alternateNameAr: '' };
}

for (const { engine, open } of TEST_ENGINES) {
  describe(`clusters' count of closed members on ${engine}`, () => {
    let database: TestDatabase;
    let db: Db;
    let ids: Record<SameClaimKey, string>;

    beforeEach(async () => {
      database = await open();
      db = database.db;
      const ingest = (input: Parameters<typeof ingestArticle>[1]) => ingestArticle(db, input, { maxBytes: 100_000 });
      ids = await ingestSameClaimArticles(db, ingest, SAME_CLAIM_ARTICLES, ['minister', 'republished', 'economist', 'paraphrase', 'weather']);
    });
    afterEach(() => database.drop());

    /** The counters equal a recount, and the filter (its list, its access by list or probe, its counts) agrees with the rows. */
    async function expectExact(step: string): Promise<void> {
      expect(Object.fromEntries(await stored(db)), step).toEqual(Object.fromEntries(await recounted(db)));
      const expected = await checkedFromRows(db);
      const listed = (await listClaimPage(db, { cluster: 'checked' }, undefined, 200)).claims.map((claim) => claim.id).sort();
      expect(listed, step).toEqual(expected);
      const counts = await countClaimsByStatus(db, { cluster: 'checked' });
      expect([...counts.byStatus.values()].reduce((sum, n) => sum + n, 0), step).toBe(expected.length);
    }

    const version = async (claimId: string) => (await findClaimById(db, claimId))!.version;
    const setStatus = async (claimId: string, status: string) => changeClaimStatus(db, { claimId, status, expectedVersion: await version(claimId), actor: 'Amira' });

    it('stays equal to a recount through verdicts, joins, merges, departures and label changes', async () => {
      await expectExact('ingested');
      // Status changes: into a final label, between final labels, back out of one.
      await setStatus(ids.republished, 'false');
      await expectExact('republished false');
      expect(Math.max(...(await stored(db)).values())).toBe(1);
      await setStatus(ids.republished, 'misleading');
      await expectExact('final to final');
      await setStatus(ids.minister, 'in_review');
      await expectExact('not final');
      // Verdict reuse.
      await reuseVerdict(db, { claimId: ids.minister, expectedVersion: await version(ids.minister), fromClaimId: ids.republished, fromStatus: 'misleading', actor: OMAR });
      await expectExact('reused');
      expect(Math.max(...(await stored(db)).values())).toBe(2);
      await setStatus(ids.republished, 'unverified');
      await expectExact('one final left');

      // A join: the suggested paraphrase (with a verdict of its own) is confirmed into the cluster.
      await setStatus(ids.paraphrase, 'accurate');
      await decideClusterSuggestion(db, { claimId: ids.minister, otherClaimId: ids.paraphrase, decision: 'confirm', actor: OMAR });
      await expectExact('joined');

      // A second cluster of two claims with verdicts, then merged into the first by a reviewer's join.
      const article = await insertTestArticle(db);
      const first = await insertTestClaim(db, { article, start: 0, text: 'Inflation fell to two percent', status: 'false' });
      const second = await insertTestClaim(db, { article, start: 20, text: 'Inflation fell to 2 percent', status: 'accurate' });
      const lone = await insertTestClaim(db, { article, start: 40, text: 'A claim no one repeats', status: 'false' });
      const other = newId();
      await insertCluster(db, other, '2026-07-01T00:00:00.000Z');
      for (const claimId of [first, second]) await insertMember(db, { claim_id: claimId, cluster_id: other, similarity: 0.9, joined_by: 'index', joined_at: '2026-07-01T00:00:00.000Z' });
      await expectExact('second cluster');
      await db.transaction().execute((trx) => joinCluster(trx, first, ids.weather, OMAR.id));
      await expectExact('joined the second cluster');
      await db.transaction().execute((trx) => joinCluster(trx, ids.minister, first, OMAR.id));
      await expectExact('merged');
      expect((await stored(db)).size).toBe(1);
      await db.transaction().execute((trx) => joinCluster(trx, lone, ids.weather, OMAR.id));
      await expectExact('lone joined');

      // Departures: a claim deleted, and a claim the index re-reads that no longer matches.
      await deleteClaim(db, { claimId: second, expectedVersion: await version(second), actor: OMAR });
      await expectExact('claim deleted');
      await db.updateTable('claim').set({ text: 'Rain is expected over the coast on Thursday evening' }).where('id', '=', ids.economist).execute();
      await setStatus(ids.economist, 'false');
      await expectExact('economist judged');
      await indexClaims(db, [ids.economist]);
      expect(await db.selectFrom('claim_cluster_member').select('claim_id').where('claim_id', '=', ids.economist).executeTakeFirst()).toBeUndefined();
      await expectExact('left by the index');

      // Labels: a final label stops closing the review, one in use is retired, the first closes it again.
      const unverifiable = (await findRatingLabel(db, 'unverifiable'))!;
      await setStatus(ids.paraphrase, 'unverifiable');
      await expectExact('unverifiable');
      const before = await stored(db);
      await editRatingLabel(db, 'unverifiable', Number(unverifiable.version), labelForm(unverifiable, false), admin);
      await expectExact('unverifiable no longer final');
      expect(await stored(db)).not.toEqual(before);
      const misleading = (await findRatingLabel(db, 'misleading'))!;
      await setRatingLabelRetired(db, 'misleading', Number(misleading.version), true, admin);
      await expectExact('misleading retired');
      const back = (await findRatingLabel(db, 'unverifiable'))!;
      await editRatingLabel(db, 'unverifiable', Number(back.version), labelForm(back, true), admin);
      await expectExact('unverifiable final again');
      expect(Object.fromEntries(await stored(db))).toEqual(Object.fromEntries(before));
    });

    it('counts the members with a final verdict when a cluster is written in bulk and when claims go with their article', async () => {
      const clusterId = newId();
      await insertCluster(db, clusterId, '2026-07-01T00:00:00.000Z');
      const articles = [await insertTestArticle(db), await insertTestArticle(db)];
      const members = [];
      for (let i = 0; i < 12; i += 1) {
        const claimId = await insertTestClaim(db, { article: articles[i % 2]!, start: i * 20, text: `Claim ${i}`, status: i % 3 === 0 ? 'false' : 'unverified' });
        members.push({ claim_id: claimId, cluster_id: clusterId, similarity: 0.9, joined_by: 'index', joined_at: '2026-07-01T00:00:00.000Z' });
      }
      await db.insertInto('claim_cluster_member').values(members).execute();
      await expectExact('bulk members');
      expect((await stored(db)).get(clusterId)).toBe(4);
      await db.updateTable('claim').set({ status: 'accurate' }).where('id', 'in', members.slice(0, 6).map((m) => m.claim_id)).execute();
      await expectExact('bulk verdicts');
      // Accurate: 0-5; false: 6, 9. The article of the even ones goes, with its claims and their memberships.
      await db.deleteFrom('article').where('id', '=', articles[0]!.id).execute();
      await expectExact('article deleted');
      // Left: claims 1, 3, 5 (accurate) and 9 (false); 7 and 11 unverified.
      expect((await stored(db)).get(clusterId)).toBe(4);
    });
  });
}

const COUNT_MIGRATION = '2026-12-03T04-00-00_add_cluster_closed_counts';

function migratorFor(db: Db, schema?: string): Migrator {
  return new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder: MIGRATIONS_FOLDER, import: (file) => import(pathToFileURL(file).href) }),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

/** Clusters made before the counter existed are counted when it is made; migrating down takes it and its triggers away. */
async function countsAcrossTheMigration(db: Db, schema?: string): Promise<void> {
  const migrator = migratorFor(db, schema);
  const names = (await migrator.getMigrations()).map((migration) => migration.name);
  expect((await migrator.migrateTo(names[names.indexOf(COUNT_MIGRATION) - 1]!)).error).toBeUndefined();
  const article = await insertTestArticle(db);
  const statuses = ['false', 'accurate', 'unverified', 'in_review', 'false'];
  const claims: string[] = [];
  for (const [i, status] of statuses.entries()) claims.push(await insertTestClaim(db, { article, start: i * 20, text: `Claim ${i}`, status }));
  const at = '2026-07-01T00:00:00.000Z';
  for (const id of ['cluster-a', 'cluster-b', 'cluster-c']) await insertCluster(db, id, at);
  const member = (claimId: string, clusterId: string) => ({ claim_id: claimId, cluster_id: clusterId, similarity: 0.9, joined_by: 'index', joined_at: at });
  await db.insertInto('claim_cluster_member').values([member(claims[0]!, 'cluster-a'), member(claims[1]!, 'cluster-a'), member(claims[2]!, 'cluster-a'), member(claims[3]!, 'cluster-b'), member(claims[4]!, 'cluster-c')]).execute();
  expect((await migrator.migrateTo(COUNT_MIGRATION)).error).toBeUndefined();
  expect(Object.fromEntries(await stored(db))).toEqual({ 'cluster-a': 2, 'cluster-b': 0, 'cluster-c': 1 });
  expect((await migrator.migrateDown()).error).toBeUndefined();
  const columns = (await db.introspection.getTables()).find((table) => table.name === 'claim_cluster')!.columns.map((column) => column.name);
  expect(columns).not.toContain('closed_members');
  // Verdicts and memberships are written without the counter's triggers.
  await db.updateTable('claim').set({ status: 'accurate' }).where('id', '=', claims[3]!).execute();
  await db.deleteFrom('claim_cluster_member').where('claim_id', '=', claims[0]!).execute();
  expect((await migrator.migrateToLatest()).error).toBeUndefined();
  expect(Object.fromEntries(await stored(db))).toEqual({ 'cluster-a': 1, 'cluster-b': 1, 'cluster-c': 1 });
}

describe('the count of closed members across its migration', () => {
  it('counts the clusters there were, and migrates down, on SQLite', async () => {
    const db = connectDatabase(':memory:');
    try {
      await countsAcrossTheMigration(db);
    } finally {
      await db.destroy();
    }
  });

  it.skipIf(!POSTGRES_URL)('counts the clusters there were, and migrates down, on PostgreSQL', async () => {
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const admin = connectDatabase(POSTGRES_URL!);
    await sql`create schema ${sql.id(schema)}`.execute(admin);
    const db = connectDatabase(POSTGRES_URL!, { schema });
    try {
      await countsAcrossTheMigration(db, schema);
    } finally {
      await db.destroy();
      await sql`drop schema ${sql.id(schema)} cascade`.execute(admin);
      await admin.destroy();
    }
  });
});
