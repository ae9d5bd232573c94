import { PostgresAdapter, sql } from 'kysely';
import { insertBatches, lookupBatches } from '../../db/batches.ts';
import { claimsUnderFacet, countClaimsUnderFacet } from '../../db/claim-facets.ts';
import type { Db } from '../../db/connect.ts';
import { searchIndexText } from '../../text/search.ts';
import { refreshDirectorySearchText } from '../search/search.repository.ts';
import type { SpeakerAliasTable, SpeakerRow, NewSpeaker } from '../../db/schema.ts';

export async function findSpeakerByNormalizedName(db: Db, normalizedName: string): Promise<SpeakerRow | undefined> {
  return db.selectFrom('speaker').selectAll().where('normalized_name', '=', normalizedName).executeTakeFirst();
}

export async function findSpeakerById(db: Db, id: string): Promise<SpeakerRow | undefined> {
  return db.selectFrom('speaker').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A new speaker with the folded copy its search reads; aliases added later refresh it. */
const withSpeakerSearchText = (speaker: NewSpeaker): NewSpeaker => ({ ...speaker, search_text: searchIndexText([speaker.name, speaker.latin_name ?? ''].join('\n')) });

export async function insertSpeaker(db: Db, speaker: NewSpeaker): Promise<void> {
  await db.insertInto('speaker').values(withSpeakerSearchText(speaker)).execute();
}

/**
 * Speaker ids by normalised name, for the names that already have a speaker. A name merged into
 * another speaker answers with that speaker, so new claims join the record the desk kept.
 */
export async function findSpeakerIdsByNormalizedNames(db: Db, normalizedNames: readonly string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const batch of lookupBatches(normalizedNames)) {
    const rows = await db.selectFrom('speaker').select(['id', 'normalized_name', 'merged_into']).where('normalized_name', 'in', batch).execute();
    for (const row of rows) ids.set(row.normalized_name, row.merged_into ?? row.id);
  }
  return ids;
}

/**
 * Inserts speakers in batches, skipping names that meanwhile got a speaker of their own.
 * Returns how many were inserted, so that the caller can tell whether it raced another writer.
 */
export async function insertSpeakers(db: Db, speakers: readonly NewSpeaker[]): Promise<number> {
  let inserted = 0;
  for (const batch of insertBatches(speakers.map(withSpeakerSearchText))) {
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
  await refreshSpeakerSearchText(db, [speakerId]);
}

/** A speaker's searched names (name, Latin name, aliases), rebuilt after aliases were added. */
export async function refreshSpeakerSearchText(db: Db, speakerIds: readonly string[]): Promise<void> {
  await refreshDirectorySearchText(db, 'speaker', speakerIds);
}

/**
 * Aliases of any number of speakers, in batches; an alias a speaker already has is kept as it was. Inserts
 * only (ingestion's transaction holds nothing else): the caller refreshes the speakers' search text.
 */
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


export interface SpeakerFieldsUpdate {
  name: string;
  normalized_name: string;
  latin_name: string | null;
  role: string | null;
  kind: string;
  unnamed: number;
}

export async function updateSpeakerFields(db: Db, id: string, fields: SpeakerFieldsUpdate): Promise<void> {
  await db.updateTable('speaker').set(fields).where('id', '=', id).execute();
  await refreshDirectorySearchText(db, 'speaker', [id]);
}

export async function deleteSpeakerAliases(db: Db, speakerId: string, normalizedAliases: readonly string[]): Promise<void> {
  for (const batch of lookupBatches(normalizedAliases)) {
    await db.deleteFrom('speaker_alias').where('speaker_id', '=', speakerId).where('normalized_alias', 'in', batch).execute();
  }
  await refreshDirectorySearchText(db, 'speaker', [speakerId]);
}

/** From the counters kept by triggers. */
export async function countSpeakerClaims(db: Db, speakerId: string): Promise<number> {
  return countClaimsUnderFacet(db, 'speaker', speakerId);
}

export async function listSpeakerClaimIds(db: Db, speakerId: string): Promise<string[]> {
  const rows = await db.selectFrom('claim').select('id').where('speaker_id', '=', speakerId).orderBy('id').execute();
  return rows.map((row) => row.id);
}

export interface SpeakerCorrection {
  actorId: string;
  at: string;
}

/**
 * Gives every claim of one speaker to another, marking them corrected by a person: a claim the engine
 * produced becomes 'edited', one already edited or added by hand keeps its origin.
 */
export async function moveClaimsToSpeaker(db: Db, fromId: string, toId: string, correction: SpeakerCorrection): Promise<void> {
  await db
    .updateTable('claim')
    .set((eb) => ({
      speaker_id: toId,
      edited_by: correction.actorId,
      edited_at: correction.at,
      origin: eb.case().when('origin', '=', 'machine').then('edited').else(eb.ref('origin')).end(),
    }))
    .where('speaker_id', '=', fromId)
    .execute();
}

/** Marks a speaker as merged, and re-points those merged into it earlier so that every redirect is one hop. */
export async function markSpeakerMerged(db: Db, id: string, intoId: string): Promise<void> {
  await db.updateTable('speaker').set({ merged_into: intoId }).where((eb) => eb.or([eb('id', '=', id), eb('merged_into', '=', id)])).execute();
}

export interface SpeakerSuggestion {
  id: string;
  name: string;
  claims: number;
}

export type NameMatch = { kind: 'prefix'; key: string } | { kind: 'contains'; key: string };

/** Escapes LIKE wildcards; the pattern is used with `escape '\'`. */
export function likeContains(key: string): string {
  return `%${key.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * The upper bound of a prefix range: every key that starts with `key` sorts between `key` and this one
 * (U+10FFFF is above every character in UTF-8 byte order), so the unique index on normalized_name serves
 * the lookup where LIKE 'prefix%' could not use it under SQLite's default case-insensitive LIKE.
 */
export function prefixUpperBound(key: string): string {
  return `${key}\u{10FFFF}`;
}

/**
 * Live speakers (not merged, with at least one claim) whose canonical name or an alias matches, most
 * claims first. `excluded` keeps earlier matches out when prefix and contains matches are combined.
 */
export async function findSpeakerSuggestions(db: Db, match: NameMatch, limit: number, excluded: readonly string[] = []): Promise<SpeakerSuggestion[]> {
  const rows = await speakerSuggestionQuery(db, match, limit, excluded).execute();
  return rows.map((row) => ({ id: row.id, name: row.name, claims: Number(row.claims ?? 0) }));
}

/** The suggestion query itself, apart so that its plan can be checked against a full scan. */
export function speakerSuggestionQuery(db: Db, match: NameMatch, limit: number, excluded: readonly string[] = []) {
  const matchingIds = db
    .selectFrom('speaker as by_name')
    .select('by_name.id as id')
    .where((eb) =>
      match.kind === 'prefix'
        ? eb.and([eb('by_name.normalized_name', '>=', match.key), eb('by_name.normalized_name', '<', prefixUpperBound(match.key))])
        : eb('by_name.normalized_name', 'like', sql<string>`${likeContains(match.key)} escape '\\'`),
    )
    .union(
      db
        .selectFrom('speaker_alias')
        .select('speaker_alias.speaker_id as id')
        .where((eb) =>
          match.kind === 'prefix'
            ? eb.and([eb('speaker_alias.normalized_alias', '>=', match.key), eb('speaker_alias.normalized_alias', '<', prefixUpperBound(match.key))])
            : eb('speaker_alias.normalized_alias', 'like', sql<string>`${likeContains(match.key)} escape '\\'`),
        ),
    );
  return db
    .selectFrom('speaker')
    .select(['speaker.id', 'speaker.name', claimsUnderFacet('speaker', 'speaker.id').as('claims')])
    .where('speaker.id', 'in', matchingIds)
    // Not "merged_into is null": SQLite would walk the merged_into index over every live record.
    .where(sql<string>`coalesce(speaker.merged_into, '')`, '=', '')
    .where(claimsUnderFacet('speaker', 'speaker.id'), '>', 0)
    .$if(excluded.length > 0, (qb) => qb.where('speaker.id', 'not in', excluded))
    .orderBy('claims', 'desc')
    .orderBy('speaker.name')
    .limit(limit);
}

/** Live speakers that carry this alias, most claims first. */
export async function findSpeakersByAlias(db: Db, normalizedAlias: string): Promise<SpeakerSuggestion[]> {
  const rows = await db
    .selectFrom('speaker_alias')
    .innerJoin('speaker', 'speaker.id', 'speaker_alias.speaker_id')
    .select(['speaker.id', 'speaker.name', claimsUnderFacet('speaker', 'speaker.id').as('claims')])
    .where('speaker_alias.normalized_alias', '=', normalizedAlias)
    .where('speaker.merged_into', 'is', null)
    .orderBy('claims', 'desc')
    .orderBy('speaker.name')
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, claims: Number(row.claims ?? 0) }));
}

/**
 * Locks speakers until the transaction ends, so that two merges or edits of the same records run one
 * after the other (two crossed merges would otherwise point each record at the other). SQLite needs no
 * row lock: its write transactions already run one at a time.
 */
export async function lockSpeakers(trx: Db, ids: readonly string[]): Promise<void> {
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) return;
  await trx.selectFrom('speaker').select('id').where('id', 'in', [...ids]).orderBy('id').forUpdate().execute();
}
