import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaleClaimId, seedScaleDatabase, type ScaleSample, type ScaleShape } from '../../bench/scale-seed.ts';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { findClaimById } from '../../src/features/claims/claims.repository.ts';
import { encodeCursor } from '../../src/features/claims/claims.service.ts';
import { createInMemoryClaimNotifier } from '../../src/features/live/claim-notifier.ts';
import { createLogger } from '../../src/logger.ts';
import { signIn } from '../support/auth.ts';
import type { TestContext } from '../support/context.ts';
import { TEST_ENGINES, type TestDatabase } from '../support/database.ts';
import { planRules, postgresPlan, sqlitePlan, StatementRecorder } from '../support/query-plans.ts';

/**
 * Every SELECT the pages run, recorded from real requests, must read the big tables through an index:
 * no full scan of them and no sort of their rows. A few thousand rows and ANALYZE make the planners choose
 * as they would on a desk's database; on PostgreSQL, sequential scans and sorts are priced out so that the
 * plan shown is the best one the indexes allow (a scan or a sort left in it means no index serves it).
 */

const BIG_TABLES = ['claim', 'attribution_hop', 'review_event', 'desk_event', 'article', 'claim_facet_count', 'speaker', 'outlet'];
// Three outlets, so that the busiest holds more hops than an outlet's claims are ever sorted from.
const SHAPE: ScaleShape = { claims: 8000, articles: 400, speakers: 120, outlets: 3 };

function pagesFor(sample: ScaleSample, deepCursor: string, userId: string): string[] {
  return [
    '/',
    '/?sort=checkworthiness',
    '/?status=false',
    '/?status=false&sort=checkworthiness',
    `/?speaker=${sample.busiestSpeakerId}`,
    `/?speaker=${sample.rareSpeakerId}&sort=checkworthiness`,
    `/?outlet=${sample.busiestOutletId}`,
    `/?outlet=${sample.busiestOutletId}&sort=checkworthiness&role=original`,
    `/?outlet=${sample.rareOutletId}`,
    `/?article=${sample.oldArticleId}`,
    `/?article=${sample.oldArticleId}&sort=checkworthiness`,
    '/?provenance=manual',
    '/?provenance=edited&sort=checkworthiness',
    '/?check=75',
    '/?check=75&sort=checkworthiness',
    `/?speaker=${sample.busiestSpeakerId}&check=50`,
    `/?outlet=${sample.busiestOutletId}&role=original&status=false`,
    `/claims/status-summary?outlet=${sample.busiestOutletId}&check=20`,
    `/?after=${encodeURIComponent(deepCursor)}`,
    `/?status=unverified&after=${encodeURIComponent(deepCursor)}`,
    '/queue',
    `/claims/${sample.reviewedClaimId}`,
    `/claims/${sample.reviewedClaimId}/row`,
    `/speakers/${sample.busiestSpeakerId}`,
    `/outlets/${sample.busiestOutletId}`,
    `/articles/${sample.oldArticleId}`,
    '/articles',
    '/activity',
    '/overview',
    `/activity?user=${userId}`,
    '/claims.csv?status=false',
    `/claims.csv?outlet=${sample.rareOutletId}`,
    '/speakers/suggest?speaker=Spea',
    '/outlets/suggest?outlet=Outl',
    ...searchPages(sample),
  ];
}

/** Searches: a word in most English claims (more matches than a list sorts), a rarer word, a name, a phrase, each with filters and orders. */
function searchPages(sample: ScaleSample): string[] {
  const q = (text: string) => encodeURIComponent(text);
  return [
    `/search?q=${q(sample.commonWord)}`,
    `/search?q=${q(sample.rareName)}`,
    `/search?q=${q(sample.phrase)}`,
    `/search?q=${q('speaker 7')}`,
    `/?q=${MOST_CLAIMS_WORD}`,
    `/?q=${MOST_CLAIMS_WORD}&sort=checkworthiness`,
    `/?q=${MOST_CLAIMS_WORD}&speaker=${sample.rareSpeakerId}`,
    `/?q=${q(sample.commonWord)}`,
    `/?q=${q(sample.rareName)}&sort=checkworthiness`,
    `/?q=${q(sample.phrase)}&status=unverified`,
    `/?q=${q(sample.commonWord)}&outlet=${sample.busiestOutletId}`,
    `/claims/status-summary?q=${q(sample.commonWord)}`,
    `/claims.csv?q=${q(sample.rareName)}`,
  ];
}

/** In three quarters of the generated claims (the English ones): more than SEARCH_HITS_SORTED of the 8,000. */
const MOST_CLAIMS_WORD = 'percent';

const { bigTableScan: BIG_TABLE_SCAN, sqliteProblems, postgresProblems, mentionsBigTable } = planRules(BIG_TABLES);
// An outlet in few claims is read from its hops, at most OUTLET_HOPS_SORTED of them: that sort stays small.
const boundedOutletSort = (text: string) => /"claim"\."id" in \(select "attribution_hop"\."claim_id" from "attribution_hop" where .* limit /.test(text);

// Up to SEARCH_HITS_SORTED matches of a search are read from the index and sorted (the count that decides
// runs first); more are found by walking the list's order and probing the index for each claim.
const boundedSearchSort = (text: string) => /"claim"\."rowid" in \(select rowid from "claim_search" where "claim_search" match /.test(text);
// Ranking sorts at most RANKED_CANDIDATES matches, read into a derived table first.
const boundedRanking = (text: string) => /\blimit \S+\) as hits\s/.test(text);

// The type-ahead's queries have plan tests of their own on 100,000 speakers (test/db/suggest.test.ts): its
// contains pass reads every name (no index serves an infix) and it sorts the matches by their claims.
const directorySuggestion = (text: string) => /from "(speaker|outlet)" as "by_name"/.test(text);

for (const { engine, open } of TEST_ENGINES) {
  describe(`query plans on ${engine}`, () => {
    let database: TestDatabase;
    let recorder: StatementRecorder;
    let context: TestContext;
    let sample: ScaleSample;

    beforeAll(async () => {
      database = await open();
      sample = await seedScaleDatabase(database.db, SHAPE);
      await sql`analyze`.execute(database.db);
      const base = database.db;
      recorder = new StatementRecorder((node, args) => base.getExecutor().compileQuery(node, args.queryId), { rawSelects: true });
      const db = base.withPlugin(recorder);
      const config = loadConfig({ DATABASE_URL: ':memory:', LOG_LEVEL: 'silent', SESSION_SECRET: 'test-secret-that-is-long-enough-0123456789', PASSWORD_HASH_COST: '10' });
      const notifier = createInMemoryClaimNotifier({ coalesceMs: 10 });
      const app = createApp({ db, config, logger: createLogger('silent'), notifier });
      context = { db, app, config, notifier, ingest: () => Promise.reject(new Error('not here')), close: async () => notifier.close() };
    }, 120_000);

    afterAll(async () => {
      await context?.close();
      await database?.drop();
    });

    it('reads every page through indexes: no full scan and no sort of a big table', async () => {
      const editor = await signIn(context, 'editor', 'Planner');
      const user = await database.db.selectFrom('app_user').select('id').where('name', '=', 'Planner').executeTakeFirstOrThrow();
      const deep = await findClaimById(database.db, scaleClaimId(SHAPE.claims / 2));
      const cursor = encodeCursor({ sort: 'newest', ingestedAt: deep!.article_ingested_at, articleId: deep!.article_id, start: deep!.start_offset, claimId: deep!.id });
      recorder.statements.clear();
      for (const page of pagesFor(sample, cursor, user.id)) {
        const response = await editor.get(page);
        expect(response.status, page).toBe(200);
      }
      const problems: string[] = [];
      for (const query of recorder.statements.values()) {
        if (!mentionsBigTable(query.sql) || boundedOutletSort(query.sql) || boundedSearchSort(query.sql) || boundedRanking(query.sql) || directorySuggestion(query.sql)) continue;
        const found = engine === 'sqlite' ? sqliteProblems(await sqlitePlan(database.db, query)) : postgresProblems(await postgresPlan(database.db, query));
        if (found.length > 0) problems.push(`${query.sql}\n    ${found.join('\n    ')}`);
      }
      expect(recorder.statements.size).toBeGreaterThan(30);
      expect(problems).toEqual([]);
    }, 120_000);

    it('reads searches through the full-text index, never by reading claims to match them', async () => {
      const searches = [...recorder.statements.values()].filter((query) => /claim_search|search_vector/.test(query.sql));
      expect(searches.length).toBeGreaterThan(8);
      for (const query of searches) {
        if (engine === 'sqlite') {
          const plan = await sqlitePlan(database.db, query);
          expect(plan.some((line) => /_search (EXISTS )?VIRTUAL TABLE INDEX \d+:=?M/.test(line.detail)), query.sql).toBe(true);
          expect(plan.filter((line) => BIG_TABLE_SCAN.test(line.detail)), query.sql).toEqual([]);
        } else {
          const plan = JSON.stringify(await postgresPlan(database.db, query));
          expect(plan, query.sql).not.toMatch(/"Seq Scan"/);
        }
      }
      if (engine === 'sqlite') {
        // A search matching more claims than a list sorts walks the list's order and probes the index.
        expect(searches.some((query) => /exists \(select 1 from "claim_search"/.test(query.sql))).toBe(true);
        expect(searches.some((query) => boundedSearchSort(query.sql))).toBe(true);
      } else {
        // The GIN index answers the tsquery somewhere: the claims' own, or a speaker's, article's or outlet's.
        const plans = await Promise.all(searches.map((query) => postgresPlan(database.db, query)));
        expect(plans.some((plan) => /search_vector_idx/.test(JSON.stringify(plan)))).toBe(true);
      }
    });

    it('takes the outlet filter through both of its paths', async () => {
      const statements = [...recorder.statements.keys()];
      expect(statements.some((text) => /exists \(select "attribution_hop"\."claim_id"/.test(text))).toBe(true);
      expect(statements.some(boundedOutletSort)).toBe(true);
    });
  });
}
