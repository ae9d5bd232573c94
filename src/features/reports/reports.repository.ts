import type { Db } from '../../db/connect.ts';
import type { ReviewEventRow } from '../../db/schema.ts';

export interface ReportSpeakerRow {
  id: string;
  name: string;
  kind: string;
  role: string | null;
  unnamed: number;
}

export async function listSpeakersByIds(db: Db, ids: readonly string[]): Promise<ReportSpeakerRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('speaker').select(['id', 'name', 'kind', 'role', 'unnamed']).where('id', 'in', ids).execute();
}

/** The audit fields a report tells: the two verdicts and the hop checks (not assignment, not notes). */
export const REPORT_EVENT_FIELDS = ['status', 'attribution_status', 'hop'] as const;

export type ReportEventRow = Pick<ReviewEventRow, 'id' | 'claim_id' | 'actor' | 'field' | 'from_value' | 'to_value' | 'note' | 'hop_id' | 'created_at' | 'to_label_en' | 'to_label_ar'>;

/** Oldest first. */
export async function listReportEvents(db: Db, claimIds: readonly string[]): Promise<ReportEventRow[]> {
  if (claimIds.length === 0) return [];
  return db
    .selectFrom('review_event')
    .select(['id', 'claim_id', 'actor', 'field', 'from_value', 'to_value', 'note', 'hop_id', 'created_at', 'to_label_en', 'to_label_ar'])
    .where('claim_id', 'in', claimIds)
    .where('field', 'in', REPORT_EVENT_FIELDS)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export interface ClaimPublicationRow {
  id: string;
  summary: string | null;
  published_at: string | null;
}

/** What the desk decided about publishing each claim: its short wording and whether its fact-check is public. */
export async function listClaimPublications(db: Db, claimIds: readonly string[]): Promise<ClaimPublicationRow[]> {
  if (claimIds.length === 0) return [];
  return db.selectFrom('claim').select(['id', 'summary', 'published_at']).where('id', 'in', claimIds).execute();
}

export async function updateClaimSummary(db: Db, claimId: string, summary: string | null): Promise<boolean> {
  const result = await db.updateTable('claim').set({ summary }).where('id', '=', claimId).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function updateClaimPublication(db: Db, claimId: string, publishedAt: string | null): Promise<boolean> {
  const result = await db.updateTable('claim').set({ published_at: publishedAt }).where('id', '=', claimId).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
