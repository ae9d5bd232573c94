import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.ts';
import type { ArticleRow } from '../../src/db/schema.ts';
import { NotFoundError } from '../../src/errors.ts';
import { ingestArticle } from '../../src/features/articles/articles.service.ts';
import { reextractArticle } from '../../src/features/articles/reextraction.service.ts';
import { getClaim } from '../../src/features/claims/claims.service.ts';
import { getClusterSection } from '../../src/features/clusters/cluster-desk.service.ts';
import { CLUSTER_THRESHOLDS, pairScore } from '../../src/features/clusters/cluster-thresholds.ts';
import {
  decideSuggestion,
  fillMissingClusterIndex,
  indexClaims,
  joinCluster,
  SuggestionDecidedError,
} from '../../src/features/clusters/clusters.service.ts';
import { addClaim, editClaim } from '../../src/features/corrections/claim-edits.service.ts';
import { mergeSpeakers } from '../../src/features/speakers/speakers.service.ts';
import { textSimilarity } from '../../src/text/near-duplicate.ts';
import { TEST_ENGINES, type TestDatabase } from '../support/database.ts';
import { insertTestArticle, insertTestClaim, testActor } from '../support/fixtures.ts';

// Texts written for these tests (no corpus text). Scores are checked before they are relied on.
const HARBOUR = {
  original: 'The harbour authority said container traffic through the northern port fell by a third during the autumn strike',
  republished: '"Container traffic through the northern port fell by a third during the autumn strike," the harbour authority said.',
  // ~0.55: a suggestion between different speakers, a join for the same speaker (+ bonus).
  edited: 'The harbour authority said container traffic through the northern port dropped sharply during the long autumn strike',
  unrelated: 'The finance ministry said tax revenue from the tourism sector rose by a quarter during the winter season',
};
const RESERVOIR = {
  // Two clusters that a third claim bridges: each of the two is ≥ join with the bridge, < join with the other.
  farmers: 'Water levels in the eastern reservoir fell below twenty percent after the dry summer and the angry farmers blocked the main road',
  engineers: 'Water levels in the eastern reservoir fell below twenty percent after the dry summer according to engineers working at the old dam',
  bridge: 'Water levels in the eastern reservoir fell below twenty percent after the dry summer',
};

describe.each(TEST_ENGINES)('claim clusters on $engine', ({ open }) => {
  let database: TestDatabase;
  let db: Db;
  let day = 0;

  beforeEach(async () => {
    database = await open();
    db = database.db;
  });

  afterEach(() => database.drop());

  /** A claim in an article of its own (published a day after the previous one), not indexed yet. */
  async function claimIn(text: string, speaker: string, article?: ArticleRow): Promise<string> {
    day += 1;
    const host = article ?? (await insertTestArticle(db, { body: `${text} ${'x'.repeat(50)}`, published_at: new Date(Date.UTC(2026, 5, 1 + (day % 28), day % 24)).toISOString() }));
    return insertTestClaim(db, { article: host, start: 0, text, speaker });
  }

  async function clusterOf(claimId: string): Promise<string | undefined> {
    const row = await db.selectFrom('claim_cluster_member').select('cluster_id').where('claim_id', '=', claimId).executeTakeFirst();
    return row?.cluster_id;
  }

  /** The claim page's reading of the claim's cluster: appearances earliest first, pending suggestions. */
  async function clusterSectionOf(claimId: string) {
    const claim = await db.selectFrom('claim').select(['id', 'speaker_id', 'status']).where('id', '=', claimId).executeTakeFirstOrThrow();
    return getClusterSection(db, claim);
  }
  const appearancesOf = async (claimId: string) => (await clusterSectionOf(claimId)).appearances;
  const pendingOf = async (claimId: string) => (await clusterSectionOf(claimId)).suggestions;

  async function suggestions(): Promise<Array<{ claim_id: string; candidate_claim_id: string; state: string; same_speaker: number; similarity: number }>> {
    return db.selectFrom('claim_cluster_suggestion').select(['claim_id', 'candidate_claim_id', 'state', 'same_speaker', 'similarity']).execute();
  }

  it('joins a republished copy to the earlier claim, lists the appearances earliest first, and ignores an unrelated claim', async () => {
    const first = await claimIn(HARBOUR.original, 'Amal Saleh');
    const unrelated = await claimIn(HARBOUR.unrelated, 'Amal Saleh');
    const copy = await claimIn(HARBOUR.republished, 'Amal Saleh');
    await indexClaims(db, [first, unrelated]);
    const summary = await indexClaims(db, [copy]);
    expect(summary.changedClusters).toHaveLength(1);
    expect(await clusterOf(copy)).toBeDefined();
    expect(await clusterOf(copy)).toBe(await clusterOf(first));
    expect(await clusterOf(unrelated)).toBeUndefined();
    const appearances = await appearancesOf(copy);
    expect(appearances.map((row) => row.claim_id)).toEqual([first, copy]);
    expect(appearances[1]).toMatchObject({ joined_by: 'index', speaker_name: 'Amal Saleh', status: 'unverified', attribution_status: 'unchecked' });
    expect(appearances[1]!.similarity).toBeGreaterThanOrEqual(CLUSTER_THRESHOLDS.join);
    expect(await appearancesOf(unrelated)).toEqual([]);
    expect(await suggestions()).toEqual([]);
  });

  it('suggests a borderline copy by another speaker, and joins the same copy by the same speaker (same speaker raises the score)', async () => {
    const similarity = textSimilarity(HARBOUR.original, HARBOUR.edited);
    expect(pairScore(similarity, false)).toBeGreaterThanOrEqual(CLUSTER_THRESHOLDS.suggest);
    expect(pairScore(similarity, false)).toBeLessThan(CLUSTER_THRESHOLDS.join);
    expect(pairScore(similarity, true)).toBeGreaterThanOrEqual(CLUSTER_THRESHOLDS.join);

    const first = await claimIn(HARBOUR.original, 'Amal Saleh');
    const otherSpeaker = await claimIn(HARBOUR.edited, 'Omar Nasser');
    await indexClaims(db, [first, otherSpeaker]);
    expect(await clusterOf(otherSpeaker)).toBeUndefined();
    expect(await suggestions()).toEqual([{ claim_id: otherSpeaker, candidate_claim_id: first, state: 'pending', same_speaker: 0, similarity: expect.closeTo(similarity, 6) }]);
    const pending = await pendingOf(first);
    expect(pending).toMatchObject([{ other_claim_id: otherSpeaker, speaker_name: 'Omar Nasser', same_speaker: 0 }]);
    expect((await pendingOf(otherSpeaker)).map((row) => row.other_claim_id)).toEqual([first]);

    const sameSpeaker = await claimIn(HARBOUR.edited, 'Amal Saleh');
    await indexClaims(db, [sameSpeaker]);
    expect(await clusterOf(sameSpeaker)).toBe(await clusterOf(first));
  });

  it('indexes the claims of a merged speaker again: a borderline pair of two names of one speaker joins', async () => {
    const first = await claimIn(HARBOUR.original, 'Amal Saleh');
    const second = await claimIn(HARBOUR.edited, 'A. Saleh');
    await indexClaims(db, [first, second]);
    expect(await clusterOf(second)).toBeUndefined();
    expect((await pendingOf(first)).map((row) => row.other_claim_id)).toEqual([second]);

    const speakerId = async (name: string) => (await db.selectFrom('speaker').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
    await mergeSpeakers(db, await speakerId('A. Saleh'), await speakerId('Amal Saleh'), testActor('Amira'));
    expect(await clusterOf(second)).toBeDefined();
    expect(await clusterOf(second)).toBe(await clusterOf(first));
    expect(await pendingOf(first)).toEqual([]);
  });

  it('joins the same words from different speakers and records them as such ("also attributed to")', async () => {
    const first = await claimIn(HARBOUR.original, 'Amal Saleh');
    const copy = await claimIn(HARBOUR.original, 'Samir Toumi');
    await indexClaims(db, [first, copy]);
    const appearances = await appearancesOf(first);
    expect(appearances.map((row) => [row.claim_id, row.speaker_name])).toEqual([
      [first, 'Amal Saleh'],
      [copy, 'Samir Toumi'],
    ]);
    expect(appearances[0]!.speaker_id).not.toBe(appearances[1]!.speaker_id);
  });

  it('does not take two statements of one speaker for the same claim because both begin with the name', async () => {
    const one = await claimIn('Harbour Master Yusuf Haddad said container traffic fell by a third', 'Harbour Master Yusuf Haddad');
    const two = await claimIn('Harbour Master Yusuf Haddad said the new cranes arrive in spring', 'Harbour Master Yusuf Haddad');
    await indexClaims(db, [one, two]);
    expect(await clusterOf(two)).toBeUndefined();
    expect(await suggestions()).toEqual([]);
  });

  it('never matches claims of the same article', async () => {
    const article = await insertTestArticle(db, { body: `${HARBOUR.original} ${HARBOUR.original}` });
    const one = await claimIn(HARBOUR.original, 'Amal Saleh', article);
    const two = await claimIn(HARBOUR.original, 'Amal Saleh', article);
    await indexClaims(db, [one, two]);
    expect(await clusterOf(one)).toBeUndefined();
    expect(await clusterOf(two)).toBeUndefined();
    expect(await suggestions()).toEqual([]);
  });

  it('merges two clusters when a claim bridges them, keeping the older cluster', async () => {
    // Different speakers, so no bonus between the two sides.
    expect(textSimilarity(RESERVOIR.farmers, RESERVOIR.engineers)).toBeLessThan(CLUSTER_THRESHOLDS.join);
    for (const side of [RESERVOIR.farmers, RESERVOIR.engineers]) expect(textSimilarity(RESERVOIR.bridge, side)).toBeGreaterThanOrEqual(CLUSTER_THRESHOLDS.join);
    const farmers = [await claimIn(RESERVOIR.farmers, 'Lina Haddad'), await claimIn(RESERVOIR.farmers, 'Lina Haddad')];
    const engineers = [await claimIn(RESERVOIR.engineers, 'Karim Aziz'), await claimIn(RESERVOIR.engineers, 'Karim Aziz')];
    await indexClaims(db, [...farmers, ...engineers]);
    const older = await clusterOf(farmers[0]!);
    const newer = await clusterOf(engineers[0]!);
    expect(older).toBeDefined();
    expect(newer).toBeDefined();
    expect(older).not.toBe(newer);

    const bridge = await claimIn(RESERVOIR.bridge, 'Rania Khoury');
    await indexClaims(db, [bridge]);
    for (const id of [...farmers, ...engineers, bridge]) expect(await clusterOf(id)).toBe(older);
    expect(await db.selectFrom('claim_cluster').select('id').execute()).toEqual([{ id: older }]);
    expect(await appearancesOf(engineers[1]!)).toHaveLength(5);
  });

  it('indexes a claim again after its text is corrected: it leaves the cluster it no longer matches and joins the one it does', async () => {
    const body = `${HARBOUR.original}. ${RESERVOIR.bridge}.`;
    const article = await insertTestArticle(db, { body });
    const corrected = await insertTestClaim(db, { article, start: 0, text: HARBOUR.original, speaker: 'Amal Saleh' });
    const harbour = await claimIn(HARBOUR.republished, 'Amal Saleh');
    const reservoir = await claimIn(RESERVOIR.bridge, 'Rania Khoury');
    await indexClaims(db, [corrected, harbour, reservoir]);
    expect(await clusterOf(corrected)).toBe(await clusterOf(harbour));

    const claim = await getClaim(db, corrected);
    const start = body.indexOf(RESERVOIR.bridge);
    await editClaim(db, {
      claimId: corrected,
      expectedVersion: claim.version,
      actor: testActor('Amira'),
      values: { start: String(start), end: String(start + RESERVOIR.bridge.length), speaker: 'Amal Saleh', newSpeaker: false, cue: claim.cue, kind: claim.kind, hops: [], newHopOutlet: '', newHopRole: 'original' },
    });
    expect(await clusterOf(corrected)).toBe(await clusterOf(reservoir));
    expect(await clusterOf(corrected)).toBeDefined();
    // The harbour cluster had two members: with one left it is gone.
    expect(await clusterOf(harbour)).toBeUndefined();
    expect(await appearancesOf(harbour)).toEqual([]);
  });

  it('indexes a claim added by hand', async () => {
    const earlier = await claimIn(HARBOUR.original, 'Amal Saleh');
    await indexClaims(db, [earlier]);
    const article = await insertTestArticle(db, { body: `Yesterday ${HARBOUR.republished} Tomorrow` });
    const start = article.body.indexOf(HARBOUR.republished);
    const added = await addClaim(db, {
      articleId: article.id,
      actor: testActor('Amira'),
      values: { start: String(start), end: String(start + HARBOUR.republished.length), speaker: 'Amal Saleh', newSpeaker: false, cue: 'said', kind: 'factual', hops: [], newHopOutlet: '', newHopRole: 'original' },
    });
    expect(await clusterOf(added.id)).toBe(await clusterOf(earlier));
  });

  it('clusters the claims of two ingested articles that carry the same statement', async () => {
    const statement = 'The harbour authority said container traffic through the northern port fell by a third during the autumn strike.';
    const first = await ingestArticle(db, { text: `${statement}\nThe mayor said the bridge would reopen in May.`, language: 'en' }, { maxBytes: 100_000 });
    const second = await ingestArticle(db, { text: `Port news.\n${statement}`, language: 'en', publisher: 'Harbour Weekly' }, { maxBytes: 100_000 });
    const claims = await db.selectFrom('claim').select(['id', 'article_id', 'text', 'cluster_indexed_at']).execute();
    expect(claims.every((claim) => claim.cluster_indexed_at !== null)).toBe(true);
    const firstClaim = claims.find((claim) => claim.article_id === first.article.id && claim.text.includes('container'));
    const secondClaim = claims.find((claim) => claim.article_id === second.article.id && claim.text.includes('container'));
    expect(firstClaim && secondClaim).toBeTruthy();
    const appearances = await appearancesOf(secondClaim!.id);
    expect(appearances.map((row) => row.claim_id)).toEqual([firstClaim!.id, secondClaim!.id]);
    expect(appearances[1]!.publisher_name).toBe('Harbour Weekly');
  });

  it('indexes an article’s unindexed claims after a re-extraction', async () => {
    const statement = 'The harbour authority said container traffic through the northern port fell by a third during the autumn strike.';
    await ingestArticle(db, { text: `${statement}\nThe mayor said the bridge would reopen in May.`, language: 'en' }, { maxBytes: 100_000 });
    const second = await ingestArticle(db, { text: `Port news.\n${statement}`, language: 'en' }, { maxBytes: 100_000 });
    const ofSecond = await db.selectFrom('claim').select('id').where('article_id', '=', second.article.id).execute();
    // As if the claims had been written by a re-extraction and not indexed yet.
    await db.deleteFrom('claim_cluster').execute();
    await db.updateTable('claim').set({ cluster_indexed_at: null }).where('article_id', '=', second.article.id).execute();
    await reextractArticle(db, second.article.id, testActor('Amira'), 100);
    const indexed = await db.selectFrom('claim').select('cluster_indexed_at').where('article_id', '=', second.article.id).execute();
    expect(indexed.every((row) => row.cluster_indexed_at !== null)).toBe(true);
    expect(await appearancesOf(ofSecond[0]!.id)).toHaveLength(2);
  });

  it('clusters two articles carrying the same statement that are ingested at the same time', async () => {
    const statement = 'The harbour authority said container traffic through the northern port fell by a third during the autumn strike.';
    const [first, second] = await Promise.all([
      ingestArticle(db, { text: `Morning edition.\n${statement}`, language: 'en' }, { maxBytes: 100_000 }),
      ingestArticle(db, { text: `Evening edition.\n${statement}`, language: 'en' }, { maxBytes: 100_000 }),
    ]);
    const claims = await db.selectFrom('claim').select(['id', 'article_id']).where('article_id', 'in', [first.article.id, second.article.id]).execute();
    expect(claims).toHaveLength(2);
    expect(await clusterOf(claims[0]!.id)).toBeDefined();
    expect(await clusterOf(claims[0]!.id)).toBe(await clusterOf(claims[1]!.id));
  });

  it('deleting a claim deletes its bucket keys, membership and suggestions', async () => {
    const first = await claimIn(HARBOUR.original, 'Amal Saleh');
    const copy = await claimIn(HARBOUR.republished, 'Amal Saleh');
    const borderline = await claimIn(HARBOUR.edited, 'Omar Nasser');
    await indexClaims(db, [first, copy, borderline]);
    expect((await suggestions()).length).toBeGreaterThan(0);
    await db.deleteFrom('claim').where('id', 'in', [first, borderline]).execute();
    expect(await db.selectFrom('claim_lsh_bucket').select('claim_id').where('claim_id', 'in', [first, borderline]).execute()).toEqual([]);
    expect(await db.selectFrom('claim_cluster_member').select('claim_id').where('claim_id', '=', first).execute()).toEqual([]);
    expect(await suggestions()).toEqual([]);
    // One member left: no cluster to show.
    expect(await appearancesOf(copy)).toEqual([]);
  });

  it('confirms a suggestion into a cluster, refuses a second decision, and never suggests a rejected pair again', async () => {
    const first = await claimIn(HARBOUR.original, 'Amal Saleh');
    const edited = await claimIn(HARBOUR.edited, 'Omar Nasser');
    const otherEdit = await claimIn(HARBOUR.edited, 'Hoda Mansour');
    await indexClaims(db, [first, edited, otherEdit]);
    // edited and otherEdit are the same words: joined; each is a suggestion for first.
    expect(await clusterOf(edited)).toBe(await clusterOf(otherEdit));
    const user = testActor('Amira');

    const confirmed = await decideSuggestion(db, { claimId: first, otherClaimId: edited, decision: 'confirmed', userId: user.id });
    expect(confirmed.clusterId).toBe(await clusterOf(first));
    expect(await clusterOf(first)).toBe(await clusterOf(edited));
    const joined = await db.selectFrom('claim_cluster_member').select('joined_by').where('claim_id', '=', first).executeTakeFirstOrThrow();
    expect(joined.joined_by).toBe(user.id);
    await expect(decideSuggestion(db, { claimId: edited, otherClaimId: first, decision: 'rejected', userId: user.id })).rejects.toBeInstanceOf(SuggestionDecidedError);
    await expect(decideSuggestion(db, { claimId: first, otherClaimId: 'no-such-claim', decision: 'rejected', userId: user.id })).rejects.toBeInstanceOf(NotFoundError);

    const third = await claimIn(HARBOUR.original, 'Nabil Fares');
    const fourth = await claimIn(HARBOUR.edited, 'Mona Selim');
    await db.deleteFrom('claim_cluster_member').execute();
    await indexClaims(db, [third]);
    await indexClaims(db, [fourth]);
    await decideSuggestion(db, { claimId: third, otherClaimId: fourth, decision: 'rejected', userId: user.id });
    await indexClaims(db, [fourth]);
    const pair = (await suggestions()).filter((row) => [row.claim_id, row.candidate_claim_id].sort().join() === [third, fourth].sort().join());
    expect(pair).toMatchObject([{ state: 'rejected' }]);
    expect((await pendingOf(fourth)).map((row) => row.other_claim_id)).not.toContain(third);
  });

  it('joins two claims by a reviewer and merges their clusters', async () => {
    const a = await claimIn(HARBOUR.original, 'Amal Saleh');
    const b = await claimIn(HARBOUR.unrelated, 'Tarek Aoun');
    const user = testActor('Omar');
    const cluster = await joinCluster(db, a, b, user.id);
    expect(await clusterOf(a)).toBe(cluster);
    expect(await clusterOf(b)).toBe(cluster);
    await expect(joinCluster(db, a, 'missing', user.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('fills in the index for claims written before it, oldest first, and then finds nothing to do', async () => {
    const first = await claimIn(HARBOUR.original, 'Amal Saleh');
    const copy = await claimIn(HARBOUR.republished, 'Amal Saleh');
    const short = await claimIn('He said yes', 'Amal Saleh');
    expect(await fillMissingClusterIndex(db, { batchSize: 2 })).toBe(3);
    expect(await clusterOf(copy)).toBe(await clusterOf(first));
    expect(await db.selectFrom('claim').select('id').where('cluster_indexed_at', 'is', null).execute()).toEqual([]);
    expect(await db.selectFrom('claim_lsh_bucket').select('claim_id').where('claim_id', '=', short).execute()).toEqual([]);
    expect(await fillMissingClusterIndex(db)).toBe(0);
  });
});
