import type { Db } from '../../db/connect.ts';
import type { SpeakerRow, SpeakerTable } from '../../db/schema.ts';

export async function findSpeakerByNormalizedName(db: Db, normalizedName: string): Promise<SpeakerRow | undefined> {
  return db.selectFrom('speaker').selectAll().where('normalized_name', '=', normalizedName).executeTakeFirst();
}

export async function findSpeakerById(db: Db, id: string): Promise<SpeakerRow | undefined> {
  return db.selectFrom('speaker').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertSpeaker(db: Db, speaker: SpeakerTable): Promise<void> {
  await db.insertInto('speaker').values(speaker).execute();
}

export async function insertSpeakerAliases(
  db: Db,
  speakerId: string,
  aliases: Array<{ alias: string; normalizedAlias: string }>,
): Promise<void> {
  if (aliases.length === 0) return;
  await db
    .insertInto('speaker_alias')
    .values(aliases.map(({ alias, normalizedAlias }) => ({ speaker_id: speakerId, alias, normalized_alias: normalizedAlias })))
    .onConflict((oc) => oc.columns(['speaker_id', 'normalized_alias']).doNothing())
    .execute();
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
