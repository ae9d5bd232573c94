import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaleClaimId, seedScaleDatabase, type ScaleSample, type ScaleShape } from '../../bench/scale-seed.ts';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/connect.ts';
import { createInMemoryClaimNotifier } from '../../src/features/live/claim-notifier.ts';
import { createLogger } from '../../src/logger.ts';
import { signIn } from '../support/auth.ts';
import type { TestContext } from '../support/context.ts';
import { TEST_ENGINES, type TestDatabase } from '../support/database.ts';
import { planRules, StatementRecorder } from '../support/query-plans.ts';

/**
 * The cluster filter ("already checked elsewhere", "new") and the claim page's cluster section, on a desk of
 * thousands of claims a fifth of which are in clusters: every statement they run reads the big tables
 * through an index (the same rule as test/db/explain-queries.test.ts), so a page costs the same at a million
 * claims. The cluster condition is an EXISTS probe per claim of the list's order (member primary key, then
 * the members of its cluster for "new", its cluster's count of closed members for "checked"), and "checked
 * elsewhere" lists and counts start from the clusters with a closed member (a partial index), then their members.
 */

const BIG_TABLES = ['claim', 'attribution_hop', 'review_event', 'desk_event', 'article', 'claim_facet_count', 'speaker', 'outlet', 'claim_cluster_member', 'claim_cluster_suggestion', 'claim_cluster'];
const SHAPE: ScaleShape = { claims: 6000, articles: 300, speakers: 100, outlets: 3 };

const { planProblems } = planRules(BIG_TABLES);

/** A fifth of the claims in clusters of three (each cluster's claims from different articles), and a pending suggestion per ten clusters. */
async function seedClusters(db: Db): Promise<{ clusteredClaimId: string; suggestedClaimId: string }> {
  const at = '2026-11-30T00:00:00.000Z';
  const members: Array<{ claim_id: string; cluster_id: string; similarity: number; joined_by: string; joined_at: string }> = [];
  const clusters: Array<{ id: string; created_at: string; updated_at: string }> = [];
  const suggestions: Array<{ claim_id: string; candidate_claim_id: string; similarity: number; same_speaker: number; state: string; created_at: string }> = [];
  const step = 97; // claims this far apart sit in different articles (20 claims an article)
  for (let cluster = 0; cluster < SHAPE.claims / 15; cluster += 1) {
    const id = `00000000-0000-7000-8000-${String(cluster).padStart(12, '0')}`;
    clusters.push({ id, created_at: at, updated_at: at });
    for (let k = 0; k < 3; k += 1) {
      members.push({ claim_id: scaleClaimId(((cluster * 3 + k) * step) % SHAPE.claims), cluster_id: id, similarity: 0.9, joined_by: 'index', joined_at: at });
    }
  }
  const seen = new Set<string>();
  const unique = members.filter((member) => !seen.has(member.claim_id) && seen.add(member.claim_id));
  const outside = Array.from({ length: SHAPE.claims }, (_, i) => scaleClaimId(i)).filter((id) => !seen.has(id));
  for (let i = 0; i < clusters.length / 10; i += 1) {
    suggestions.push({ claim_id: outside[i]!, candidate_claim_id: unique[i * 3]!.claim_id, similarity: 0.45, same_speaker: 1, state: 'pending', created_at: at });
  }
  for (let i = 0; i < clusters.length; i += 200) await db.insertInto('claim_cluster').values(clusters.slice(i, i + 200)).execute();
  for (let i = 0; i < unique.length; i += 200) await db.insertInto('claim_cluster_member').values(unique.slice(i, i + 200)).execute();
  for (let i = 0; i < suggestions.length; i += 200) await db.insertInto('claim_cluster_suggestion').values(suggestions.slice(i, i + 200)).execute();
  return { clusteredClaimId: unique[0]!.claim_id, suggestedClaimId: outside[0]! };
}

const boundedClusterSort = (text: string) => /"claim"\."id" in \(select "mine"\."claim_id" from "claim_cluster" as "closed" inner join "claim_cluster_member" as "mine" .* limit /.test(text);

for (const { engine, open } of TEST_ENGINES) {
  describe(`cluster filter and section query plans on ${engine}`, () => {
    let database: TestDatabase;
    let recorder: StatementRecorder;
    let context: TestContext;
    let sample: ScaleSample;
    let seeded: { clusteredClaimId: string; suggestedClaimId: string };

    beforeAll(async () => {
      database = await open();
      sample = await seedScaleDatabase(database.db, SHAPE);
      seeded = await seedClusters(database.db);
      await sql`analyze`.execute(database.db);
      const base = database.db;
      recorder = new StatementRecorder((node, args) => base.getExecutor().compileQuery(node, args.queryId));
      const db = base.withPlugin(recorder);
      const config = loadConfig({ DATABASE_URL: ':memory:', LOG_LEVEL: 'silent', SESSION_SECRET: 'test-secret-that-is-long-enough-0123456789', PASSWORD_HASH_COST: '10' });
      const notifier = createInMemoryClaimNotifier({ coalesceMs: 10 });
      context = { db, app: createApp({ db, config, logger: createLogger('silent'), notifier }), config, notifier, ingest: () => Promise.reject(new Error('not here')), close: async () => notifier.close() };
    }, 180_000);

    afterAll(async () => {
      await context?.close();
      await database?.drop();
    });

    it('reads the filtered lists, their counts and exports, and the cluster section through indexes', async () => {
      const reviewer = await signIn(context, 'reviewer', 'Planner');
      await checkPages(reviewer);
      // Few claims are checked elsewhere so far: "checked" was read as a list of them. Give most clusters
      // verdicts, and it walks the list's order and probes each claim instead.
      const statements = [...recorder.statements.keys()];
      expect(statements.some(boundedClusterSort)).toBe(true);
      // Two members of every cluster get a verdict: each member then has another with one.
      const members = await database.db.selectFrom('claim_cluster_member').select(['claim_id', 'cluster_id']).orderBy('claim_id').execute();
      const perCluster = new Map<string, string[]>();
      for (const row of members) perCluster.set(row.cluster_id, [...(perCluster.get(row.cluster_id) ?? []), row.claim_id]);
      const judged = [...perCluster.values()].flatMap((ids) => ids.slice(0, 2));
      for (let i = 0; i < judged.length; i += 200) await database.db.updateTable('claim').set({ status: 'false' }).where('id', 'in', judged.slice(i, i + 200)).execute();
      await sql`analyze`.execute(database.db);
      recorder.statements.clear();
      await checkPages(reviewer);
      expect([...recorder.statements.keys()].some((text) => /where exists \(select 1 as "one" from "claim_cluster_member" as "mine"/.test(text) && / order by /.test(text))).toBe(true);
      // 1,200 claims are now checked elsewhere: the summary stops at its cap and says so.
      const summary = await reviewer.get('/claims/status-summary?cluster=checked&lang=en').expect(200);
      expect(summary.text).toMatch(/class="summary-item active">\s*<span class="summary-count">1,000\+<\/span>/);
    }, 120_000);

    async function checkPages(reviewer: Awaited<ReturnType<typeof signIn>>): Promise<void> {
      const pages = [
        '/?cluster=checked',
        '/?cluster=new',
        '/?cluster=checked&sort=checkworthiness',
        '/?cluster=new&sort=checkworthiness',
        '/?cluster=checked&status=false',
        `/?cluster=new&speaker=${sample.busiestSpeakerId}`,
        `/?cluster=checked&outlet=${sample.busiestOutletId}`,
        '/?cluster=checked&check=50',
        '/claims/status-summary?cluster=checked',
        `/claims/status-summary?cluster=new&speaker=${sample.rareSpeakerId}`,
        '/claims.csv?cluster=checked',
        `/claims/${seeded.clusteredClaimId}`,
        `/claims/${seeded.suggestedClaimId}`,
        `/claims/${seeded.clusteredClaimId}/same-claim`,
        // The report reads the claim's other appearances as the claim page does (its cluster's member dates).
        `/claims/${seeded.clusteredClaimId}/report`,
      ];
      recorder.statements.clear();
      for (const page of pages) {
        const response = await reviewer.get(page).set(page.endsWith('/same-claim') ? { 'HX-Request': 'true', 'HX-Request-Type': 'partial' } : {});
        expect(response.status, page).toBe(200);
      }
      // This feature's statements (its aliases); an outlet in few claims is read from its hops, at most
      // OUTLET_HOPS_SORTED of them, a bounded sort that test/db/explain-queries.test.ts allows too.
      // "Checked elsewhere" read as a list sorts at most CHECKED_ELSEWHERE_SORTED claims; the list reads the member
      // table (the claims in clusters, never every claim) and stops at its limit.
      const boundedOutletSort = (text: string) => /"claim"\."id" in \(select "attribution_hop"\."claim_id" from "attribution_hop" where .* limit /.test(text);
      const statements = [...recorder.statements.values()].filter((query) => /"(mine|judged|pair)"/.test(query.sql) && !boundedOutletSort(query.sql) && !boundedClusterSort(query.sql));
      // The filter's EXISTS probes, the "checked" counts from the members, the section's appearances and suggestions.
      expect(statements.length).toBeGreaterThanOrEqual(6);
      const problems: string[] = [];
      for (const query of statements) {
        const found = await planProblems(engine, database.db, query);
        if (found.length > 0) problems.push(`${query.sql}\n    ${found.join('\n    ')}`);
      }
      expect(problems).toEqual([]);
    }

    it('finds what the filter says on the seeded clusters', async () => {
      const reviewer = await signIn(context, 'viewer', 'Checker');
      const checked = await reviewer.get('/?cluster=checked').expect(200);
      const ids = [...checked.text.matchAll(/<tr id="claim-([^"]+)" class="claim-row"/g)].map(([, id]) => id!);
      expect(ids.length).toBeGreaterThan(0);
      const memberships = await database.db.selectFrom('claim_cluster_member').select(['claim_id', 'cluster_id']).execute();
      const clusterOf = new Map(memberships.map((row) => [row.claim_id, row.cluster_id]));
      const finals = new Set(['accurate', 'mostly_accurate', 'misleading', 'false', 'unverifiable', 'not_a_claim']);
      const statuses = new Map((await database.db.selectFrom('claim').select(['id', 'status']).execute()).map((row) => [row.id, row.status]));
      for (const id of ids) {
        const others = memberships.filter((row) => row.cluster_id === clusterOf.get(id) && row.claim_id !== id);
        expect(others.some((row) => finals.has(statuses.get(row.claim_id)!)), id).toBe(true);
      }
      const fresh = await reviewer.get('/?cluster=new').expect(200);
      for (const [, id] of fresh.text.matchAll(/<tr id="claim-([^"]+)" class="claim-row"/g)) expect(clusterOf.has(id!), id).toBe(false);
    });
  });
}
