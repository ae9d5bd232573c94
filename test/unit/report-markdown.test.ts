import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/features/notes/markdown.ts';
import { inline, reportMarkdown } from '../../src/features/reports/report-markdown.ts';
import { articleReportFixture, claimReportFixture, reportClaimFixture } from '../support/report-fixture.ts';

const OPTIONS = { language: 'en' as const, organizationName: 'Isnad fact-check desk', preparedAt: '2026-11-24T09:00:00.000Z' };

describe('report Markdown', () => {
  it('tells the claim, its speaker, verdicts, context, chain, notes and history', () => {
    const report = claimReportFixture({
      notes: [{ id: 'n1', body: 'The **ministry** denied it.', html: '', createdAt: '2026-11-22T00:00:00.000Z', author: null, private: false }],
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
    expect(markdown).not.toContain('<img');
    expect(inline('- not a list')).toBe('\\- not a list');
    expect(inline('1. not a list')).toBe('1\\. not a list');
  });

  it('quotes notes with their own Markdown but disarms raw HTML in them', () => {
    const notes = [{ id: 'n1', body: 'Line one\n\n<script>alert(1)</script>\n- item', html: '', createdAt: '2026-11-22T00:00:00.000Z', author: null, private: false }];
    const markdown = reportMarkdown(claimReportFixture({ notes }), OPTIONS);
    expect(markdown).toContain('> Line one\n>\n> &lt;script>alert(1)&lt;/script>\n> - item');
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
