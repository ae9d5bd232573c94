import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Articles written for this test: a story, its republished copy with one sentence lightly edited, and another story
// whose claims share a speaker with the first.
const STORY = [
  'Harbour Master Yusuf Haddad said that container traffic through the northern port fell by a third during the autumn strike.',
  'The strike ended on Monday after three weeks of talks between the unions and the port authority.',
  'Transport Minister Samir Toumi said that the government would compensate the shipping companies for their losses.',
  'Union leader Omar Nasser told reporters that the dockers would return to work on Tuesday morning.',
  'Exporters of fruit and vegetables were hit hardest, according to the chamber of commerce.',
];
const COPY = [...STORY.slice(0, 4), 'Exporters of fruit and vegetables were hit hardest by the long strike, according to the chamber of commerce.'];
const OTHER = [
  'Harbour Master Yusuf Haddad said that the new cranes for the southern terminal would arrive in the spring.',
  'The cranes were bought from a supplier abroad at a cost that the ministry has not disclosed.',
  'Harbour Master Yusuf Haddad said that dredging of the channel would begin next year.',
];

describe('eval:clusters', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'isnad-eval-clusters-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('pairs the claims of two copies of a story as positives, and claims of another story as negatives', () => {
    const lines = [
      { id: 'story', language: 'en', text: STORY.join('\n') },
      { id: 'copy', language: 'en', text: COPY.join('\n') },
      { id: 'other', language: 'en', text: OTHER.join('\n') },
    ];
    writeFileSync(path.join(dir, 'bulk.jsonl'), `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
    const output = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/eval-clusters.ts', dir, '--json'], { encoding: 'utf8' });
    const report = JSON.parse(output) as {
      copiedArticlePairs: number;
      positives: number;
      negatives: number;
      thresholds: Array<{ threshold: number; recall: number; falsePositives: number }>;
    };
    expect(report.copiedArticlePairs).toBe(1);
    expect(report.positives).toBeGreaterThanOrEqual(3);
    expect(report.negatives).toBeGreaterThanOrEqual(1);
    const atJoin = report.thresholds.find((row) => row.threshold === 0.6)!;
    expect(atJoin.recall).toBe(1);
    expect(atJoin.falsePositives).toBe(0);
  });

  it('refuses a missing corpus with exit code 2', () => {
    let status = 0;
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/eval-clusters.ts', path.join(dir, 'missing')], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      status = (error as { status: number }).status;
    }
    expect(status).toBe(2);
  });
});
