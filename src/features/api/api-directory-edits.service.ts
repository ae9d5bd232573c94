// Speaker and outlet corrections for the API. The web forms detect a change made meanwhile by sending
// back every value they showed; an API client sends one opaque version instead, derived from the same
// values, and the services' own checks then run on the values that version stands for.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import type { OutletRow, SpeakerRow } from '../../db/schema.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts';
import { editOutlet, getOutletProfile, mergeOutlets, type OutletProfile } from '../outlets/outlets.service.ts';
import { parseOutletForm, type OutletFields } from '../outlets/outlets.schema.ts';
import { editSpeaker, getSpeakerProfile, mergeSpeakers, type Actor, type SpeakerProfile } from '../speakers/speakers.service.ts';
import { parseSpeakerForm, type SpeakerFields } from '../speakers/speakers.schema.ts';
import type { OutletPatch, SpeakerPatch } from './api.schema.ts';
import { toApiOutlet, toApiSpeaker } from './api-views.ts';

/** Changes whenever a value an editor can change does, aliases included, so a stale list cannot drop new aliases. */
function recordVersion(fields: SpeakerFields | OutletFields, aliases: readonly string[]): string {
  const state = JSON.stringify([Object.entries(fields).sort(([a], [b]) => a.localeCompare(b)), [...aliases].sort()]);
  return createHash('sha256').update(state).digest('base64url').slice(0, 22);
}

function speakerFields(speaker: SpeakerRow): SpeakerFields {
  return { name: speaker.name, latinName: speaker.latin_name ?? '', role: speaker.role ?? '', kind: speaker.kind };
}

function outletFields(outlet: OutletRow): OutletFields {
  return { name: outlet.name, latinName: outlet.latin_name ?? '', kind: outlet.kind, country: outlet.country ?? '', url: outlet.url ?? '' };
}

export function toApiSpeakerDetail({ speaker, aliases }: SpeakerProfile) {
  return { ...toApiSpeaker(speaker), aliases, version: recordVersion(speakerFields(speaker), aliases) };
}

export function toApiOutletDetail({ outlet, aliases, roles }: OutletProfile) {
  return { ...toApiOutlet(outlet), aliases, roles, version: recordVersion(outletFields(outlet), aliases) };
}

export async function getSpeakerDetail(db: Db, id: string) {
  return toApiSpeakerDetail(await getSpeakerProfile(db, id));
}

export async function getOutletDetail(db: Db, id: string) {
  return toApiOutletDetail(await getOutletProfile(db, id));
}

function refuseStale(kind: 'speaker' | 'outlet', current: string, sent: string): void {
  if (current !== sent) {
    throw new ConflictError(`The ${kind} changed since you read it (version ${sent}, now ${current}): read it again and re-apply your change.`, null);
  }
}

/** A form body as the web form would post it, so that the form's own rules check the merged values. */
function formBody(fields: object, aliases: readonly string[], seen: object, seenAliases: readonly string[]): Record<string, string> {
  const seenEntries = Object.entries(seen).map(([name, value]) => [`seen_${name}`, String(value)]);
  return { ...(fields as Record<string, string>), aliases: aliases.join('\n'), ...Object.fromEntries(seenEntries), seen_aliases: seenAliases.join('\n') };
}

const kept = (value: string | null | undefined, current: string): string => (value === undefined ? current : (value ?? ''));

export async function changeSpeaker(db: Db, id: string, patch: SpeakerPatch, actor: Actor) {
  const profile = await getSpeakerProfile(db, id);
  const seen = speakerFields(profile.speaker);
  refuseStale('speaker', recordVersion(seen, profile.aliases), patch.version);
  const fields: SpeakerFields = {
    name: patch.name ?? seen.name,
    latinName: kept(patch.latinName, seen.latinName),
    role: kept(patch.role, seen.role),
    kind: patch.kind ?? seen.kind,
  };
  const form = parseSpeakerForm(formBody(fields, patch.aliases ?? profile.aliases, seen, profile.aliases));
  return toApiSpeakerDetail(await editSpeaker(db, id, form, actor));
}

export async function changeOutlet(db: Db, id: string, patch: OutletPatch, actor: Actor) {
  const profile = await getOutletProfile(db, id);
  const seen = outletFields(profile.outlet);
  refuseStale('outlet', recordVersion(seen, profile.aliases), patch.version);
  const fields: OutletFields = {
    name: patch.name ?? seen.name,
    latinName: kept(patch.latinName, seen.latinName),
    kind: patch.kind ?? seen.kind,
    country: kept(patch.country, seen.country),
    url: kept(patch.url, seen.url),
  };
  const form = parseOutletForm(formBody(fields, patch.aliases ?? profile.aliases, seen, profile.aliases));
  return toApiOutletDetail(await editOutlet(db, id, form, actor));
}

export interface ApiMerge<Detail> {
  record: Detail;
  movedClaimIds: string[];
}

/** The merged record first (404 when unknown), then the target, which the body names: unknown, it is a field to correct. */
async function requireMergeTarget(findFrom: () => Promise<unknown>, findInto: () => Promise<unknown>, what: string): Promise<void> {
  await findFrom();
  try {
    await findInto();
  } catch (error) {
    if (error instanceof NotFoundError) throw new ValidationError({ into: `No ${what} has this id.` });
    throw error;
  }
}

export async function mergeSpeaker(db: Db, id: string, intoId: string, actor: Actor): Promise<ApiMerge<ReturnType<typeof toApiSpeakerDetail>>> {
  await requireMergeTarget(() => getSpeakerProfile(db, id), () => getSpeakerProfile(db, intoId), 'speaker');
  const { into, movedClaimIds } = await mergeSpeakers(db, id, intoId, actor);
  return { record: await getSpeakerDetail(db, into.id), movedClaimIds };
}

export async function mergeOutlet(db: Db, id: string, intoId: string, actor: Actor): Promise<ApiMerge<ReturnType<typeof toApiOutletDetail>>> {
  await requireMergeTarget(() => getOutletProfile(db, id), () => getOutletProfile(db, intoId), 'outlet');
  const { into, movedClaimIds } = await mergeOutlets(db, id, intoId, actor);
  return { record: await getOutletDetail(db, into.id), movedClaimIds };
}
