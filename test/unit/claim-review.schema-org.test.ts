import { describe, expect, it } from 'vitest';
import { buildArticleClaimReviews, buildClaimReview } from '../../src/features/reports/claim-review.ts';
import { articleFixture, articleReportFixture, claimReportFixture, reportClaimFixture } from '../support/report-fixture.ts';
import { schemaOrgProblems } from '../support/schema-org.ts';

const OPTIONS = { language: 'en' as const, url: 'https://facts.example/fact-checks/claim-1', organizationName: 'Isnad fact-check desk', organizationUrl: 'https://facts.example' };

describe('ClaimReview against the schema.org vocabulary', () => {
  it('uses only schema.org types, and properties within their domains and ranges, whatever the claim', () => {
    const base = reportClaimFixture();
    const claims = [
      base,
      reportClaimFixture({ hops: [] }),
      reportClaimFixture({ speaker: { id: 's', name: 'مصدر حكومي', kind: 'unnamed', role: null, unnamed: true } }),
      reportClaimFixture({ speaker: { id: 's', name: 'وزارة الدفاع', kind: 'organization', role: null, unnamed: false } }),
      reportClaimFixture({ speaker: null, hops: [{ ...base.hops[0]!, url: null, status: 'unconfirmed' }] }),
      reportClaimFixture({ summary: 'A short claim written by the editor' }),
    ];
    for (const claim of claims) {
      for (const report of [claimReportFixture(), { ...claimReportFixture(), article: articleFixture({ source_url: null, published_at: null, publisher_name: null }) }]) {
        expect(schemaOrgProblems(buildClaimReview(report, claim, OPTIONS))).toEqual([]);
      }
    }
    const reviews = buildArticleClaimReviews(articleReportFixture([reportClaimFixture({ id: 'a' }), reportClaimFixture({ id: 'b', status: 'accurate' })]), OPTIONS);
    expect(reviews).toHaveLength(2);
    expect(schemaOrgProblems(reviews)).toEqual([]);
  });

  it('the check catches unknown types, misplaced properties and values out of range', () => {
    const report = claimReportFixture();
    const review = buildClaimReview(report, report.claim, OPTIONS);
    expect(schemaOrgProblems({ ...review, '@type': 'FactCheck' })).toEqual(['$ has an unknown @type FactCheck']);
    expect(schemaOrgProblems({ ...review, itemReviewed: { ...review.itemReviewed, claimReviewed: 'x' } })).toEqual(['$.itemReviewed.claimReviewed is not a property of Claim']);
    expect(schemaOrgProblems({ ...review, reviewRating: { ...review.reviewRating, author: { '@type': 'Rating' } } })).toEqual(['$.reviewRating.author is a Rating, not one of Organization, Person']);
    expect(schemaOrgProblems({ ...review, url: '/fact-checks/claim-1' })).toEqual(['$.url "/fact-checks/claim-1" is not one of URL']);
    expect(schemaOrgProblems({ ...review, datePublished: '23/11/2026' })).toEqual(['$.datePublished "23/11/2026" is not one of Date, DateTime']);
    expect(schemaOrgProblems({ ...review, verdict: 'false' })).toEqual(['$.verdict is not a schema.org property']);
  });
});
