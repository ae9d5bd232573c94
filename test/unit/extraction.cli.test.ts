import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'src/cli/extract.ts', ...args], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('extract CLI', () => {
  it('prints the extraction result of a file as JSON', async () => {
    const { code, stdout } = await cli(['src/seed/article-ar-moscow-paris.txt']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(result).sort()).toEqual(['claims', 'language', 'noise', 'outlets', 'speakers']);
    expect(result.language).toBe('ar');
    const claims = result.claims as Record<string, unknown>[];
    expect(claims.length).toBeGreaterThanOrEqual(12);
    expect(Object.keys(claims[0]!).sort()).toEqual(['checkworthiness', 'cue', 'end', 'kind', 'outlets', 'prefix', 'speaker', 'start', 'suffix', 'text']);
    expect(Object.keys(claims[0]!.speaker as object).sort()).toEqual(['aliases', 'mention', 'name', 'unnamed']);
    expect(Object.keys((claims[0]!.speaker as { mention: object }).mention).sort()).toEqual(['end', 'start', 'text']);
    const outlets = result.outlets as Record<string, unknown>[];
    expect(Object.keys(outlets[0]!).sort()).toEqual(['aliases', 'kind', 'name', 'order', 'role', 'url']);
    const speakers = result.speakers as Record<string, unknown>[];
    expect(Object.keys(speakers[0]!).sort()).toEqual(['aliases', 'kind', 'name', 'role', 'unnamed']);
    const noise = result.noise as Record<string, unknown>[];
    expect(Object.keys(noise[0]!).sort()).toEqual(['end', 'reason', 'start', 'text']);
  });

  it('passes --lang and --publisher through', async () => {
    const { code, stdout } = await cli(['src/seed/article-ar-moscow-paris.txt', '--lang', 'ar', '--publisher', 'Sputnik Arabic']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { claims: { outlets: { name: string }[] }[] };
    expect(result.claims.some((c) => c.outlets.some((o) => o.name === 'Sputnik Arabic'))).toBe(true);
  });

  it('exits with 2 and a message for a missing file or a bad flag', async () => {
    const missing = await cli(['no/such/file.txt']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
    const badLang = await cli(['src/seed/article-ar-moscow-paris.txt', '--lang', 'de']);
    expect(badLang.code).toBe(2);
    expect(badLang.stderr).toContain('unsupported language');
    const unknown = await cli(['src/seed/article-ar-moscow-paris.txt', '--verbose']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown flag');
    const none = await cli([]);
    expect(none.code).toBe(2);
  });
});
