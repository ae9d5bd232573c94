import { insertBatches, lookupBatches } from '../../db/batches.ts';
import type { Db } from '../../db/connect.ts';
import type { SpeakerAliasTable, SpeakerRow, NewSpeaker } from '../../db/schema.ts';

export async function findSpeakerByNormalizedName(db: Db, normalizedName: string): Promise<SpeakerRow | undefined> {
  return db.selectFrom('speaker').selectAll().where('normalized_name', '=', normalizedName).executeTakeFirst();
}

export async function findSpeakerById(db: Db, id: string): Promise<SpeakerRow | undefined> {
  return db.selectFrom('speaker').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertSpeaker(db: Db, speaker: NewSpeaker): Promise<void> {
  await db.insertInto('speaker').values(speaker).execute();
}

/** Speaker ids by normalised name, for the names that already have a speaker. */
export async function findSpeakerIdsByNormalizedNames(db: Db, normalizedNames: readonly string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const batch of lookupBatches(normalizedNames)) {
    const rows = await db.selectFrom('speaker').select(['id', 'normalized_name']).where('normalized_name', 'in', batch).execute();
    for (const row of rows) ids.set(row.normalized_name, row.id);
  }
  return ids;
}

/**
 * Inserts speakers in batches, skipping names that meanwhile got a speaker of their own.
 * Returns how many were inserted, so that the caller can tell whether it raced another writer.
 */
export async function insertSpeakers(db: Db, speakers: readonly NewSpeaker[]): Promise<number> {
  let inserted = 0;
  for (const batch of insertBatches(speakers)) {
    const result = await db
      .insertInto('speaker')
      .values(batch)
      .onConflict((oc) => oc.column('normalized_name').doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

export async function insertSpeakerAliases(
  db: Db,
  speakerId: string,
  aliases: Array<{ alias: string; normalizedAlias: string }>,
): Promise<void> {
  await insertSpeakerAliasRows(
    db,
    aliases.map(({ alias, normalizedAlias }) => ({ speaker_id: speakerId, alias, normalized_alias: normalizedAlias })),
  );
}

/** Aliases of any number of speakers, in batches; an alias a speaker already has is kept as it was. */
export async function insertSpeakerAliasRows(db: Db, aliases: readonly SpeakerAliasTable[]): Promise<void> {
  for (const batch of insertBatches(aliases)) {
    await db
      .insertInto('speaker_alias')
      .values(batch)
      .onConflict((oc) => oc.columns(['speaker_id', 'normalized_alias']).doNothing())
      .execute();
  }
}

export async function listSpeakerAliases(db: Db, speakerId: string): Promise<string[]> {
  const rows = await db.selectFrom('speaker_alias').select('alias').where('speaker_id', '=', speakerId).orderBy('alias').execute();
  return rows.map((row) => row.alias);
}

export interface SpeakerOption {
  id: string;
  name: string;
}

export async function listSpeakersWithClaims(db: Db): Promise<SpeakerOption[]> {
  return db
    .selectFrom('speaker')
    .select(['speaker.id', 'speaker.name'])
    .where((eb) => eb.exists(eb.selectFrom('claim').select('claim.id').whereRef('claim.speaker_id', '=', 'speaker.id')))
    .orderBy('speaker.name')
    .execute();
}
