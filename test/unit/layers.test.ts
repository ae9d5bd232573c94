import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(SRC, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(SRC, folder, file));
}

function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)].map((match) =>
    path.relative(SRC, path.resolve(path.dirname(file), match[1]!)),
  );
}

/** Each floor may import only the floors below it. */
const FORBIDDEN: Record<string, readonly string[]> = {
  domain: ['features', 'http', 'db', 'extraction', 'cli'],
  text: ['features', 'http', 'db', 'cli'],
  extraction: ['features', 'http', 'db', 'cli'],
  db: ['features', 'http', 'cli'],
  http: ['features', 'cli'],
};

describe('layers', () => {
  for (const [floor, above] of Object.entries(FORBIDDEN)) {
    it(`src/${floor} imports nothing from ${above.join(', ')}`, () => {
      const offending = sourceFiles(floor).flatMap((file) =>
        importsOf(file)
          .filter((target) => above.some((upper) => target === upper || target.startsWith(`${upper}/`)))
          .map((target) => `${path.relative(SRC, file)} → ${target}`),
      );
      expect(offending).toEqual([]);
    });
  }
});
