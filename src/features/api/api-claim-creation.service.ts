import type { Db } from '../../db/connect.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { parseChain, type ClaimEditorValues, type HopValues } from '../corrections/claim-edits.schema.ts';
import { addClaim, editClaim } from '../corrections/claim-edits.service.ts';
import { getOutletProfile } from '../outlets/outlets.service.ts';
import type { Actor } from '../review/review.service.ts';
import { getSpeakerProfile } from '../speakers/speakers.service.ts';
import type { ClaimCreationBody } from './api.schema.ts';
import { getClaimDetail } from './api.service.ts';

const DEFAULT_KIND = 'factual';

/** A record the body names by id: unknown, it is a field to correct (422), not a missing address (404). */
async function nameOfRecord(find: () => Promise<string>, field: string, what: string): Promise<string> {
  try {
    return await find();
  } catch (error) {
    if (error instanceof NotFoundError) throw new ValidationError({ [field]: `No ${what} has this id.` });
    throw error;
  }
}

async function speakerNameOf(db: Db, body: ClaimCreationBody): Promise<string> {
  if (body.speakerId === undefined) return body.speakerName ?? '';
  const id = body.speakerId;
  return nameOfRecord(async () => (await getSpeakerProfile(db, id)).speaker.name, 'speakerId', 'speaker');
}

async function chainOf(db: Db, outlets: NonNullable<ClaimCreationBody['outlets']>): Promise<HopValues[]> {
  const hops: HopValues[] = [];
  for (const [index, hop] of outlets.entries()) {
    const id = hop.outletId;
    const outlet = id === undefined ? (hop.name ?? '') : await nameOfRecord(async () => (await getOutletProfile(db, id)).outlet.name, `outlets.${index}.outletId`, 'outlet');
    hops.push({ id: '', outlet, role: hop.role });
  }
  return hops;
}

/** The correction services name fields as the claim form does; the API names them as its body does. */
async function inApiTerms<T>(body: ClaimCreationBody, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof NotFoundError && error.entity === 'Article') throw new ValidationError({ articleId: 'No article has this id.' });
    if (!(error instanceof ValidationError)) throw error;
    const speakerField = body.speakerId === undefined ? 'speakerName' : 'speakerId';
    const renamed: Record<string, string> = { speaker: speakerField, chain: 'outlets' };
    throw new ValidationError(Object.fromEntries(Object.entries(error.fieldErrors).map(([field, message]) => [renamed[field] ?? field, message])));
  }
}

/**
 * A claim the engine missed, added through the claim correction service. Its chain, when given, is
 * checked before anything is written and then set as the claim's first correction, so the history
 * tells who added which outlets.
 */
export async function createClaim(db: Db, body: ClaimCreationBody, actor: Actor) {
  const speaker = await speakerNameOf(db, body);
  const hops = await chainOf(db, body.outlets ?? []);
  const values: ClaimEditorValues = {
    start: String(body.start),
    end: String(body.end),
    speaker,
    newSpeaker: body.newSpeaker ?? false,
    cue: body.cue ?? '',
    kind: body.kind ?? DEFAULT_KIND,
    hops: [],
    newHopOutlet: '',
    newHopRole: '',
  };
  const withChain = { ...values, hops };
  return inApiTerms(body, async () => {
    parseChain(withChain);
    const claim = await addClaim(db, { articleId: body.articleId, values, actor });
    if (hops.length > 0) await editClaim(db, { claimId: claim.id, expectedVersion: claim.version, values: withChain, actor });
    return getClaimDetail(db, claim.id);
  });
}
