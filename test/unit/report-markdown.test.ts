import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderNoteMarkdown } from '../../src/features/notes/markdown.ts';
import type { ReportNote } from '../../src/features/reports/reports.service.ts';
import { inline, reportMarkdown } from '../../src/features/reports/report-markdown.ts';
import { articleReportFixture, claimReportFixture, reportClaimFixture } from '../support/report-fixture.ts';

const OPTIONS = { language: 'en' as const, organizationName: 'Isnad fact-check desk', preparedAt: '2026-11-24T09:00:00.000Z' };

/** A public note as the report service gives it: rendered HTML, no Markdown source. */
function note(body: string): ReportNote {
  return { id: 'n1', body: null, html: renderNoteMarkdown(body), createdAt: '2026-11-22T00:00:00.000Z', author: null, private: false };
}

describe('report Markdown', () => {
  it('tells the claim, its speaker, verdicts, context, chain, notes and history', () => {
    const report = claimReportFixture({
      notes: [note('The **ministry** denied it.')],
      history: [{ at: '2026-11-23T10:00:00.000Z', field: 'status', to: 'false', actor: null, note: null }],
    });
    const markdown = reportMarkdown(report, OPTIONS);
    expect(markdown).toContain('# Claim report');
    expect(markdown).toContain('> الاتفاق سيوقع قريبا');
    expect(markdown).toContain('- **Speaker:** سيرغي شويغو (وزير الدفاع)');
    expect(markdown).toContain('- **Verification:** False (Rating 1 out of 5)');
    expect(markdown).toContain('- **Attribution:** Verbatim');
    expect(markdown).toContain('> قال الوزير إن **الاتفاق سيوقع قريبا**. وأضاف أن المحادثات مستمرة.');
    expect(markdown).toContain('1. **RT Arabic** — interview — confirmed — [link](<https://rt.example/interview>) — [evidence](<https://archive.example/rt>)');
    expect(markdown).toContain('> The **ministry** denied it.');
    expect(markdown).toContain('- 2026-11-23: Verification status changed to «False»');
    expect(markdown).toContain('Fact-check by Isnad fact-check desk · Report prepared on 2026-11-24');
  });

  it('speaks Arabic when the report is Arabic', () => {
    const markdown = reportMarkdown(claimReportFixture(), { ...OPTIONS, language: 'ar' });
    expect(markdown).toContain('# تقرير عن ادعاء');
    expect(markdown).toContain('- **التحقق من المضمون:** خاطئ (التقييم 1 من 5)');
    expect(markdown).toContain('## سلسلة الإسناد');
    // Dates stay YYYY-MM-DD among Arabic words: isolated left to right.
    expect(markdown).toContain('أُعدّ التقرير في \u20662026-11-24\u2069');
  });

  it('escapes claim text so that it cannot become a heading, link, list or HTML', () => {
    const text = '# [click](https://evil.example) <img src=x onerror=alert(1)> *loud*';
    const markdown = reportMarkdown(claimReportFixture({ text }), OPTIONS);
    const html = renderMarkdown(markdown);
    // A bare address may be autolinked (as itself), but no claim text can dress a link up as something else.
    expect(html).not.toMatch(/<a [^>]*>click<\/a>/);
    expect(html).not.toContain('<em>loud</em>');
    expect(html).not.toMatch(/<h1>#/);
    expect(markdown).not.toMatch(/(?<!\\)<img/);
    expect(html).not.toContain('<img');
    expect(inline('- not a list')).toBe('\\- not a list');
    expect(inline('1. not a list')).toBe('1\\. not a list');
  });

  it('quotes notes in Markdown told from their sanitised HTML: raw HTML never passes, text stays text', () => {
    const markdown = reportMarkdown(claimReportFixture({ notes: [note('Line one\n\n<script>alert(1)</script>\n- item\n\nwrote \\<b>bold\\</b> and &amp;copy;')] }), OPTIONS);
    expect(markdown).toMatch(/> Line one\n>\n> - +item/);
    expect(markdown).not.toContain('script');
    const html = renderMarkdown(markdown);
    expect(html).toContain('wrote &lt;b&gt;bold&lt;/b&gt; and &amp;copy;');
    expect(html).not.toContain('<b>');
  });

  it('keeps & and < in a note’s code as they are, not escaped twice', () => {
    const markdown = reportMarkdown(claimReportFixture({ notes: [note('Run `a && b < c` then:\n\n```\nif (x < 1 && y) {}\n```')] }), OPTIONS);
    expect(markdown).toContain('`a && b < c`');
    const html = renderMarkdown(markdown);
    expect(html).toContain('<code>a &amp;&amp; b &lt; c</code>');
    expect(html).toContain('if (x &lt; 1 &amp;&amp; y) {}');
    expect(html).not.toContain('&amp;amp;');
    expect(html).not.toContain('&amp;lt;');
  });

  it('demotes a note’s headings below the report’s own: one H1, and none of the note’s at H1 to H3', () => {
    const notes = [note('# Verdict\n\nSetext title\n===\n\n## Sources\n\ntext')];
    const claimHtml = renderMarkdown(reportMarkdown(claimReportFixture({ notes }), OPTIONS));
    expect(claimHtml.match(/<h1>/g)).toHaveLength(1);
    expect(claimHtml).not.toMatch(/<h[1-3]>(Verdict|Setext title|Sources)/);
    expect(claimHtml).toMatch(/<h4>Verdict<\/h4>/);
    const articleHtml = renderMarkdown(reportMarkdown(articleReportFixture([reportClaimFixture({ notes })]), OPTIONS));
    expect(articleHtml.match(/<h1>/g)).toHaveLength(1);
    expect(articleHtml).not.toMatch(/<h[1-4]>(Verdict|Setext title|Sources)/);
  });

  it('never turns article text into links: no autolinked address, www. host or formula URL', () => {
    const text = '=HYPERLINK("http://evil.example/x","open") see www.evil.example or https://evil.example/y';
    const before = 'Read ftp://evil.example/z first. ';
    const report = claimReportFixture({ text, context: { before, exact: text, after: ' end', clippedBefore: false, clippedAfter: false } });
    for (const language of ['en', 'ar'] as const) {
      const markdown = reportMarkdown(report, { ...OPTIONS, language });
      const html = renderMarkdown(markdown);
      expect(html).not.toMatch(/<a [^>]*evil/);
      expect(html).toContain('=HYPERLINK("http://evil.example/x","open") see www.evil.example or https://evil.example/y');
    }
    expect(renderMarkdown(reportMarkdown(articleReportFixture([reportClaimFixture({ text })]), OPTIONS))).not.toMatch(/<a [^>]*evil/);
  });

  it('escapes & and < in article text with backslashes, so entities and tags read as written', () => {
    const text = 'AT&T said &amp; <b>not</b> 5 < 6';
    const html = renderMarkdown(reportMarkdown(claimReportFixture({ text }), OPTIONS));
    expect(html).toContain('AT&amp;T said &amp;amp; &lt;b&gt;not&lt;/b&gt; 5 &lt; 6');
  });

  it('summarises an article: counts per verdict, progress, then every claim', () => {
    const report = articleReportFixture([reportClaimFixture({ id: 'a', text: 'first claim' }), reportClaimFixture({ id: 'b', text: 'second claim', status: 'unverified' })]);
    const markdown = reportMarkdown(report, OPTIONS);
    expect(markdown).toContain('# Article report: آفاق التعاون العسكري بين موسكو وباريس');
    expect(markdown).toContain('**Review progress:** 1 of 2 claims with a final verdict (50%)');
    expect(markdown).toContain('| False | 1 |');
    expect(markdown).toContain('| Unverified | 1 |');
    expect(markdown).toContain('## 1. first claim');
    expect(markdown).toContain('## 2. second claim');
    expect(markdown).toContain('### Attribution chain');
  });

  it('is built from the public report only', () => {
    expect(() => reportMarkdown(claimReportFixture({}, 'desk'), OPTIONS)).toThrow(/public report only/);
  });
});
