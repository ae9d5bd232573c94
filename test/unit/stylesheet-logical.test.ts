import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CSS_DIR = path.resolve('public/css');

interface Declaration {
  file: string;
  line: number;
  property: string;
  value: string;
}

/** Every `property: value` of a stylesheet, with its line, comments, strings and url()s blanked out. */
function declarationsOf(file: string, css: string): Declaration[] {
  const blank = (match: string) => match.replace(/[^\n]/g, ' ');
  const code = css.replace(/\/\*[\s\S]*?\*\//g, blank).replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, blank).replace(/url\([^)]*\)/g, blank);
  const found: Declaration[] = [];
  // A declaration starts after `{` or `;` and ends at `;` or `}`; selectors end at `{`, so they never match.
  const declaration = /(?<=[{;]\s*)([-a-z]+)\s*:([^;{}]*)(?=[;}])/g;
  for (const match of code.matchAll(declaration)) {
    found.push({ file, line: code.slice(0, match.index).split('\n').length, property: match[1]!, value: match[2]!.trim() });
  }
  return found;
}

/** Whether a box shorthand names different values for its left and right sides (`padding: 0 1rem 0 0`). */
function asymmetricShorthand({ property, value }: Declaration): boolean {
  if (!/^(margin|padding|inset|border-width|border-style|border-color|scroll-margin|scroll-padding)$/.test(property)) return false;
  const sides = value.replace(/!important/, '').trim().split(/\s+/);
  return sides.length === 4 && sides[1] !== sides[3];
}

function asymmetricCorners({ property, value }: Declaration): boolean {
  if (property !== 'border-radius') return false;
  const corners = value.split('/')[0]!.trim().split(/\s+/);
  return new Set(corners).size > 1;
}

/** A property or value that names a physical side, or a shorthand that sets left and right differently. */
function physicalSideProblems(file: string, css: string): string[] {
  return declarationsOf(file, css)
    .filter((d) => /\b(left|right)\b/.test(d.property) || /\b(left|right)\b/.test(d.value) || asymmetricShorthand(d) || asymmetricCorners(d))
    .map((d) => `${d.file}:${d.line}: ${d.property}: ${d.value}`);
}

describe('stylesheets mirror with the page direction', () => {
  const files = readdirSync(CSS_DIR).filter((name) => name.endsWith('.css'));

  it('finds the stylesheets', () => {
    expect(files).toEqual(expect.arrayContaining(['app.css', 'fonts.css', 'report.css']));
  });

  it.each(files)('%s uses logical properties only (no left or right)', (name) => {
    expect(physicalSideProblems(name, readFileSync(path.join(CSS_DIR, name), 'utf8'))).toEqual([]);
  });

  it.each([
    ['.a { margin-left: 1rem; }', 'margin-left: 1rem'],
    ['.a { padding-right: 0 }', 'padding-right: 0'],
    ['.a { border-left: 3px solid red; }', 'border-left: 3px solid red'],
    ['.a { border-right-color: red; }', 'border-right-color: red'],
    ['.a {\n  color: red;\n  text-align: left;\n}', 'text-align: left'],
    ['.a { float: right; }', 'float: right'],
    ['.a { clear: left; }', 'clear: left'],
    ['.a { position: absolute; left: 0; }', 'left: 0'],
    ['.a { right: 2px }', 'right: 2px'],
    ['.a { border-top-left-radius: 4px; }', 'border-top-left-radius: 4px'],
    ['.a { background-position: right top; }', 'background-position: right top'],
    ['.a { padding: .15rem 1rem .15rem 0; }', 'padding: .15rem 1rem .15rem 0'],
    ['.a { margin: 0 auto 0 1rem; }', 'margin: 0 auto 0 1rem'],
    ['.a { border-radius: 0 6px 6px 0; }', 'border-radius: 0 6px 6px 0'],
    ['@media (max-width: 40rem) { .a .b { margin-right: 0 } }', 'margin-right: 0'],
  ])('catches %s', (css, expected) => {
    expect(physicalSideProblems('x.css', css)).toEqual([expect.stringContaining(expected)]);
  });

  it.each([
    '.a { margin-inline-start: 1rem; padding-inline: 0 1rem; border-inline-start: 3px solid red; text-align: start; float: inline-end; inset-inline-end: 0; }',
    '.a { margin: 0 auto; padding: .35rem .5rem; margin: 0 0 .35rem; padding: 1px 2px 3px 2px; border-radius: 6px; }',
    '/* float: left was wrong here */ .a::after { content: "left"; background: url(/img/right.png); }',
    '.alignment-left-note { color: red; }',
    '.a { direction: ltr; unicode-bidi: isolate; }',
  ])('lets logical CSS through: %s', (css) => {
    expect(physicalSideProblems('x.css', css)).toEqual([]);
  });

  it('points at the line of the problem', () => {
    expect(physicalSideProblems('x.css', '.a {\n  color: red;\n}\n.b { margin-left: 0; }')).toEqual(['x.css:4: margin-left: 0']);
  });
});
