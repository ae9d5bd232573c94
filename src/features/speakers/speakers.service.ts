import type { Db } from '../../db/connect.ts';
import type { SpeakerRow } from '../../db/schema.ts';
import { newId, nowIso } from '../../ids.ts';
import { nameKey } from '../../text/name-key.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts';
import { msg } from '../../i18n/translate.ts';
import { recordDeskEvent } from '../activity/desk-events.repository.ts';
import { insertReviewEvents } from '../review/review.repository.ts';
import { aliasRows, describeAliasChanges, diffAliases, impliedAliases, type AliasChanges } from './aliases.ts';
import {
  countSpeakerClaims,
  deleteSpeakerAliases,
  findSpeakerById,
  findSpeakerByNormalizedName,
  findSpeakersByAlias,
  findSpeakerSuggestions,
  insertSpeaker,
  insertSpeakerAliases,
  listSpeakerAliases,
  listSpeakerClaimIds,
  lockSpeakers,
  markSpeakerMerged,
  moveClaimsToSpeaker,
  updateSpeakerFields,
  type SpeakerSuggestion,
} from './speakers.repository.ts';
import type { SpeakerEditForm, SpeakerFields } from './speakers.schema.ts';
import { indexClaims } from '../clusters/clusters.service.ts';
import { refreshQuoteDriftOfClaims } from '../clusters/quote-drift.service.ts';

export interface SpeakerInput {
  name: string;
  aliases: string[];
  unnamed: boolean;
  kind?: string;
  role?: string | null;
}

/** Who makes a correction: recorded in the audit rows. */
export interface Actor {
  id: string;
  name: string;
}

/**
 * Speakers are matched across articles by their canonical name only: aliases such as
 * "the expert" are local to one article and would merge different people. A name the desk merged
 * into another speaker stays taken by the merged record, which points at the speaker it became.
 */
export async function findOrCreateSpeaker(db: Db, input: SpeakerInput): Promise<SpeakerRow> {
  const normalizedName = nameKey(input.name);
  let speaker = await findSpeakerByNormalizedName(db, normalizedName);
  if (speaker?.merged_into) speaker = (await findSpeakerById(db, speaker.merged_into)) ?? speaker;
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
  await insertSpeakerAliases(db, speaker.id, aliasRows(speaker.normalized_name, input.aliases));
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

function fieldsOf(speaker: SpeakerRow): SpeakerFields {
  return { name: speaker.name, latinName: speaker.latin_name ?? '', role: speaker.role ?? '', kind: speaker.kind };
}

function changedFields(before: SpeakerFields, after: SpeakerFields): Array<keyof SpeakerFields> {
  return (Object.keys(before) as Array<keyof SpeakerFields>).filter((field) => before[field] !== after[field]);
}

/**
 * Saves an editor's corrections to a speaker. The form carries the values it showed: if any of them
 * changed meanwhile the edit is refused with the current profile. Aliases are applied as the difference
 * between what the form showed and what was submitted, so aliases added meanwhile are kept.
 */
export async function editSpeaker(db: Db, id: string, form: SpeakerEditForm, actor: Actor): Promise<SpeakerProfile> {
  return db.transaction().execute(async (trx) => {
    await lockSpeakers(trx, [id]);
    const profile = await getSpeakerProfile(trx, id);
    const { speaker } = profile;
    if (speaker.merged_into) throw new ConflictError(msg('speaker.conflict.merged'), profile);
    if (changedFields(form.seen, fieldsOf(speaker)).length > 0) {
      throw new ConflictError(msg('speaker.conflict.changed'), profile);
    }
    const normalizedName = nameKey(form.fields.name);
    const namesake = normalizedName === speaker.normalized_name ? undefined : await findSpeakerByNormalizedName(trx, normalizedName);
    if (namesake) {
      throw new ValidationError({ name: msg('speaker.invalid.namesake', { name: namesake.name }) });
    }
    const fieldChanges = changedFields(fieldsOf(speaker), form.fields);
    const aliases = [...form.aliases, ...impliedAliases(speaker.name, form.fields.name, form.fields.latinName)];
    const aliasChanges = await applyAliasChanges(trx, speaker.id, normalizedName, profile.aliases, { ...form, aliases });
    if (fieldChanges.length === 0 && aliasChanges.added.length + aliasChanges.removed.length === 0) return profile;
    const { name, latinName, role, kind } = form.fields;
    await updateSpeakerFields(trx, speaker.id, {
      name,
      normalized_name: normalizedName,
      latin_name: latinName || null,
      role: role || null,
      kind,
      // The engine may mark a person-like phrase as unnamed; only a change of kind says otherwise.
      unnamed: kind === speaker.kind ? speaker.unnamed : kind === 'unnamed' ? 1 : 0,
    });
    const after = await getSpeakerProfile(trx, speaker.id);
    await recordDeskEvent(trx, {
      actor_id: actor.id,
      actor: actor.name,
      action: 'speaker.edit',
      target_type: 'speaker',
      target_id: speaker.id,
      summary: editSummary(speaker.name, name, fieldChanges, aliasChanges),
      before: { ...fieldsOf(speaker), aliases: profile.aliases },
      after: { ...fieldsOf(after.speaker), aliases: after.aliases },
    });
    return after;
  });
}

async function applyAliasChanges(trx: Db, speakerId: string, canonicalKey: string, current: readonly string[], form: SpeakerEditForm): Promise<AliasChanges> {
  const changes = diffAliases(canonicalKey, current, form.seenAliases, form.aliases);
  await deleteSpeakerAliases(trx, speakerId, changes.removed.map(nameKey));
  await insertSpeakerAliases(trx, speakerId, changes.added);
  return changes;
}

function editSummary(oldName: string, newName: string, fields: readonly string[], aliases: AliasChanges): string {
  const parts: string[] = [];
  if (fields.includes('name')) parts.push(`renamed to «${newName}»`);
  const others = fields.filter((field) => field !== 'name').map((field) => (field === 'latinName' ? 'Latin name' : field));
  if (others.length > 0) parts.push(`changed ${others.join(', ')}`);
  return `Speaker «${oldName}»: ${[...parts, ...describeAliasChanges(aliases)].join('; ')}`;
}

export const MAX_SUGGESTIONS = 20;

/**
 * Speakers for a type-ahead: names and aliases that start with what was typed, then (from two
 * characters on) those that contain it, most claims first. Merged speakers and speakers without
 * claims are never offered.
 */
export async function suggestSpeakers(db: Db, query: string, limit = MAX_SUGGESTIONS): Promise<SpeakerSuggestion[]> {
  const key = nameKey(query);
  const wanted = Math.max(1, Math.min(limit, MAX_SUGGESTIONS));
  if (key.length < 1) return [];
  const byPrefix = await findSpeakerSuggestions(db, { kind: 'prefix', key }, wanted);
  if (byPrefix.length >= wanted || key.length < 2) return byPrefix;
  const byContent = await findSpeakerSuggestions(db, { kind: 'contains', key }, wanted - byPrefix.length, byPrefix.map((s) => s.id));
  return [...byPrefix, ...byContent];
}

/**
 * The live speaker a typed name means: the speaker of that canonical name (or the one it was merged
 * into), else the speaker with the most claims among those carrying it as an alias.
 */
export async function resolveSpeakerName(db: Db, typed: string): Promise<SpeakerRow | undefined> {
  const key = nameKey(typed);
  if (!key) return undefined;
  const named = await findSpeakerByNormalizedName(db, key);
  if (named) return named.merged_into ? findSpeakerById(db, named.merged_into) : named;
  const [byAlias] = await findSpeakersByAlias(db, key);
  return byAlias ? findSpeakerById(db, byAlias.id) : undefined;
}

export interface SpeakerMergePlan {
  from: SpeakerRow;
  into: SpeakerRow;
  fromClaims: number;
  intoClaims: number;
}

/** Checks a merge before the editor confirms it: the target must be another speaker, not merged itself. */
export async function planSpeakerMerge(db: Db, fromId: string, target: { id?: string; name?: string }): Promise<SpeakerMergePlan> {
  const from = await findSpeakerById(db, fromId);
  if (!from) throw new NotFoundError('Speaker', fromId);
  if (from.merged_into) throw new ConflictError(msg('speaker.conflict.alreadyMerged'), { from });
  const into = target.id ? await findSpeakerById(db, target.id) : target.name ? await resolveSpeakerName(db, target.name) : undefined;
  if (!into) {
    throw new ValidationError({ into: target.name ? msg('speaker.invalid.noSuchTarget', { name: target.name }) : msg('speaker.invalid.noTarget') });
  }
  if (into.id === from.id) throw new ValidationError({ into: msg('speaker.invalid.self') });
  if (into.merged_into) throw new ValidationError({ into: msg('speaker.invalid.targetMerged', { name: into.name }) });
  return { from, into, fromClaims: await countSpeakerClaims(db, from.id), intoClaims: await countSpeakerClaims(db, into.id) };
}

export interface SpeakerMergeResult {
  into: SpeakerRow;
  movedClaimIds: string[];
}

/**
 * Merges one speaker into another in one transaction: its claims move, its name and aliases become the
 * target's aliases, it points at the target from now on, and the audit rows are written (one desk
 * event, one review event per claim moved).
 */
export async function mergeSpeakers(db: Db, fromId: string, intoId: string, actor: Actor): Promise<SpeakerMergeResult> {
  const merged = await db.transaction().execute(async (trx) => {
    await lockSpeakers(trx, [fromId, intoId]);
    const { from, into } = await planSpeakerMerge(trx, fromId, { id: intoId });
    const at = nowIso();
    const movedClaimIds = await listSpeakerClaimIds(trx, from.id);
    const fromAliases = await listSpeakerAliases(trx, from.id);
    const intoAliasesBefore = await listSpeakerAliases(trx, into.id);
    await moveClaimsToSpeaker(trx, from.id, into.id, { actorId: actor.id, at });
    await insertSpeakerAliases(trx, into.id, aliasRows(into.normalized_name, [from.name, ...fromAliases]));
    await markSpeakerMerged(trx, from.id, into.id);
    await insertReviewEvents(
      trx,
      movedClaimIds.map((claimId) => ({
        id: newId(),
        claim_id: claimId,
        actor: actor.name,
        actor_id: actor.id,
        field: 'speaker',
        from_value: from.name,
        to_value: into.name,
        note: `Speaker «${from.name}» merged into «${into.name}».`,
        created_at: at,
        hop_id: null,
        note_id: null,
      })),
    );
    await recordDeskEvent(trx, {
      actor_id: actor.id,
      actor: actor.name,
      action: 'speaker.merge',
      target_type: 'speaker',
      target_id: from.id,
      summary: `Merged speaker «${from.name}» into «${into.name}»: ${movedClaimIds.length} claim${movedClaimIds.length === 1 ? '' : 's'} moved.`,
      before: { from: { id: from.id, name: from.name, aliases: fromAliases, claims: movedClaimIds.length }, into: { id: into.id, name: into.name, aliases: intoAliasesBefore } },
      after: { from: { id: from.id, mergedInto: into.id }, into: { id: into.id, name: into.name, aliases: await listSpeakerAliases(trx, into.id) }, movedClaimIds },
      at,
    });
    return { into, movedClaimIds };
  });
  // One speaker now: the moved claims match the other name's claims with the same-speaker weight (and
  // without its words), and their quotes compare with its appearances in their clusters.
  await indexClaims(db, merged.movedClaimIds);
  await refreshQuoteDriftOfClaims(db, merged.movedClaimIds);
  return merged;
}
