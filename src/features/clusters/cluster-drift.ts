import type { Db } from '../../db/connect.ts';
import { refreshQuoteDrift } from './quote-drift.service.ts';

/** Recomputes quote drift for clusters whose members changed (see quote-drift.service.ts). */
export async function refreshClusterDrift(db: Db, clusterIds: readonly string[]): Promise<void> {
  for (const clusterId of new Set(clusterIds)) await refreshQuoteDrift(db, clusterId);
}
