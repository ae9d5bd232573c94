import { type ExpressionBuilder } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Database, NewAttributionHop } from '../../db/schema.ts';
import { INITIAL_STATUS } from '../../domain/claim-status.ts';
import { lookupBatches } from '../../db/batches.ts';

/** The attribution verdict a claim starts with. */
const INITIAL_ATTRIBUTION = 'unchecked';

/**
 * A claim no person has touched: the engine's, never edited, with no verdict, note, assignment,
 * history, summary or publication. Only such claims may be changed or removed by a re-extraction.
 */
function untouched(eb: ExpressionBuilder<Database, 'claim'>) {
  return eb.and([
    eb('claim.origin', '=', 'machine'),
    eb('claim.edited_by', 'is', null),
    eb('claim.assignee_id', 'is', null),
    eb('claim.status', '=', INITIAL_STATUS),
    eb('claim.attribution_status', '=', INITIAL_ATTRIBUTION),
    eb('claim.summary', 'is', null),
    eb('claim.published_at', 'is', null),
    eb.not(eb.exists(eb.selectFrom('review_event').select('review_event.id').whereRef('review_event.claim_id', '=', 'claim.id'))),
    eb.not(eb.exists(eb.selectFrom('note').select('note.id').whereRef('note.claim_id', '=', 'claim.id'))),
  ]);
}

export interface StoredClaim {
  id: string;
  text: string;
  start_offset: number;
  end_offset: number;
  speaker_id: string | null;
  cue: string;
  kind: string;
  checkworthiness: number;
  prefix: string;
  suffix: string;
  speaker_mention_start: number | null;
  speaker_mention_end: number | null;
  speaker_mention_text: string | null;
  /** A person touched it (see untouched): re-extraction keeps it as it is. */
  touched: boolean;
}

export async function listStoredClaims(db: Db, articleId: string): Promise<StoredClaim[]> {
  const rows = await db
    .selectFrom('claim')
    .select((eb) => [
      'claim.id',
      'claim.text',
      'claim.start_offset',
      'claim.end_offset',
      'claim.speaker_id',
      'claim.cue',
      'claim.kind',
      'claim.checkworthiness',
      'claim.prefix',
      'claim.suffix',
      'claim.speaker_mention_start',
      'claim.speaker_mention_end',
      'claim.speaker_mention_text',
      eb.case().when(untouched(eb)).then(0).else(1).end().as('touched'),
    ])
    .where('claim.article_id', '=', articleId)
    .orderBy('claim.start_offset')
    .orderBy('claim.id')
    .execute();
  return rows.map((row) => ({ ...row, checkworthiness: Number(row.checkworthiness), touched: Number(row.touched) === 1 }));
}

export interface StoredHop {
  claim_id: string;
  outlet_id: string;
  role: string;
  position: number;
  url: string | null;
}

export async function listStoredHops(db: Db, claimIds: readonly string[]): Promise<StoredHop[]> {
  const hops: StoredHop[] = [];
  for (const batch of lookupBatches(claimIds)) {
    const rows = await db
      .selectFrom('attribution_hop')
      .select(['claim_id', 'outlet_id', 'role', 'position', 'url'])
      .where('claim_id', 'in', batch)
      .orderBy('claim_id')
      .orderBy('position')
      .execute();
    hops.push(...rows);
  }
  return hops;
}

/** Removes untouched claims only; returns how many went, so a claim touched meanwhile is noticed. */
export async function deleteUntouchedClaims(db: Db, claimIds: readonly string[]): Promise<number> {
  let deleted = 0;
  for (const batch of lookupBatches(claimIds)) {
    await db.deleteFrom('attribution_hop').where('claim_id', 'in', (eb) => eb.selectFrom('claim').select('claim.id').where('claim.id', 'in', batch).where(untouched)).execute();
    const result = await db.deleteFrom('claim').where('claim.id', 'in', batch).where(untouched).executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}

export interface ClaimExtractionFields {
  speaker_id: string | null;
  cue: string;
  kind: string;
  checkworthiness: number;
  prefix: string;
  suffix: string;
  speaker_mention_start: number | null;
  speaker_mention_end: number | null;
  speaker_mention_text: string | null;
}

/** Gives an untouched claim what the engine now says of it, chain included; false when it was touched meanwhile. */
export async function updateUntouchedClaim(db: Db, claimId: string, fields: ClaimExtractionFields, hops: readonly NewAttributionHop[]): Promise<boolean> {
  const result = await db
    .updateTable('claim')
    .set((eb) => ({ ...fields, version: eb('version', '+', 1) }))
    .where('claim.id', '=', claimId)
    .where(untouched)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await db.deleteFrom('attribution_hop').where('claim_id', '=', claimId).execute();
  if (hops.length > 0) await db.insertInto('attribution_hop').values([...hops]).execute();
  return true;
}
