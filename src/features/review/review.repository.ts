import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { NewReviewEvent } from '../../db/schema.ts';

/** The review_event table is append-only: this module inserts and reads audit rows, never changes them. */

/** The review fields of a claim, read before a change so that its audit row records what it replaced. */
export interface ClaimReviewState {
  id: string;
  status: string;
  version: number;
  assignee_id: string | null;
  attribution_status: string;
  /** Who set the status last; null while it is the one extraction gave. */
  status_changed_by: string | null;
}

export async function findClaimReviewStates(db: Db, claimIds: readonly string[]): Promise<ClaimReviewState[]> {
  if (claimIds.length === 0) return [];
  return db
    .selectFrom('claim')
    .select(['id', 'status', 'version', 'assignee_id', 'attribution_status', 'status_changed_by'])
    .where('id', 'in', claimIds)
    .execute();
}

/** A claim as a bulk change lists it: enough to recognise it and see its verdicts. */
export interface ClaimSummary extends ClaimReviewState {
  text: string;
  article_language: string;
}

/** The claims among the ids that exist, in no particular order. */
export async function findClaimSummaries(db: Db, claimIds: readonly string[]): Promise<ClaimSummary[]> {
  if (claimIds.length === 0) return [];
  return db
    .selectFrom('claim')
    .innerJoin('article', 'article.id', 'claim.article_id')
    .select([
      'claim.id',
      'claim.status',
      'claim.version',
      'claim.assignee_id',
      'claim.attribution_status',
      'claim.status_changed_by',
      'claim.text',
      'article.language as article_language',
    ])
    .where('claim.id', 'in', claimIds)
    .execute();
}

export interface AttributionStatusUpdate {
  claimId: string;
  expectedVersion: number;
  status: string;
}

/** Optimistic concurrency on claim.version, shared with the verification status: false when it moved on. */
export async function updateAttributionStatus(db: Db, update: AttributionStatusUpdate): Promise<boolean> {
  const result = await db
    .updateTable('claim')
    .set((eb) => ({ attribution_status: update.status, version: eb('version', '+', 1) }))
    .where('id', '=', update.claimId)
    .where('version', '=', update.expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface AssigneeUpdate {
  claimId: string;
  /** The assignee read before the change: the update applies only if it is still the same. */
  fromAssigneeId: string | null;
  assigneeId: string | null;
  at: string;
}

/** Assignment does not bump claim.version: it does not make anyone's verdict stale. */
export async function updateClaimAssignee(db: Db, update: AssigneeUpdate): Promise<boolean> {
  const result = await db
    .updateTable('claim')
    .set({ assignee_id: update.assigneeId, assigned_at: update.assigneeId === null ? null : update.at })
    .where('id', '=', update.claimId)
    .where((eb) => (update.fromAssigneeId === null ? eb('assignee_id', 'is', null) : eb('assignee_id', '=', update.fromAssigneeId)))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface HopCheckState {
  id: string;
  claim_id: string;
  status: string;
  evidence_url: string | null;
  checked_by: string | null;
  checked_at: string | null;
}

export async function findHop(db: Db, claimId: string, hopId: string): Promise<HopCheckState | undefined> {
  return db
    .selectFrom('attribution_hop')
    .select(['id', 'claim_id', 'status', 'evidence_url', 'checked_by', 'checked_at'])
    .where('id', '=', hopId)
    .where('claim_id', '=', claimId)
    .executeTakeFirst();
}

export interface HopCheckUpdate {
  hopId: string;
  /** The check read before the change: the update applies only if it is still the same. */
  from: Pick<HopCheckState, 'status' | 'evidence_url'>;
  status: string;
  evidenceUrl: string | null;
  checkedBy: string;
  at: string;
}

export async function updateHopCheck(db: Db, update: HopCheckUpdate): Promise<boolean> {
  const result = await db
    .updateTable('attribution_hop')
    .set({ status: update.status, evidence_url: update.evidenceUrl, checked_by: update.checkedBy, checked_at: update.at })
    .where('id', '=', update.hopId)
    .where('status', '=', update.from.status)
    .where((eb) => (update.from.evidence_url === null ? eb('evidence_url', 'is', null) : eb('evidence_url', '=', update.from.evidence_url)))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Rows per INSERT, well under the bound-parameter limits of SQLite and PostgreSQL. */
const EVENTS_PER_INSERT = 100;

export async function insertReviewEvents(db: Db, events: readonly NewReviewEvent[]): Promise<void> {
  for (let start = 0; start < events.length; start += EVENTS_PER_INSERT) {
    await db.insertInto('review_event').values(events.slice(start, start + EVENTS_PER_INSERT)).execute();
  }
}

/** The latest change to one of the given fields of a claim: who to name when a change is refused. */
export async function findLatestReviewEvent(db: Db, claimId: string, fields: readonly string[]): Promise<{ actor: string; field: string } | undefined> {
  return db
    .selectFrom('review_event')
    .select(['actor', 'field'])
    .where('claim_id', '=', claimId)
    .where('field', 'in', fields)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export interface ActivityFilters {
  actorId?: string;
  /** Inclusive lower bound on created_at (ISO-8601). */
  since?: string;
  /** Exclusive upper bound on created_at (ISO-8601). */
  until?: string;
}

/** Position of the last row of a page: the next page starts strictly after it, newest first. */
export interface ActivityCursor {
  createdAt: string;
  id: string;
}

export interface ActivityRow {
  /** 'claim': a review_event row; 'desk': a desk_event row (article edits, deletions, merges …). */
  kind: 'claim' | 'desk';
  id: string;
  actor: string;
  actor_id: string | null;
  created_at: string;
  /** Claim events. The claim and article columns are null once the claim was deleted. */
  claim_id: string | null;
  field: string | null;
  from_value: string | null;
  to_value: string | null;
  note: string | null;
  hop_id: string | null;
  note_id: string | null;
  /** Status changes: the labels' names when the change was made. */
  from_label_en: string | null;
  from_label_ar: string | null;
  to_label_en: string | null;
  to_label_ar: string | null;
  claim_text: string | null;
  article_id: string | null;
  article_title: string | null;
  article_language: string | null;
  /** Desk events. */
  action: string | null;
  target_type: string | null;
  target_id: string | null;
  summary: string | null;
  /** 1 while the record a desk event names still exists (it may have been deleted since). */
  target_exists: number | null;
}

/** Record types a desk event may name, with the table that holds them. */
const DESK_TARGET_TABLES = ['article', 'claim', 'speaker', 'outlet'] as const;

function claimActivity(db: Db) {
  const nothing = sql<string | null>`null`;
  return db
    .selectFrom('review_event')
    .leftJoin('claim', 'claim.id', 'review_event.claim_id')
    .leftJoin('article', 'article.id', 'claim.article_id')
    .select([
      sql<'claim' | 'desk'>`'claim'`.as('kind'),
      'review_event.id',
      'review_event.actor',
      'review_event.actor_id',
      'review_event.created_at',
      'review_event.claim_id',
      'review_event.field',
      'review_event.from_value',
      'review_event.to_value',
      'review_event.note',
      'review_event.hop_id',
      'review_event.note_id',
      'review_event.from_label_en',
      'review_event.from_label_ar',
      'review_event.to_label_en',
      'review_event.to_label_ar',
      'claim.text as claim_text',
      'claim.article_id',
      'article.title as article_title',
      'article.language as article_language',
      nothing.as('action'),
      nothing.as('target_type'),
      nothing.as('target_id'),
      nothing.as('summary'),
      sql<number | null>`cast(null as integer)`.as('target_exists'),
    ]);
}

function deskActivity(db: Db) {
  const nothing = sql<string | null>`null`;
  return db.selectFrom('desk_event').select((eb) => [
    sql<'claim' | 'desk'>`'desk'`.as('kind'),
    'desk_event.id',
    'desk_event.actor',
    'desk_event.actor_id',
    'desk_event.created_at',
    ...(['claim_id', 'field', 'from_value', 'to_value', 'note', 'hop_id', 'note_id', 'from_label_en', 'from_label_ar', 'to_label_en', 'to_label_ar', 'claim_text', 'article_id', 'article_title', 'article_language'] as const).map((column) =>
      nothing.as(column),
    ),
    'desk_event.action',
    'desk_event.target_type',
    'desk_event.target_id',
    'desk_event.summary',
    eb
      .case()
      .when(
        eb.or(
          DESK_TARGET_TABLES.map((table) =>
            eb.and([eb('desk_event.target_type', '=', table), eb.exists(eb.selectFrom(table).select(`${table}.id`).whereRef(`${table}.id`, '=', 'desk_event.target_id'))]),
          ),
        ),
      )
      .then(1)
      .else(0)
      .end()
      .as('target_exists'),
  ]);
}

/**
 * Claim events and desk events in one list, newest first. Each source is filtered and cut at the
 * cursor on its own index; the union is ordered and limited. Fetches one row more than asked so the
 * caller knows whether a next page exists.
 */
export async function listActivityEvents(db: Db, filters: ActivityFilters, before: ActivityCursor | undefined, limit: number): Promise<ActivityRow[]> {
  const claimEvents = claimActivity(db)
    .$if(filters.actorId !== undefined, (qb) => qb.where('review_event.actor_id', '=', filters.actorId!))
    .$if(filters.since !== undefined, (qb) => qb.where('review_event.created_at', '>=', filters.since!))
    .$if(filters.until !== undefined, (qb) => qb.where('review_event.created_at', '<', filters.until!))
    .$if(before !== undefined, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('review_event.created_at', '<', before!.createdAt),
          eb.and([eb('review_event.created_at', '=', before!.createdAt), eb('review_event.id', '<', before!.id)]),
        ]),
      ),
    );
  const deskEvents = deskActivity(db)
    .$if(filters.actorId !== undefined, (qb) => qb.where('desk_event.actor_id', '=', filters.actorId!))
    .$if(filters.since !== undefined, (qb) => qb.where('desk_event.created_at', '>=', filters.since!))
    .$if(filters.until !== undefined, (qb) => qb.where('desk_event.created_at', '<', filters.until!))
    .$if(before !== undefined, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('desk_event.created_at', '<', before!.createdAt),
          eb.and([eb('desk_event.created_at', '=', before!.createdAt), eb('desk_event.id', '<', before!.id)]),
        ]),
      ),
    );
  // Each source is cut to one page on its own index first, so the union sorts two pages, not every event.
  const newestClaimEvents = db
    .selectFrom(claimEvents.orderBy('review_event.created_at', 'desc').orderBy('review_event.id', 'desc').limit(limit + 1).as('claim_page'))
    .selectAll();
  const newestDeskEvents = db
    .selectFrom(deskEvents.orderBy('desk_event.created_at', 'desc').orderBy('desk_event.id', 'desc').limit(limit + 1).as('desk_page'))
    .selectAll();
  const rows = await db
    .selectFrom(newestClaimEvents.$castTo<ActivityRow>().unionAll(newestDeskEvents.$castTo<ActivityRow>()).as('activity'))
    .selectAll()
    .orderBy('activity.created_at', 'desc')
    .orderBy('activity.id', 'desc')
    .limit(limit + 1)
    .execute();
  return rows.map((row) => ({ ...row, target_exists: row.target_exists === null ? null : Number(row.target_exists) }));
}
