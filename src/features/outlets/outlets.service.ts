import type { Db } from '../../db/connect.ts';
import type { OutletRow } from '../../db/schema.ts';
import { newId, nowIso } from '../../ids.ts';
import { nameKey } from '../../text/name-key.ts';
import { NotFoundError } from '../../errors.ts';
import { OUTLET_ROLES, type OutletRole } from '../../domain/outlet-roles.ts';
import { countOutletHopsByRole, findOutletById, findOutletByNormalizedName, insertOutlet } from './outlets.repository.ts';

export interface OutletInput {
  name: string;
  kind: string;
  url?: string | null;
  country?: string | null;
}

/** One outlet record per name across all articles, so its claims can be listed together. */
export async function findOrCreateOutlet(db: Db, input: OutletInput): Promise<OutletRow> {
  const normalizedName = nameKey(input.name);
  const existing = await findOutletByNormalizedName(db, normalizedName);
  if (existing) return existing;
  const outlet: OutletRow = {
    id: newId(),
    name: input.name.trim(),
    normalized_name: normalizedName,
    kind: input.kind,
    country: input.country ?? null,
    url: input.url ?? null,
    created_at: nowIso(),
    latin_name: null,
    merged_into: null,
  };
  await insertOutlet(db, outlet);
  return outlet;
}

export interface OutletProfile {
  outlet: OutletRow;
  roles: Array<{ role: OutletRole; count: number }>;
}

export async function getOutletProfile(db: Db, id: string): Promise<OutletProfile> {
  const outlet = await findOutletById(db, id);
  if (!outlet) throw new NotFoundError('Outlet', id);
  const counts = await countOutletHopsByRole(db, id);
  return { outlet, roles: OUTLET_ROLES.map((role) => ({ role, count: counts.get(role) ?? 0 })).filter((entry) => entry.count > 0) };
}
