import { describe, expect, it } from 'vitest';
import { NoVerdictError } from '../../src/errors.ts';
import { buildArticleClaimReviews, buildClaimReview, jsonForScript } from '../../src/features/reports/claim-review.ts';
import { claimReviewProblems } from '../support/claim-review.ts';
import { articleFixture, articleReportFixture, claimReportFixture, reportClaimFixture } from '../support/report-fixture.ts';

const OPTIONS = { language: 'ar' as const, url: 'https://desk.example/r/abc', organizationName: 'مكتب التحقق', organizationUrl: 'https://desk.example' };

describe('ClaimReview JSON-LD', () => {
  it('has every field Google requires and recommends', () => {
    const report = claimReportFixture();
    const review = buildClaimReview(report, report.claim, OPTIONS);
    expect(claimReviewProblems(review)).toEqual([]);
    expect(review).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: 'https://desk.example/r/abc',
      claimReviewed: 'الاتفاق سيوقع قريبا',
      datePublished: '2026-11-23',
      author: { '@type': 'Organization', name: 'مكتب التحقق', url: 'https://desk.example' },
      reviewRating: { '@type': 'Rating', ratingValue: 1, bestRating: 5, worstRating: 1, alternateName: 'خاطئ' },
    });
  });

  it('names the rating in the report language', () => {
    const report = claimReportFixture({ status: 'mostly_accurate' });
    expect(buildClaimReview(report, report.claim, { ...OPTIONS, language: 'en' }).reviewRating).toMatchObject({ ratingValue: 4, alternateName: 'Mostly accurate' });
    expect(buildClaimReview(report, report.claim, OPTIONS).reviewRating.alternateName).toBe('صحيح في معظمه');
  });

  it('reviews the claim as said by the speaker: the first hop is its first appearance, the later ones its other appearances', () => {
    const report = claimReportFixture();
    const { itemReviewed } = buildClaimReview(report, report.claim, OPTIONS);
    expect(itemReviewed.author).toEqual({ '@type': 'Person', name: 'سيرغي شويغو', jobTitle: 'وزير الدفاع' });
    expect(itemReviewed.datePublished).toBe('2026-11-20');
    expect(itemReviewed.firstAppearance).toEqual({ '@type': 'CreativeWork', name: 'RT Arabic (مقابلة)', url: 'https://rt.example/interview', publisher: { '@type': 'Organization', name: 'RT Arabic' } });
    // The republisher has no address of its own: the article it was read in stands for it.
    expect(itemReviewed.appearance).toEqual([
      { '@type': 'CreativeWork', name: 'Sputnik (إعادة نشر)', url: 'https://news.example/ar/article', publisher: { '@type': 'Organization', name: 'Sputnik' } },
    ]);
  });

  it('leaves an appearance without a url when neither the outlet nor the article has one, never pointing at the desk', () => {
    const report = { ...claimReportFixture(), article: articleFixture({ source_url: null }) };
    const review = buildClaimReview(report, report.claim, OPTIONS);
    expect(review.itemReviewed.appearance).toEqual([{ '@type': 'CreativeWork', name: 'Sputnik (إعادة نشر)', publisher: { '@type': 'Organization', name: 'Sputnik' } }]);
    expect(JSON.stringify(review.itemReviewed)).not.toContain('desk.example');
    expect(claimReviewProblems(review)).toEqual([]);
  });

  it('uses a confirmed hop’s evidence as its address when the hop has none, and an organisation as an organisation', () => {
    const base = reportClaimFixture();
    const claim = reportClaimFixture({
      speaker: { id: 's', name: 'وزارة الدفاع', kind: 'organization', role: null, unnamed: false },
      hops: [{ ...base.hops[0]!, url: null }],
    });
    const review = buildClaimReview(claimReportFixture(), claim, OPTIONS);
    expect(review.itemReviewed.author).toEqual({ '@type': 'Organization', name: 'وزارة الدفاع' });
    expect(review.itemReviewed.firstAppearance.url).toBe('https://archive.example/rt');
    // A single appearance is the first one, not repeated.
    expect(review.itemReviewed.appearance).toBeUndefined();
    expect(claimReviewProblems(review)).toEqual([]);
  });

  it('describes an unnamed source instead of naming a person after it', () => {
    const claim = reportClaimFixture({ speaker: { id: 's', name: 'مصدر حكومي', kind: 'unnamed', role: null, unnamed: true } });
    const review = buildClaimReview(claimReportFixture(), claim, { ...OPTIONS, language: 'en' });
    expect(review.itemReviewed.author).toEqual({ '@type': 'Person', description: 'unnamed source (مصدر حكومي)' });
    expect(review.itemReviewed.author).not.toHaveProperty('name');
    expect(claimReviewProblems(review)).toEqual([]);
  });

  it('falls back to the article as the only appearance when no outlet was recorded', () => {
    const claim = reportClaimFixture({ hops: [] });
    const review = buildClaimReview(claimReportFixture(), claim, OPTIONS);
    expect(review.itemReviewed.firstAppearance).toEqual({
      '@type': 'CreativeWork',
      name: 'آفاق التعاون العسكري بين موسكو وباريس',
      url: 'https://news.example/ar/article',
      datePublished: '2026-11-20',
      publisher: { '@type': 'Organization', name: 'Sputnik' },
    });
    expect(review.itemReviewed.appearance).toBeUndefined();
    expect(claimReviewProblems(review)).toEqual([]);
  });

  it('publishes the editor’s short claim, else the statement without its attribution, within 75 characters', () => {
    const long = reportClaimFixture({
      text: 'اعتبر ديلانويه أن زيارة لودريان لموسكو لم تأت نتيجة للتطورات الأخيرة في سوريا بقدر ما جاءت امتدادا للتوجه الذي أعطى الرئيس الفرنسي',
      cue: 'اعتبر',
    });
    const derived = buildClaimReview(claimReportFixture(), long, OPTIONS).claimReviewed;
    expect(derived.startsWith('زيارة لودريان لموسكو لم تأت نتيجة')).toBe(true);
    expect(derived.endsWith('…')).toBe(true);
    expect(Array.from(derived).length).toBeLessThanOrEqual(75);
    const edited = reportClaimFixture({ ...long, summary: 'زيارة لودريان لموسكو امتداد لتوجه هولاند' });
    expect(buildClaimReview(claimReportFixture(), edited, OPTIONS).claimReviewed).toBe('زيارة لودريان لموسكو امتداد لتوجه هولاند');
  });

  it('is refused for a claim without a rated verdict', () => {
    for (const status of ['unverified', 'in_review', 'unverifiable', 'not_a_claim']) {
      const report = claimReportFixture({ status });
      expect(() => buildClaimReview(report, report.claim, OPTIONS)).toThrow(NoVerdictError);
    }
  });

  it('is built from the public report only', () => {
    const report = claimReportFixture({}, 'desk');
    expect(() => buildClaimReview(report, report.claim, OPTIONS)).toThrow(/public report only/);
  });

  it('lists the rated claims of an article, each anchored on the page', () => {
    const report = articleReportFixture([reportClaimFixture({ id: 'a' }), reportClaimFixture({ id: 'b', status: 'unverified' })]);
    const reviews = buildArticleClaimReviews(report, OPTIONS);
    expect(reviews.map((review) => review.url)).toEqual(['https://desk.example/r/abc#claim-a']);
  });

  it('the validator catches what Google would refuse', () => {
    const report = claimReportFixture();
    const review = buildClaimReview(report, report.claim, OPTIONS);
    expect(claimReviewProblems({ ...review, reviewRating: { ...review.reviewRating, ratingValue: 7 } })).toEqual(['ratingValue must lie between worstRating and bestRating']);
    expect(claimReviewProblems({ ...review, reviewRating: { ...review.reviewRating, alternateName: '' } })).toEqual(['reviewRating.alternateName is required']);
    expect(claimReviewProblems({ ...review, url: '/r/abc', claimReviewed: '' })).toEqual(['claimReviewed is required', 'url must be an absolute http(s) URL']);
    expect(claimReviewProblems({ ...review, itemReviewed: { ...review.itemReviewed, appearance: [{ '@type': 'CreativeWork' }] } })).toEqual([
      'itemReviewed.appearance[0] needs a url or a name',
    ]);
    expect(claimReviewProblems({ ...review, itemReviewed: { ...review.itemReviewed, appearance: [review.itemReviewed.firstAppearance] } })).toEqual([
      'itemReviewed.appearance repeats the first appearance',
    ]);
    expect(claimReviewProblems({ ...review, claimReviewed: 'x'.repeat(76) })).toEqual(['claimReviewed must be at most 75 characters']);
  });
});

describe('JSON for a script element', () => {
  it('cannot close the element or open a comment, and parses back to the same value', () => {
    const value = { claimReviewed: '</script><script>alert(1)</script><!-- & \u2028' };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});
