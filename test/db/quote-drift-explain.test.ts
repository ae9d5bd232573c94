import type { CompiledQuery, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaleClaimId, seedScaleDatabase, type ScaleShape } from '../../bench/scale-seed.ts';
import type { Db } from '../../src/db/connect.ts';
import { encodeDriftCursor, getClaimQuoteDrift, listQuoteDrift } from '../../src/features/clusters/quote-drift.service.ts';
import { TEST_ENGINES, type TestDatabase } from '../support/database.ts';

/**
 * The Quote drift page reads its rows from the drift index (joined_at, claim_id, quote_drift where
 * quote_drift is not null) in its order, the drift checked in the index: never a scan of every cluster
 * member nor a sort of them, whatever the threshold.
 */

const SHAPE: ScaleShape = { claims: 3000, articles: 150, speakers: 60, outlets: 3 };
const CLUSTER_SIZE = 3;

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

/** Every claim in a cluster of three; the later two of each carry a drift spread over 0..1. */
async function seedMembers(db: Db): Promise<void> {
  const at = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString();
  for (let first = 0; first + CLUSTER_SIZE <= SHAPE.claims; first += CLUSTER_SIZE * 100) {
    const clusters = [];
    const members = [];
    for (let c = first; c < first + CLUSTER_SIZE * 100 && c + CLUSTER_SIZE <= SHAPE.claims; c += CLUSTER_SIZE) {
      const clusterId = `cluster-${String(c).padStart(6, '0')}`;
      clusters.push({ id: clusterId, created_at: at(c), updated_at: at(c) });
      for (let i = 0; i < CLUSTER_SIZE; i += 1) {
        members.push({ claim_id: scaleClaimId(c + i), cluster_id: clusterId, similarity: 0.9, joined_by: 'index', joined_at: at(c + i), quote_drift: i === 0 ? null : ((c * 7 + i * 13) % 100) / 100 });
      }
    }
    await db.insertInto('claim_cluster').values(clusters).execute();
    await db.insertInto('claim_cluster_member').values(members).execute();
  }
}

interface PostgresNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PostgresNode[];
}

function flatten(node: PostgresNode): PostgresNode[] {
  return [node, ...(node.Plans ?? []).flatMap(flatten)];
}

for (const { engine, open } of TEST_ENGINES) {
  describe(`the Quote drift page's queries on ${engine}`, () => {
    let database: TestDatabase;
    let recorder: StatementRecorder;
    let db: Db;

    beforeAll(async () => {
      database = await open();
      await seedScaleDatabase(database.db, SHAPE);
      await seedMembers(database.db);
      await sql`analyze`.execute(database.db);
      const base = database.db;
      recorder = new StatementRecorder((node, args) => base.getExecutor().compileQuery(node, args.queryId));
      db = base.withPlugin(recorder);
    }, 120_000);

    afterAll(async () => {
      await database?.drop();
    });

    async function listQueries(): Promise<CompiledQuery[]> {
      recorder.statements.length = 0;
      const first = await listQuoteDrift(db, { minPercent: 30, pageSize: 50 });
      expect(first.nextCursor).not.toBeNull();
      await listQuoteDrift(db, { minPercent: 90, pageSize: 50, after: first.nextCursor! });
      await listQuoteDrift(db, { minPercent: 0, pageSize: 50, after: encodeDriftCursor({ joinedAt: '2026-01-01T00:20:00.000Z', claimId: scaleClaimId(1200) }) });
      await getClaimQuoteDrift(db, scaleClaimId(SHAPE.claims / 2));
      return [...recorder.statements];
    }

    it('reads drifted members through the drift index in its order, and their clusters through the cluster index', async () => {
      const queries = await listQueries();
      const pages = queries.filter((query) => /order by "member"\."joined_at" desc/.test(query.sql));
      const earliest = queries.filter((query) => /"member"\."cluster_id" in \(/.test(query.sql));
      expect(pages).toHaveLength(3);
      expect(earliest.length).toBeGreaterThanOrEqual(3);
      for (const query of pages) {
        if (engine === 'sqlite') {
          const plan = (await db.executeQuery<{ detail: string }>({ ...query, sql: `explain query plan ${query.sql}` } as CompiledQuery<{ detail: string }>)).rows.map((row) => row.detail);
          expect(plan.join('\n'), query.sql).toMatch(/(SCAN|SEARCH) member USING (COVERING )?INDEX claim_cluster_member_drift_idx/);
          expect(plan.filter((line) => /TEMP B-TREE/.test(line)), plan.join('\n')).toEqual([]);
          expect(plan.filter((line) => /^SCAN (claim|article|claim_cluster_member|member)\b(?! USING)/.test(line)), plan.join('\n')).toEqual([]);
        } else {
          const nodes = await postgresPlan(query);
          expect(nodes.some((node) => node['Index Name'] === 'claim_cluster_member_drift_idx'), JSON.stringify(nodes)).toBe(true);
          expect(nodes.filter((node) => node['Node Type'] === 'Seq Scan' || /Sort/.test(node['Node Type'])).map((node) => node['Node Type']), query.sql).toEqual([]);
        }
      }
      for (const query of earliest) {
        if (engine === 'sqlite') {
          const plan = (await db.executeQuery<{ detail: string }>({ ...query, sql: `explain query plan ${query.sql}` } as CompiledQuery<{ detail: string }>)).rows.map((row) => row.detail);
          expect(plan.join('\n'), query.sql).toMatch(/SEARCH member USING (COVERING )?INDEX claim_cluster_member_cluster_id_idx/);
          // (The seed has three outlets: the planner may read them all rather than look one up.)
          expect(plan.filter((line) => /^SCAN (?!outlet\b)/.test(line)), plan.join('\n')).toEqual([]);
        } else {
          const nodes = await postgresPlan(query);
          expect(nodes.filter((node) => node['Node Type'] === 'Seq Scan').map((node) => node['Relation Name']), query.sql).toEqual([]);
        }
      }
    });

    async function postgresPlan(query: CompiledQuery): Promise<PostgresNode[]> {
      return database.db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        await sql`set local enable_sort = off`.execute(trx);
        const rows = await trx.executeQuery<{ 'QUERY PLAN': Array<{ Plan: PostgresNode }> }>({ ...query, sql: `explain (format json) ${query.sql}` } as CompiledQuery<never>);
        return flatten(rows.rows[0]!['QUERY PLAN'][0]!.Plan);
      });
    }
  });
}
