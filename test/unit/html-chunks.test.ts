import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Eta } from 'eta';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML_CHUNK_UNITS, HtmlChunks, appendHtml } from '../../src/http/html-chunks.ts';
import { createRenderer } from '../../src/http/render.ts';

const TEMPLATES: Record<string, string> = {
  'layouts/page.eta': '<html><body><%~ it.body %></body></html>',
  'partials/row.eta': '<tr><td dir="rtl"><%= it.text %></td><td><%= it.index %></td></tr>\n',
  'pages/list.eta': [
    "<% layout('/layouts/page') %>",
    '<table>',
    "<% it.rows.forEach(function (text, index) { %><%~ include('/partials/row', { text: text, index: index }) %><% }) %>",
    '</table><p><%= it.note %></p><%~ it.raw %>',
  ].join('\n'),
};

describe('HTML rendered in pieces', () => {
  let views: string;
  beforeAll(() => {
    views = mkdtempSync(path.join(tmpdir(), 'isnad-chunks-'));
    for (const [name, body] of Object.entries(TEMPLATES)) {
      mkdirSync(path.dirname(path.join(views, name)), { recursive: true });
      writeFileSync(path.join(views, name), body);
    }
  });
  afterAll(() => rmSync(views, { recursive: true, force: true }));

  const data = (rows: number, raw = '') => ({ rows: Array.from({ length: rows }, (_, i) => `ادعاء رقم ${i} <b>&</b>`), note: 'done "quoted"', raw });
  const plainEta = () => new Eta({ views, cache: true, autoTrim: [false, 'nl'] });

  it('gives a long page in pieces below the limit, with the same bytes as one string', () => {
    const renderer = createRenderer(views);
    const page = renderer.renderHtml('pages/list', data(2000));
    expect(page).toBeInstanceOf(HtmlChunks);
    const parts = (page as HtmlChunks).parts();
    expect(parts.length).toBeGreaterThan(4);
    for (const part of parts) expect(part.length).toBeLessThan(2 * HTML_CHUNK_UNITS);
    const expected = plainEta().render('pages/list', data(2000));
    expect((page as HtmlChunks).toBuffer().equals(Buffer.from(expected))).toBe(true);
    expect(renderer.render('pages/list', data(2000))).toBe(expected);
  });

  it('keeps a short page one string', () => {
    const page = createRenderer(views).renderHtml('pages/list', data(3));
    expect(page).toBe(plainEta().render('pages/list', data(3)));
  });

  it('keeps a long value whole rather than joined to what precedes it', () => {
    const long = 'نص '.repeat(HTML_CHUNK_UNITS);
    const page = createRenderer(views).renderHtml('pages/list', data(3, long));
    expect((page as HtmlChunks).parts()).toContain(long);
    expect(String(page)).toBe(plainEta().render('pages/list', data(3, long)));
  });

  it('appends values as `+=` does', () => {
    let output: string | HtmlChunks = '';
    for (const value of ['a', 1, undefined, null, 'ب']) output = appendHtml(output, value);
    expect(output).toBe('a1undefinednullب');
    const chunks = appendHtml('x'.repeat(HTML_CHUNK_UNITS), 'y');
    expect(String(appendHtml(chunks, 2))).toBe(`${'x'.repeat(HTML_CHUNK_UNITS)}y2`);
  });
});
