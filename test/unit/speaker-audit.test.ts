// audit:speakers: reading and sampling a JSONL corpus, counting speakers, the command line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { everyKth, parseJsonlArticles, sampleAcrossLanguages, type JsonlArticle } from '../../src/cli/jsonl-articles.ts';
import { share, tallySpeakers } from '../../src/cli/speaker-tally.ts';

describe('parseJsonlArticles', () => {
  it('reads id, language and text, and counts lines that are not articles', () => {
    const content = [
      JSON.stringify({ id: 'a1', language: 'en', source: 'wire', text: 'The mayor said the bridge would reopen.' }),
      '',
      '{not json',
      JSON.stringify({ id: 'a2', language: 'fr' }),
      JSON.stringify({ id: 7, text: 'Le maire a déclaré que le pont rouvrirait.' }),
      JSON.stringify(['a list']),
    ].join('\n');
    const read = parseJsonlArticles(content);
    expect(read.articles).toEqual([
      { id: 'a1', language: 'en', text: 'The mayor said the bridge would reopen.' },
      { id: '7', language: 'unknown', text: 'Le maire a déclaré que le pont rouvrirait.' },
    ]);
    expect(read.skipped).toBe(3);
  });
});

describe('sampling', () => {
  const corpus: JsonlArticle[] = [
    ...Array.from({ length: 100 }, (_, i) => ({ id: `ar${i}`, language: 'ar', text: 'x' })),
    ...Array.from({ length: 12 }, (_, i) => ({ id: `${i % 2 ? 'en' : 'fr'}${i}`, language: i % 2 ? 'en' : 'fr', text: 'x' })),
  ];

  it('takes every k-th item, first included', () => {
    expect(everyKth([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 5)).toEqual([0, 2, 4, 6, 8]);
    expect(everyKth([0, 1, 2], 5)).toEqual([0, 1, 2]);
    expect(everyKth([0, 1, 2], 0)).toEqual([]);
  });

  it('shares the limit between languages, a small language leaving its unused share to the others', () => {
    const sample = sampleAcrossLanguages(corpus, 30);
    const count = (language: string) => sample.filter((a) => a.language === language).length;
    expect([count('ar'), count('en'), count('fr')]).toEqual([18, 6, 6]);
    const even = sampleAcrossLanguages(corpus, 9);
    expect([3, 3, 3]).toEqual(['ar', 'en', 'fr'].map((l) => even.filter((a) => a.language === l).length));
  });

  it('spreads a language over the whole file and keeps the file order', () => {
    const sample = sampleAcrossLanguages(corpus, 30);
    const arabic = sample.filter((a) => a.language === 'ar').map((a) => Number(a.id.slice(2)));
    expect(arabic[0]).toBe(0);
    expect(arabic.at(-1)).toBeGreaterThan(90);
    const positions = sample.map((a) => corpus.indexOf(a));
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
    expect(sampleAcrossLanguages(corpus, 500)).toHaveLength(corpus.length);
  });
});

describe('tallySpeakers', () => {
  const rejectShort = (name: string) => (name.length < 4 ? 'too short' : null);

  it('counts speakers per language, most frequent first, with the claims whose speaker is rejected', () => {
    const said = (...speakers: string[]) => speakers.map((speaker, i) => ({ speaker, text: `claim ${i} by ${speaker}` }));
    const tally = tallySpeakers(
      [
        { id: 'e1', language: 'en', claims: said('Helen Marsh', 'who', 'Helen Marsh') },
        { id: 'f1', language: 'fr', claims: said('qui', 'Luc Martin') },
        { id: 'e2', language: 'en', claims: said('Helen Marsh', 'who') },
        { id: 'e3', language: 'en', claims: [] },
      ],
      rejectShort,
    );
    expect(tally.speakers.map((s) => [s.count, s.language, s.name, s.rejection])).toEqual([
      [3, 'en', 'Helen Marsh', null],
      [2, 'en', 'who', 'too short'],
      [1, 'fr', 'Luc Martin', null],
      [1, 'fr', 'qui', 'too short'],
    ]);
    expect(tally.speakers[1]!.example).toEqual({ article: 'e1', text: 'claim 1 by who' });
    expect(tally.byLanguage).toEqual({
      en: { articles: 3, claims: 5, rejectedClaims: 2 },
      fr: { articles: 1, claims: 2, rejectedClaims: 1 },
    });
    expect(tally.overall).toEqual({ articles: 4, claims: 7, rejectedClaims: 3 });
    expect(tally.reasons).toEqual([['too short', 3]]);
    expect(share(3, 7)).toBe('42.9%');
    expect(share(0, 0)).toBe('—');
  });
});

describe('audit:speakers command line', () => {
  const cli = fileURLToPath(new URL('../../src/cli/audit-speakers.ts', import.meta.url));
  const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
  const run = (...args: string[]) => spawnSync(tsx, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  const dir = mkdtempSync(join(tmpdir(), 'isnad-audit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'articles.jsonl');
  const articles = [
    { id: 'e1', language: 'en', text: 'Port director Helen Marsh said the new cranes would double capacity by spring. "We are ready," Marsh told reporters.' },
    { id: 'f1', language: 'fr', text: "Le maire de Lyon, Paul Renard, a déclaré que le tramway rouvrirait lundi. « Nous tenons les délais », a-t-il affirmé." },
    { id: 'a1', language: 'ar', text: 'قال وزير المالية أحمد الراشدي إن العجز سيتراجع في العام المقبل. وأضاف أن الحكومة ستخفض الإنفاق.' },
    { id: 'e2', language: 'en', text: 'A union spokesman said workers had not been consulted about the plan.' },
  ];
  writeFileSync(file, articles.map((a) => JSON.stringify(a)).join('\n'));

  const summary = (stdout: string) => {
    const m = /^articles (\d+), claims (\d+), claims with a rejected speaker (\d+) \((.+)\)$/m.exec(stdout);
    expect(m, stdout).not.toBeNull();
    return { articles: Number(m![1]), claims: Number(m![2]), rejected: Number(m![3]) };
  };
  const listed = (stdout: string) =>
    stdout
      .split('\n')
      .map((line) => /^\s+(\d+)\s{2}(ar|en|fr)\s/.exec(line))
      .filter((m) => m !== null)
      .reduce((sum, m) => sum + Number(m[1]), 0);

  it('lists every speaker the engine produced, with counts adding up to the claims', () => {
    const r = run(file);
    expect(r.status).toBe(0);
    const s = summary(r.stdout);
    expect(s.articles).toBe(4);
    expect(s.claims).toBeGreaterThan(0);
    expect(listed(r.stdout)).toBe(s.claims);
  });

  it('shows the first claim of each speaker with --examples', () => {
    const r = run(file, '--examples', '--language', 'en');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    const examples = lines.filter((line) => /^\s+e\.g\. e[12]: /.test(line));
    expect(examples.length).toBeGreaterThan(0);
    expect(examples.length).toBe(lines.filter((line) => /^\s+\d+\s{2}en\s/.test(line)).length);
  });

  it('filters by language and samples with --limit', () => {
    expect(summary(run(file, '--language', 'en').stdout).articles).toBe(2);
    expect(summary(run(file, '--limit', '3').stdout).articles).toBe(3);
  });

  it('exits 2 on bad arguments or an unreadable file', () => {
    for (const args of [[], ['--limit', '0', file], ['--language', 'de', file], [join(dir, 'missing.jsonl')], [file, '--nope']]) {
      const r = run(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.length).toBeGreaterThan(0);
    }
  });
});
