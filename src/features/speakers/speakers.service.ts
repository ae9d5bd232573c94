import type { Db } from '../../db/connect.ts';
import type { SpeakerRow } from '../../db/schema.ts';
import { newId, nowIso } from '../../ids.ts';
import { nameKey } from '../../text/name-key.ts';
import { NotFoundError } from '../../errors.ts';
import { findSpeakerById, findSpeakerByNormalizedName, insertSpeaker, insertSpeakerAliases, listSpeakerAliases } from './speakers.repository.ts';

export interface SpeakerInput {
  name: string;
  aliases: string[];
  unnamed: boolean;
  kind?: string;
  role?: string | null;
}

/**
 * Speakers are matched across articles by their canonical name only: aliases such as
 * "the expert" are local to one article and would merge different people.
 */
export async function findOrCreateSpeaker(db: Db, input: SpeakerInput): Promise<SpeakerRow> {
  const normalizedName = nameKey(input.name);
  let speaker = await findSpeakerByNormalizedName(db, normalizedName);
  if (!speaker) {
    speaker = {
      id: newId(),
      name: input.name.trim(),
      normalized_name: normalizedName,
      kind: input.kind ?? (input.unnamed ? 'unnamed' : 'person'),
      unnamed: input.unnamed ? 1 : 0,
      role: input.role ?? null,
      created_at: nowIso(),
      latin_name: null,
      merged_into: null,
    };
    await insertSpeaker(db, speaker);
  }
  const aliases = new Map<string, string>();
  for (const alias of input.aliases) {
    const key = nameKey(alias);
    if (key && key !== normalizedName && !aliases.has(key)) aliases.set(key, alias.trim());
  }
  await insertSpeakerAliases(db, speaker.id, [...aliases].map(([normalizedAlias, alias]) => ({ alias, normalizedAlias })));
  return speaker;
}

export interface SpeakerProfile {
  speaker: SpeakerRow;
  aliases: string[];
}

export async function getSpeakerProfile(db: Db, id: string): Promise<SpeakerProfile> {
  const speaker = await findSpeakerById(db, id);
  if (!speaker) throw new NotFoundError('Speaker', id);
  return { speaker, aliases: await listSpeakerAliases(db, id) };
}
