import { describe, expect, it } from 'vitest';
import { plainTextHtml, renderNoteMarkdown } from '../../src/features/notes/markdown.ts';
import { autoDirectedBlocks } from '../../src/text/bidi.ts';

describe('a rendered note’s blocks take their own direction', () => {
  it('marks each paragraph, list and list item of a note opened by an Arabic line', () => {
    const html = autoDirectedBlocks(renderNoteMarkdown('ملاحظة بالعربية\n\n- first item\n- second item'));
    expect(html).toBe('<p dir="auto">ملاحظة بالعربية</p>\n<ul dir="auto">\n<li dir="auto">first item</li>\n<li dir="auto">second item</li>\n</ul>\n');
  });

  it('marks quotes, headings, code blocks and table cells, keeping their attributes', () => {
    const html = autoDirectedBlocks(renderNoteMarkdown('# عنوان\n\n> quoted\n\n```\ncode\n```\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n3. third'));
    expect(html).toContain('<h4 dir="auto">عنوان</h4>');
    expect(html).toContain('<blockquote dir="auto">\n<p dir="auto">quoted</p>');
    expect(html).toContain('<pre dir="auto"><code>');
    expect(html).toContain('<table dir="auto">');
    expect(html).toContain('<th dir="auto" align="left">a</th>');
    expect(html).toContain('<td dir="auto" align="right">2</td>');
    expect(html).toContain('<ol dir="auto" start="3">');
    expect(html).not.toMatch(/<(thead|tbody|tr|code|strong|em|a|br)\s+dir=/);
  });

  it('leaves text that reads like a tag alone, and notes shown as plain text get their paragraphs marked', () => {
    expect(autoDirectedBlocks(renderNoteMarkdown('`<p>` and <p onclick="x">'))).toBe('<p dir="auto"><code>&lt;p&gt;</code> and </p><p dir="auto"></p>\n');
    expect(autoDirectedBlocks(plainTextHtml('سطر <li>\n\nline'))).toBe('<p dir="auto">سطر &lt;li&gt;</p>\n<p dir="auto">line</p>');
  });
});
