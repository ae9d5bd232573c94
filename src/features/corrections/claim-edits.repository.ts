import type { Db } from '../../db/connect.ts';
import type { NewAttributionHop, NewReviewEvent, SpeakerRow } from '../../db/schema.ts';
import { searchIndexText } from '../../text/search.ts';

export async function findArticleBody(db: Db, articleId: string): Promise<{ id: string; body: string; title: string } | undefined> {
  return db.selectFrom('article').select(['id', 'body', 'title']).where('id', '=', articleId).executeTakeFirst();
}

/** Speakers one of whose aliases has this key, oldest first, so a shared alias resolves the same way every time. */
export async function findSpeakersByAlias(db: Db, normalizedAlias: string): Promise<SpeakerRow[]> {
  return db
    .selectFrom('speaker_alias')
    .innerJoin('speaker', 'speaker.id', 'speaker_alias.speaker_id')
    .selectAll('speaker')
    .where('speaker_alias.normalized_alias', '=', normalizedAlias)
    .orderBy('speaker.created_at')
    .orderBy('speaker.id')
    .execute();
}

export interface ClaimCorrection {
  claimId: string;
  expectedVersion: number;
  speakerId: string | null;
  text: string;
  startOffset: number;
  endOffset: number;
  prefix: string;
  suffix: string;
  cue: string;
  kind: string;
  origin: string;
  editedBy: string | null;
  at: string;
  /** The machine's speaker mention explains only the machine's speaker. */
  clearSpeakerMention: boolean;
}

/** Optimistic concurrency as for status changes: false when the claim moved on since the form was loaded. */
export async function updateClaimCorrection(db: Db, change: ClaimCorrection): Promise<boolean> {
  const mention = change.clearSpeakerMention ? { speaker_mention_start: null, speaker_mention_end: null, speaker_mention_text: null } : {};
  const result = await db
    .updateTable('claim')
    .set((eb) => ({
      speaker_id: change.speakerId,
      text: change.text,
      search_text: searchIndexText(change.text),
      start_offset: change.startOffset,
      end_offset: change.endOffset,
      prefix: change.prefix,
      suffix: change.suffix,
      cue: change.cue,
      kind: change.kind,
      origin: change.origin,
      edited_by: change.editedBy,
      edited_at: change.at,
      version: eb('version', '+', 1),
      ...mention,
    }))
    .where('id', '=', change.claimId)
    .where('version', '=', change.expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Positions are unique per claim, so a reordered chain is written whole rather than renumbered in place. */
export async function replaceClaimHops(db: Db, claimId: string, hops: readonly NewAttributionHop[]): Promise<void> {
  await db.deleteFrom('attribution_hop').where('claim_id', '=', claimId).execute();
  if (hops.length > 0) await db.insertInto('attribution_hop').values([...hops]).execute();
}

export async function insertReviewEvents(db: Db, events: readonly NewReviewEvent[]): Promise<void> {
  if (events.length > 0) await db.insertInto('review_event').values([...events]).execute();
}

/**
 * Removes a claim; its hops and notes cascade. Its review events stay: the audit log is append-only and
 * outlives what it mentions, and the deletion itself is kept in desk_event by the caller. False when
 * the claim moved on meanwhile.
 */
export async function deleteClaimRows(db: Db, claimId: string, expectedVersion: number): Promise<boolean> {
  const result = await db.deleteFrom('claim').where('id', '=', claimId).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Names of the speakers already credited in an article: the first offers of the speaker picker. */
/** At most 200, by name. Read from the article's claims (at most MAX_CLAIMS_PER_ARTICLE), not from every speaker. */
export async function listArticleSpeakerNames(db: Db, articleId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('claim')
    .innerJoin('speaker', 'speaker.id', 'claim.speaker_id')
    .select('speaker.name')
    .distinct()
    .where('claim.article_id', '=', articleId)
    .execute();
  return rows.map((row) => row.name).sort().slice(0, 200);
}
