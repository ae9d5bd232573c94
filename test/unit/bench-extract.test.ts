// bench:extract on a JSONL corpus: which articles it measures and what it prints (no timing asserted).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bench = fileURLToPath(new URL('../../bench/extract.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(tsx, [bench, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, BENCH_ROUNDS: '1', ...env } });

const dir = mkdtempSync(join(tmpdir(), 'isnad-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const arabic = 'قال وزير المالية أحمد الراشدي إن العجز سيتراجع في العام المقبل. وأضاف أن الحكومة ستخفض الإنفاق على الوقود.';
const lines = [
  ...Array.from({ length: 3 }, (_, i) => ({ id: `ar-${i}`, language: 'ar', text: arabic })),
  { id: 'en-0', language: 'en', text: 'Port director Helen Marsh said the new cranes would double capacity by spring.' },
  { id: 'de-0', language: 'de', text: 'Der Bürgermeister sagte, die Brücke werde bald wieder geöffnet.' },
];
const corpus = join(dir, 'news.jsonl');
writeFileSync(corpus, lines.map((l) => JSON.stringify(l)).join('\n'));

describe('bench:extract --corpus', () => {
  it('measures the Arabic articles of the file, gives the other languages a line each, and prints peak memory', () => {
    for (const r of [run(['--corpus', corpus]), run([], { BENCH_CORPUS: corpus })]) {
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^corpus\s+3 Arabic articles from news\.jsonl/m);
      expect(r.stdout).toMatch(/^extraction\s+[\d.]+ MB\/s on one core/m);
      expect(r.stdout).toMatch(/^ratio\s+extraction takes [\d.]+× the baseline/m);
      expect(r.stdout).toMatch(/^en\s+1 articles/m);
      expect(r.stdout).not.toMatch(/^de\s/m);
      expect(r.stdout).toMatch(/^peak RSS\s+\d+ MB/m);
    }
  });

  it('refuses a corpus with no Arabic article and an unknown argument', () => {
    const english = join(dir, 'english.jsonl');
    writeFileSync(english, JSON.stringify(lines[3]));
    const none = run(['--corpus', english]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('no Arabic article');
    expect(run(['--fast']).status).toBe(2);
  });
});
