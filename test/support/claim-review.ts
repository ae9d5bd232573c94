/**
 * The ClaimReview fields Google's fact-check documentation asks for
 * (https://developers.google.com/search/docs/appearance/structured-data/factcheck):
 * required claimReviewed (shown in full up to 75 characters), reviewRating (with alternateName, and a numeric ratingValue between
 * worstRating and bestRating), url and author (with a name); recommended datePublished and itemReviewed,
 * a Claim whose author, when given, is a Person or Organization with a name or a description, and whose
 * firstAppearance and other appearances (not repeating it) are CreativeWorks with a url or a name.
 * Returns what is wrong, nothing when the review is valid.
 */
export function claimReviewProblems(value: unknown): string[] {
  const problems: string[] = [];
  const review = record(value);
  if (!review) return ['not an object'];
  if (review['@context'] !== 'https://schema.org') problems.push('@context must be https://schema.org');
  if (review['@type'] !== 'ClaimReview') problems.push('@type must be ClaimReview');
  if (!text(review.claimReviewed)) problems.push('claimReviewed is required');
  else if (Array.from(String(review.claimReviewed)).length > 75) problems.push('claimReviewed must be at most 75 characters');
  if (!httpUrl(review.url)) problems.push('url must be an absolute http(s) URL');
  const author = record(review.author);
  if (!author || !['Organization', 'Person'].includes(String(author['@type'])) || !text(author.name)) problems.push('author must be an Organization or Person with a name');
  if (review.datePublished !== undefined && !isoDate(review.datePublished)) problems.push('datePublished must be an ISO 8601 date');

  const rating = record(review.reviewRating);
  if (!rating || rating['@type'] !== 'Rating') problems.push('reviewRating must be a Rating');
  else {
    if (!text(rating.alternateName)) problems.push('reviewRating.alternateName is required');
    const { ratingValue, bestRating, worstRating } = rating;
    if (typeof ratingValue !== 'number' || typeof bestRating !== 'number' || typeof worstRating !== 'number') {
      problems.push('ratingValue, bestRating and worstRating must be numbers');
    } else if (!(worstRating < bestRating && worstRating <= ratingValue && ratingValue <= bestRating)) {
      problems.push('ratingValue must lie between worstRating and bestRating');
    }
  }

  const item = record(review.itemReviewed);
  if (!item || item['@type'] !== 'Claim') problems.push('itemReviewed must be a Claim');
  else {
    const claimAuthor = record(item.author);
    if (item.author !== undefined && (!claimAuthor || !['Organization', 'Person'].includes(String(claimAuthor['@type'])) || !(text(claimAuthor.name) || text(claimAuthor.description)))) {
      problems.push('itemReviewed.author must be a Person or Organization with a name or a description');
    }
    if (item.datePublished !== undefined && !isoDate(item.datePublished)) problems.push('itemReviewed.datePublished must be an ISO 8601 date');
    const appearances = Array.isArray(item.appearance) ? item.appearance : [];
    if (item.appearance !== undefined && appearances.length === 0) problems.push('itemReviewed.appearance must list at least one CreativeWork when present');
    for (const [index, work] of appearances.entries()) problems.push(...creativeWorkProblems(work, `itemReviewed.appearance[${index}]`));
    if (appearances.some((work) => JSON.stringify(work) === JSON.stringify(item.firstAppearance))) problems.push('itemReviewed.appearance repeats the first appearance');
    problems.push(...creativeWorkProblems(item.firstAppearance, 'itemReviewed.firstAppearance'));
  }
  return problems;
}

function creativeWorkProblems(value: unknown, path: string): string[] {
  const work = record(value);
  if (!work || work['@type'] !== 'CreativeWork') return [`${path} must be a CreativeWork`];
  if (!text(work.name) && !httpUrl(work.url)) return [`${path} needs a url or a name`];
  if (work.url !== undefined && !httpUrl(work.url)) return [`${path}.url must be an absolute http(s) URL`];
  return [];
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

function httpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function isoDate(value: unknown): boolean {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(value) && !Number.isNaN(new Date(value).getTime());
}
