import { Kysely, type LogEvent } from 'kysely';
import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_BOUND_PARAMETERS } from '../../src/db/batches.ts';
import type { Db } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { Database } from '../../src/db/schema.ts';
import { NodeSqliteDialect } from '../../src/db/sqlite-driver.ts';
import { extract } from '../../src/extraction/index.ts';
import * as extractor from '../../src/features/articles/article-extractor.ts';
import { ingestArticle } from '../../src/features/articles/articles.service.ts';
import { listClaims } from '../../src/features/claims/claims.repository.ts';
import { TEST_ENGINES, type TestDatabase } from '../support/database.ts';
import { articleWithClaims, shortLinesWithClaims } from '../support/synthetic-article.ts';

vi.mock('../../src/features/articles/article-extractor.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/features/articles/article-extractor.ts')>();
  return { ...original, extractOffThread: vi.fn(original.extractOffThread) };
});

const LIMITS = { maxBytes: 4 * 1024 * 1024, maxClaims: 20_000 };

afterAll(() => extractor.closeExtractionWorkers());

interface StatementCount {
  statements: number;
  parameters: number;
  largestStatement: number;
  /** The first word of every statement run in the ingestion's write transaction (the first one; the cluster index writes after it commits). */
  inTransaction: string[];
}

/** Ingests a text into a fresh SQLite database, counting every statement and bound parameter. */
async function countIngestionSql(text: string): Promise<StatementCount> {
  const count: StatementCount = { statements: 0, parameters: 0, largestStatement: 0, inTransaction: [] };
  let counting = false;
  let transaction = false;
  let firstTransactionDone = false;
  const db = new Kysely<Database>({
    dialect: new NodeSqliteDialect(':memory:'),
    log: (event: LogEvent) => {
      if (!counting) return;
      const verb = event.query.sql.trim().split(/\s+/, 1)[0]!.toLowerCase();
      if (verb === 'commit' || verb === 'rollback') {
        firstTransactionDone = firstTransactionDone || transaction;
        transaction = false;
      }
      if (transaction) count.inTransaction.push(verb);
      if (verb === 'begin' && !firstTransactionDone) transaction = true;
      count.statements += 1;
      count.parameters += event.query.parameters.length;
      count.largestStatement = Math.max(count.largestStatement, event.query.parameters.length);
    },
  });
  try {
    await migrateToLatest(db);
    counting = true;
    const result = await ingestArticle(db, { text, language: 'en' }, LIMITS);
    expect(result.created).toBe(true);
    return count;
  } finally {
    await db.destroy();
  }
}

describe('ingestion cost', () => {
  it('grows linearly with the claims: twice the claims, at most about twice the statements and parameters', async () => {
    const single = await countIngestionSql(articleWithClaims(150));
    const double = await countIngestionSql(articleWithClaims(300));
    expect(double.parameters).toBeLessThanOrEqual(2.2 * single.parameters);
    expect(double.statements).toBeLessThanOrEqual(2.2 * single.statements);
    expect(double.largestStatement).toBeLessThanOrEqual(MAX_BOUND_PARAMETERS);
  });

  it('holds the write transaction for inserts only, everything else being prepared before it opens', async () => {
    const { inTransaction } = await countIngestionSql(articleWithClaims(40));
    expect(inTransaction.length).toBeGreaterThan(0);
    expect(new Set(inTransaction)).toEqual(new Set(['insert']));
  });

  it('extracts on a worker thread, with the same result as in the calling thread', async () => {
    const text = articleWithClaims(12);
    const reply = await extractor.extractOffThread(text, { language: 'en' });
    expect(reply.threadId).not.toBe(threadId);
    expect(reply.extraction).toEqual(extract(text, { language: 'en' }));
  });
});

describe.each(TEST_ENGINES)('large ingestions on $engine', ({ open }) => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await open();
    db = database.db;
  });
  afterAll(() => database.drop());

  it('stores 11,000 short lines, each a claim of one speaker with as many aliases, in statements under the variable limit', async () => {
    const calls = vi.mocked(extractor.extractOffThread).mock.results.length;
    const result = await ingestArticle(db, { text: shortLinesWithClaims(11_000), language: 'en' }, LIMITS);
    expect(result).toMatchObject({ created: true, claimCount: 11_000 });
    const rows = await listClaims(db, { articleId: result.article.id }, undefined, 20_000);
    expect(rows).toHaveLength(11_000);
    const aliases = await db.selectFrom('speaker_alias').select((eb) => eb.fn.countAll().as('n')).where('speaker_id', '=', rows[0]!.speaker_id!).executeTakeFirstOrThrow();
    expect(Number(aliases.n)).toBe(10_999);
    // The extraction ran on a worker, not on the thread that serves requests.
    const extraction = vi.mocked(extractor.extractOffThread).mock.results.slice(calls);
    expect(extraction).toHaveLength(1);
    expect((await extraction[0]!.value).threadId).not.toBe(threadId);
    // After the write, the cluster index stores 20 bucket keys per claim (220,000 rows): seconds on a loaded machine.
  }, 60_000);

  it('stores concurrent ingestions that introduce the same new speaker and outlet once', async () => {
    const [first, second] = await Promise.all([
      ingestArticle(db, { text: articleWithClaims(8, 'a'), language: 'en', publisher: 'Wire One' }, LIMITS),
      ingestArticle(db, { text: articleWithClaims(8, 'b'), language: 'en', publisher: 'Wire One' }, LIMITS),
    ]);
    expect(first.created && second.created).toBe(true);
    expect(first.article.publisher_outlet_id).toBe(second.article.publisher_outlet_id);
    const speakers = await db.selectFrom('speaker').select('name').where('name', '=', 'Haddad').execute();
    expect(speakers).toHaveLength(1);
  });

  it('finds a speaker of an earlier article by name and adds the new aliases to it, each once', async () => {
    await ingestArticle(db, { text: articleWithClaims(8, 'd'), language: 'en' }, LIMITS);
    await ingestArticle(db, { text: articleWithClaims(12, 'd'), language: 'en' }, LIMITS);
    const dupont = await db.selectFrom('speaker').select('id').where('name', '=', 'Dupont').execute();
    expect(dupont).toHaveLength(1);
    const aliases = await db.selectFrom('speaker_alias').select('alias').where('speaker_id', '=', dupont[0]!.id).where('alias', 'like', '%d').orderBy('alias').execute();
    // Dupont speaks on lines 2, 6, 10 of each article; the second article repeats the first two lines.
    expect(aliases.map((row) => row.alias)).toEqual(['the director of unit 10d', 'the director of unit 2d', 'the director of unit 6d']);
  });

  it('answers a second ingestion of the same text with the first article and its real claim count', async () => {
    const text = articleWithClaims(11, 'c');
    const first = await ingestArticle(db, { text, language: 'en' }, LIMITS);
    const again = await ingestArticle(db, { text: `${text}\n`, language: 'en' }, LIMITS);
    expect(again).toMatchObject({ created: false, claimCount: 11 });
    expect(again.article.id).toBe(first.article.id);
  });
});
