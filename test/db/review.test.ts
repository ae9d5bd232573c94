import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../src/db/connect.ts';
import type { ReviewEventRow } from '../../src/db/schema.ts';
import { ConflictError, InputRejectedError, NotFoundError, ValidationError } from '../../src/errors.ts';
import { findClaimById, listClaims, listHopsForClaims, listReviewEvents } from '../../src/features/claims/claims.repository.ts';
import { changeClaimStatus, getClaim } from '../../src/features/claims/claims.service.ts';
import { listNotes } from '../../src/features/notes/notes.repository.ts';
import { addNote } from '../../src/features/notes/notes.service.ts';
import { ATTRIBUTION_STATUSES, ATTRIBUTION_STATUS_INFO, isAttributionStatus } from '../../src/domain/attribution-status.ts';
import {
  MAX_BULK_CLAIMS,
  assignClaims,
  changeAttributionStatus,
  changeStatusBulk,
  listActivity,
  listMyQueue,
  markHop,
  type ActivityPage,
  type AttributionConflict,
  type BulkStaleSelection,
  replacesVerdict,
} from '../../src/features/review/review.service.ts';
import { TEST_ENGINES, type TestDatabase } from '../support/database.ts';
import { insertTestArticle, insertTestClaim, testActor } from '../support/fixtures.ts';
import { seedScale } from '../support/rating-scale.ts';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? sourceFiles(path.join(dir, entry.name)) : Promise.resolve(/\.(ts|js|mjs)$/.test(entry.name) ? [path.join(dir, entry.name)] : []))),
  );
  return nested.flat();
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/** A selected row, with the version it showed. */
function seen(id: string, version: number | null): { id: string; version: number | null } {
  return { id, version };
}

describe('the audit log', () => {
  it('is append-only: nothing in src/ updates or deletes review_event rows', async () => {
    const forbidden = /(updateTable|deleteFrom)\(\s*['"`]review_event['"`]|\b(update|delete\s+from|truncate(\s+table)?)\s+["`]?review_event\b/i;
    for (const bad of ["db.updateTable('review_event')", 'trx.deleteFrom("review_event")', 'sql`delete from review_event where id = ${id}`', 'UPDATE review_event SET note = 1']) {
      expect(forbidden.test(bad), bad).toBe(true);
    }
    expect(forbidden.test("db.insertInto('review_event')")).toBe(false);
    const files = await sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(20);
    const offenders: string[] = [];
    for (const file of files) if (forbidden.test(await readFile(file, 'utf8'))) offenders.push(path.relative(SRC, file));
    expect(offenders).toEqual([]);
  });
});

describe('attribution verdicts', () => {
  it('are the six verdicts of the design, each labelled in English and Arabic', () => {
    expect(ATTRIBUTION_STATUSES).toEqual(['unchecked', 'verbatim', 'faithful_paraphrase', 'distorted_or_mistranslated', 'not_found_at_source', 'fabricated']);
    for (const status of ATTRIBUTION_STATUSES) {
      expect(ATTRIBUTION_STATUS_INFO[status].en).toMatch(/^[A-Z][a-z ]+$/);
      expect(ATTRIBUTION_STATUS_INFO[status].ar).toMatch(/[\u0600-\u06FF]/);
    }
    expect(ATTRIBUTION_STATUS_INFO.unchecked.faithful).toBeNull();
    expect(ATTRIBUTION_STATUS_INFO.faithful_paraphrase.faithful).toBe(true);
    expect(ATTRIBUTION_STATUS_INFO.fabricated.faithful).toBe(false);
    expect(isAttributionStatus('verbatim')).toBe(true);
    expect(isAttributionStatus('toString')).toBe(false);
  });
});

describe.each(TEST_ENGINES)('review workflow on $engine', ({ engine, open }) => {
  let database: TestDatabase;
  let db: Db;
  const amira = testActor('Amira');
  const omar = testActor('Omar');
  const anyone = async () => true;

  beforeEach(async () => {
    database = await open();
    db = database.db;
  });
  afterEach(async () => {
    vi.useRealTimers();
    await database.drop();
  });

  async function claims(count: number, options: { status?: string } = {}): Promise<string[]> {
    const article = await insertTestArticle(db);
    const ids: string[] = [];
    for (let index = 0; index < count; index += 1) {
      ids.push(await insertTestClaim(db, { article, start: index * 100, text: `claim ${index}`, status: options.status, outlets: [{ name: 'CNN', role: 'interview' }, { name: 'Reuters', role: 'republished' }] }));
    }
    return ids;
  }

  async function allEvents(): Promise<ReviewEventRow[]> {
    return db.selectFrom('review_event').selectAll().orderBy('created_at').orderBy('id').execute();
  }

  /** Makes every audit insert fail, as the HTTP tests do, to prove a change rolls back with its audit row. */
  async function breakAuditLog(): Promise<void> {
    if (engine === 'sqlite') {
      await sql`create trigger audit_down before insert on review_event begin select raise(abort, 'audit log unavailable'); end`.execute(db);
    } else {
      await sql`create function audit_down() returns trigger language plpgsql as $$ begin raise exception 'audit log unavailable'; end $$`.execute(db);
      await sql`create trigger audit_down before insert on review_event for each row execute function audit_down()`.execute(db);
    }
  }

  describe('attribution verdict', () => {
    it('starts unchecked and changes beside the verification status, bumping the version, with its audit row', async () => {
      const [claimId] = await claims(1);
      expect(await findClaimById(db, claimId!)).toMatchObject({ attribution_status: 'unchecked', status: 'unverified', version: 1, assignee_id: null });
      const { claim } = await changeAttributionStatus(db, { claimId: claimId!, status: 'distorted_or_mistranslated', expectedVersion: 1, actor: amira, note: '  the Arabic says "may", not "will"  ' });
      expect(claim).toMatchObject({ attribution_status: 'distorted_or_mistranslated', status: 'unverified', version: 2 });
      expect(claim.hops).toHaveLength(2);
      expect(await listReviewEvents(db, claimId!)).toEqual([
        expect.objectContaining({
          field: 'attribution_status',
          from_value: 'unchecked',
          to_value: 'distorted_or_mistranslated',
          actor: 'Amira',
          actor_id: amira.id,
          note: 'the Arabic says "may", not "will"',
        }),
      ]);
    });

    it('refuses a stale version with the current claim and the attempted verdict, writing nothing', async () => {
      const [claimId] = await claims(1);
      await changeAttributionStatus(db, { claimId: claimId!, status: 'verbatim', expectedVersion: 1, actor: omar });
      const error = await caught(changeAttributionStatus(db, { claimId: claimId!, status: 'fabricated', expectedVersion: 1, actor: amira }));
      expect(error).toBeInstanceOf(ConflictError);
      const conflict = error as ConflictError<AttributionConflict>;
      expect(conflict.message).toBe('Omar set its attribution to "Verbatim" while you were reviewing it. Your change was not saved.');
      expect(conflict.current.attemptedAttributionStatus).toBe('fabricated');
      expect(conflict.current.claim).toMatchObject({ id: claimId, attribution_status: 'verbatim', version: 2 });
      expect(conflict.current.claim.hops).toHaveLength(2);
      expect(await findClaimById(db, claimId!)).toMatchObject({ attribution_status: 'verbatim', version: 2 });
      expect(await listReviewEvents(db, claimId!)).toHaveLength(1);
    });

    it('shares the version with the verification status, both ways', async () => {
      const [claimId] = await claims(1);
      await changeClaimStatus(db, { claimId: claimId!, status: 'in_review', expectedVersion: 1, actor: 'Omar', actorId: omar.id });
      await expect(changeAttributionStatus(db, { claimId: claimId!, status: 'verbatim', expectedVersion: 1, actor: amira })).rejects.toBeInstanceOf(ConflictError);
      await changeAttributionStatus(db, { claimId: claimId!, status: 'verbatim', expectedVersion: 2, actor: amira });
      await expect(changeClaimStatus(db, { claimId: claimId!, status: 'false', expectedVersion: 2, actor: 'Omar' })).rejects.toBeInstanceOf(ConflictError);
      expect(await findClaimById(db, claimId!)).toMatchObject({ status: 'in_review', attribution_status: 'verbatim', version: 3 });
    });

    it('tells which verdict moved on from what the reviewer saw, and writes over a version whose verdicts did not', async () => {
      const [claimId] = await claims(1);
      const seen = { status: 'unverified', attribution_status: 'unchecked' };
      await changeClaimStatus(db, { claimId: claimId!, status: 'false', expectedVersion: 1, actor: 'Omar', actorId: omar.id });
      const stale = await caught(changeAttributionStatus(db, { claimId: claimId!, status: 'verbatim', expectedVersion: 1, seen, actor: amira }));
      expect((stale as ConflictError).message).toBe('Omar set its verification status to "False" while you were reviewing it. Your change was not saved.');
      await changeClaimStatus(db, { claimId: claimId!, status: 'unverified', expectedVersion: 2, actor: 'Omar', actorId: omar.id });
      const written = await changeAttributionStatus(db, { claimId: claimId!, status: 'verbatim', expectedVersion: 1, seen, actor: amira });
      expect(written.editedMeanwhile).toBe(true);
      expect(written.claim).toMatchObject({ status: 'unverified', attribution_status: 'verbatim', version: 4 });
      const current = await changeClaimStatus(db, { claimId: claimId!, status: 'accurate', expectedVersion: 4, seen: { status: 'unverified', attribution_status: 'verbatim' }, actor: 'Omar' });
      expect(current.editedMeanwhile).toBe(false);
      const both = await caught(changeClaimStatus(db, { claimId: claimId!, status: 'false', expectedVersion: 1, seen, actor: 'Omar' }));
      expect((both as ConflictError).message).toBe('Omar set its verification status to "Accurate" and Amira set its attribution to "Verbatim" while you were reviewing it. Your change was not saved.');
      expect(await listReviewEvents(db, claimId!)).toHaveLength(4);
    });

    it('refuses an unknown verdict or claim', async () => {
      const [claimId] = await claims(1);
      const invalid = await caught(changeAttributionStatus(db, { claimId: claimId!, status: 'accurate', expectedVersion: 1, actor: amira }));
      expect(invalid).toBeInstanceOf(ValidationError);
      expect(Object.keys((invalid as ValidationError).fieldErrors)).toEqual(['attributionStatus']);
      await expect(changeAttributionStatus(db, { claimId: 'nope', status: 'verbatim', expectedVersion: 1, actor: amira })).rejects.toBeInstanceOf(NotFoundError);
      expect(await allEvents()).toEqual([]);
    });

    it('rolls back with its audit row', async () => {
      const [claimId] = await claims(1);
      await breakAuditLog();
      await expect(changeAttributionStatus(db, { claimId: claimId!, status: 'verbatim', expectedVersion: 1, actor: amira })).rejects.toThrow();
      expect(await findClaimById(db, claimId!)).toMatchObject({ attribution_status: 'unchecked', version: 1 });
    });
  });

  describe('verification status', () => {
    it('records the actor id when the caller knows it, and null otherwise', async () => {
      const [first, second] = await claims(2);
      await changeClaimStatus(db, { claimId: first!, status: 'in_review', expectedVersion: 1, actor: 'Amira', actorId: amira.id });
      await changeClaimStatus(db, { claimId: second!, status: 'in_review', expectedVersion: 1, actor: 'Someone' });
      expect((await listReviewEvents(db, first!))[0]).toMatchObject({ field: 'status', actor: 'Amira', actor_id: amira.id });
      expect((await listReviewEvents(db, second!))[0]).toMatchObject({ field: 'status', actor: 'Someone', actor_id: null });
    });
  });

  describe('bulk status change', () => {
    it('sets every selected claim, bumping each version, with an audit row only where the status changes', async () => {
      const ids = await claims(3);
      await changeClaimStatus(db, { claimId: ids[2]!, status: 'false', expectedVersion: 1, actor: 'Omar' });
      const selection = [seen(ids[0]!, 1), seen(ids[1]!, 1), seen(ids[2]!, 2), seen(ids[0]!, 1)];
      const result = await changeStatusBulk(db, { selection, status: 'false', actor: amira, note: 'same hoax' });
      expect(result).toEqual({ kind: 'applied', claimIds: ids, changedClaimIds: [ids[0], ids[1]] });
      for (const id of ids) expect(await findClaimById(db, id)).toMatchObject({ status: 'false', version: 2 });
      expect(await findClaimById(db, ids[0]!)).toMatchObject({ status_changed_by: 'Amira' });
      const events = (await allEvents()).filter((event) => event.actor === 'Amira');
      expect(events.map((event) => event.claim_id).sort()).toEqual([ids[0], ids[1]].sort());
      for (const event of events) expect(event).toMatchObject({ field: 'status', from_value: 'unverified', to_value: 'false', actor_id: amira.id, note: 'same hoax' });
    });

    it('makes forms showing the old version stale', async () => {
      const [claimId] = await claims(1);
      await changeStatusBulk(db, { selection: [seen(claimId!, 1)], status: 'misleading', actor: amira });
      await expect(changeClaimStatus(db, { claimId: claimId!, status: 'accurate', expectedVersion: 1, actor: 'Omar' })).rejects.toBeInstanceOf(ConflictError);
    });

    it('changes nothing when one selected claim is unknown', async () => {
      const ids = await claims(2);
      const error = await caught(changeStatusBulk(db, { selection: [seen(ids[0]!, 1), seen('missing-claim', 1), seen(ids[1]!, 1)], status: 'false', actor: amira }));
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as NotFoundError).id).toBe('missing-claim');
      for (const id of ids) expect(await findClaimById(db, id)).toMatchObject({ status: 'unverified', version: 1 });
      expect(await allEvents()).toEqual([]);
    });

    it('rolls every claim back when the audit rows cannot be written', async () => {
      const ids = await claims(3);
      await breakAuditLog();
      await expect(changeStatusBulk(db, { selection: ids.map((id) => seen(id, 1)), status: 'false', actor: amira })).rejects.toThrow();
      for (const id of ids) expect(await findClaimById(db, id)).toMatchObject({ status: 'unverified', version: 1, status_changed_by: null });
    });

    it('writes nothing when a selected claim changed after its row was shown, naming it as it is now', async () => {
      const ids = await claims(3);
      await changeAttributionStatus(db, { claimId: ids[1]!, status: 'verbatim', expectedVersion: 1, actor: omar });
      const error = await caught(changeStatusBulk(db, { selection: ids.map((id) => seen(id, 1)), status: 'in_review', actor: amira }));
      expect(error).toBeInstanceOf(ConflictError);
      const stale = (error as ConflictError<BulkStaleSelection>).current.changed;
      expect(stale).toEqual([expect.objectContaining({ id: ids[1], text: 'claim 1', status: 'unverified', attribution_status: 'verbatim', version: 2, changedBy: 'Omar' })]);
      expect((error as Error).message).toBe('One of the selected claims was changed by someone else meanwhile. Nothing was saved.');
      for (const id of ids) expect((await findClaimById(db, id))!.status).toBe('unverified');
      expect((await allEvents()).filter((event) => event.field === 'status')).toEqual([]);
      const again = await changeStatusBulk(db, { selection: [seen(ids[0]!, 1), seen(ids[1]!, 2), seen(ids[2]!, 1)], status: 'in_review', actor: amira });
      expect(again).toMatchObject({ kind: 'applied', changedClaimIds: ids });
    });

    it('asks before replacing a verdict a reviewer set, and replaces only once that is confirmed', async () => {
      const ids = await claims(4);
      await changeClaimStatus(db, { claimId: ids[1]!, status: 'false', expectedVersion: 1, actor: 'Omar' });
      await changeClaimStatus(db, { claimId: ids[2]!, status: 'in_review', expectedVersion: 1, actor: 'Omar' });
      await changeClaimStatus(db, { claimId: ids[3]!, status: 'unverified', expectedVersion: 1, actor: 'Omar' });
      const selection = [seen(ids[0]!, 1), seen(ids[1]!, 2), seen(ids[2]!, 2), seen(ids[3]!, 2)];
      const asked = await changeStatusBulk(db, { selection, status: 'unverified', actor: amira });
      expect(asked.kind).toBe('confirm');
      expect(asked.kind === 'confirm' && asked.replacing.map((claim) => [claim.id, claim.status, claim.status_changed_by])).toEqual([
        [ids[1], 'false', 'Omar'],
        [ids[2], 'in_review', 'Omar'],
      ]);
      expect((await findClaimById(db, ids[1]!))!.status).toBe('false');
      const partly = await changeStatusBulk(db, { selection, status: 'unverified', actor: amira, confirmedReplacing: [ids[1]!] });
      expect(partly.kind).toBe('confirm');
      const done = await changeStatusBulk(db, { selection, status: 'unverified', actor: amira, confirmedReplacing: [ids[1]!, ids[2]!] });
      expect(done).toMatchObject({ kind: 'applied', changedClaimIds: [ids[1], ids[2]] });
      expect((await allEvents()).filter((event) => event.actor === 'Amira')).toHaveLength(2);
      expect(replacesVerdict({ status: 'in_review', status_changed_by: null }, 'false', seedScale())).toBe(false);
      expect(replacesVerdict({ status: 'accurate', status_changed_by: null }, 'false', seedScale())).toBe(true);
      expect(replacesVerdict({ status: 'accurate', status_changed_by: 'Omar' }, 'accurate', seedScale())).toBe(false);
    });

    it('refuses an unknown status, an empty selection and an oversized one', async () => {
      const ids = await claims(1);
      await expect(changeStatusBulk(db, { selection: [seen(ids[0]!, 1)], status: 'verbatim', actor: amira })).rejects.toBeInstanceOf(ValidationError);
      await expect(changeStatusBulk(db, { selection: [], status: 'false', actor: amira })).rejects.toBeInstanceOf(ValidationError);
      const tooMany = Array.from({ length: MAX_BULK_CLAIMS + 1 }, (_, index) => seen(`claim-${index}`, 1));
      await expect(changeStatusBulk(db, { selection: tooMany, status: 'false', actor: amira })).rejects.toBeInstanceOf(ValidationError);
      const blind = await caught(changeStatusBulk(db, { selection: [{ id: ids[0]!, version: null }], status: 'false', actor: amira }));
      expect(String((blind as ValidationError).fieldErrors.claimIds)).toContain('which version');
      expect(await findClaimById(db, ids[0]!)).toMatchObject({ status: 'unverified', version: 1 });
    });
  });

  describe('assignment', () => {
    it('assigns one claim with its audit row, leaving the version alone', async () => {
      const [claimId] = await claims(1);
      const checked: string[] = [];
      const result = await assignClaims(db, {
        claimIds: [claimId!],
        assigneeId: omar.id,
        actor: amira,
        assigneeExists: async (trx, userId) => {
          checked.push(userId);
          // The callback gets the transaction's handle and can query through it.
          return (await trx.selectFrom('claim').select('id').where('id', '=', claimId!).executeTakeFirst()) !== undefined;
        },
      });
      expect(checked).toEqual([omar.id]);
      expect(result).toEqual({ claimIds: [claimId], changedClaimIds: [claimId] });
      const claim = (await findClaimById(db, claimId!))!;
      expect(claim).toMatchObject({ assignee_id: omar.id, version: 1 });
      expect(claim.assigned_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(await listReviewEvents(db, claimId!)).toEqual([expect.objectContaining({ field: 'assignee', from_value: null, to_value: omar.id, actor: 'Amira', actor_id: amira.id })]);
    });

    it('assigns many in one go, one audit row per claim that changes hands, and unassigns', async () => {
      const ids = await claims(3);
      await assignClaims(db, { claimIds: [ids[0]!], assigneeId: amira.id, actor: amira, assigneeExists: anyone });
      const result = await assignClaims(db, { claimIds: ids, assigneeId: amira.id, actor: omar, assigneeExists: anyone });
      expect(result.changedClaimIds).toEqual([ids[1], ids[2]]);
      await assignClaims(db, { claimIds: [ids[1]!], assigneeId: omar.id, actor: omar, assigneeExists: anyone });
      await assignClaims(db, { claimIds: [ids[2]!], assigneeId: null, actor: omar, assigneeExists: async () => false });
      expect(await findClaimById(db, ids[2]!)).toMatchObject({ assignee_id: null, assigned_at: null });
      const events = (await allEvents()).map((event) => [event.claim_id, event.from_value, event.to_value]);
      expect(events).toEqual([
        [ids[0], null, amira.id],
        [ids[1], null, amira.id],
        [ids[2], null, amira.id],
        [ids[1], amira.id, omar.id],
        [ids[2], amira.id, null],
      ]);
    });

    it('changes nothing when a claim is unknown', async () => {
      const ids = await claims(2);
      await expect(assignClaims(db, { claimIds: [ids[0]!, 'missing-claim', ids[1]!], assigneeId: omar.id, actor: amira, assigneeExists: anyone })).rejects.toBeInstanceOf(NotFoundError);
      for (const id of ids) expect(await findClaimById(db, id)).toMatchObject({ assignee_id: null });
      expect(await allEvents()).toEqual([]);
    });

    it('refuses an assignee the caller does not know, and rolls back with the audit rows', async () => {
      const ids = await claims(2);
      const error = await caught(assignClaims(db, { claimIds: ids, assigneeId: 'ghost', actor: amira, assigneeExists: async () => false }));
      expect(error).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(['assigneeId']);
      await breakAuditLog();
      await expect(assignClaims(db, { claimIds: ids, assigneeId: omar.id, actor: amira, assigneeExists: anyone })).rejects.toThrow();
      for (const id of ids) expect(await findClaimById(db, id)).toMatchObject({ assignee_id: null });
    });

    it('lists a reviewer’s queue: their claims still open, in the dashboard row shape, paged', async () => {
      const ids = await claims(5);
      const [other] = await claims(1);
      await assignClaims(db, { claimIds: ids, assigneeId: omar.id, actor: amira, assigneeExists: anyone });
      await assignClaims(db, { claimIds: [other!], assigneeId: amira.id, actor: amira, assigneeExists: anyone });
      await changeStatusBulk(db, { selection: [seen(ids[1]!, 1)], status: 'in_review', actor: omar });
      await changeStatusBulk(db, { selection: [seen(ids[3]!, 1)], status: 'false', actor: omar });

      const queue = await listMyQueue(db, omar.id, { pageSize: 50 });
      expect(queue.claims.map((claim) => claim.id)).toEqual([ids[0], ids[1], ids[2], ids[4]]);
      expect(queue.total).toBe(4);
      expect(queue.counts.filter((count) => count.count > 0)).toEqual([
        { status: 'unverified', count: 3 },
        { status: 'in_review', count: 1 },
      ]);
      const row = queue.claims[0]!;
      const dashboardRow = (await listClaims(db, {}, undefined, 50)).find((claim) => claim.id === row.id)!;
      expect(Object.keys(row).sort()).toEqual([...Object.keys(dashboardRow), 'hops'].sort());
      expect(row).toMatchObject({ assignee_id: omar.id, attribution_status: 'unchecked', speaker_name: 'Unknown speaker' });
      expect(row.hops.map((hop) => hop.outlet_name)).toEqual(['CNN', 'Reuters']);

      const first = await listMyQueue(db, omar.id, { pageSize: 3 });
      expect(first.claims).toHaveLength(3);
      const second = await listMyQueue(db, omar.id, { pageSize: 3, cursor: first.nextCursor! });
      expect([...first.claims, ...second.claims].map((claim) => claim.id)).toEqual([ids[0], ids[1], ids[2], ids[4]]);
      expect(second.nextCursor).toBeNull();
      expect((await listMyQueue(db, amira.id, { pageSize: 50 })).claims.map((claim) => claim.id)).toEqual([other]);
      expect((await listMyQueue(db, 'nobody', { pageSize: 50 })).claims).toEqual([]);
    });
  });

  describe('hop checks', () => {
    it('confirm a hop with its evidence and who checked it, with an audit row', async () => {
      const [claimId] = await claims(1);
      const [cnn, reuters] = await listHopsForClaims(db, [claimId!]);
      const claim = await markHop(db, { claimId: claimId!, hopId: cnn!.id, status: 'confirmed', evidenceUrl: ' https://edition.cnn.com/2026/11/23/interview ', actor: amira });
      expect(claim.hops[0]).toMatchObject({ id: cnn!.id, status: 'confirmed', evidence_url: 'https://edition.cnn.com/2026/11/23/interview', checked_by: amira.id });
      expect(claim.hops[0]!.checked_at).toMatch(/^\d{4}-/);
      expect(claim.hops[1]).toMatchObject({ id: reuters!.id, status: 'unconfirmed', evidence_url: null, checked_by: null });
      expect(claim.version).toBe(1);
      expect(await listReviewEvents(db, claimId!)).toEqual([
        expect.objectContaining({ field: 'hop', hop_id: cnn!.id, from_value: 'unconfirmed', to_value: 'confirmed', note: 'https://edition.cnn.com/2026/11/23/interview', actor_id: amira.id }),
      ]);

      await markHop(db, { claimId: claimId!, hopId: cnn!.id, status: 'unconfirmed', actor: omar });
      expect((await getClaim(db, claimId!)).hops[0]).toMatchObject({ status: 'unconfirmed', evidence_url: null, checked_by: omar.id });
      expect((await listReviewEvents(db, claimId!))[0]).toMatchObject({ field: 'hop', from_value: 'confirmed', to_value: 'unconfirmed', note: null });
    });

    it('write nothing when the hop already carries that status and evidence', async () => {
      const [claimId] = await claims(1);
      const [cnn] = await listHopsForClaims(db, [claimId!]);
      await markHop(db, { claimId: claimId!, hopId: cnn!.id, status: 'unconfirmed', evidenceUrl: '', actor: amira });
      expect(await allEvents()).toEqual([]);
      expect((await getClaim(db, claimId!)).hops[0]!.checked_by).toBeNull();
    });

    it('refuse evidence that is not an http(s) link, an unknown status, and a hop of another claim', async () => {
      const [claimId, otherClaimId] = await claims(2);
      const [cnn] = await listHopsForClaims(db, [claimId!]);
      for (const evidenceUrl of ['javascript:alert(1)', 'ftp://example.org/file', '/relative/path', 'example.org', `https://example.org/${'x'.repeat(2000)}`]) {
        const error = await caught(markHop(db, { claimId: claimId!, hopId: cnn!.id, status: 'confirmed', evidenceUrl, actor: amira }));
        expect(error, evidenceUrl).toBeInstanceOf(ValidationError);
        expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(['evidenceUrl']);
      }
      await expect(markHop(db, { claimId: claimId!, hopId: cnn!.id, status: 'verbatim', actor: amira })).rejects.toBeInstanceOf(ValidationError);
      const wrongClaim = await caught(markHop(db, { claimId: otherClaimId!, hopId: cnn!.id, status: 'confirmed', actor: amira }));
      expect(wrongClaim).toMatchObject({ entity: 'Attribution hop', id: cnn!.id });
      expect(await caught(markHop(db, { claimId: 'nope', hopId: cnn!.id, status: 'confirmed', actor: amira }))).toMatchObject({ entity: 'Claim' });
      expect((await getClaim(db, claimId!)).hops[0]).toMatchObject({ status: 'unconfirmed', checked_by: null });
      expect(await allEvents()).toEqual([]);
    });
  });

  describe('notes', () => {
    it('are added together with their audit row', async () => {
      const [claimId] = await claims(1);
      const note = await addNote(db, { claimId: claimId!, author: 'Amira', authorId: amira.id, body: 'Called the ministry.' });
      await addNote(db, { claimId: claimId!, author: 'Guest', body: 'Second look.' });
      expect((await listReviewEvents(db, claimId!)).reverse()).toEqual([
        expect.objectContaining({ field: 'note', note_id: note.id, actor: 'Amira', actor_id: amira.id, created_at: note.created_at }),
        expect.objectContaining({ field: 'note', actor: 'Guest', actor_id: null }),
      ]);
    });

    it('are not kept when their audit row cannot be written', async () => {
      const [claimId] = await claims(1);
      await breakAuditLog();
      await expect(addNote(db, { claimId: claimId!, author: 'Amira', authorId: amira.id, body: 'Lost.' })).rejects.toThrow();
      expect(await listNotes(db, claimId!)).toEqual([]);
      await expect(addNote(db, { claimId: 'nope', author: 'Amira', body: 'x' })).rejects.toBeInstanceOf(NotFoundError);
    });
  });

  describe('activity', () => {
    async function at<T>(iso: string, action: () => Promise<T>): Promise<T> {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date(iso));
      try {
        return await action();
      } finally {
        vi.useRealTimers();
      }
    }

    async function collect(query: Parameters<typeof listActivity>[1]): Promise<ActivityPage['events']> {
      const events: ActivityPage['events'] = [];
      let before: string | undefined;
      for (let guard = 0; guard < 50; guard += 1) {
        const page = await listActivity(db, { ...query, before });
        events.push(...page.events);
        if (!page.nextCursor) return events;
        expect(page.events).toHaveLength(query.limit!);
        before = page.nextCursor;
      }
      throw new Error('pagination did not end');
    }

    async function seedActivity(): Promise<string[]> {
      const ids = await claims(3);
      // Several rows share a timestamp: the keyset must break ties by id.
      await at('2026-11-20T23:59:59.999Z', () => assignClaims(db, { claimIds: ids, assigneeId: omar.id, actor: amira, assigneeExists: anyone }));
      await at('2026-11-21T00:00:00.000Z', () => changeStatusBulk(db, { selection: ids.map((id) => seen(id, 1)), status: 'in_review', actor: omar }));
      await at('2026-11-22T12:00:00.000Z', () => changeAttributionStatus(db, { claimId: ids[0]!, status: 'verbatim', expectedVersion: 2, actor: amira }));
      await at('2026-11-23T23:59:59.999Z', () => addNote(db, { claimId: ids[1]!, author: 'Omar', authorId: omar.id, body: 'Checked.' }));
      await at('2026-11-24T00:00:00.000Z', () => changeClaimStatus(db, { claimId: ids[2]!, status: 'false', expectedVersion: 2, actor: 'Visitor' }));
      return ids;
    }

    it('lists every change newest first with the claim it concerns', async () => {
      const ids = await seedActivity();
      const { events, nextCursor } = await listActivity(db, {});
      expect(nextCursor).toBeNull();
      expect(events).toHaveLength(9);
      expect(events.map((event) => event.field)).toEqual(['status', 'note', 'attribution_status', 'status', 'status', 'status', 'assignee', 'assignee', 'assignee']);
      expect(events[0]).toMatchObject({ claim_id: ids[2], claim_text: 'claim 2', actor: 'Visitor', actor_id: null, article_language: 'en' });
      expect(events[0]!.article_title).toMatch(/^Article /);
      const createdAt = events.map((event) => event.created_at);
      expect(createdAt).toEqual([...createdAt].sort().reverse());
    });

    it('pages with a keyset that neither skips nor repeats rows, through ties', async () => {
      await seedActivity();
      const all = (await listActivity(db, {})).events.map((event) => event.id);
      for (const limit of [1, 2, 3, 4, 8]) expect((await collect({ limit })).map((event) => event.id)).toEqual(all);
      expect((await collect({ limit: 2, actorId: omar.id })).map((event) => event.field)).toEqual(['note', 'status', 'status', 'status']);
    });

    it('filters by reviewer and by an inclusive range of days', async () => {
      await seedActivity();
      const fields = async (query: Parameters<typeof listActivity>[1]) => (await listActivity(db, query)).events.map((event) => event.field);
      expect(await fields({ actorId: amira.id })).toEqual(['attribution_status', 'assignee', 'assignee', 'assignee']);
      expect(await fields({ from: '2026-11-21', to: '2026-11-23' })).toEqual(['note', 'attribution_status', 'status', 'status', 'status']);
      expect(await fields({ from: '2026-11-21', to: '2026-11-21' })).toEqual(['status', 'status', 'status']);
      expect(await fields({ to: '2026-11-20' })).toEqual(['assignee', 'assignee', 'assignee']);
      expect(await fields({ from: '2026-11-24' })).toEqual(['status']);
      expect(await fields({ actorId: amira.id, from: '2026-11-22', to: '2026-11-22' })).toEqual(['attribution_status']);
    });

    it('refuses malformed dates, reversed ranges and damaged page links', async () => {
      for (const query of [{ from: '2026-02-30' }, { to: '23/11/2026' }, { from: '2026-11-24', to: '2026-11-23' }]) {
        await expect(listActivity(db, query)).rejects.toBeInstanceOf(ValidationError);
      }
      await expect(listActivity(db, { before: 'not-a-cursor' })).rejects.toBeInstanceOf(InputRejectedError);
    });
  });
});
