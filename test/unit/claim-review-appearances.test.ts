import { describe, expect, it } from 'vitest';
import { buildClaimReview } from '../../src/features/reports/claim-review.ts';
import type { ReportAppearance } from '../../src/features/reports/reports.service.ts';
import { claimReviewProblems } from '../support/claim-review.ts';
import { claimReportFixture } from '../support/report-fixture.ts';
import { schemaOrgProblems } from '../support/schema-org.ts';

const OPTIONS = { language: 'en' as const, url: 'https://facts.example/fact-checks/claim-1', organizationName: 'Isnad fact-check desk', organizationUrl: 'https://facts.example' };

// The fixture's article was published on 20 November 2026; its chain is RT Arabic, then Sputnik.
const EARLIER: ReportAppearance = { articleTitle: 'First wire report', url: 'https://first.example/wire', publishedAt: '2026-11-18T06:00:00.000Z', ingestedAt: '2026-11-26T09:00:00.000Z', publisherName: 'First Wire' };
const LATER: ReportAppearance = { articleTitle: 'Later copy', url: 'https://later.example/copy', publishedAt: '2026-11-25T00:00:00.000Z', ingestedAt: '2026-11-25T10:00:00.000Z', publisherName: 'Later Post' };
// No publication date: dated by its ingestion (after the fixture's), and no address to give.
const UNDATED: ReportAppearance = { articleTitle: 'Undated repost', url: null, publishedAt: null, ingestedAt: '2026-11-22T00:00:00.000Z', publisherName: null };

const review = (elsewhere?: ReportAppearance[]) => {
  const report = claimReportFixture(elsewhere ? { elsewhere } : {});
  return buildClaimReview(report, report.claim, OPTIONS);
};

describe('ClaimReview with the claim\'s cluster', () => {
  it('lists the other articles carrying the claim as appearances with their addresses, earliest first', () => {
    const withCluster = review([LATER, UNDATED, EARLIER]);
    const item = withCluster.itemReviewed;
    // An article published before this one is where the claim first appeared.
    expect(item.firstAppearance).toEqual({
      '@type': 'CreativeWork',
      name: 'First wire report',
      url: 'https://first.example/wire',
      datePublished: '2026-11-18',
      publisher: { '@type': 'Organization', name: 'First Wire' },
    });
    const alone = review().itemReviewed;
    const chain = [alone.firstAppearance, ...(alone.appearance ?? [])];
    expect(item.appearance).toEqual([...chain, { '@type': 'CreativeWork', name: 'Undated repost' }, expect.objectContaining({ name: 'Later copy', url: 'https://later.example/copy', datePublished: '2026-11-25' })]);
    expect(schemaOrgProblems(withCluster)).toEqual([]);
    expect(claimReviewProblems(withCluster)).toEqual([]);
  });

  it('keeps the chain first when every other appearance came later, and is unchanged without a cluster', () => {
    const alone = review();
    expect(review([]).itemReviewed).toEqual(alone.itemReviewed);
    const later = review([LATER]).itemReviewed;
    expect(later.firstAppearance).toEqual(alone.itemReviewed.firstAppearance);
    expect(later.appearance?.at(-1)).toMatchObject({ name: 'Later copy', url: 'https://later.example/copy' });
    expect(later.appearance).toHaveLength((alone.itemReviewed.appearance ?? []).length + 1);
    expect(claimReviewProblems(review([LATER]))).toEqual([]);
  });
});
