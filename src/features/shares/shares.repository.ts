import type { Db } from '../../db/connect.ts';
import type { ReportShareRow } from '../../db/schema.ts';

export async function insertShare(db: Db, share: ReportShareRow): Promise<void> {
  await db.insertInto('report_share').values(share).execute();
}

export async function findShareByKeyHash(db: Db, keyHash: string): Promise<ReportShareRow | undefined> {
  return db.selectFrom('report_share').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
}

export async function findShareById(db: Db, id: string): Promise<ReportShareRow | undefined> {
  return db.selectFrom('report_share').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface ShareListRow extends ReportShareRow {
  created_by_name: string | null;
}

/** Newest first, with the name of the editor who created each link. */
export async function listSharesForTarget(db: Db, targetType: string, targetId: string): Promise<ShareListRow[]> {
  return db
    .selectFrom('report_share')
    .leftJoin('app_user', 'app_user.id', 'report_share.created_by')
    .selectAll('report_share')
    .select('app_user.name as created_by_name')
    .where('report_share.target_type', '=', targetType)
    .where('report_share.target_id', '=', targetId)
    .orderBy('report_share.created_at', 'desc')
    .orderBy('report_share.id', 'desc')
    .execute();
}

/** False when the link was already revoked: the first revocation is the one kept. */
export async function markShareRevoked(db: Db, id: string, revokedBy: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('report_share')
    .set({ revoked_by: revokedBy, revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
