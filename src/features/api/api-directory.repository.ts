import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { OutletRow, SpeakerRow } from '../../db/schema.ts';
import { likeContains } from '../speakers/speakers.repository.ts';

/** Position of the last row of a directory page: names sort first, ids break ties. */
export interface NameCursor {
  key: string;
  id: string;
}

export interface DirectorySearch {
  /** Name key (see src/text/name-key.ts) the name or an alias must contain; undefined lists everything. */
  key: string | undefined;
  after: NameCursor | undefined;
  /** One more than the page size, to tell whether a next page exists. */
  limit: number;
}

/**
 * `column` contains `key`. LIKE treats % and _ as wildcards, so they are escaped; SQLite has no default
 * escape character, hence the explicit ESCAPE.
 */
function contains(column: string, key: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${likeContains(key)} escape '\\'`;
}

export async function searchSpeakers(db: Db, search: DirectorySearch): Promise<SpeakerRow[]> {
  const { key, after } = search;
  return db
    .selectFrom('speaker')
    .selectAll()
    .where('merged_into', 'is', null)
    .$if(key !== undefined, (qb) =>
      qb.where((eb) =>
        eb.or([
          contains('speaker.normalized_name', key!),
          eb.exists(
            eb
              .selectFrom('speaker_alias')
              .select('speaker_alias.speaker_id')
              .whereRef('speaker_alias.speaker_id', '=', 'speaker.id')
              .where(contains('speaker_alias.normalized_alias', key!)),
          ),
        ]),
      ),
    )
    .$if(after !== undefined, (qb) =>
      qb.where((eb) => eb.or([eb('normalized_name', '>', after!.key), eb.and([eb('normalized_name', '=', after!.key), eb('id', '>', after!.id)])])),
    )
    .orderBy('normalized_name')
    .orderBy('id')
    .limit(search.limit)
    .execute();
}

export async function searchOutlets(db: Db, search: DirectorySearch): Promise<OutletRow[]> {
  const { key, after } = search;
  return db
    .selectFrom('outlet')
    .selectAll()
    .where('merged_into', 'is', null)
    .$if(key !== undefined, (qb) =>
      qb.where((eb) =>
        eb.or([
          contains('outlet.normalized_name', key!),
          eb.exists(
            eb
              .selectFrom('outlet_alias')
              .select('outlet_alias.outlet_id')
              .whereRef('outlet_alias.outlet_id', '=', 'outlet.id')
              .where(contains('outlet_alias.normalized_alias', key!)),
          ),
        ]),
      ),
    )
    .$if(after !== undefined, (qb) =>
      qb.where((eb) => eb.or([eb('normalized_name', '>', after!.key), eb.and([eb('normalized_name', '=', after!.key), eb('id', '>', after!.id)])])),
    )
    .orderBy('normalized_name')
    .orderBy('id')
    .limit(search.limit)
    .execute();
}

/** Where each claim came from and who last corrected it (see src/domain/claim-origin.ts). */
export interface ClaimProvenanceRow {
  id: string;
  origin: string;
  edited_by: string | null;
  edited_at: string | null;
}

export async function findClaimProvenance(db: Db, claimIds: readonly string[]): Promise<Map<string, ClaimProvenanceRow>> {
  if (claimIds.length === 0) return new Map();
  const rows = await db.selectFrom('claim').select(['id', 'origin', 'edited_by', 'edited_at']).where('id', 'in', claimIds).execute();
  return new Map(rows.map((row) => [row.id, row]));
}
