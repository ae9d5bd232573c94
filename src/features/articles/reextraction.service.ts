import type { Db } from '../../db/connect.ts';
import type { NewAttributionHop, NewClaim } from '../../db/schema.ts';
import { ConflictError, NotFoundError } from '../../errors.ts';
import { msg } from '../../i18n/translate.ts';
import type { ExtractionResult, Language } from '../../extraction/index.ts';
import { nowIso } from '../../ids.ts';
import { recordDeskEvent } from '../activity/desk-events.repository.ts';
import { insertAttributionHops, insertClaims } from '../claims/claims.repository.ts';
import { findOutletIdsByNormalizedNames, insertOutlets } from '../outlets/outlets.repository.ts';
import { findSpeakerIdsByNormalizedNames, insertSpeakerAliasRows, insertSpeakers, refreshSpeakerSearchText } from '../speakers/speakers.repository.ts';
import type { DeskActor } from './article-corrections.service.ts';
import { extractOffThread } from './article-extractor.ts';
import { bumpArticleVersion, findArticleById, findArticleDeskEventIdAt, replaceNoiseSpans, type ArticleWithPublisher } from './articles.repository.ts';
import { refuseTooManyClaims } from './articles.service.ts';
import { buildIngestionRows, collectEntities, type IngestionRows } from './ingestion-rows.ts';
import { planReextraction, type ReextractionPlan } from './reextraction-plan.ts';
import { indexArticleChanges, lockClustersForClaimDeletion } from '../clusters/clusters.service.ts';
import { deleteUntouchedClaims, listStoredClaims, listStoredHops, updateUntouchedClaim, type StoredClaim, type StoredHop } from './reextraction.repository.ts';

export interface ReextractedClaim {
  start: number;
  end: number;
  text: string;
}

/** What a re-extraction did; kept in the after_json of its desk_event. */
export interface ReextractionSummary {
  added: number;
  removed: number;
  /** Claims that stay: those a person touched and the engine's own found again. */
  kept: number;
  /** Of the kept, those a person touched (verdict, note, assignment, edit). */
  reviewed: number;
  /** Of the kept, the engine's own whose speaker, chain, cue or kind changed. */
  updated: number;
  addedClaims: ReextractedClaim[];
  removedClaims: ReextractedClaim[];
}

export interface Reextraction {
  article: ArticleWithPublisher;
  summary: ReextractionSummary;
  eventId: string;
  /** Claims that now read differently, for open dashboards to refresh their rows. */
  updatedClaimIds: string[];
}

const MAX_PREPARATIONS = 3;

class EntityRaceError extends Error {}

type StoredSpan = StoredClaim & { start: number; end: number };
type FoundSpan = { start: number; end: number; row: NewClaim };

/**
 * Runs the current engine on the stored body, then applies its output in one transaction: claims a
 * person touched stay as they are; the engine's own follow what it finds now.
 */
export async function reextractArticle(db: Db, articleId: string, actor: DeskActor, maxClaims: number): Promise<Reextraction> {
  const article = await findArticleById(db, articleId);
  if (!article) throw new NotFoundError('Article', articleId);
  const { extraction } = await extractOffThread(article.body, { language: article.language as Language, ...(article.publisher_name ? { publisher: article.publisher_name } : {}) });
  refuseTooManyClaims(extraction.claims.length, maxClaims);
  for (let preparation = 1; ; preparation++) {
    try {
      const applied = await db.transaction().execute(async (trx) => {
        // It may delete claims: the cluster index's lock first, as every deletion of claims takes it.
        await lockClustersForClaimDeletion(trx);
        return applyReextraction(trx, article, extraction, actor);
      });
      // After it commits: new and updated claims join (or leave) the clusters of claims that say the same thing.
      await indexArticleChanges(db, articleId, applied.updatedClaimIds);
      return { article: (await findArticleById(db, articleId)) ?? article, ...applied };
    } catch (error) {
      if (error instanceof EntityRaceError && preparation < MAX_PREPARATIONS) continue;
      throw error;
    }
  }
}

async function applyReextraction(trx: Db, seen: ArticleWithPublisher, extraction: ExtractionResult, actor: DeskActor) {
  const current = await findArticleById(trx, seen.id);
  if (!current) throw new NotFoundError('Article', seen.id);
  if (current.version !== seen.version) throw changedMeanwhile();
  const stored: StoredSpan[] = (await listStoredClaims(trx, current.id)).map((claim) => ({ ...claim, start: claim.start_offset, end: claim.end_offset }));
  const rows = await prepareRows(trx, current, extraction);
  const found: FoundSpan[] = rows.claims.map((row) => ({ start: row.start_offset, end: row.end_offset, row }));
  const plan = planReextraction(stored, found);
  const newHops = groupHops(rows.hops);
  const updates = changedClaims(plan, newHops, await listStoredHops(trx, plan.refound.map(({ stored }) => stored.id)));
  await insertEntities(trx, rows, [...plan.add.map((claim) => claim.row), ...updates.map(({ found }) => found.row)], newHops);
  await writeClaimChanges(trx, plan, updates, newHops);
  await replaceNoiseSpans(trx, current.id, rows.noise);
  if (!(await bumpArticleVersion(trx, current.id, current.version))) throw changedMeanwhile();
  const summary = summarize(plan, updates.length);
  const at = nowIso();
  await recordDeskEvent(trx, {
    actor_id: actor.id,
    actor: actor.name,
    action: 'article.reextract',
    target_type: 'article',
    target_id: current.id,
    summary: `re-extracted «${current.title}»: ${summary.added} added, ${summary.removed} removed, ${summary.kept} kept (${summary.reviewed} reviewed), ${summary.updated} updated`,
    after: summary,
    at,
  });
  const eventId = (await findArticleDeskEventIdAt(trx, current.id, 'article.reextract', at))!;
  return { summary, eventId, updatedClaimIds: updates.map(({ stored }) => stored.id) };
}

function changedMeanwhile(): ConflictError<null> {
  return new ConflictError(msg('articles.reextraction.conflict'), null);
}

/** The rows an ingestion of this text would write, with the speakers and outlets that exist already. */
async function prepareRows(trx: Db, article: ArticleWithPublisher, extraction: ExtractionResult): Promise<IngestionRows> {
  const entities = collectEntities(extraction, undefined);
  const known = {
    speakers: await findSpeakerIdsByNormalizedNames(trx, [...entities.speakers.keys()]),
    outlets: await findOutletIdsByNormalizedNames(trx, [...entities.outlets.keys()]),
  };
  const { publisher_name: _publisherName, publisher_outlet_id: _publisherId, ...fields } = article;
  return buildIngestionRows({ ...fields, ingested_at: nowIso() }, undefined, extraction, entities, known);
}

function groupHops(hops: readonly NewAttributionHop[]): Map<string, NewAttributionHop[]> {
  const byClaim = new Map<string, NewAttributionHop[]>();
  for (const hop of hops) byClaim.set(hop.claim_id, [...(byClaim.get(hop.claim_id) ?? []), hop]);
  return byClaim;
}

type Refound = ReextractionPlan<StoredSpan, FoundSpan>['refound'][number];

/** The claims found again whose speaker, chain, cue, kind, score or speaker mention differ from what is stored. */
function changedClaims(plan: ReextractionPlan<StoredSpan, FoundSpan>, newHops: Map<string, NewAttributionHop[]>, storedHops: readonly StoredHop[]): Refound[] {
  const chains = new Map<string, string>();
  for (const hop of storedHops) chains.set(hop.claim_id, `${chains.get(hop.claim_id) ?? ''}|${chainLink(hop)}`);
  return plan.refound.filter(({ stored, found }) => {
    const row = found.row;
    const chain = (newHops.get(row.id) ?? []).map((hop) => `|${chainLink(hop)}`).join('');
    return (
      chain !== (chains.get(stored.id) ?? '') ||
      row.speaker_id !== stored.speaker_id ||
      row.cue !== stored.cue ||
      row.kind !== stored.kind ||
      row.checkworthiness !== stored.checkworthiness ||
      (row.speaker_mention_start ?? null) !== stored.speaker_mention_start ||
      (row.speaker_mention_end ?? null) !== stored.speaker_mention_end ||
      (row.speaker_mention_text ?? null) !== stored.speaker_mention_text
    );
  });
}

function chainLink(hop: { outlet_id: string; role: string; position: number; url?: string | null | undefined }): string {
  return JSON.stringify([hop.position, hop.outlet_id, hop.role, hop.url ?? null]);
}

/** New speakers, outlets and aliases, only those the written claims refer to. */
async function insertEntities(trx: Db, rows: IngestionRows, written: readonly NewClaim[], newHops: Map<string, NewAttributionHop[]>): Promise<void> {
  const speakerIds = new Set(written.map((claim) => claim.speaker_id));
  const outletIds = new Set(written.flatMap((claim) => (newHops.get(claim.id) ?? []).map((hop) => hop.outlet_id)));
  const outlets = rows.outlets.filter((outlet) => outletIds.has(outlet.id));
  const speakers = rows.speakers.filter((speaker) => speakerIds.has(speaker.id));
  // A speaker or outlet created by another writer since the lookup: prepare again.
  if ((await insertOutlets(trx, outlets)) < outlets.length) throw new EntityRaceError();
  if ((await insertSpeakers(trx, speakers)) < speakers.length) throw new EntityRaceError();
  const aliases = rows.aliases.filter((alias) => speakerIds.has(alias.speaker_id));
  await insertSpeakerAliasRows(trx, aliases);
  await refreshSpeakerSearchText(trx, aliases.map((alias) => alias.speaker_id));
}

async function writeClaimChanges(trx: Db, plan: ReextractionPlan<StoredSpan, FoundSpan>, updates: readonly Refound[], newHops: Map<string, NewAttributionHop[]>): Promise<void> {
  const removed = plan.remove.map((claim) => claim.id);
  if ((await deleteUntouchedClaims(trx, removed)) !== removed.length) throw changedMeanwhile();
  for (const { stored, found } of updates) {
    const { row } = found;
    const hops = (newHops.get(row.id) ?? []).map((hop) => ({ ...hop, claim_id: stored.id }));
    const fields = {
      speaker_id: row.speaker_id ?? null,
      cue: row.cue,
      kind: row.kind,
      checkworthiness: row.checkworthiness,
      prefix: row.prefix,
      suffix: row.suffix,
      speaker_mention_start: row.speaker_mention_start ?? null,
      speaker_mention_end: row.speaker_mention_end ?? null,
      speaker_mention_text: row.speaker_mention_text ?? null,
    };
    if (!(await updateUntouchedClaim(trx, stored.id, fields, hops))) throw changedMeanwhile();
  }
  await insertClaims(trx, plan.add.map((claim) => claim.row));
  await insertAttributionHops(trx, plan.add.flatMap((claim) => newHops.get(claim.row.id) ?? []));
}

function summarize(plan: ReextractionPlan<StoredSpan, FoundSpan>, updated: number): ReextractionSummary {
  return {
    added: plan.add.length,
    removed: plan.remove.length,
    kept: plan.touched.length + plan.refound.length,
    reviewed: plan.touched.length,
    updated,
    addedClaims: plan.add.map(({ row }) => ({ start: row.start_offset, end: row.end_offset, text: row.text })),
    removedClaims: plan.remove.map((claim) => ({ start: claim.start_offset, end: claim.end_offset, text: claim.text })),
  };
}
