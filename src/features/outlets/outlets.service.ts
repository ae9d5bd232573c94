import type { Db } from '../../db/connect.ts';
import type { OutletRow } from '../../db/schema.ts';
import { newId, nowIso } from '../../ids.ts';
import { nameKey } from '../../text/name-key.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts';
import { msg } from '../../i18n/translate.ts';
import { OUTLET_ROLES, type OutletRole } from '../../domain/outlet-roles.ts';
import { recordDeskEvent } from '../activity/desk-events.repository.ts';
import { insertReviewEvents } from '../review/review.repository.ts';
import { aliasRows, describeAliasChanges, diffAliases, impliedAliases } from '../speakers/aliases.ts';
import type { Actor } from '../speakers/speakers.service.ts';
import {
  countOutletClaims,
  countOutletHopsByRole,
  deleteOutletAliases,
  findOutletById,
  findOutletByNormalizedName,
  findOutletsByAlias,
  findOutletSuggestions,
  insertOutlet,
  insertOutletAliases,
  listOutletAliases,
  lockOutlets,
  updateOutletFields,
  type OutletSuggestion,
} from './outlets.repository.ts';
import { mergeOutletHops } from './outlet-merge.ts';
import type { OutletEditForm, OutletFields } from './outlets.schema.ts';

export interface OutletInput {
  name: string;
  kind: string;
  url?: string | null;
  country?: string | null;
}

/**
 * One outlet record per name across all articles, so its claims can be listed together. A name the
 * desk merged into another outlet stays taken by the merged record, which points at the outlet it became.
 */
export async function findOrCreateOutlet(db: Db, input: OutletInput): Promise<OutletRow> {
  const normalizedName = nameKey(input.name);
  const existing = await findOutletByNormalizedName(db, normalizedName);
  if (existing?.merged_into) return (await findOutletById(db, existing.merged_into)) ?? existing;
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
  aliases: string[];
  roles: Array<{ role: OutletRole; count: number }>;
}

export async function getOutletProfile(db: Db, id: string): Promise<OutletProfile> {
  const outlet = await findOutletById(db, id);
  if (!outlet) throw new NotFoundError('Outlet', id);
  const counts = await countOutletHopsByRole(db, id);
  return {
    outlet,
    aliases: await listOutletAliases(db, id),
    roles: OUTLET_ROLES.map((role) => ({ role, count: counts.get(role) ?? 0 })).filter((entry) => entry.count > 0),
  };
}

function fieldsOf(outlet: OutletRow): OutletFields {
  return { name: outlet.name, latinName: outlet.latin_name ?? '', kind: outlet.kind, country: outlet.country ?? '', url: outlet.url ?? '' };
}

function changedFields(before: OutletFields, after: OutletFields): Array<keyof OutletFields> {
  return (Object.keys(before) as Array<keyof OutletFields>).filter((field) => before[field] !== after[field]);
}

/**
 * Saves an editor's corrections to an outlet; refused with the current profile when a value the form
 * showed changed meanwhile. Aliases are applied as the difference between what the form showed and
 * what was submitted.
 */
export async function editOutlet(db: Db, id: string, form: OutletEditForm, actor: Actor): Promise<OutletProfile> {
  return db.transaction().execute(async (trx) => {
    await lockOutlets(trx, [id]);
    const profile = await getOutletProfile(trx, id);
    const { outlet } = profile;
    if (outlet.merged_into) throw new ConflictError(msg('outlet.conflict.merged'), profile);
    if (changedFields(form.seen, fieldsOf(outlet)).length > 0) {
      throw new ConflictError(msg('outlet.conflict.changed'), profile);
    }
    const normalizedName = nameKey(form.fields.name);
    const namesake = normalizedName === outlet.normalized_name ? undefined : await findOutletByNormalizedName(trx, normalizedName);
    if (namesake) throw new ValidationError({ name: msg('outlet.invalid.namesake', { name: namesake.name }) });
    const fieldChanges = changedFields(fieldsOf(outlet), form.fields);
    const aliases = [...form.aliases, ...impliedAliases(outlet.name, form.fields.name, form.fields.latinName)];
    const aliasChanges = diffAliases(normalizedName, profile.aliases, form.seenAliases, aliases);
    if (fieldChanges.length === 0 && aliasChanges.added.length + aliasChanges.removed.length === 0) return profile;
    await deleteOutletAliases(trx, outlet.id, aliasChanges.removed.map(nameKey));
    await insertOutletAliases(trx, outlet.id, aliasChanges.added);
    const { name, latinName, kind, country, url } = form.fields;
    await updateOutletFields(trx, outlet.id, { name, normalized_name: normalizedName, latin_name: latinName || null, kind, country: country || null, url: url || null });
    const after = await getOutletProfile(trx, outlet.id);
    const parts = [
      ...(fieldChanges.includes('name') ? [`renamed to «${name}»`] : []),
      ...(fieldChanges.some((f) => f !== 'name') ? [`changed ${fieldChanges.filter((f) => f !== 'name').map((f) => (f === 'latinName' ? 'Latin name' : f)).join(', ')}`] : []),
      ...describeAliasChanges(aliasChanges),
    ];
    await recordDeskEvent(trx, {
      actor_id: actor.id,
      actor: actor.name,
      action: 'outlet.edit',
      target_type: 'outlet',
      target_id: outlet.id,
      summary: `Outlet «${outlet.name}»: ${parts.join('; ')}`,
      before: { ...fieldsOf(outlet), aliases: profile.aliases },
      after: { ...fieldsOf(after.outlet), aliases: after.aliases },
    });
    return after;
  });
}

export const MAX_SUGGESTIONS = 20;

/** Outlets for a type-ahead: prefix matches on name and aliases, then (from two characters) contains matches. */
export async function suggestOutlets(db: Db, query: string, limit = MAX_SUGGESTIONS): Promise<OutletSuggestion[]> {
  const key = nameKey(query);
  const wanted = Math.max(1, Math.min(limit, MAX_SUGGESTIONS));
  if (key.length < 1) return [];
  const byPrefix = await findOutletSuggestions(db, { kind: 'prefix', key }, wanted);
  if (byPrefix.length >= wanted || key.length < 2) return byPrefix;
  const byContent = await findOutletSuggestions(db, { kind: 'contains', key }, wanted - byPrefix.length, byPrefix.map((o) => o.id));
  return [...byPrefix, ...byContent];
}

/** The live outlet a typed name means: by canonical name (following a merge), else by alias. */
export async function resolveOutletName(db: Db, typed: string): Promise<OutletRow | undefined> {
  const key = nameKey(typed);
  if (!key) return undefined;
  const named = await findOutletByNormalizedName(db, key);
  if (named) return named.merged_into ? findOutletById(db, named.merged_into) : named;
  const [byAlias] = await findOutletsByAlias(db, key);
  return byAlias ? findOutletById(db, byAlias.id) : undefined;
}

export interface OutletMergePlan {
  from: OutletRow;
  into: OutletRow;
  fromClaims: number;
  intoClaims: number;
}

export async function planOutletMerge(db: Db, fromId: string, target: { id?: string; name?: string }): Promise<OutletMergePlan> {
  const from = await findOutletById(db, fromId);
  if (!from) throw new NotFoundError('Outlet', fromId);
  if (from.merged_into) throw new ConflictError(msg('outlet.conflict.alreadyMerged'), { from });
  const into = target.id ? await findOutletById(db, target.id) : target.name ? await resolveOutletName(db, target.name) : undefined;
  if (!into) throw new ValidationError({ into: target.name ? msg('outlet.invalid.noSuchTarget', { name: target.name }) : msg('outlet.invalid.noTarget') });
  if (into.id === from.id) throw new ValidationError({ into: msg('outlet.invalid.self') });
  if (into.merged_into) throw new ValidationError({ into: msg('outlet.invalid.targetMerged', { name: into.name }) });
  return { from, into, fromClaims: await countOutletClaims(db, from.id), intoClaims: await countOutletClaims(db, into.id) };
}

export interface OutletMergeResult {
  into: OutletRow;
  movedClaimIds: string[];
}

/**
 * Merges one outlet into another in one transaction: its hops and published articles move, a claim
 * that had both outlets in the same role keeps one hop, its names become the target's aliases, it
 * points at the target from now on, and the audit rows are written.
 */
export async function mergeOutlets(db: Db, fromId: string, intoId: string, actor: Actor): Promise<OutletMergeResult> {
  return db.transaction().execute(async (trx) => {
    await lockOutlets(trx, [fromId, intoId]);
    const { from, into } = await planOutletMerge(trx, fromId, { id: intoId });
    const at = nowIso();
    const fromAliases = await listOutletAliases(trx, from.id);
    const intoAliasesBefore = await listOutletAliases(trx, into.id);
    const hops = await mergeOutletHops(trx, from.id, into.id, { actorId: actor.id, at });
    await insertOutletAliases(trx, into.id, aliasRows(into.normalized_name, [from.name, ...fromAliases]));
    await recordOutletMerge(trx, { from, into, actor, at, hops, fromAliases, intoAliasesBefore });
    return { into, movedClaimIds: hops.claimIds };
  });
}

interface OutletMergeRecord {
  from: OutletRow;
  into: OutletRow;
  actor: Actor;
  at: string;
  hops: Awaited<ReturnType<typeof mergeOutletHops>>;
  fromAliases: string[];
  intoAliasesBefore: string[];
}

async function recordOutletMerge(trx: Db, { from, into, actor, at, hops, fromAliases, intoAliasesBefore }: OutletMergeRecord): Promise<void> {
  const merged = new Set(hops.collapsedClaimIds);
  await insertReviewEvents(
    trx,
    hops.claimIds.map((claimId) => ({
      id: newId(),
      claim_id: claimId,
      actor: actor.name,
      actor_id: actor.id,
      field: 'chain',
      from_value: hops.chainsBefore.get(claimId) ?? from.name,
      to_value: hops.chainsAfter.get(claimId) ?? into.name,
      note: `Outlet «${from.name}» merged into «${into.name}»${merged.has(claimId) ? '; the chain already had it in the same role, so one hop was kept' : ''}.`,
      created_at: at,
      hop_id: null,
      note_id: null,
    })),
  );
  const n = hops.claimIds.length;
  await recordDeskEvent(trx, {
    actor_id: actor.id,
    actor: actor.name,
    action: 'outlet.merge',
    target_type: 'outlet',
    target_id: from.id,
    summary: `Merged outlet «${from.name}» into «${into.name}»: ${n} claim${n === 1 ? '' : 's'} moved, ${hops.articlesMoved} article${hops.articlesMoved === 1 ? '' : 's'} re-attributed.`,
    before: { from: { id: from.id, name: from.name, aliases: fromAliases, claims: n }, into: { id: into.id, name: into.name, aliases: intoAliasesBefore } },
    after: {
      from: { id: from.id, mergedInto: into.id },
      into: { id: into.id, name: into.name, aliases: await listOutletAliases(trx, into.id) },
      movedClaimIds: hops.claimIds,
      removedHopIds: hops.removedHopIds,
      articlesMoved: hops.articlesMoved,
    },
    at,
  });
}
