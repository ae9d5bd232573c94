import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_NOTE_HTML_LENGTH, MAX_NOTE_LENGTH, noteHtml } from '../../src/features/notes/note-body.ts';
import { prepareNoteBody } from '../../src/features/notes/notes.service.ts';
import { ValidationError } from '../../src/errors.ts';

/** Notes written before the limit was lowered may be this long. */
const OLD_NOTE_LENGTH = 20_000;
/** A guard against catastrophic behaviour (seconds per note), not a benchmark. */
const BOUND_MS = 1_000;

const repeated = (unit: fc.Arbitrary<string>, max: number) =>
  fc.tuple(unit, fc.integer({ min: 1, max })).map(([piece, count]) => piece.repeat(count));

const nestedQuotes = repeated(fc.constantFrom('>', '> ', ' >', '>\t'), 12_000).map((quotes) => `${quotes} a`);
const nestedLists = repeated(fc.constantFrom('1. ', '- ', '* ', '+ ', '1) ', '> - ', '- > ', '1. > '), 7_000).map((lists) => `${lists}a`);
const emphasisRuns = fc.oneof(
  fc.integer({ min: 1, max: 6_000 }).map((n) => `${'**'.repeat(n)}a${'**'.repeat(n)}`),
  fc.integer({ min: 1, max: 6_000 }).map((n) => `${'*'.repeat(n)}a${'_'.repeat(n)}`),
  repeated(fc.constantFrom('_*a', '*a ', 'a* ', '**a ', '~~a ', '_a_', '*_', '***'), 7_000),
  fc.integer({ min: 1, max: 2_000 }).map((n) => `${'**a '.repeat(n)}${'a** '.repeat(n)}`),
);
const links = fc.oneof(
  fc.integer({ min: 1, max: 5_000 }).map((n) => `${'[a '.repeat(n)}${'](b) '.repeat(n)}`),
  fc.integer({ min: 1, max: 8_000 }).map((n) => `${'['.repeat(n)}a${'](http://b.c)'.repeat(n)}`),
  fc.tuple(fc.integer({ min: 1, max: 4_000 }), fc.integer({ min: 1, max: 5_000 })).map(([url, uses]) => `[x]: http://e.org/${'a'.repeat(url)}\n\n${'[x]'.repeat(uses)}`),
  repeated(fc.constantFrom('<http://a.b/', 'http://a.b ', 'www.a.b ', 'a@b.c ', '![a](', '<a href="', '&#64;', '\\'), 5_000),
);
const tables = fc.oneof(
  fc.integer({ min: 1, max: 3_000 }).map((rows) => `a|b\n-|-\n${'|a|b|\n'.repeat(rows)}`),
  fc.integer({ min: 1, max: 10_000 }).map((cells) => `${'|'.repeat(cells)}\n${'-|'.repeat(cells)}`),
  repeated(fc.constantFrom('a|b\n-|-\n', '| a ', '|:-:', '\n'), 5_000),
);
const TOKENS = ['>', '> ', '- ', '1. ', '* ', '**', '*', '_', '__', '~~', '`', '```', '```a`\n', '~~~\n', '*_*_\n', '---\n', '[', ']', '(', ')', '](', '<', '</', '&', '#', '# ', '|', '-|-', '\n', '\n\n', '  ', '\t', 'a', 'word ', 'http://x.y', 'ب', '\\', '!['];
const randomMixes = fc.array(fc.constantFrom(...TOKENS), { maxLength: 6_000 }).map((tokens) => tokens.join(''));

/** What may make a checker believe the rest is code, or a rule, when Markdown does not. */
const LOOKALIKE_PREFIXES = ['', '```a`\n', '```\n', '~~~\n', '    ', '*_*_*_\n', '<div>\n', '> ```\n'];
const pathological = fc
  .tuple(fc.constantFrom(...LOOKALIKE_PREFIXES), fc.oneof(nestedQuotes, nestedLists, emphasisRuns, links, tables, randomMixes))
  .map(([prefix, markdown]) => prefix + markdown);

function timed<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
}

describe('notes against pathological Markdown', () => {
  it('are refused with a message or rendered within bounds, quickly, whatever is typed', () => {
    fc.assert(
      fc.property(pathological, (markdown) => {
        const body = markdown.slice(0, MAX_NOTE_LENGTH);
        const { value, ms } = timed(() => {
          try {
            return prepareNoteBody(body);
          } catch (error) {
            if (error instanceof ValidationError) return error;
            throw error;
          }
        });
        expect(ms).toBeLessThan(BOUND_MS);
        if (value instanceof ValidationError) {
          expect(value.fieldErrors.body).toBeTruthy();
        } else {
          expect(value.html.length).toBeLessThanOrEqual(MAX_NOTE_HTML_LENGTH);
          expect(value.html).not.toMatch(/<h[1-3][\s>]|<script|\son\w+=/i);
        }
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('already stored without HTML are shown, never throwing, quickly, up to the old length limit', () => {
    fc.assert(
      fc.property(pathological, (markdown) => {
        const body = markdown.slice(0, OLD_NOTE_LENGTH);
        const { value, ms } = timed(() => noteHtml({ body, body_html: null }));
        expect(ms).toBeLessThan(BOUND_MS);
        expect(typeof value).toBe('string');
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
