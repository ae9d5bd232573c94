import type { Db } from '../../db/connect.ts';

/** Claims of an article whose verification status or attribution verdict a person set (they have an audit row for it). */
export async function listClaimIdsWithHumanVerdict(db: Db, articleId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('review_event')
    .innerJoin('claim', 'claim.id', 'review_event.claim_id')
    .select('review_event.claim_id')
    .distinct()
    .where('claim.article_id', '=', articleId)
    .where('review_event.field', 'in', ['status', 'attribution_status'])
    .execute();
  return new Set(rows.map((row) => row.claim_id));
}

export interface SpeakerKindRow {
  id: string;
  kind: string;
  unnamed: number;
}

export async function findSpeakerKinds(db: Db, speakerIds: readonly string[]): Promise<Map<string, SpeakerKindRow>> {
  if (speakerIds.length === 0) return new Map();
  const rows = await db.selectFrom('speaker').select(['id', 'kind', 'unnamed']).where('id', 'in', speakerIds).execute();
  return new Map(rows.map((row) => [row.id, row]));
}
