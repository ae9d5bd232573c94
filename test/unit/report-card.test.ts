import { describe, expect, it } from 'vitest';
import { CARD_HEIGHT, CARD_WIDTH, renderReportCard, reportCardSvg, wrapLines, type ReportCard } from '../../src/features/shares/report-card.ts';

const ARABIC: ReportCard = {
  language: 'ar',
  kicker: 'مكتب إسناد للتحقق · تقرير عن ادعاء',
  title: 'Sputnik: اعتبر ديلانويه أن زيارة لودريان لموسكو لم تأت نتيجة للتطورات الأخيرة في سوريا بقدر ما جاءت امتدادا للتوجه الذي أعطى الرئيس الفرنسي فرانسوا هولاند الضوء الأخضر',
  titleDirection: 'rtl',
  verdict: 'التحقق من المضمون: خاطئ',
  tone: 'false',
  byline: 'القائل: إيغور ديلانويه',
};

function textLines(svg: string): string[] {
  return [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((match) => match[1]!);
}

describe('the preview card of a shared report', () => {
  it('is a PNG of 1200 × 630', () => {
    const png = renderReportCard(ARABIC);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([CARD_WIDTH, CARD_HEIGHT]);
  });

  it('sets Arabic right to left from the right margin, each line isolated so a Latin name at its start stays on the right', () => {
    const svg = reportCardSvg(ARABIC);
    expect(svg).toContain('text-anchor="end"');
    expect(svg).toContain(`x="${CARD_WIDTH - 60}"`);
    for (const line of textLines(svg)) expect(line).toMatch(/^\u2067[^\u2067\u2069]*\u2069$/);
    expect(textLines(svg)[1]).toContain('Sputnik');
    const english = reportCardSvg({ ...ARABIC, language: 'en', title: 'The minister said the bridge will reopen', titleDirection: 'ltr', verdict: 'Verification: False' });
    expect(english).toContain('text-anchor="start"');
    expect(english).not.toMatch(/[\u2067\u2069]/);
    // An Arabic claim on an English card keeps its own direction inside the left-aligned layout.
    const mixed = textLines(reportCardSvg({ ...ARABIC, language: 'en', verdict: 'Verification: False' }));
    expect(mixed[0]).not.toMatch(/\u2067/);
    expect(mixed[1]).toMatch(/^\u2067Sputnik/);
  });

  it('wraps a long title into at most four lines, the last cut at a word with an ellipsis', () => {
    const lines = wrapLines(ARABIC.title.repeat(3), 30, 4);
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(Array.from(line).length).toBeLessThanOrEqual(30);
    expect(lines.at(-1)).toMatch(/\S…$/);
    expect(wrapLines('short title', 30, 4)).toEqual(['short title']);
  });

  it('carries any text as XML character data: markup escaped, characters XML cannot hold dropped', () => {
    const card = { ...ARABIC, language: 'en' as const, title: '</text><script>alert(1)</script> & "quotes" \u0001\u0008 end' };
    const svg = reportCardSvg(card);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;/text&gt;&lt;script&gt;');
    expect(svg).not.toMatch(/[\u0001\u0008]/);
    expect(renderReportCard(card).subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});
