import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderNoteMarkdown } from '../../src/features/notes/markdown.ts';

const XSS_VECTORS = [
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(1)">',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](&#106;avascript:alert(1))',
  '<a href="javascript:alert(1)">x</a>',
  '<div data-hx-get="/claims" data-hx-trigger="load">x</div>',
  '<div hx-get="/claims" hx-trigger="load">x</div>',
  '<button hx-post="/claims/1/status" hx-vals=\'{"status":"false"}\'>x</button>',
  '<svg onload="alert(1)"></svg>',
  '<iframe src="https://evil.example"></iframe>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)',
  '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
  '<form action="/reviewer"><input name="name"></form>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<object data="x.swf"></object>',
];

describe('reviewer notes in Markdown', () => {
  it('render formatting and evidence links', () => {
    const html = renderMarkdown('**Source**: [ministry statement](https://example.gov/statement)\n\n- one\n- two');
    expect(html).toContain('<strong>Source</strong>');
    expect(html).toContain('<a href="https://example.gov/statement" rel="nofollow noopener noreferrer ugc">ministry statement</a>');
    expect(html).toContain('<li>one</li>');
  });

  it.each(XSS_VECTORS)('never let %s reach the browser', (vector) => {
    const html = renderMarkdown(vector).toLowerCase();
    expect(html).not.toMatch(/<script|<iframe|<svg|<object|<form|<input|<math|<img/);
    expect(html).not.toMatch(/\son[a-z]+\s*=/);
    expect(html).not.toMatch(/javascript:|vbscript:|data:/);
    expect(html).not.toMatch(/\s(data-)?hx-[a-z]/);
    expect(html).not.toContain('style=');
  });

  it('keeps Arabic text intact', () => {
    expect(renderMarkdown('تصريح **الخبير** غير دقيق')).toContain('تصريح <strong>الخبير</strong> غير دقيق');
  });

  it('demotes a note’s headings to h4 and below, so a note never adds a title or section to its page', () => {
    const html = renderNoteMarkdown('# One\n\n## Two\n\n### Three\n\nSetext\n===\n\n###### Six');
    expect(html).not.toMatch(/<h[1-3][ >]/);
    expect(html).toContain('<h4>One</h4>');
    expect(html).toContain('<h5>Two</h5>');
    expect(html).toContain('<h6>Three</h6>');
    expect(html).toContain('<h4>Setext</h4>');
    expect(html).toContain('<h6>Six</h6>');
  });

  it('shows Markdown that marked cannot render as escaped plain text instead of failing', () => {
    const deep = `${'>'.repeat(19_000)} a <b>`;
    const html = renderMarkdown(deep);
    expect(html).toContain('&gt;&gt;&gt;');
    expect(html).toContain('a &lt;b&gt;');
    expect(html).not.toContain('<blockquote>');
  });
});
