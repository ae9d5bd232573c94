import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.ts';
import { countClaimsByStatus } from '../../src/features/claims/claims.repository.ts';
import { findOrCreateOutlet } from '../../src/features/outlets/outlets.service.ts';
import { findOrCreateSpeaker } from '../../src/features/speakers/speakers.service.ts';
import { newId } from '../../src/ids.ts';
import { TEST_ENGINES, type TestDatabase } from '../support/database.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';

const STATUSES = ['unverified', 'in_review', 'false', 'accurate'];
const SCORES = [0, 0.29, 0.5, 0.57, 0.75, 0.7499999, 0.99, 1];
const ROLES = ['source', 'republished', 'interview'];

/** The largest whole percentage p with score >= p / 100, the way the dashboard's threshold compares. */
function bucketOf(score: number): string {
  let percent = 0;
  while (percent < 100 && score >= (percent + 1) / 100) percent += 1;
  return String(percent).padStart(3, '0');
}

/** Every counter as a fresh count of the claims and hops would give it. */
async function countedFromTables(db: Db): Promise<Record<string, number>> {
  const claims = await db.selectFrom('claim').select(['id', 'status', 'speaker_id', 'origin', 'assignee_id', 'checkworthiness']).execute();
  const hops = await db.selectFrom('attribution_hop').select(['claim_id', 'outlet_id', 'role']).execute();
  const counts: Record<string, number> = {};
  const add = (facet: string, value: string | null, status: string) => {
    if (value === null) return;
    const key = `${facet}|${value}|${status}`;
    counts[key] = (counts[key] ?? 0) + 1;
  };
  const statusOf = new Map(claims.map((claim) => [claim.id, claim.status]));
  for (const claim of claims) {
    add('all', '', claim.status);
    add('speaker', claim.speaker_id, claim.status);
    add('origin', claim.origin, claim.status);
    add('assignee', claim.assignee_id, claim.status);
    add('score', bucketOf(claim.checkworthiness), claim.status);
  }
  for (const key of new Set(hops.map((hop) => `${hop.claim_id}|${hop.outlet_id}`))) {
    const [claimId, outletId] = key.split('|');
    add('outlet', outletId!, statusOf.get(claimId!)!);
  }
  for (const key of new Set(hops.map((hop) => `${hop.claim_id}|${hop.outlet_id}:${hop.role}`))) {
    const [claimId, value] = key.split('|');
    add('outlet_role', value!, statusOf.get(claimId!)!);
  }
  return counts;
}

async function counters(db: Db): Promise<Record<string, number>> {
  const rows = await db.selectFrom('claim_facet_count').selectAll().where('claims', '<>', 0).execute();
  return Object.fromEntries(rows.map((row) => [`${row.facet}|${row.value}|${row.status}`, Number(row.claims)]));
}

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

for (const { engine, open } of TEST_ENGINES) {
  describe(`claim facet counters on ${engine}`, () => {
    let database: TestDatabase;
    beforeEach(async () => {
      database = await open();
    });
    afterEach(() => database.drop());

    it('equal a fresh count through inserts, verdicts, corrections, chain edits, merges and deletions', async () => {
      const { db } = database;
      const next = random(7);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
      const outlets = await Promise.all(['Reuters', 'AFP', 'CNN', 'Sputnik'].map((name) => findOrCreateOutlet(db, { name, kind: 'newspaper' })));
      const speakers = await Promise.all(['Delanoë', 'Lavrov', 'Macron'].map((name) => findOrCreateSpeaker(db, { name, aliases: [], unnamed: false })));
      const articles = [await insertTestArticle(db), await insertTestArticle(db), await insertTestArticle(db)];
      const claimIds: string[] = [];
      for (let n = 0; n < 24; n += 1) {
        const chain = Array.from({ length: Math.floor(next() * 4) }, () => ({ name: pick(['Reuters', 'AFP', 'CNN']), role: pick(ROLES) }));
        claimIds.push(await insertTestClaim(db, { article: articles[n % 3]!, start: n * 50, status: pick(STATUSES), checkworthiness: pick(SCORES), speaker: pick(['Delanoë', 'Lavrov']), outlets: chain }));
      }
      expect(await counters(db)).toEqual(await countedFromTables(db));

      for (let step = 0; step < 60; step += 1) {
        const claimId = pick(claimIds);
        const hop = await db.selectFrom('attribution_hop').select(['id', 'claim_id']).where('claim_id', '=', claimId).executeTakeFirst();
        switch (step % 8) {
          case 0:
            await db.updateTable('claim').set({ status: pick(STATUSES) }).where('id', '=', claimId).execute();
            break;
          case 1:
            await db.updateTable('claim').set({ speaker_id: pick(speakers).id, checkworthiness: pick(SCORES), origin: 'edited' }).where('id', '=', claimId).execute();
            break;
          case 2:
            await db.updateTable('claim').set({ assignee_id: pick([newId(), null]), status: pick(STATUSES) }).where('id', 'in', claimIds.slice(0, 5)).execute();
            break;
          case 3: {
            const position = 10 + step;
            await db.insertInto('attribution_hop').values({ id: newId(), claim_id: claimId, outlet_id: pick(outlets).id, role: pick(ROLES), position, url: null, status: 'unconfirmed' }).execute();
            break;
          }
          case 4:
            if (hop) await db.updateTable('attribution_hop').set({ outlet_id: pick(outlets).id }).where('id', '=', hop.id).execute();
            break;
          case 5:
            if (hop) await db.updateTable('attribution_hop').set({ role: pick(ROLES) }).where('id', '=', hop.id).execute();
            break;
          case 6:
            if (hop) await db.deleteFrom('attribution_hop').where('id', '=', hop.id).execute();
            break;
          case 7:
            // A merge moves every hop of one outlet to another, some of them onto claims that already have it.
            await db.updateTable('attribution_hop').set({ outlet_id: outlets[0]!.id }).where('outlet_id', '=', pick(outlets.slice(1)).id).execute();
            break;
        }
        expect(await counters(db), `after step ${step}`).toEqual(await countedFromTables(db));
      }

      await db.deleteFrom('claim').where('id', '=', claimIds[0]!).execute();
      await db.deleteFrom('article').where('id', '=', articles[1]!.id).execute();
      expect(await counters(db)).toEqual(await countedFromTables(db));
    });

    it('answer each single filter exactly, open-only included, and cap a combination of filters', async () => {
      const { db } = database;
      const article = await insertTestArticle(db);
      const afp = [{ name: 'AFP', role: 'source' }, { name: 'AFP', role: 'republished' }];
      await insertTestClaim(db, { article, start: 0, status: 'false', checkworthiness: 0.75, speaker: 'Lavrov', outlets: afp });
      await insertTestClaim(db, { article, start: 50, status: 'unverified', checkworthiness: 0.7499999, speaker: 'Lavrov', outlets: afp.slice(0, 1) });
      await insertTestClaim(db, { article, start: 100, status: 'unverified', checkworthiness: 0.29, speaker: 'Macron' });
      const lavrov = (await findOrCreateSpeaker(db, { name: 'Lavrov', aliases: [], unnamed: false })).id;
      const outlet = (await findOrCreateOutlet(db, { name: 'AFP', kind: 'newspaper' })).id;
      const asObject = async (filters: Parameters<typeof countClaimsByStatus>[1], cap?: number) => {
        const { byStatus, complete } = await countClaimsByStatus(db, filters, cap);
        return { ...Object.fromEntries(byStatus), complete };
      };
      expect(await asObject({})).toEqual({ false: 1, unverified: 2, complete: true });
      expect(await asObject({ speakerId: lavrov })).toEqual({ false: 1, unverified: 1, complete: true });
      expect(await asObject({ outletId: outlet })).toEqual({ false: 1, unverified: 1, complete: true });
      expect(await asObject({ outletId: outlet, outletRole: 'republished' })).toEqual({ false: 1, complete: true });
      expect(await asObject({ minCheckworthiness: 0.75 })).toEqual({ false: 1, complete: true });
      expect(await asObject({ minCheckworthiness: 0.29 })).toEqual({ false: 1, unverified: 2, complete: true });
      expect(await asObject({ speakerId: lavrov, openOnly: true })).toEqual({ unverified: 1, complete: true });
      expect(await asObject({ speakerId: lavrov, minCheckworthiness: 0.5 })).toEqual({ false: 1, unverified: 1, complete: true });
      expect(await asObject({ speakerId: lavrov, minCheckworthiness: 0.5 }, 2)).toEqual({ false: 1, unverified: 1, complete: false });
    });
  });
}
