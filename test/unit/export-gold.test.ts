import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { corpusItems, runItem } from '../../src/cli/eval-sources.ts';
import { summarize } from '../../src/extraction/evaluate.ts';
import { ingestArticle } from '../../src/features/articles/articles.service.ts';
import { changeClaimStatus } from '../../src/features/claims/claims.service.ts';
import { codePointOffsets, corpusSpeakerKind, corpusSpeakerName } from '../../src/features/api/gold-export.ts';
import { SEED_TEXT } from '../support/context.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'isnad-export-gold-'));
const databaseFile = path.join(dir, 'desk.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Characters outside the Basic Multilingual Plane before the claims, so that UTF-16 and code point offsets differ.
const ASTRAL_ARTICLE =
  '🌍📰 𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠 — The minister said on Monday that the new bridge would open in June. 🚧\r\n"We are on schedule," she told Reuters. Officials at the ministry said the cost had doubled.';

const codePoints = (text: string) => [...text];

beforeAll(async () => {
  const db = connectDatabase(databaseFile);
  try {
    await migrateToLatest(db);
    await ingestArticle(db, { text: SEED_TEXT, language: 'ar', publisher: 'Sputnik' }, { maxBytes: 1 << 20 });
    const { article } = await ingestArticle(db, { text: ASTRAL_ARTICLE, language: 'en', sourceUrl: 'https://example.org/bridge' }, { maxBytes: 1 << 20 });
    const claim = await db.selectFrom('claim').select(['id', 'version']).where('article_id', '=', article.id).orderBy('start_offset').executeTakeFirstOrThrow();
    await changeClaimStatus(db, { claimId: claim.id, status: 'accurate', expectedVersion: claim.version, actor: 'Hana' });
  } finally {
    await db.destroy();
  }
});

function exportTo(out: string, ...extra: string[]) {
  return promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/export-gold.ts', '--out', out, '--database', databaseFile, ...extra], {
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });
}

describe('code point offsets', () => {
  it('count a character outside the BMP once', () => {
    const toCodePoint = codePointOffsets('a😀b');
    expect([0, 1, 3, 4].map(toCodePoint)).toEqual([0, 1, 2, 3]);
    expect(codePointOffsets('نص عربي')(7)).toBe(7);
  });

  it('name speaker kinds as the corpus does', () => {
    expect(corpusSpeakerKind({ id: 'x', kind: 'organization', unnamed: 0 })).toBe('organisation');
    expect(corpusSpeakerKind({ id: 'x', kind: 'person', unnamed: 1 })).toBe('unnamed');
    expect(corpusSpeakerKind({ id: 'x', kind: 'document', unnamed: 0 })).toBe('document');
    expect(corpusSpeakerKind(undefined)).toBe('unnamed');
    expect(corpusSpeakerName('مصادر مطلعة', 'unnamed', 'ar')).toBe('مصادر مطلعة (غير مسمّى)');
    expect(corpusSpeakerName('three US officials', 'unnamed', 'en')).toBe('three US officials (unnamed)');
    expect(corpusSpeakerName('three US officials (unnamed)', 'unnamed', 'en')).toBe('three US officials (unnamed)');
    expect(corpusSpeakerName('Igor Delanoë', 'person', 'fr')).toBe('Igor Delanoë');
  });
});

describe('npm run export:gold', () => {
  it('writes texts byte for byte and gold in code points, which score 1.0 against themselves', async () => {
    const out = path.join(dir, 'all');
    const { stdout } = await exportTo(out);
    expect(stdout).toMatch(/Wrote 2 articles and \d+ claims/);

    const files = readdirSync(path.join(out, 'texts')).sort();
    expect(files).toEqual([expect.stringMatching(/^01-ar-.+\.txt$/), expect.stringMatching(/^02-en-.+\.txt$/)]);
    expect(readFileSync(path.join(out, 'texts', files[0]!), 'utf8')).toBe(SEED_TEXT);
    expect(readFileSync(path.join(out, 'texts', files[1]!))).toEqual(Buffer.from(ASTRAL_ARTICLE, 'utf8'));

    const all = JSON.parse(readFileSync(path.join(out, 'gold.json'), 'utf8'));
    expect(Object.keys(all)).toEqual(files);
    for (const file of files) {
      const single = JSON.parse(readFileSync(path.join(out, 'gold', file.replace(/\.txt$/, '.gold.json')), 'utf8'));
      expect(single).toEqual(all[file]);
      const text = codePoints(readFileSync(path.join(out, 'texts', file), 'utf8'));
      for (const claim of single.claims) {
        expect(text.slice(claim.start, claim.end).join('')).toBe(claim.text);
        expect(claim).toEqual({ text: expect.any(String), start: expect.any(Number), end: expect.any(Number), speaker: expect.any(String), speaker_kind: expect.stringMatching(/^(person|organisation|unnamed|document)$/), cue: expect.anything(), outlets: expect.any(Array), kind: expect.any(String) });
      }
    }
    const english = all[files[1]!];
    const lastEnglish = english.claims.at(-1);
    expect(lastEnglish.start).toBeGreaterThan(0);
    expect(lastEnglish.start).toBeLessThan(ASTRAL_ARTICLE.indexOf(lastEnglish.text));
    expect(all[files[0]!].claims.some((claim: { outlets: string[] }) => claim.outlets.length > 0)).toBe(true);

    for (const layout of ['gold.json', 'gold/']) {
      if (layout === 'gold/') rmSync(path.join(out, 'gold.json'));
      const runs = corpusItems(out).map((item) => runItem(item, () => ({ claims: item.gold.claims })));
      expect(runs.map((run) => run.error)).toEqual([null, null]);
      const { overall } = summarize(runs.map((run) => run.evaluation!));
      expect(overall.goldClaims).toBeGreaterThan(10);
      expect(overall.outletClaims).toBeGreaterThan(0);
      expect([overall.precision, overall.recall, overall.f1, overall.speakerAccuracy, overall.outletAccuracy], layout).toEqual([1, 1, 1, 1, 1]);
    }
  });

  it('keeps only the claims a person gave a verdict with --reviewed-only', async () => {
    const out = path.join(dir, 'reviewed');
    const { stdout } = await exportTo(out, '--reviewed-only');
    expect(stdout).toContain('Wrote 1 articles and 1 claims');
    const all = JSON.parse(readFileSync(path.join(out, 'gold.json'), 'utf8'));
    const [entry] = Object.values(all) as Array<{ language: string; claims: unknown[] }>;
    expect(entry).toMatchObject({ language: 'en', claims: [expect.objectContaining({ speaker_kind: expect.any(String) })] });
  });

  it('refuses to run without --out, or on a database file that does not exist', async () => {
    await expect(promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/export-gold.ts'], { env: process.env })).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('Usage') });
    const missing = path.join(dir, 'missing', 'desk.db');
    await expect(
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/export-gold.ts', '--out', path.join(dir, 'none'), '--database', missing], { env: process.env }),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('No database at') });
    expect(readdirSync(dir)).not.toContain('missing');
  });
});
