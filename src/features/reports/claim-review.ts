import { NoVerdictError } from '../../errors.ts';
import { BEST_RATING, WORST_RATING, type RatingScale } from '../../domain/rating-scale.ts';
import { defaultClaimSummary } from './claim-summary.ts';
import { reportText, isoDate, type ReportLanguage } from './report-labels.ts';
import type { ArticleReport, ClaimReport, ReportAppearance, ReportClaim, ReportHop } from './reports.service.ts';

/** schema.org ClaimReview, as Google's fact-check documentation describes it. */
export interface ClaimReviewJsonLd {
  '@context': 'https://schema.org';
  '@type': 'ClaimReview';
  url: string;
  claimReviewed: string;
  datePublished: string;
  inLanguage: ReportLanguage;
  author: { '@type': 'Organization'; name: string; url?: string };
  /** A rated label without a rating value is published with its wording only. */
  reviewRating: { '@type': 'Rating'; ratingValue?: number; bestRating?: number; worstRating?: number; alternateName: string };
  itemReviewed: {
    '@type': 'Claim';
    author?: ClaimAuthor;
    datePublished?: string;
    /** Where else the claim was seen, after its first appearance; absent when nowhere else. */
    appearance?: CreativeWork[];
    firstAppearance: CreativeWork;
  };
}

/** A named speaker, or an unnamed one described rather than named ("government source" is nobody's name). */
type ClaimAuthor =
  | { '@type': 'Person' | 'Organization'; name: string; jobTitle?: string }
  | { '@type': 'Person'; description: string };

interface CreativeWork {
  '@type': 'CreativeWork';
  name: string;
  url?: string;
  datePublished?: string;
  publisher?: { '@type': 'Organization'; name: string };
}

export interface ClaimReviewOptions {
  language: ReportLanguage;
  /** Absolute URL of the public page that publishes the review and embeds this markup. */
  url: string;
  organizationName: string;
  /** Absolute URL of the organisation's site. */
  organizationUrl: string;
}

export { BEST_RATING, WORST_RATING };

/** Whether a claim's verification status is a rated verdict of the desk's scale, which a ClaimReview needs. */
export function hasRatedVerdict(scale: RatingScale, claim: Pick<ReportClaim, 'status'>): boolean {
  return scale.isRated(claim.status);
}

/**
 * The ClaimReview of one claim of a report. Refused (NoVerdictError) while the claim has no rated
 * verdict: Google requires a rating, and publishing "unverified" as a review would mislead.
 * Everything comes from the public report: no private note, user name or id can reach it.
 */
export function buildClaimReview(report: Pick<ClaimReport, 'article' | 'audience' | 'scale'>, claim: ReportClaim, options: ClaimReviewOptions): ClaimReviewJsonLd {
  if (report.audience !== 'public') throw new Error('ClaimReview is built from the public report only');
  const { scale } = report;
  if (!hasRatedVerdict(scale, claim)) {
    const verdicts = scale.offered.filter((label) => label.rated).map((label) => label.name.en.toLowerCase());
    throw new NoVerdictError(`This claim has no rated verdict yet (${verdicts.join(', ')}), so it cannot be published as a ClaimReview.`);
  }
  const rating = scale.ratingValue(claim.status);
  const text = reportText(options.language, scale);
  const article = report.article;
  const [firstAppearance, ...otherAppearances] = withClusterAppearances(claimAppearances(article, claim, text.role), article, claim.elsewhere ?? []);
  const author = claimAuthor(claim.speaker, text.t.unnamedSpeaker);
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: options.url,
    claimReviewed: claim.summary ?? defaultClaimSummary(claim.text, claim.cue),
    datePublished: isoDate(claim.statusChangedAt) || isoDate(new Date().toISOString()),
    inLanguage: options.language,
    author: { '@type': 'Organization', name: options.organizationName, url: options.organizationUrl },
    reviewRating: {
      '@type': 'Rating',
      ...(rating === null ? {} : { ratingValue: rating, bestRating: BEST_RATING, worstRating: WORST_RATING }),
      alternateName: scale.alternateName(claim.status, options.language),
    },
    itemReviewed: {
      '@type': 'Claim',
      ...(author ? { author } : {}),
      ...(article.published_at ? { datePublished: isoDate(article.published_at) } : {}),
      ...(otherAppearances.length > 0 ? { appearance: otherAppearances } : {}),
      firstAppearance: firstAppearance!,
    },
  };
}

function claimAuthor(speaker: ReportClaim['speaker'], unnamedLabel: string): ClaimAuthor | undefined {
  if (!speaker || speaker.name.trim() === '') return undefined;
  if (speaker.kind === 'organization') return { '@type': 'Organization', name: speaker.name };
  if (speaker.unnamed || speaker.kind === 'unnamed') return { '@type': 'Person', description: `${unnamedLabel} (${speaker.name})` };
  return { '@type': 'Person', name: speaker.name, ...(speaker.role ? { jobTitle: speaker.role } : {}) };
}

/**
 * The outlets of the chain in order, the first being the claim's first appearance; the article itself
 * when no outlet was recorded. An outlet with no address of its own points at the article the desk
 * read it in (its source URL), never at the desk; with no source URL either, it has no url.
 */
function claimAppearances(article: ClaimReport['article'], claim: ReportClaim, roleLabel: (role: string) => string): CreativeWork[] {
  if (claim.hops.length === 0) return [articleWork(article)];
  return [...claim.hops].sort((a, b) => a.position - b.position).map((hop) => hopWork(hop, roleLabel(hop.role), article.source_url));
}

/** Every rated claim of an article report, each with its own anchor on the page. */
export function buildArticleClaimReviews(report: ArticleReport, options: ClaimReviewOptions): ClaimReviewJsonLd[] {
  return report.claims.filter((claim) => hasRatedVerdict(report.scale, claim)).map((claim) => buildClaimReview(report, claim, { ...options, url: `${options.url}#claim-${claim.id}` }));
}

function hopWork(hop: ReportHop, roleLabel: string, articleUrl: string | null): CreativeWork {
  // Where the claim was seen at this outlet: the hop's own link, else the evidence that confirmed it.
  const url = hop.url ?? (hop.status === 'confirmed' ? hop.evidenceUrl : null) ?? articleUrl;
  return {
    '@type': 'CreativeWork',
    name: `${hop.outletName} (${roleLabel})`,
    ...(url ? { url } : {}),
    publisher: { '@type': 'Organization', name: hop.outletName },
  };
}

function articleWork(article: ClaimReport['article']): CreativeWork {
  return {
    '@type': 'CreativeWork',
    name: article.title,
    ...(article.source_url ? { url: article.source_url } : {}),
    ...(article.published_at ? { datePublished: isoDate(article.published_at) } : {}),
    ...(article.publisher_name ? { publisher: { '@type': 'Organization', name: article.publisher_name } } : {}),
  };
}

/**
 * The claim's appearances with those of the same claim in other articles (its cluster), earliest first: the
 * other articles published (else ingested) before this one come before its chain, later ones after it. The
 * earliest is the claim's firstAppearance.
 */
function withClusterAppearances(chain: CreativeWork[], article: ClaimReport['article'], elsewhere: readonly ReportAppearance[]): CreativeWork[] {
  const dateOf = (published: string | null, ingested: string) => published ?? ingested;
  const here = dateOf(article.published_at, article.ingested_at);
  const sorted = [...elsewhere].sort((a, b) => dateOf(a.publishedAt, a.ingestedAt).localeCompare(dateOf(b.publishedAt, b.ingestedAt)) || a.articleTitle.localeCompare(b.articleTitle));
  const before = sorted.filter((other) => dateOf(other.publishedAt, other.ingestedAt) < here);
  const after = sorted.filter((other) => dateOf(other.publishedAt, other.ingestedAt) >= here);
  return [...before.map(appearanceWork), ...chain, ...after.map(appearanceWork)];
}

function appearanceWork(other: ReportAppearance): CreativeWork {
  return {
    '@type': 'CreativeWork',
    name: other.articleTitle,
    ...(other.url ? { url: other.url } : {}),
    ...(other.publishedAt ? { datePublished: isoDate(other.publishedAt) } : {}),
    ...(other.publisherName ? { publisher: { '@type': 'Organization', name: other.publisherName } } : {}),
  };
}

/**
 * JSON for a <script type="application/ld+json"> element: `<` (and `>`, `&`, U+2028/9) escaped as
 * \uXXXX, so no text in it can close the element or open a comment.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
