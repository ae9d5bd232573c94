import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.ts';
import { insertBatches } from '../../src/db/batches.ts';
import { speakerSuggestionQuery } from '../../src/features/speakers/speakers.repository.ts';
import { suggestSpeakers } from '../../src/features/speakers/speakers.service.ts';
import { nameKey } from '../../src/text/name-key.ts';
import { TEST_ENGINES, type TestDatabase } from '../support/database.ts';
import { insertTestArticle } from '../support/fixtures.ts';

const SPEAKERS = 100_000;
const SYLLABLES = ['ka', 'mi', 'ro', 'sa', 'lu', 'de', 'no', 'ti', 'ba', 'ze', 'fa', 'qu', 'ha', 'yo', 'wi', 'el'];

/** A deterministic spread of names, so that prefixes are as selective as real names are. */
function nameOf(n: number): string {
  let rest = n;
  const parts: string[] = [];
  for (let i = 0; i < 4; i++) {
    parts.push(SYLLABLES[rest % SYLLABLES.length]!);
    rest = Math.floor(rest / SYLLABLES.length);
  }
  return `${parts.slice(0, 2).join('')} ${parts.slice(2).join('')}${n}`;
}

async function fill(db: Db): Promise<void> {
  const article = await insertTestArticle(db);
  const speakers = Array.from({ length: SPEAKERS }, (_, n) => ({
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    name: nameOf(n),
    normalized_name: nameKey(nameOf(n)),
    kind: 'person',
    unnamed: 0,
    role: null,
    created_at: '2026-01-01T00:00:00.000Z',
  }));
  for (const batch of insertBatches(speakers)) await db.insertInto('speaker').values(batch).execute();
  // Every tenth speaker has claims (n % 7 + 1 of them); the rest were left without any.
  const claims = speakers
    .filter((_, n) => n % 10 === 0)
    .flatMap((speaker, index) =>
      Array.from({ length: (index % 7) + 1 }, (_, k) => ({
        id: `${speaker.id.slice(0, 24)}${String(k).padStart(3, '0')}${speaker.id.slice(27)}`,
        article_id: article.id,
        speaker_id: speaker.id,
        text: 'x',
        start_offset: index * 10 + k,
        end_offset: index * 10 + k + 1,
        prefix: '',
        suffix: '',
        cue: 'said',
        kind: 'factual',
        checkworthiness: 0.5,
        status: 'unverified',
        version: 1,
        created_at: '2026-01-01T00:00:00.000Z',
      })),
    );
  for (const batch of insertBatches(claims)) await db.insertInto('claim').values(batch).execute();
}

describe.each(TEST_ENGINES)('speaker suggestions among 100,000 speakers on $engine', ({ engine, open }) => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await open();
    db = database.db;
    await fill(db);
    if (engine === 'postgres') await db.executeQuery(CompiledQuery.raw('analyze'));
  }, 180_000);

  afterAll(() => database.drop());

  async function plan(key: string): Promise<string> {
    const compiled = speakerSuggestionQuery(db, { kind: 'prefix', key }, 20).compile();
    const explain = engine === 'sqlite' ? 'explain query plan ' : 'explain ';
    const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(explain + compiled.sql, [...compiled.parameters]));
    return result.rows.map((row) => String(row.detail ?? row['QUERY PLAN'])).join('\n');
  }

  it('finds names by prefix through the name index, without scanning the speakers', async () => {
    const lookup = await plan('kami');
    if (engine === 'sqlite') {
      // sqlite_autoindex_speaker_2 is the unique index on normalized_name (speaker_normalized_name_key).
      expect(lookup).toMatch(/SEARCH by_name USING (COVERING )?INDEX sqlite_autoindex_speaker_2 \(normalized_name>\? AND normalized_name<\?\)/);
      expect(lookup).toMatch(/SEARCH speaker USING INDEX sqlite_autoindex_speaker_1 \(id=\?\)/);
      expect(lookup).toMatch(/SEARCH speaker_alias USING (COVERING )?INDEX speaker_alias_normalized_alias_idx/);
      expect(lookup).not.toMatch(/SCAN (speaker|by_name|speaker_alias|claim)\b/);
    } else {
      expect(lookup).toMatch(/Index Scan (using|on) speaker_normalized_name_key/);
      expect(lookup).not.toMatch(/Seq Scan on (speaker|claim)\b/);
    }
  });

  it('lists most claims first, only speakers with claims', async () => {
    const short = await suggestSpeakers(db, 'k');
    const prefix = await suggestSpeakers(db, 'kami');
    const contains = await suggestSpeakers(db, 'miro sa');
    expect(short).toHaveLength(20);
    expect(prefix.length).toBeGreaterThan(0);
    for (const list of [short, prefix]) {
      expect(list.every((s) => s.claims > 0)).toBe(true);
      expect(list.map((s) => s.claims)).toEqual([...list.map((s) => s.claims)].sort((a, b) => b - a));
    }
    expect(prefix.every((s) => nameKey(s.name).startsWith('kami'))).toBe(true);
    expect(contains.every((s) => nameKey(s.name).includes('miro sa'))).toBe(true);
  });
});
