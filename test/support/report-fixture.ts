import { seedScale } from './rating-scale.ts';
import type { ArticleWithPublisher } from '../../src/features/articles/articles.repository.ts';
import type { ArticleReport, ClaimReport, ReportAudience, ReportClaim } from '../../src/features/reports/reports.service.ts';

export function articleFixture(overrides: Partial<ArticleWithPublisher> = {}): ArticleWithPublisher {
  return {
    id: 'article-1',
    title: 'آفاق التعاون العسكري بين موسكو وباريس',
    language: 'ar',
    body: 'قال الوزير إن الاتفاق سيوقع قريبا. وأضاف أن المحادثات مستمرة.',
    checksum: 'checksum',
    source_url: 'https://news.example/ar/article',
    publisher_outlet_id: null,
    published_at: '2026-11-20T00:00:00.000Z',
    ingested_at: '2026-11-21T08:00:00.000Z',
    version: 1,
    publisher_name: 'Sputnik',
    ...overrides,
  };
}

export function reportClaimFixture(overrides: Partial<ReportClaim> = {}): ReportClaim {
  return {
    id: 'claim-1',
    text: 'الاتفاق سيوقع قريبا',
    kind: 'factual',
    cue: 'قال',
    checkworthiness: 0.8,
    startOffset: 14,
    endOffset: 33,
    createdAt: '2026-11-21T08:00:00.000Z',
    status: 'false',
    statusChangedAt: '2026-11-23T10:00:00.000Z',
    attributionStatus: 'verbatim',
    summary: null,
    publishedAt: '2026-11-23T11:00:00.000Z',
    speaker: { id: 'speaker-1', name: 'سيرغي شويغو', kind: 'person', role: 'وزير الدفاع', unnamed: false },
    hops: [
      { id: 'hop-1', position: 1, outletId: 'o1', outletName: 'RT Arabic', role: 'interview', url: 'https://rt.example/interview', status: 'confirmed', evidenceUrl: 'https://archive.example/rt' },
      { id: 'hop-2', position: 2, outletName: 'Sputnik', outletId: 'o2', role: 'republished', url: null, status: 'unconfirmed', evidenceUrl: null },
    ],
    context: { before: 'قال الوزير إن ', exact: 'الاتفاق سيوقع قريبا', after: '. وأضاف أن المحادثات مستمرة.', clippedBefore: false, clippedAfter: false },
    notes: [],
    history: [],
    ...overrides,
  };
}

export function claimReportFixture(claim: Partial<ReportClaim> = {}, audience: ReportAudience = 'public'): ClaimReport {
  return { kind: 'claim', audience, scale: seedScale(), article: articleFixture(), claim: reportClaimFixture(claim) };
}

export function articleReportFixture(claims: ReportClaim[], audience: ReportAudience = 'public'): ArticleReport {
  return {
    kind: 'article',
    audience,
    scale: seedScale(),
    article: articleFixture(),
    claims,
    statusCounts: [
      { status: 'false', count: claims.filter((c) => c.status === 'false').length },
      { status: 'unverified', count: claims.filter((c) => c.status === 'unverified').length },
    ],
    attributionCounts: [{ status: 'verbatim', count: claims.filter((c) => c.attributionStatus === 'verbatim').length }],
    progress: { total: claims.length, reviewed: claims.filter((c) => c.status === 'false').length, percent: 50 },
  };
}
