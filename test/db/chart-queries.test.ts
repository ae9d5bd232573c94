import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompiledQuery, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { sql } from 'kysely';
import { FileMigrationProvider, Migrator } from 'kysely/migration';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type Db } from '../../src/db/connect.ts';
import { MIGRATIONS_FOLDER } from '../../src/db/migrate.ts';
import type { ArticleRow } from '../../src/db/schema.ts';
import { newId } from '../../src/ids.ts';
import { countArticleClaimsByStatus, countVerdictsByMonth, rankFacetValuesByStatuses, readFacetStatusCounts } from '../../src/features/charts/charts.repository.ts';
import { POSTGRES_URL, TEST_ENGINES, type TestDatabase } from '../support/database.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';

/**
 * The charts' queries on both engines: what they count, and how they read it. The ranking of speakers by
 * their false and misleading claims must find the leader that no single status's list has near its top
 * (the threshold check falling back to summing every counter), and every query must read its index rather
 * than the claims or the review history (the overview is one request away from any reader at a million claims).
 */

class StatementRecorder implements KyselyPlugin {
  readonly statements: CompiledQuery[] = [];
  constructor(private readonly compile: (node: RootOperationNode, args: PluginTransformQueryArgs) => CompiledQuery) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (args.node.kind === 'SelectQueryNode') this.statements.push(this.compile(args.node, args));
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

async function recorded<T>(db: Db, run: (db: Db) => Promise<T>): Promise<{ result: T; statements: CompiledQuery[] }> {
  const recorder = new StatementRecorder((node, args) => db.getExecutor().compileQuery(node, args.queryId));
  const result = await run(db.withPlugin(recorder));
  return { result, statements: recorder.statements };
}

async function plan(engine: string, db: Db, query: CompiledQuery): Promise<string> {
  if (engine === 'sqlite') {
    const rows = await db.executeQuery<{ detail: string }>({ ...query, sql: `explain query plan ${query.sql}` } as CompiledQuery<{ detail: string }>);
    return rows.rows.map((row) => row.detail).join('\n');
  }
  return db.transaction().execute(async (trx) => {
    // As in explain-queries.test.ts: scans and sorts priced out, the plan shown is the best the indexes allow.
    await sql`set local enable_seqscan = off`.execute(trx);
    await sql`set local enable_sort = off`.execute(trx);
    const rows = await trx.executeQuery<{ 'QUERY PLAN': unknown }>({ ...query, sql: `explain (format json) ${query.sql}` } as CompiledQuery<never>);
    return JSON.stringify(rows.rows[0]!['QUERY PLAN']);
  });
}

/** Speakers A1…A8 each with 5 false claims, B1…B8 each with 5 misleading, and Z with 4 of each: Z leads on both together. */
const SPREAD: Array<{ speaker: string; false: number; misleading: number }> = [
  ...Array.from({ length: 8 }, (_, index) => ({ speaker: `A${index + 1}`, false: 5, misleading: 0 })),
  ...Array.from({ length: 8 }, (_, index) => ({ speaker: `B${index + 1}`, false: 0, misleading: 5 })),
  { speaker: 'Z', false: 4, misleading: 4 },
  { speaker: 'Y', false: 6, misleading: 1 },
];

for (const { engine, open } of TEST_ENGINES) {
  describe(`chart queries on ${engine}`, () => {
    let database: TestDatabase;
    let db: Db;
    let article: ArticleRow;

    beforeAll(async () => {
      database = await open();
      db = database.db;
      article = await insertTestArticle(db);
      let start = 0;
      for (const entry of SPREAD) {
        for (const [status, count] of [['false', entry.false], ['misleading', entry.misleading], ['accurate', 1]] as const) {
          for (let index = 0; index < count; index++) {
            await insertTestClaim(db, { article, start: (start += 20), speaker: entry.speaker, status, outlets: [{ name: entry.speaker.startsWith('A') ? 'Agency' : 'Broadcaster', role: 'original' }] });
          }
        }
      }
      await sql`analyze`.execute(db);
    }, 120_000);

    afterAll(async () => {
      await database?.drop();
    });

    it('ranks speakers by their claims under several statuses exactly, when the lists’ tops agree and when they do not', async () => {
      const speakers = new Map((await db.selectFrom('speaker').select(['id', 'name']).execute()).map((row) => [row.id, row.name]));
      const top = async (limit: number) => (await rankFacetValuesByStatuses(db, 'speaker', ['false', 'misleading'], limit)).map((entry) => [speakers.get(entry.value), entry.total, entry.counts]);
      // limit 2 reads the top 8 of each status: Z (4 + 4) is in neither list, and still leads.
      expect(await top(2)).toEqual([
        ['Z', 8, { false: 4, misleading: 4 }],
        ['Y', 7, { false: 6, misleading: 1 }],
      ]);
      // limit 5 reads the top 20: every speaker is a candidate.
      expect((await top(5)).slice(0, 2)).toEqual([
        ['Z', 8, { false: 4, misleading: 4 }],
        ['Y', 7, { false: 6, misleading: 1 }],
      ]);
      expect((await top(5)).slice(2).map(([, total]) => total)).toEqual([5, 5, 5]);
      expect(await rankFacetValuesByStatuses(db, 'speaker', ['unverifiable'], 5)).toEqual([]);
      const outlets = await rankFacetValuesByStatuses(db, 'outlet', ['false', 'misleading'], 5);
      // Broadcaster: B1…B8's 40 misleading, Z's 8, Y's 7; Agency: A1…A8's 40 false.
      expect(outlets.map((entry) => entry.total)).toEqual([55, 40]);
    });

    it('counts an article’s claims and the desk’s, per status', async () => {
      const byStatus = (rows: Array<{ status: string; claims: number }>) => Object.fromEntries(rows.map((row) => [row.status, row.claims]));
      const expected = { false: 8 * 5 + 4 + 6, misleading: 8 * 5 + 4 + 1, accurate: SPREAD.length };
      expect(byStatus(await countArticleClaimsByStatus(db, article.id))).toEqual(expected);
      expect(byStatus(await readFacetStatusCounts(db, 'all', ''))).toEqual(expected);
      const other = await insertTestArticle(db, { title: 'Other' });
      expect(await countArticleClaimsByStatus(db, other.id)).toEqual([]);
    });

    it('counts status changes to the given statuses per month since a date, from the review history', async () => {
      const claim = await db.selectFrom('claim').select('id').where('article_id', '=', article.id).executeTakeFirstOrThrow();
      const event = (to: string, at: string, field = 'status') => ({ id: newId(), claim_id: claim.id, actor: 'Desk', field, from_value: 'unverified', to_value: to, note: null, created_at: at, actor_id: null, hop_id: null, note_id: null });
      await db
        .insertInto('review_event')
        .values([
          event('false', '2026-10-03T10:00:00.000Z'),
          event('false', '2026-10-31T23:59:59.999Z'),
          event('accurate', '2026-11-01T00:00:00.000Z'),
          event('in_review', '2026-11-02T00:00:00.000Z'),
          event('false', '2026-08-31T23:59:59.999Z'),
          event('false', '2026-11-05T00:00:00.000Z', 'attribution'),
        ])
        .execute();
      const sorted = (rows: Array<{ month: string; status: string }>) => rows.sort((a, b) => a.month.localeCompare(b.month) || a.status.localeCompare(b.status));
      expect(sorted(await countVerdictsByMonth(db, ['false', 'accurate'], '2026-09'))).toEqual([
        { month: '2026-10', status: 'false', verdicts: 2 },
        { month: '2026-11', status: 'accurate', verdicts: 1 },
      ]);
      // The counters follow the history whatever happens to it: an event corrected, one removed.
      await db.updateTable('review_event').set({ to_value: 'accurate' }).where('created_at', '=', '2026-10-03T10:00:00.000Z').execute();
      await db.deleteFrom('review_event').where('created_at', '=', '2026-11-01T00:00:00.000Z').execute();
      expect(sorted(await countVerdictsByMonth(db, ['false', 'accurate'], '2026-09'))).toEqual([
        { month: '2026-10', status: 'accurate', verdicts: 1 },
        { month: '2026-10', status: 'false', verdicts: 1 },
      ]);
      // …and always equal a count of the rows.
      const counted = await db
        .selectFrom('review_event')
        .select((eb) => [sql<string>`substr(created_at, 1, 7)`.as('month'), 'to_value as status', eb.fn.countAll<string | number>().as('verdicts')])
        .where('field', '=', 'status')
        .groupBy([sql`substr(created_at, 1, 7)`, 'to_value'])
        .execute();
      const kept = await db.selectFrom('verdict_month_count').select(['month', 'status', 'verdicts']).where('verdicts', '>', 0).execute();
      expect(sorted(kept.map((row) => ({ ...row, verdicts: Number(row.verdicts) })))).toEqual(sorted(counted.map((row) => ({ month: row.month, status: row.status!, verdicts: Number(row.verdicts) }))));
    });

    it('reads counters and the review history through their indexes, never the claims or every event', async () => {
      const { statements } = await recorded(db, async (db) => {
        await rankFacetValuesByStatuses(db, 'speaker', ['false', 'misleading'], 2);
        await countVerdictsByMonth(db, ['false', 'accurate'], '2026-09');
        await readFacetStatusCounts(db, 'all', '');
      });
      const plans = await Promise.all(statements.map(async (query) => ({ sql: query.sql, plan: await plan(engine, db, query) })));
      const find = (pattern: RegExp) => plans.filter((entry) => pattern.test(entry.sql));
      // The busiest counters of one status, in order of the count, from the index alone.
      for (const entry of find(/order by "claims" desc limit/)) expect(entry.plan, entry.sql).toMatch(/claim_facet_count_status_claims_idx/);
      // Verdicts per month: the counters' own key, never the review history.
      expect(find(/"review_event"/)).toEqual([]);
      const [monthly] = find(/from "verdict_month_count"/);
      expect(monthly!.plan).toMatch(engine === 'sqlite' ? /SEARCH verdict_month_count USING (INDEX sqlite_autoindex_verdict_month_count_1|PRIMARY KEY) \(month>\?\)/ : /verdict_month_count_pkey/);
      // An article's claims are counted through an index of article_id on a desk of many articles: that plan
      // is checked by test/db/explain-queries.test.ts, whose desk has them (here one article holds every claim).
      for (const entry of plans) {
        if (engine === 'sqlite') {
          expect(entry.plan, entry.sql).not.toMatch(/^SCAN (claim|review_event|claim_facet_count|verdict_month_count)\b/m);
        } else {
          expect(entry.plan, entry.sql).not.toMatch(/"Seq Scan"/);
          // The busiest counters come in the index's order: no sort of them. (The fallback, which sums every
          // counter of the statuses, sorts the sums: one per speaker with such a verdict.)
          if (/order by "claims" desc limit/.test(entry.sql)) expect(entry.plan, entry.sql).not.toMatch(/"Node Type":"Sort"/);
        }
      }
    });
  });
}

const COUNTER_MIGRATION = '2026-12-03T03-00-00_create_verdict_month_counts';

function migratorFor(db: Db, schema?: string): Migrator {
  return new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder: MIGRATIONS_FOLDER, import: (file) => import(pathToFileURL(file).href) }),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

/** A history written before the counters existed is counted when they are made, and migrating down takes them away again. */
async function countersAcrossTheMigration(db: Db, schema?: string): Promise<void> {
  const migrator = migratorFor(db, schema);
  const names = (await migrator.getMigrations()).map((migration) => migration.name);
  expect((await migrator.migrateTo(names[names.indexOf(COUNTER_MIGRATION) - 1]!)).error).toBeUndefined();
  const event = (to: string | null, at: string, field = 'status') => ({ id: newId(), claim_id: 'gone', actor: 'Desk', field, from_value: null, to_value: to, note: null, created_at: at });
  await db
    .insertInto('review_event')
    .values([event('false', '2025-03-02T00:00:00.000Z'), event('false', '2025-03-30T00:00:00.000Z'), event('accurate', '2025-04-01T00:00:00.000Z'), event('x', '2025-04-01T00:00:00.000Z', 'kind'), event(null, '2025-05-01T00:00:00.000Z')])
    .execute();
  expect((await migrator.migrateTo(COUNTER_MIGRATION)).error).toBeUndefined();
  expect((await countVerdictsByMonth(db, ['false', 'accurate', 'x'], '2025-01')).sort((a, b) => a.month.localeCompare(b.month))).toEqual([
    { month: '2025-03', status: 'false', verdicts: 2 },
    { month: '2025-04', status: 'accurate', verdicts: 1 },
  ]);
  expect((await migrator.migrateDown()).error).toBeUndefined();
  const tables = (await db.introspection.getTables()).map((table) => table.name);
  expect(tables).not.toContain('verdict_month_count');
  // The history keeps being written without the counters' triggers.
  await db.insertInto('review_event').values(event('false', '2025-06-01T00:00:00.000Z')).execute();
  expect((await migrator.migrateToLatest()).error).toBeUndefined();
  expect((await countVerdictsByMonth(db, ['false'], '2025-06'))).toEqual([{ month: '2025-06', status: 'false', verdicts: 1 }]);
}

describe('verdict counters across their migration', () => {
  it('count the history there was, and go on migrating down, on SQLite', async () => {
    const db = connectDatabase(':memory:');
    try {
      await countersAcrossTheMigration(db);
    } finally {
      await db.destroy();
    }
  });

  it.skipIf(!POSTGRES_URL)('count the history there was, and go on migrating down, on PostgreSQL', async () => {
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const admin = connectDatabase(POSTGRES_URL!);
    await sql`create schema ${sql.id(schema)}`.execute(admin);
    const db = connectDatabase(POSTGRES_URL!, { schema });
    try {
      await countersAcrossTheMigration(db, schema);
    } finally {
      await db.destroy();
      await sql`drop schema ${sql.id(schema)} cascade`.execute(admin);
      await admin.destroy();
    }
  });
});
