import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { FileMigrationProvider, Migrator } from 'kysely/migration';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectDatabase, type Db } from '../../src/db/connect.ts';
import { MIGRATIONS_FOLDER } from '../../src/db/migrate.ts';
import { ConflictError, ValidationError } from '../../src/errors.ts';
import { newId } from '../../src/ids.ts';
import {
  addRatingLabel,
  editRatingLabel,
  loadRatingScale,
  moveRatingLabel,
  removeRatingLabel,
  setRatingLabelRetired,
  type LabelForm,
} from '../../src/features/ratings/ratings.service.ts';
import { changeClaimStatus } from '../../src/features/claims/claims.service.ts';
import { listReviewEvents } from '../../src/features/claims/claims.repository.ts';
import { POSTGRES_URL, TEST_ENGINES, type TestDatabase } from '../support/database.ts';
import { insertTestArticle, insertTestClaim, testActor } from '../support/fixtures.ts';

const MIGRATION = '2026-12-03T01-00-00_create_rating_scale';
const STATUSES = ['unverified', 'in_review', 'accurate', 'mostly_accurate', 'misleading', 'false', 'unverifiable', 'not_a_claim'];

function migratorFor(db: Db, schema?: string): Migrator {
  return new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder: MIGRATIONS_FOLDER, import: (file) => import(pathToFileURL(file).href) }),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

/**
 * A database as it was before the rating scale: a claim in each of the eight statuses, each reached through
 * a status change in the history (from unverified), then the migration. Answers what the desk sees after it.
 */
async function desksAcrossTheMigration(db: Db, schema?: string) {
  const migrator = migratorFor(db, schema);
  const names = (await migrator.getMigrations()).map((migration) => migration.name);
  expect(names).toContain(MIGRATION);
  expect((await migrator.migrateTo(names[names.indexOf(MIGRATION) - 1]!)).error).toBeUndefined();
  const article = await insertTestArticle(db);
  const claims: Record<string, string> = {};
  for (const [index, status] of STATUSES.entries()) {
    claims[status] = await insertTestClaim(db, { article, start: index * 20, status });
    if (status !== 'unverified') {
      await sql`insert into review_event (id, claim_id, actor, field, from_value, to_value, created_at)
        values (${newId()}, ${claims[status]}, 'Amira', 'status', 'unverified', ${status}, '2026-11-30T10:00:00.000Z')`.execute(db);
    }
  }
  await sql`insert into review_event (id, claim_id, actor, field, from_value, to_value, created_at)
    values (${newId()}, ${claims.false}, 'Amira', 'attribution_status', 'unchecked', 'verbatim', '2026-11-30T10:00:00.000Z')`.execute(db);
  expect((await migrator.migrateToLatest()).error).toBeUndefined();
  const statuses = await db.selectFrom('claim').select(['id', 'status']).execute();
  const events = await db.selectFrom('review_event').select(['claim_id', 'field', 'from_value', 'to_value', 'from_label_en', 'from_label_ar', 'to_label_en', 'to_label_ar']).execute();
  return { claims, statuses: new Map(statuses.map((row) => [row.id, row.status])), events, scale: await loadRatingScale(db) };
}

function checkMigratedDesk({ claims, statuses, events, scale }: Awaited<ReturnType<typeof desksAcrossTheMigration>>) {
  // Every claim keeps its verdict, and every verdict is a label of the scale, in the order the desk knew.
  for (const status of STATUSES) expect(statuses.get(claims[status]!)).toBe(status);
  expect(scale.offered.map((label) => label.code)).toEqual(STATUSES);
  expect(scale.name('mostly_accurate', 'en')).toBe('Mostly accurate');
  expect(scale.name('false', 'ar')).toBe('خاطئ');
  expect(scale.ratingValue('accurate')).toBe(5);
  expect(scale.ratingValue('false')).toBe(1);
  expect(scale.ratingValue('unverifiable')).toBeNull();
  expect(scale.isRated('misleading')).toBe(true);
  expect(scale.isRated('not_a_claim')).toBe(false);
  expect(scale.isFinal('in_review')).toBe(false);
  expect(scale.isFinal('unverifiable')).toBe(true);
  // The history's status lines carry both labels' names; other lines none.
  const statusEvents = events.filter((event) => event.field === 'status');
  expect(statusEvents).toHaveLength(STATUSES.length - 1);
  for (const event of statusEvents) {
    expect(event.from_label_en).toBe('Unverified');
    expect(event.from_label_ar).toBe('لم يُتحقق منه');
    expect(event.to_label_en).toBe(scale.name(event.to_value!, 'en'));
    expect(event.to_label_ar).toBe(scale.name(event.to_value!, 'ar'));
  }
  const other = events.find((event) => event.field === 'attribution_status')!;
  expect([other.from_label_en, other.to_label_en, other.to_label_ar]).toEqual([null, null, null]);
}

describe('the rating scale migration', () => {
  it('keeps every verdict of an existing SQLite database, and names the labels in its history', async () => {
    const db = connectDatabase(':memory:');
    try {
      checkMigratedDesk(await desksAcrossTheMigration(db));
      // And it can be undone.
      expect((await migratorFor(db).migrateTo(
        (await migratorFor(db).getMigrations()).map((m) => m.name).filter((name) => name < MIGRATION).at(-1)!,
      )).error).toBeUndefined();
    } finally {
      await db.destroy();
    }
  });

  it.skipIf(!POSTGRES_URL)('keeps every verdict of an existing PostgreSQL database, and names the labels in its history', async () => {
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const admin = connectDatabase(POSTGRES_URL!);
    await sql`create schema ${sql.id(schema)}`.execute(admin);
    const db = connectDatabase(POSTGRES_URL!, { schema });
    try {
      checkMigratedDesk(await desksAcrossTheMigration(db, schema));
      const migrator = migratorFor(db, schema);
      const before = (await migrator.getMigrations()).map((m) => m.name).filter((name) => name < MIGRATION).at(-1)!;
      expect((await migrator.migrateTo(before)).error).toBeUndefined();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
    } finally {
      await db.destroy();
      await sql`drop schema ${sql.id(schema)} cascade`.execute(admin);
      await admin.destroy();
    }
  });
});

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

const admin = testActor('Admin Nadia');

function form(overrides: Partial<LabelForm> = {}): LabelForm {
  return { code: 'satire', nameEn: 'Satire', nameAr: 'سخرية', colour: '#7A3E9D', rated: true, final: true, ratingValue: '', alternateNameEn: '', alternateNameAr: '', ...overrides };
}

describe.each(TEST_ENGINES)('the rating scale on $engine', ({ open }) => {
  let test: TestDatabase;
  let db: Db;
  beforeEach(async () => {
    test = await open();
    db = test.db;
  });
  afterEach(async () => {
    await test.drop();
  });

  async function version(code: string): Promise<number> {
    return (await loadRatingScale(db)).get(code)!.version;
  }

  it('adds a label at the end of the scale, tidied, and records who did', async () => {
    const label = await addRatingLabel(db, form({ code: ' Satire ', nameEn: '  Satire ' }), admin);
    expect(label).toMatchObject({ code: 'satire', colour: '#7a3e9d', rated: true, final: true, ratingValue: null, version: 1 });
    const scale = await loadRatingScale(db);
    expect(scale.offered.at(-1)!.code).toBe('satire');
    expect(scale.name('satire', 'ar')).toBe('سخرية');
    const events = await db.selectFrom('desk_event').selectAll().where('target_type', '=', 'rating_label').execute();
    expect(events.map((event) => [event.action, event.target_id, event.actor])).toEqual([['rating_label.add', 'satire', 'Admin Nadia']]);
  });

  it('adds one label when two admins add the same code at once, and refuses the other in words', async () => {
    const results = await Promise.allSettled([addRatingLabel(db, form(), admin), addRatingLabel(db, form({ nameEn: 'Satire too', nameAr: 'سخرية أيضًا' }), testActor('Admin Omar'))]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ValidationError);
    expect(Object.keys((refused.reason as ValidationError).fieldErrors)).toEqual(['code']);
  });

  it('refuses a bad or taken code, an empty or taken name, a bad colour or rating, each in words', async () => {
    const error = (await caught(addRatingLabel(db, form({ code: 'false', nameEn: 'Accurate', nameAr: '', colour: 'red', ratingValue: '7' }), admin))) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys(error.fieldErrors).sort()).toEqual(['code', 'colour', 'nameAr', 'nameEn', 'ratingValue']);
    expect(String(error.fieldErrors.code)).toContain('false');
    expect(await caught(addRatingLabel(db, form({ code: '9lives' }), admin))).toBeInstanceOf(ValidationError);
    expect(await caught(addRatingLabel(db, form({ rated: false, ratingValue: '3' }), admin))).toBeInstanceOf(ValidationError);
    expect(await caught(addRatingLabel(db, form({ nameEn: 'x'.repeat(61) }), admin))).toBeInstanceOf(ValidationError);
    expect((await loadRatingScale(db)).has('satire')).toBe(false);
  });

  it('renames, recolours and rates a label, bumping its version; a stale form is refused with the label as it is now', async () => {
    const v1 = await version('misleading');
    const edited = await editRatingLabel(db, 'misleading', v1, form({ code: undefined, nameEn: 'Missing context', nameAr: 'ينقصه السياق', colour: '#aa5500', ratingValue: '3', alternateNameEn: 'Missing context (misleading)' }), admin);
    expect(edited).toMatchObject({ version: v1 + 1, colour: '#aa5500', ratingValue: 3, name: { en: 'Missing context', ar: 'ينقصه السياق' } });
    const scale = await loadRatingScale(db);
    expect(scale.alternateName('misleading', 'en')).toBe('Missing context (misleading)');
    expect(scale.alternateName('misleading', 'ar')).toBe('ينقصه السياق');
    const stale = (await caught(editRatingLabel(db, 'misleading', v1, form({ nameEn: 'Older idea' }), admin))) as ConflictError<{ label: { name: { en: string } } }>;
    expect(stale).toBeInstanceOf(ConflictError);
    expect(stale.current.label.name.en).toBe('Missing context');
    const audit = await db.selectFrom('desk_event').selectAll().where('action', '=', 'rating_label.edit').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.before_json!).name.en).toBe('Misleading');
    expect(JSON.parse(audit[0]!.after_json!).name.en).toBe('Missing context');
  });

  it('keeps the workflow open states open and unretirable', async () => {
    expect(await caught(editRatingLabel(db, 'in_review', await version('in_review'), form({ nameEn: 'Being checked', nameAr: 'قيد الفحص', rated: true, final: false }), admin))).toBeInstanceOf(ValidationError);
    await editRatingLabel(db, 'in_review', await version('in_review'), form({ nameEn: 'Being checked', nameAr: 'قيد الفحص', rated: false, final: false }), admin);
    expect((await loadRatingScale(db)).name('in_review', 'en')).toBe('Being checked');
    expect(await caught(setRatingLabelRetired(db, 'unverified', await version('unverified'), true, admin))).toBeInstanceOf(ValidationError);
    expect(await caught(removeRatingLabel(db, 'in_review', await version('in_review'), admin))).toBeInstanceOf(ValidationError);
  });

  it('moves a label up and down among the offered labels', async () => {
    await moveRatingLabel(db, 'false', await version('false'), 'up', admin);
    expect((await loadRatingScale(db)).offered.map((label) => label.code).slice(3, 6)).toEqual(['mostly_accurate', 'false', 'misleading']);
    await moveRatingLabel(db, 'false', await version('false'), 'down', admin);
    await moveRatingLabel(db, 'not_a_claim', await version('not_a_claim'), 'down', admin);
    expect((await loadRatingScale(db)).offered.map((label) => label.code)).toEqual(STATUSES);
  });

  it('retires a label in use (no longer offered, still named) and deletes only an unused one', async () => {
    const article = await insertTestArticle(db);
    const claimId = await insertTestClaim(db, { article, start: 0 });
    await changeClaimStatus(db, { claimId, status: 'unverifiable', expectedVersion: 1, actor: 'Amira' });
    expect(await caught(removeRatingLabel(db, 'unverifiable', await version('unverifiable'), admin))).toBeInstanceOf(ValidationError);
    await setRatingLabelRetired(db, 'unverifiable', await version('unverifiable'), true, admin);
    const scale = await loadRatingScale(db);
    expect(scale.offered.map((label) => label.code)).not.toContain('unverifiable');
    expect(scale.has('unverifiable')).toBe(true);
    expect(scale.name('unverifiable', 'en')).toBe('Unverifiable');
    // A retired label cannot be chosen any more.
    expect(await caught(changeClaimStatus(db, { claimId, status: 'unverifiable', expectedVersion: 2, actor: 'Amira' }))).toBeInstanceOf(ValidationError);
    await setRatingLabelRetired(db, 'unverifiable', await version('unverifiable'), false, admin);
    expect((await loadRatingScale(db)).isOffered('unverifiable')).toBe(true);

    await addRatingLabel(db, form(), admin);
    await removeRatingLabel(db, 'satire', await version('satire'), admin);
    expect((await loadRatingScale(db)).has('satire')).toBe(false);
  });

  it('writes the names of both labels into each status change, and keeps them after a rename', async () => {
    const article = await insertTestArticle(db);
    const claimId = await insertTestClaim(db, { article, start: 0 });
    await changeClaimStatus(db, { claimId, status: 'misleading', expectedVersion: 1, actor: 'Amira' });
    await editRatingLabel(db, 'misleading', await version('misleading'), form({ nameEn: 'Missing context', nameAr: 'ينقصه السياق' }), admin);
    const [event] = await listReviewEvents(db, claimId);
    expect(event).toMatchObject({ field: 'status', from_value: 'unverified', to_value: 'misleading', from_label_en: 'Unverified', to_label_en: 'Misleading', to_label_ar: 'مضلل' });
  });
});
