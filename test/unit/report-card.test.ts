import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { CARD_FONT_FILES, CARD_HEIGHT, CARD_WIDTH, renderReportCard, reportCardSvg, wrapLines, type ReportCard } from '../../src/features/shares/report-card.ts';

const ARABIC: ReportCard = {
  language: 'ar',
  kicker: 'مكتب إسناد للتحقق · تقرير عن ادعاء',
  title: 'Sputnik: اعتبر ديلانويه أن زيارة لودريان لموسكو لم تأت نتيجة للتطورات الأخيرة في سوريا بقدر ما جاءت امتدادا للتوجه الذي أعطى الرئيس الفرنسي فرانسوا هولاند الضوء الأخضر',
  titleDirection: 'rtl',
  verdict: 'التحقق من المضمون: خاطئ',
  tone: '#a4262c',
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

  it('wraps a long title into at most four lines that fit, the last cut at a word with an ellipsis', () => {
    const fits = (line: string) => Array.from(line).length <= 30;
    const lines = wrapLines(ARABIC.title.repeat(3), fits, 4);
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(fits(line)).toBe(true);
    expect(lines.at(-1)).toMatch(/\S…$/);
    expect(wrapLines('short title', fits, 4)).toEqual(['short title']);
    expect(wrapLines('x'.repeat(80), fits, 4)).toEqual([`${'x'.repeat(29)}…`]);
  });

  it.each([
    ['ltr', 'WIDE CAPITALS MAKE WIDE LINES: ' + 'WWWWW MMMMM '.repeat(12)],
    ['rtl', ARABIC.title.repeat(2)],
  ] as const)('keeps every %s title line inside the margins as resvg shapes it', (titleDirection, title) => {
    const svg = reportCardSvg({ ...ARABIC, language: titleDirection === 'rtl' ? 'ar' : 'en', title, titleDirection });
    const group = svg.split('\n').find((line) => line.startsWith('<g '))!;
    const titleLines = svg.split('\n').filter((line) => line.startsWith('<text') && line.includes('font-size="50"'));
    expect(titleLines.length).toBeGreaterThan(1);
    for (const line of titleLines) {
      const alone = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630">${group}${line}</g></svg>`;
      const box = new Resvg(alone, { font: { loadSystemFonts: false, fontFiles: [...CARD_FONT_FILES], defaultFontFamily: 'Noto Sans' } }).getBBox()!;
      expect(box.x).toBeGreaterThanOrEqual(60 - 1);
      expect(box.x + box.width).toBeLessThanOrEqual(1140 + 1);
    }
  });

  it('carries any text as XML character data: markup escaped, characters XML cannot hold dropped', () => {
    const card = { ...ARABIC, language: 'en' as const, title: '</text><script>alert(1)</script> & "quotes" \u0001\u0008 end' };
    const svg = reportCardSvg(card);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;/text&gt;&lt;script&gt;');
    expect(svg).not.toMatch(/[\u0001\u0008]/);
    expect(renderReportCard(card).subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it.each([
    ['ar', 'التحقق من المضمون: مضلل'],
    ['ar', 'التحقق من النسبة: محرف أو مترجم خطأ'],
    ['en', 'Verification: Mostly accurate'],
    ['en', 'WWWWWWWWWW MMMMMMMMMM WWWWWWWWWW'],
  ] as const)('draws the %s verdict badge around its whole text: %s', (language, verdict) => {
    const svg = reportCardSvg({ ...ARABIC, language, verdict });
    const badge = /<rect x="(\d+)" y="512" width="(\d+)"/.exec(svg)!;
    const [left, width] = [Number(badge[1]), Number(badge[2])];
    // The badge's text alone, shaped by resvg with the card's own fonts (none from the system).
    const badgeText = svg.split('\n').find((line) => line.startsWith('<text') && line.includes('fill="#ffffff"'))!;
    const group = svg.split('\n').find((line) => line.startsWith('<g '))!;
    const alone = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630">${group}${badgeText}</g></svg>`;
    const box = new Resvg(alone, { font: { loadSystemFonts: false, fontFiles: [...CARD_FONT_FILES], defaultFontFamily: 'Noto Sans' } }).getBBox()!;
    expect(box.width).toBeGreaterThan(100);
    expect(box.x).toBeGreaterThanOrEqual(left + 10);
    expect(box.x + box.width).toBeLessThanOrEqual(left + width - 10);
  });
});

