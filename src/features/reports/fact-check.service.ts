import type { Db } from '../../db/connect.ts';
import { NotFoundError, NotPublishedError, ValidationError } from '../../errors.ts';
import { msg } from '../../i18n/translate.ts';
import { nowIso } from '../../ids.ts';
import { hasRatedVerdict } from './claim-review.ts';
import { MAX_CLAIM_SUMMARY } from './claim-summary.ts';
import { defaultReportLanguage, type ReportLanguage } from './report-labels.ts';
import { updateClaimPublication, updateClaimSummary } from './reports.repository.ts';
import { getClaimReport, type ClaimReport } from './reports.service.ts';

/**
 * A claim's fact-check is published by an editor at a stable public address, /fact-checks/:claimId,
 * which embeds its ClaimReview: the address a ClaimReview's url names must be public and carry the same
 * markup. Until then the ClaimReview download is refused; withdrawing it makes the address 404 again.
 */
export function factCheckPath(claimId: string, language: ReportLanguage, articleLanguage: string): string {
  const path = `/fact-checks/${encodeURIComponent(claimId)}`;
  return language === defaultReportLanguage(articleLanguage) ? path : `${path}?lang=${language}`;
}

/** The editor's wording of the claim for ClaimReview; an empty one goes back to the derived wording. */
export async function saveClaimSummary(db: Db, claimId: string, input: string): Promise<string | null> {
  const summary = input.replace(/\s+/g, ' ').trim();
  const length = Array.from(summary).length;
  if (length > MAX_CLAIM_SUMMARY) {
    throw new ValidationError({ summary: msg('reports.factCheck.summaryTooLong', { max: MAX_CLAIM_SUMMARY, length }) });
  }
  const value = summary === '' ? null : summary;
  if (!(await updateClaimSummary(db, claimId, value))) throw new NotFoundError('Claim', claimId);
  return value;
}

/** Publishing keeps the first publication time; only a claim with a rated verdict can be published. */
export async function setFactCheckPublished(db: Db, claimId: string, publish: boolean): Promise<void> {
  const report = await getClaimReport(db, claimId, 'public');
  if (!publish) {
    await updateClaimPublication(db, claimId, null);
    return;
  }
  if (!hasRatedVerdict(report.scale, report.claim)) {
    throw new ValidationError({ publish: msg('reports.factCheck.onlyRated') });
  }
  if (report.claim.publishedAt === null) await updateClaimPublication(db, claimId, nowIso());
}

/** The public report of a published fact-check; an unpublished one is not found, as if it did not exist. */
export async function getPublishedFactCheck(db: Db, claimId: string): Promise<ClaimReport> {
  const report = await getClaimReport(db, claimId, 'public');
  if (report.claim.publishedAt === null) throw new NotFoundError('Fact-check', '');
  return report;
}

/** The public report a ClaimReview download is built from: refused while the fact-check is not published. */
export async function getClaimReportForClaimReview(db: Db, claimId: string): Promise<ClaimReport> {
  const report = await getClaimReport(db, claimId, 'public');
  if (hasRatedVerdict(report.scale, report.claim) && report.claim.publishedAt === null) {
    throw new NotPublishedError(
      'A ClaimReview must name a public page that carries it. Publish this claim’s fact-check from its report page (an editor can), then download the ClaimReview again.',
    );
  }
  return report;
}
