import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import { shortenAtWord, trimTrailingPunctuation } from '../../text/shorten.ts';

/** What a link preview shows of a report: who reviewed it, the claim or article, the verdict, the speaker. */
export interface ReportCard {
  language: 'ar' | 'en';
  /** The desk's name and the kind of report, above the title. */
  kicker: string;
  title: string;
  /** The title's own direction (the article's language), which may differ from the card's. */
  titleDirection: 'rtl' | 'ltr';
  verdict: string;
  /** The verdict's colour ('#rrggbb', the desk's label's, dark enough under white text), or "progress" for an article. */
  tone: string;
  /** "Speaker: …", when the report has one. */
  byline?: string | undefined;
}

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

const MARGIN = 60;
const TEXT_WIDTH = CARD_WIDTH - 2 * MARGIN;
const TITLE_LINE = 66;
const TITLE_LINES = 4;
const BADGE_PADDING = 28;

const NEUTRAL_TONE = '#475467';

const require = createRequire(import.meta.url);
/** Noto Sans for Latin text and Noto Sans Arabic, shipped as TTF (which resvg reads; WOFF it does not). */
export const CARD_FONT_FILES = [
  '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf',
  '@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf',
].map((file) => require.resolve(file));

const FONT_OPTIONS = { loadSystemFonts: false, fontFiles: CARD_FONT_FILES, defaultFontFamily: 'Noto Sans' };

/** The card as a PNG of CARD_WIDTH × CARD_HEIGHT. */
export function renderReportCard(card: ReportCard): Buffer {
  const resvg = new Resvg(reportCardSvg(card), { fitTo: { mode: 'original' }, font: FONT_OPTIONS });
  return resvg.render().asPng();
}

/**
 * The width of a text as resvg shapes it with the card's fonts: joined Arabic and Latin letters differ
 * too much in width for a per-character estimate to size a box around them.
 */
export function measureTextWidth(svgText: string, attributes: string): number {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}"><text x="0" y="${CARD_HEIGHT / 2}" ${attributes}>${svgText}</text></svg>`;
  return Math.ceil(new Resvg(svg, { font: FONT_OPTIONS }).getBBox()?.width ?? 0);
}

/**
 * Right-to-left cards are anchored at the right margin and each line is a right-to-left isolate
 * (U+2067 … U+2069), so a line that starts with a Latin name or a number still reads from the right:
 * resvg takes no paragraph direction from the direction attribute, nor reliably from a lone RLM.
 */
export function reportCardSvg(card: ReportCard): string {
  const rtl = card.language === 'ar';
  // Fallback to the second family loses the bold weight: each text names its own script's font first.
  const fontFamily = (direction: 'rtl' | 'ltr') => (direction === 'rtl' ? 'Noto Sans Arabic, Noto Sans' : 'Noto Sans, Noto Sans Arabic');
  const family = fontFamily(rtl ? 'rtl' : 'ltr');
  const x = rtl ? CARD_WIDTH - MARGIN : MARGIN;
  const anchor = rtl ? 'end' : 'start';
  const isolate = (text: string, direction: 'rtl' | 'ltr') => escapeXml(direction === 'rtl' ? `\u2067${text}\u2069` : text);
  const line = (text: string) => isolate(text, rtl ? 'rtl' : 'ltr');
  const tone = /^#[0-9a-f]{6}$/.test(card.tone) ? card.tone : NEUTRAL_TONE;
  const titleAttributes = `font-size="50" font-family="${fontFamily(card.titleDirection)}" font-weight="700"`;
  const titleFits = (text: string) => measureTextWidth(isolate(text, card.titleDirection), titleAttributes) <= TEXT_WIDTH;
  const titleLines = wrapLines(card.title, titleFits, TITLE_LINES);
  const verdict = line(shortenAtWord(card.verdict, 40));
  const verdictAttributes = `font-size="34" font-weight="700" font-family="${family}"`;
  const badgeWidth = Math.min(TEXT_WIDTH, measureTextWidth(verdict, verdictAttributes) + 2 * BADGE_PADDING);
  const badgeX = rtl ? CARD_WIDTH - MARGIN - badgeWidth : MARGIN;
  const badgeTextX = rtl ? badgeX + badgeWidth - BADGE_PADDING : badgeX + BADGE_PADDING;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}">`,
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="#ffffff"/>`,
    `<rect width="${CARD_WIDTH}" height="14" fill="${tone}"/>`,
    `<g font-family="${family}" text-anchor="${anchor}">`,
    `<text x="${x}" y="84" font-size="26" fill="#475467">${line(shortenAtWord(card.kicker, 70))}</text>`,
    ...titleLines.map((text, index) => `<text x="${x}" y="${170 + index * TITLE_LINE}" ${titleAttributes} fill="#101828">${isolate(text, card.titleDirection)}</text>`),
    card.byline ? `<text x="${x}" y="470" font-size="30" fill="#344054">${line(shortenAtWord(card.byline, 60))}</text>` : '',
    `<rect x="${badgeX}" y="512" width="${badgeWidth}" height="66" rx="12" fill="${tone}"/>`,
    `<text x="${badgeTextX}" y="557" ${verdictAttributes} fill="#ffffff">${verdict}</text>`,
    '</g>',
    '</svg>',
  ].join('\n');
}

/**
 * Words into at most maxLines lines that each fit; what does not fit ends the last line with an
 * ellipsis, and a single word too long for a line is cut inside it.
 */
export function wrapLines(text: string, fits: (line: string) => boolean, maxLines: number): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const lines: string[] = [];
  let index = 0;
  while (index < words.length && lines.length < maxLines) {
    let current = words[index++]!;
    while (index < words.length && fits(`${current} ${words[index]}`)) current = `${current} ${words[index++]}`;
    lines.push(current);
  }
  return lines.map((line, position) => {
    const cutAfter = position === lines.length - 1 && index < words.length;
    return cutAfter || !fits(line) ? withEllipsis(line, fits) : line;
  });
}

/** The longest head of a line (whole words when one fits, else characters) that fits with an ellipsis. */
function withEllipsis(line: string, fits: (line: string) => boolean): string {
  const words = line.split(' ');
  while (words.length > 1 && !fits(`${trimTrailingPunctuation(words.join(' '))}…`)) words.pop();
  const chars = Array.from(trimTrailingPunctuation(words.join(' ')));
  while (chars.length > 1 && !fits(`${chars.join('')}…`)) chars.pop();
  return `${chars.join('')}…`;
}

/** Text as XML character data; characters XML 1.0 cannot carry at all are dropped. */
function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
