import type { CompiledQuery, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../../src/db/connect.ts';

/** Records the SELECT statements a piece of code runs (by their SQL), for their plans to be checked. */
export class StatementRecorder implements KyselyPlugin {
  readonly statements = new Map<string, CompiledQuery>();
  constructor(
    private readonly compile: (node: RootOperationNode, args: PluginTransformQueryArgs) => CompiledQuery,
    /** Also raw SQL selects (searches are FTS5 MATCH or tsquery). */
    private readonly options: { rawSelects?: boolean } = {},
  ) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const rawSelect = this.options.rawSelects === true && args.node.kind === 'RawNode' && /^\s*select\b/i.test(args.node.sqlFragments.join(''));
    if (args.node.kind === 'SelectQueryNode' || rawSelect) {
      const compiled = this.compile(args.node, args);
      this.statements.set(compiled.sql, compiled);
    }
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

export interface PlanLine {
  id: number;
  parent: number;
  detail: string;
}

export interface PostgresNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Join Type'?: string;
  'Parent Relationship'?: string;
  Plans?: PostgresNode[];
}

export async function sqlitePlan(db: Db, query: CompiledQuery): Promise<PlanLine[]> {
  const rows = await db.executeQuery<PlanLine>({ ...query, sql: `explain query plan ${query.sql}` } as CompiledQuery<PlanLine>);
  return rows.rows;
}

/** The best plan the indexes allow: sequential scans and sorts are priced out, so one left in means no index serves. */
export async function postgresPlan(db: Db, query: CompiledQuery): Promise<PostgresNode> {
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    await sql`set local enable_sort = off`.execute(trx);
    const rows = await trx.executeQuery<{ 'QUERY PLAN': Array<{ Plan: PostgresNode }> }>({ ...query, sql: `explain (format json) ${query.sql}` } as CompiledQuery<never>);
    return rows.rows[0]!['QUERY PLAN'][0]!.Plan;
  });
}

/** The rule every page's statements are held to, for a given list of big tables: no full scan of one, no sort of its rows. */
export function planRules(bigTables: readonly string[]) {
  const bigTableRead = new RegExp(`^(SCAN|SEARCH) (${bigTables.join('|')})\\b`);
  const bigTableScan = new RegExp(`^SCAN (${bigTables.join('|')})( AS \\w+)?$`);

  /**
   * A full scan of a big table, or a sort of an ORDER BY at a level of the query that reads a big table (a
   * sort of a derived table of two pages, like the activity union's, is fine). Sorts for GROUP BY are left
   * out: they group the rows a filter's index already chose, into at most one group per status or role.
   */
  function sqliteProblems(plan: PlanLine[]): string[] {
    return plan
      .filter((line) => {
        if (bigTableScan.test(line.detail)) return true;
        if (!/^USE TEMP B-TREE FOR (ORDER BY|RIGHT PART OF ORDER BY|LAST TERM OF ORDER BY)/.test(line.detail)) return false;
        // An EXISTS probe reads no rows into the sort: the rows sorted are those of the level's other tables.
        return plan.some((other) => other.parent === line.parent && bigTableRead.test(other.detail) && !/ EXISTS /.test(other.detail));
      })
      .map((line) => line.detail);
  }

  /** Big tables whose rows flow up through this node (a semi join's inner side and a subplan only answer a value). */
  function rowsFrom(node: PostgresNode): string[] {
    const own = node['Relation Name'] && bigTables.includes(node['Relation Name']) ? [node['Relation Name']] : [];
    const answersOnly = (child: PostgresNode) =>
      (node['Join Type'] === 'Semi' && child['Parent Relationship'] === 'Inner') || child['Parent Relationship'] === 'SubPlan' || child['Parent Relationship'] === 'InitPlan';
    return [...own, ...(node.Plans ?? []).filter((child) => !answersOnly(child)).flatMap(rowsFrom)];
  }

  /** The same rule as on SQLite: no sequential scan of a big table, no sort of its rows except to group them. */
  function postgresProblems(node: PostgresNode, parent?: PostgresNode): string[] {
    const here: string[] = [];
    if (node['Node Type'] === 'Seq Scan' && bigTables.includes(node['Relation Name'] ?? '')) here.push(`Seq Scan on ${node['Relation Name']}`);
    const sorts = node['Node Type'] === 'Sort' || node['Node Type'] === 'Incremental Sort';
    if (sorts && parent?.['Node Type'] !== 'Aggregate' && rowsFrom(node).length > 0) here.push(`${node['Node Type']} of ${rowsFrom(node).join(', ')}`);
    return [...here, ...(node.Plans ?? []).flatMap((child) => postgresProblems(child, node))];
  }

  return {
    bigTableScan,
    sqliteProblems,
    postgresProblems,
    mentionsBigTable: (text: string) => bigTables.some((table) => new RegExp(`"${table}"`).test(text)),
    async planProblems(engine: string, db: Db, query: CompiledQuery): Promise<string[]> {
      return engine === 'sqlite' ? sqliteProblems(await sqlitePlan(db, query)) : postgresProblems(await postgresPlan(db, query));
    },
  };
}
