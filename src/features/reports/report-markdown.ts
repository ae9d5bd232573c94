import TurndownService from 'turndown';
import { gfm } from 'turndown-plugin-gfm';
import { isoDate, reportText, type ReportLanguage, type ReportText } from './report-labels.ts';
import type { ArticleReport, ClaimReport, Report, ReportClaim } from './reports.service.ts';

export interface MarkdownOptions {
  language: ReportLanguage;
  organizationName: string;
  /** When the report was prepared (ISO). */
  preparedAt: string;
}

/**
 * A claim or article report as Markdown. Built from the public report only, so it carries no private
 * note, user name or id, and no e-mail address. Every text from the article or the desk is escaped, so
 * that a claim cannot turn into a heading, a list or a link; notes are quoted, told again in Markdown from
 * their public HTML (sanitised, e-mail addresses removed), their headings below the report's own.
 */
export function reportMarkdown(report: Report, options: MarkdownOptions): string {
  if (report.audience !== 'public') throw new Error('Markdown exports are built from the public report only');
  const text = reportText(options.language, report.scale);
  const lines = report.kind === 'claim' ? claimReportLines(report, text) : articleReportLines(report, text);
  lines.push('---', '', `${text.t.factCheckBy} ${inline(options.organizationName)} · ${text.t.generatedOn} ${date(options.preparedAt, text)}`, '');
  return lines.join('\n');
}

function claimReportLines(report: ClaimReport, text: ReportText): string[] {
  return [`# ${text.t.claimReport}`, '', ...claimLines(report.article, report.claim, text, 2)];
}

function articleReportLines(report: ArticleReport, text: ReportText): string[] {
  const { t } = text;
  const lines = [`# ${t.articleReport}: ${inline(report.article.title)}`, '', ...articleFacts(report.article, text), ''];
  lines.push(`## ${t.summary}`, '');
  lines.push(`**${t.progress}:** ${report.progress.reviewed} ${t.of} ${report.progress.total} ${t.reviewed} (${report.progress.percent}%)`, '');
  lines.push(`| ${t.verification} | ${t.claims} |`, '|---|---:|');
  for (const { status, count } of report.statusCounts) if (count > 0) lines.push(`| ${inline(text.status(status))} | ${count} |`);
  lines.push('', `| ${t.attribution} | ${t.claims} |`, '|---|---:|');
  for (const { status, count } of report.attributionCounts) if (count > 0) lines.push(`| ${text.attribution(status)} | ${count} |`);
  lines.push('');
  if (report.claims.length === 0) lines.push(t.noClaims, '');
  report.claims.forEach((claim, index) => {
    lines.push(`## ${index + 1}. ${inline(claim.text)}`, '', ...claimLines(report.article, claim, text, 3, false));
  });
  return lines;
}

function articleFacts(article: Report['article'], text: ReportText): string[] {
  const { t } = text;
  const title = link(inline(article.title), article.source_url);
  const publisher = `${t.publishedBy} ${article.publisher_name ? inline(article.publisher_name) : t.unknownOutlet}`;
  const published = article.published_at ? `, ${t.publishedOn} ${date(article.published_at, text)}` : '';
  return [`- **${t.article}:** ${title} — ${publisher}${published}`];
}

function claimLines(article: Report['article'], claim: ReportClaim, text: ReportText, level: number, withArticle = true): string[] {
  const { t } = text;
  const heading = '#'.repeat(level);
  const lines: string[] = [];
  if (withArticle) lines.push(`> ${inline(claim.text)}`, '');
  const speaker = claim.speaker
    ? `${inline(claim.speaker.name)}${claim.speaker.role ? ` (${inline(claim.speaker.role)})` : claim.speaker.unnamed ? ` (${t.unnamedSpeaker})` : ''}`
    : t.unknownSpeaker;
  lines.push(`- **${t.speaker}:** ${speaker}`);
  if (withArticle) lines.push(...articleFacts(article, text));
  lines.push(`- **${t.verification}:** ${inline(text.status(claim.status))}${ratingSuffix(claim, text)}`);
  lines.push(`- **${t.attribution}:** ${text.attribution(claim.attributionStatus)}`, '');

  lines.push(`${heading} ${t.inContext}`, '');
  const { before, exact, after, clippedBefore, clippedAfter } = claim.context;
  lines.push(`> ${clippedBefore ? '… ' : ''}${inline(before)}**${inline(exact)}**${inline(after)}${clippedAfter ? ' …' : ''}`, '');

  lines.push(`${heading} ${t.chain}`, '');
  if (claim.hops.length === 0) lines.push(t.noChain);
  claim.hops.forEach((hop, index) => {
    const parts = [`**${inline(hop.outletName)}**`, text.role(hop.role), text.hopStatus(hop.status)];
    if (hop.url) parts.push(link(t.link, hop.url));
    if (hop.evidenceUrl) parts.push(link(t.evidence, hop.evidenceUrl));
    lines.push(`${index + 1}. ${parts.join(' — ')}`);
  });
  lines.push('');

  lines.push(`${heading} ${t.notes}`, '');
  if (claim.notes.length === 0) lines.push(t.noNotes, '');
  for (const note of claim.notes) {
    lines.push(`${heading}# ${t.deskNote} · ${date(note.createdAt, text)}`, '');
    lines.push(...quoteNote(note.html, level + 2), '');
  }

  lines.push(`${heading} ${t.history}`, '');
  if (claim.history.length === 0) lines.push(t.noHistory);
  for (const event of claim.history) lines.push(`- ${date(event.at, text)}: ${eventText(event, text)}`);
  lines.push('');
  return lines;
}

/**
 * YYYY-MM-DD; in a right-to-left report isolated as left to right (U+2066…U+2069), or the bidi
 * algorithm would show it as DD-MM-YYYY after Arabic words.
 */
function date(iso: string, text: ReportText): string {
  const day = isoDate(iso);
  return text.dir === 'rtl' ? `\u2066${day}\u2069` : day;
}

function ratingSuffix(claim: ReportClaim, text: ReportText): string {
  const rating = text.rating(claim.status);
  return rating === null ? '' : ` (${text.t.rating} ${rating} ${text.t.ratingOutOf})`;
}

function eventText(event: ReportClaim['history'][number], text: ReportText): string {
  const { t } = text;
  if (event.field === 'status') return `${t.statusChangedTo} «${inline(event.toLabel?.[text.lang] ?? text.status(event.to))}»`;
  if (event.field === 'attribution_status') return `${t.attributionChangedTo} «${text.attribution(event.to)}»`;
  return `${t.hopChecked} ${inline(event.hop?.outletName ?? '')} (${text.role(event.hop?.role ?? '')}): ${text.hopStatus(event.to)}`;
}

const noteConverters = new Map<number, TurndownService>();

/**
 * HTML to Markdown for notes whose headings start at minHeading. Text is escaped as turndown does, plus
 * '<' and entity-like '&', so that nothing in a note's text becomes HTML again; code keeps its characters.
 */
function noteConverter(minHeading: number): TurndownService {
  let converter = noteConverters.get(minHeading);
  if (converter) return converter;
  converter = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', emDelimiter: '*', strongDelimiter: '**', hr: '---' });
  converter.use(gfm);
  const escapeText = converter.escape.bind(converter);
  converter.escape = (text) => escapeText(text).replace(/</g, '\\<').replace(/&(?=#?\w+;)/g, '\\&');
  converter.addRule('demotedHeading', {
    filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
    replacement: (content, node) => `\n\n${'#'.repeat(Math.min(6, Math.max(minHeading, Number(node.nodeName.charAt(1)))))} ${content.replace(/\s+/g, ' ').trim()}\n\n`,
  });
  noteConverters.set(minHeading, converter);
  return converter;
}

/** A note inside a blockquote, in Markdown told from its sanitised HTML; its headings no higher than minHeading. */
function quoteNote(html: string, minHeading: number): string[] {
  return noteConverter(Math.min(6, minHeading))
    .turndown(html)
    .split(/\r?\n/)
    .map((line) => (line ? `> ${line}` : '>'));
}

/**
 * Text from the article or the desk, on one line, with what Markdown would act on escaped: emphasis,
 * code, links, autolinks (GFM links a bare http://, www. or address) and HTML anywhere, and block syntax
 * (heading, list, quote) at the start. Escapes are backslashes, which every renderer reads as the
 * character itself.
 */
export function inline(value: string): string {
  return value
    .replace(/\s+/g, ' ')
    .replace(/[\\`*_[\]|~<@]/g, '\\$&')
    .replace(/&(?=#?\w+;)/g, '\\&')
    .replace(/\b(https?|ftp)(?=:\/\/)/gi, '$1\\')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/^( ?)([#>+-])/, '$1\\$2')
    .replace(/^( ?\d+)([.)])/, '$1\\$2');
}

/** A link only for http(s) addresses; anything else stays plain text. */
function link(label: string, url: string | null): string {
  if (!url || !/^https?:\/\//i.test(url)) return label;
  return `[${label}](<${url.replace(/[<>\s]/g, (char) => encodeURIComponent(char))}>)`;
}
