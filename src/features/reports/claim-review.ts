import { NoVerdictError } from '../../errors.ts';
import { STATUS_INFO, isClaimStatus } from '../claims/claim-status.ts';
import { reportText, isoDate, type ReportLanguage } from './report-labels.ts';
import type { ArticleReport, ClaimReport, ReportClaim, ReportHop } from './reports.service.ts';

/** schema.org ClaimReview, as Google's fact-check documentation describes it. */
export interface ClaimReviewJsonLd {
  '@context': 'https://schema.org';
  '@type': 'ClaimReview';
  url: string;
  claimReviewed: string;
  datePublished: string;
  inLanguage: ReportLanguage;
  author: { '@type': 'Organization'; name: string; url?: string };
  reviewRating: { '@type': 'Rating'; ratingValue: number; bestRating: number; worstRating: number; alternateName: string };
  itemReviewed: {
    '@type': 'Claim';
    author?: { '@type': 'Person' | 'Organization'; name: string; jobTitle?: string };
    datePublished?: string;
    appearance: CreativeWork[];
    firstAppearance: CreativeWork;
  };
}

interface CreativeWork {
  '@type': 'CreativeWork';
  name: string;
  url?: string;
  datePublished?: string;
  publisher?: { '@type': 'Organization'; name: string };
}

export interface ClaimReviewOptions {
  language: ReportLanguage;
  /** Absolute URL of the page that publishes the review. */
  url: string;
  organizationName: string;
  /** Absolute URL of the organisation's site, when known. */
  organizationUrl?: string | undefined;
}

export const BEST_RATING = 5;
export const WORST_RATING = 1;

/** Whether a claim's verification status is a rated verdict, which a ClaimReview needs. */
export function hasRatedVerdict(claim: Pick<ReportClaim, 'status'>): boolean {
  return isClaimStatus(claim.status) && STATUS_INFO[claim.status].rating !== null;
}

/**
 * The ClaimReview of one claim of a report. Refused (NoVerdictError) while the claim has no rated
 * verdict: Google requires a rating, and publishing "unverified" as a review would mislead.
 * Everything comes from the public report: no private note, user name or id can reach it.
 */
export function buildClaimReview(report: Pick<ClaimReport, 'article' | 'audience'>, claim: ReportClaim, options: ClaimReviewOptions): ClaimReviewJsonLd {
  if (report.audience !== 'public') throw new Error('ClaimReview is built from the public report only');
  const rating = isClaimStatus(claim.status) ? STATUS_INFO[claim.status].rating : null;
  if (rating === null) {
    throw new NoVerdictError('This claim has no rated verdict yet (accurate, mostly accurate, misleading or false), so it cannot be published as a ClaimReview.');
  }
  const text = reportText(options.language);
  const article = report.article;
  const appearances = claim.hops.length > 0 ? [...claim.hops].sort((a, b) => a.position - b.position).map((hop) => hopWork(hop, text.role(hop.role))) : [articleWork(article)];
  const speaker = claim.speaker;
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: options.url,
    claimReviewed: claim.text,
    datePublished: isoDate(claim.statusChangedAt) || isoDate(new Date().toISOString()),
    inLanguage: options.language,
    author: { '@type': 'Organization', name: options.organizationName, ...(options.organizationUrl ? { url: options.organizationUrl } : {}) },
    reviewRating: {
      '@type': 'Rating',
      ratingValue: rating,
      bestRating: BEST_RATING,
      worstRating: WORST_RATING,
      alternateName: text.status(claim.status),
    },
    itemReviewed: {
      '@type': 'Claim',
      ...(speaker
        ? {
            author: {
              '@type': speaker.kind === 'organization' ? 'Organization' : 'Person',
              name: speaker.name,
              ...(speaker.role && speaker.kind !== 'organization' ? { jobTitle: speaker.role } : {}),
            },
          }
        : {}),
      ...(article.published_at ? { datePublished: isoDate(article.published_at) } : {}),
      appearance: appearances,
      firstAppearance: appearances[0]!,
    },
  };
}

/** Every rated claim of an article report, each with its own anchor on the page. */
export function buildArticleClaimReviews(report: ArticleReport, options: ClaimReviewOptions): ClaimReviewJsonLd[] {
  return report.claims.filter(hasRatedVerdict).map((claim) => buildClaimReview(report, claim, { ...options, url: `${options.url}#claim-${claim.id}` }));
}

function hopWork(hop: ReportHop, roleLabel: string): CreativeWork {
  // Where the claim was seen at this outlet: the hop's own link, else the evidence that confirmed it.
  const url = hop.url ?? (hop.status === 'confirmed' ? hop.evidenceUrl : null);
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
