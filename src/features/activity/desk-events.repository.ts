import type { Db } from '../../db/connect.ts';
import type { DeskEventRow, NewDeskEvent } from '../../db/schema.ts';
import { newId, nowIso } from '../../ids.ts';

export type DeskEventInput = Omit<NewDeskEvent, 'id' | 'created_at' | 'before_json' | 'after_json'> & {
  before?: unknown;
  after?: unknown;
  at?: string;
};

/** Appends one audit row; call inside the transaction of the change it records. */
export async function recordDeskEvent(db: Db, event: DeskEventInput): Promise<void> {
  const { before, after, at, ...rest } = event;
  await db
    .insertInto('desk_event')
    .values({
      ...rest,
      id: newId(),
      created_at: at ?? nowIso(),
      before_json: before === undefined ? null : JSON.stringify(before),
      after_json: after === undefined ? null : JSON.stringify(after),
    })
    .execute();
}

/** The audit rows of one record, newest first. */
export async function listDeskEventsFor(db: Db, targetType: string, targetId: string, limit = 50): Promise<DeskEventRow[]> {
  return db
    .selectFrom('desk_event')
    .selectAll()
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
