import type { Db } from '../../db/connect.ts';
import { NotFoundError } from '../../errors.ts';
import { findArticleById, listNoiseSpans, type ArticleWithPublisher } from '../articles/articles.repository.ts';
import type { RatingScale } from '../../domain/rating-scale.ts';
import { loadRatingScale } from '../ratings/ratings.service.ts';
import { countsInScale } from '../claims/claims.service.ts';
import type { ClaimFilters, ClaimSort } from '../claims/claims.repository.ts';
import { eachClaimBatch, eachClaimExportBatch, getClaim, type ClaimExportView, type ClaimView } from '../claims/claims.service.ts';
import { noteHtml } from '../notes/note-body.ts';
import { listNotesForClaims } from '../notes/notes.repository.ts';
import { ATTRIBUTION_STATUSES, type AttributionStatus } from '../../domain/attribution-status.ts';
import { findEmailAddresses, redactEmailAddresses, redactEmailAddressesInHtml, redactSlice, containsEmailAddress, type TextRange } from '../../text/redact.ts';
import { listClaimPublications, listReportEvents, listSpeakersByIds, type ReportEventRow, type ReportSpeakerRow } from './reports.repository.ts';
import { listOtherAppearancesEarliestFirst } from '../clusters/cluster-desk.service.ts';

/**
 * Who reads a report. The desk (signed-in users) sees private notes, tagged, and who did what; the
 * public (shared links and every export) sees neither private notes, nor user names or ids, nor the
 * e-mail addresses a note may mention.
 */
export type ReportAudience = 'desk' | 'public';

export interface ReportSpeaker {
  name: string;
  /** person, organization or unnamed. */
  kind: string;
  role: string | null;
  unnamed: boolean;
  /** For links inside the desk only. */
  id: string;
}

export interface ReportHop {
  id: string;
  position: number;
  outletId: string;
  outletName: string;
  role: string;
  url: string | null;
  status: string;
  evidenceUrl: string | null;
}

export interface ReportNote {
  id: string;
  /** Markdown as written; desk only (public outputs work from the redacted html). */
  body: string | null;
  /** Rendered with marked and sanitised (public: e-mail addresses removed). */
  html: string;
  createdAt: string;
  /** Desk only. */
  author: string | null;
  private: boolean;
}

export interface ReportEvent {
  at: string;
  field: 'status' | 'attribution_status' | 'hop';
  to: string;
  /** For status changes: the label's names when the change was made (the desk may have renamed it since). */
  toLabel?: { en: string; ar: string } | undefined;
  /** For hop checks: the outlet and its role in the chain. */
  hop?: { outletName: string; role: string } | undefined;
  /** Desk only: who made the change, and the note they left with it. */
  actor: string | null;
  note: string | null;
}

/** The claim's paragraph, cut around the claim when it is long. */
export interface ClaimContext {
  before: string;
  exact: string;
  after: string;
  clippedBefore: boolean;
  clippedAfter: boolean;
}

export interface ReportClaim {
  id: string;
  text: string;
  kind: string;
  cue: string;
  checkworthiness: number;
  startOffset: number;
  endOffset: number;
  createdAt: string;
  status: string;
  statusChangedAt: string | null;
  attributionStatus: string;
  /** The editor's short wording for ClaimReview; null: derived from the text. */
  summary: string | null;
  /** When the fact-check was published at /fact-checks/:id; null while unpublished. */
  publishedAt: string | null;
  speaker: ReportSpeaker | null;
  hops: ReportHop[];
  context: ClaimContext;
  notes: ReportNote[];
  /** Oldest first, at most MAX_HISTORY_EVENTS of the latest. */
  history: ReportEvent[];
  /** The same claim in other articles (the other members of its cluster), earliest first, at most MAX_REPORT_APPEARANCES. */
  elsewhere?: ReportAppearance[];
}

/** Another article that carries the same claim. */
export interface ReportAppearance {
  articleTitle: string;
  /** The article's own address (http or https), never the desk's. */
  url: string | null;
  publishedAt: string | null;
  ingestedAt: string;
  publisherName: string | null;
}

export interface ClaimReport {
  kind: 'claim';
  audience: ReportAudience;
  /** The desk's rating scale, read with the report: its labels' names, colours and ClaimReview ratings. */
  scale: RatingScale;
  article: ArticleWithPublisher;
  claim: ReportClaim;
}

export interface ArticleReport {
  kind: 'article';
  audience: ReportAudience;
  scale: RatingScale;
  article: ArticleWithPublisher;
  claims: ReportClaim[];
  statusCounts: Array<{ status: string; count: number }>;
  attributionCounts: Array<{ status: AttributionStatus; count: number }>;
  progress: { total: number; reviewed: number; percent: number };
}

export type Report = ClaimReport | ArticleReport;

export const MAX_HISTORY_EVENTS = 20;
/** Characters of the paragraph kept on each side of the claim. */
const CONTEXT_CHARS = 320;

export async function getClaimReport(db: Db, claimId: string, audience: ReportAudience): Promise<ClaimReport> {
  const claim = await getClaim(db, claimId);
  const article = await findArticleById(db, claim.article_id);
  if (!article) throw new NotFoundError('Article', claim.article_id);
  const [reportClaim] = await buildReportClaims(db, article, [claim], audience);
  return { kind: 'claim', audience, scale: await loadRatingScale(db), article: reportArticle(article, audience), claim: reportClaim! };
}

export async function getArticleReport(db: Db, articleId: string, audience: ReportAudience): Promise<ArticleReport> {
  const article = await findArticleById(db, articleId);
  if (!article) throw new NotFoundError('Article', articleId);
  const claims: ReportClaim[] = [];
  for await (const batch of eachClaimBatch(db, { articleId })) claims.push(...(await buildReportClaims(db, article, batch, audience)));
  const scale = await loadRatingScale(db);
  const byStatus = new Map<string, number>();
  for (const claim of claims) byStatus.set(claim.status, (byStatus.get(claim.status) ?? 0) + 1);
  const statusCounts = countsInScale(scale, byStatus);
  const attributionCounts = ATTRIBUTION_STATUSES.map((status) => ({ status, count: claims.filter((claim) => claim.attributionStatus === status).length }));
  const reviewed = claims.filter((claim) => scale.isFinal(claim.status)).length;
  return {
    kind: 'article',
    audience,
    scale,
    article: reportArticle(article, audience),
    claims,
    statusCounts,
    attributionCounts,
    progress: { total: claims.length, reviewed, percent: claims.length === 0 ? 0 : Math.round((reviewed / claims.length) * 100) },
  };
}

/** Every claim the filters match, as CSV text a batch at a time (see eachClaimBatch). */
export async function* eachClaimCsvChunk(db: Db, filters: ClaimFilters, sort: ClaimSort, row: (claim: ClaimExportView) => string): AsyncGenerator<string> {
  for await (const batch of eachClaimExportBatch(db, filters, sort)) yield batch.map(row).join('');
}

async function buildReportClaims(db: Db, article: ArticleWithPublisher, claims: ClaimView[], audience: ReportAudience): Promise<ReportClaim[]> {
  const ids = claims.map((claim) => claim.id);
  const speakerIds = [...new Set(claims.flatMap((claim) => (claim.speaker_id ? [claim.speaker_id] : [])))];
  const [speakers, notes, events, noise, publications, elsewhere] = await Promise.all([
    listSpeakersByIds(db, speakerIds),
    listNotesForClaims(db, ids, { includePrivate: audience === 'desk' }),
    listReportEvents(db, ids),
    listNoiseSpans(db, article.id),
    listClaimPublications(db, ids),
    listOtherAppearancesEarliestFirst(db, ids),
  ]);
  const publicationById = new Map(publications.map((row) => [row.id, row]));
  const noiseSpans = noise.map((span) => ({ start: span.start_offset, end: span.end_offset }));
  const speakerById = new Map(speakers.map((speaker) => [speaker.id, speaker]));
  const addresses = audience === 'public' ? findEmailAddresses(article.body) : [];
  return claims.map((claim) => {
    const hops: ReportHop[] = claim.hops.map((hop) => ({
      id: hop.id,
      position: hop.position,
      outletId: hop.outlet_id,
      outletName: hop.outlet_name,
      role: hop.role,
      url: webAddress(hop.url),
      status: hop.status,
      evidenceUrl: hop.evidence_url,
    }));
    const reportClaim: ReportClaim = {
      id: claim.id,
      text: claim.text,
      kind: claim.kind,
      cue: claim.cue,
      checkworthiness: claim.checkworthiness,
      startOffset: claim.start_offset,
      endOffset: claim.end_offset,
      createdAt: article.ingested_at,
      status: claim.status,
      statusChangedAt: claim.status_changed_at,
      attributionStatus: claim.attribution_status,
      summary: publicationById.get(claim.id)?.summary ?? null,
      publishedAt: publicationById.get(claim.id)?.published_at ?? null,
      speaker: claim.speaker_id ? reportSpeaker(speakerById.get(claim.speaker_id), claim) : null,
      hops,
      context: claimContext(article.body, claim.start_offset, claim.end_offset, noiseSpans, addresses),
      notes: notes.filter((note) => note.claim_id === claim.id).map((note) => reportNote(note, audience)),
      history: reportHistory(events.filter((event) => event.claim_id === claim.id), hops, audience),
      elsewhere: (elsewhere.get(claim.id) ?? []).map((row) => ({ articleTitle: row.article_title, url: webAddress(row.source_url), publishedAt: row.published_at, ingestedAt: row.ingested_at, publisherName: row.publisher_name })),
    };
    return audience === 'public' ? withoutEmailAddresses(reportClaim) : reportClaim;
  });
}

function reportSpeaker(row: ReportSpeakerRow | undefined, claim: ClaimView): ReportSpeaker {
  return {
    id: claim.speaker_id!,
    name: row?.name ?? claim.speaker_name ?? '',
    kind: row?.kind ?? 'person',
    role: row?.role ?? null,
    unnamed: Boolean(row?.unnamed ?? claim.speaker_unnamed),
  };
}

function reportNote(note: { id: string; body: string; body_html: string | null; created_at: string; author: string; private: number }, audience: ReportAudience): ReportNote {
  const html = noteHtml(note);
  return {
    id: note.id,
    body: audience === 'desk' ? note.body : null,
    html: audience === 'public' ? redactEmailAddressesInHtml(html) : html,
    createdAt: note.created_at,
    author: audience === 'desk' ? note.author : null,
    private: note.private === 1,
  };
}

function reportHistory(rows: ReportEventRow[], hops: ReportHop[], audience: ReportAudience): ReportEvent[] {
  const hopById = new Map(hops.map((hop) => [hop.id, hop]));
  const events: ReportEvent[] = [];
  for (const row of rows) {
    if ((row.field !== 'status' && row.field !== 'attribution_status' && row.field !== 'hop') || !row.to_value) continue;
    const hop = row.hop_id ? hopById.get(row.hop_id) : undefined;
    if (row.field === 'hop' && !hop) continue;
    events.push({
      at: row.created_at,
      field: row.field,
      to: row.to_value,
      toLabel: row.field === 'status' && row.to_label_en !== null && row.to_label_ar !== null ? { en: row.to_label_en, ar: row.to_label_ar } : undefined,
      hop: hop ? { outletName: hop.outletName, role: hop.role } : undefined,
      actor: audience === 'desk' ? row.actor : null,
      // A hop's note is its evidence link, shown with the chain; a verdict's note is the desk's own working.
      note: audience === 'desk' && row.field !== 'hop' ? row.note : null,
    });
  }
  return events.slice(-MAX_HISTORY_EVENTS);
}

/**
 * An outlet address as extraction found it, made absolute: "t.me/channel" becomes https://t.me/channel;
 * anything that is not a web address is dropped, so reports and ClaimReview only ever link to http(s).
 */
export function webAddress(url: string | null): string | null {
  const trimmed = url?.trim() ?? '';
  if (trimmed === '' || /\s/.test(trimmed)) return null;
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed.replace(/^\/+/, '')}`;
  try {
    const parsed = new URL(absolute);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname.includes('.') ? absolute : null;
  } catch {
    return null;
  }
}

/** Shared pages and exports never carry e-mail addresses, whoever they belong to (see src/text/redact.ts). */
export { redactEmailAddresses };

/**
 * The article as the public reads it: title and publisher without e-mail addresses. Its body stays as
 * stored, since claim offsets count in it: whatever shows the body redacts it (redactEmailAddresses).
 */
function reportArticle(article: ArticleWithPublisher, audience: ReportAudience): ArticleWithPublisher {
  if (audience === 'desk') return article;
  return { ...article, title: redactEmailAddresses(article.title), publisher_name: article.publisher_name === null ? null : redactEmailAddresses(article.publisher_name) };
}

/** A claim as the public reads it: every text a reader sees without e-mail addresses (its context is redacted as it is cut). */
function withoutEmailAddresses(claim: ReportClaim): ReportClaim {
  const redactLink = (url: string | null) => (url !== null && containsEmailAddress(url) ? null : url);
  return {
    ...claim,
    text: redactEmailAddresses(claim.text),
    cue: redactEmailAddresses(claim.cue),
    summary: claim.summary === null ? null : redactEmailAddresses(claim.summary),
    speaker: claim.speaker && { ...claim.speaker, name: redactEmailAddresses(claim.speaker.name), role: claim.speaker.role === null ? null : redactEmailAddresses(claim.speaker.role) },
    hops: claim.hops.map((hop) => ({ ...hop, outletName: redactEmailAddresses(hop.outletName), url: redactLink(hop.url), evidenceUrl: redactLink(hop.evidenceUrl) })),
    history: claim.history.map((event) => (event.hop ? { ...event, hop: { ...event.hop, outletName: redactEmailAddresses(event.hop.outletName) } } : event)),
  };
}

/**
 * The claim with the rest of its paragraph, at most CONTEXT_CHARS on each side, cut at a space, and
 * without the scraped noise (headlines, captions, links) next to it.
 */
export function claimContext(body: string, start: number, end: number, noise: ReadonlyArray<{ start: number; end: number }> = [], addresses: readonly TextRange[] = []): ClaimContext {
  const paragraphStart = body.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
  const newline = body.indexOf('\n', end);
  const paragraphEnd = newline === -1 ? body.length : newline;
  let from = Math.min(paragraphStart, start);
  let to = Math.max(paragraphEnd, end);
  for (const span of noise) {
    if (span.end <= start && span.end > from) from = span.end;
    if (span.start >= end && span.start < to) to = span.start;
  }
  while (from < start && /\s/.test(body[from]!)) from += 1;
  while (to > end && /\s/.test(body[to - 1]!)) to -= 1;
  const clippedBefore = start - from > CONTEXT_CHARS;
  const clippedAfter = to - end > CONTEXT_CHARS;
  if (clippedBefore) {
    from = start - CONTEXT_CHARS;
    const space = body.indexOf(' ', from);
    if (space !== -1 && space < start) from = space + 1;
  }
  if (clippedAfter) {
    to = end + CONTEXT_CHARS;
    const space = body.lastIndexOf(' ', to);
    if (space > end) to = space;
  }
  const cut = (a: number, b: number) => redactSlice(body, addresses, a, b);
  return { before: cut(from, start), exact: cut(start, end), after: cut(end, to), clippedBefore, clippedAfter };
}
