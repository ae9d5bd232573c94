import type { Db } from '../../db/connect.ts';

/**
 * Recomputes quote drift for clusters whose members changed. The quote-drift service
 * (quote-drift.service.ts, refreshQuoteDrift) is called from here once it exists.
 */
export async function refreshClusterDrift(_db: Db, clusterIds: readonly string[]): Promise<void> {
  void clusterIds;
}
