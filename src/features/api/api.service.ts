import type { Db } from '../../db/connect.ts';
import { ConflictError, ValidationError } from '../../errors.ts';
import { decodePageToken, encodePageToken } from '../../page-token.ts';
import { nameKey } from '../../text/name-key.ts';
import type { Actor } from '../review/review.service.ts';
import { changeAttributionStatus } from '../review/review.service.ts';
import { getArticle, ingestArticle, listArticles, type IngestLimits } from '../articles/articles.service.ts';
import { deleteArticle, editArticle, type DeskActor } from '../articles/article-corrections.service.ts';
import { parseArticleEdit } from '../articles/articles.schema.ts';
import { reextractArticle } from '../articles/reextraction.service.ts';
import type { ClaimFilters } from '../claims/claims.repository.ts';
import { changeClaimStatus, eachClaimBatch, getClaim, getClaimHistory, listClaimPage, type ClaimView } from '../claims/claims.service.ts';
import { findClaimProvenance, searchOutlets, searchSpeakers, type NameCursor } from './api-directory.repository.ts';
import { CLAIM_CORRECTION_MEMBERS, type ArticlePatch, type ClaimPatch, type ClaimsQuery, type DirectoryQuery, type SearchApiQuery, type ListQuery, type NewArticleBody, type NewClaimBody } from './api.schema.ts';
import type { ClaimEditorValues } from '../corrections/claim-edits.schema.ts';
import { addClaim, deleteClaim, editClaim } from '../corrections/claim-edits.service.ts';
import { toApiArticle, toApiArticleSummary, toApiClaim, toApiHistoryEvent, toApiOutlet, toApiSpeaker, type ApiClaim } from './api-views.ts';
import { readSearchParameter } from '../search/search.schema.ts';
import { loadRatingScale } from '../ratings/ratings.service.ts';
import { searchEverything, type SearchResults } from '../search/search.service.ts';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export async function listArticlePage(db: Db, query: ListQuery): Promise<Page<ReturnType<typeof toApiArticleSummary>>> {
  const list = await listArticles(db, query.limit, query.cursor);
  return { items: list.articles.map(toApiArticleSummary), nextCursor: list.next };
}

async function withProvenance(db: Db, claims: ClaimView[]): Promise<ApiClaim[]> {
  const provenance = await findClaimProvenance(db, claims.map((claim) => claim.id));
  return claims.map((claim) => toApiClaim(claim, provenance.get(claim.id)));
}

/** Every claim of an article, in text order. */
async function articleClaims(db: Db, articleId: string): Promise<ApiClaim[]> {
  const claims: ApiClaim[] = [];
  for await (const batch of eachClaimBatch(db, { articleId })) claims.push(...(await withProvenance(db, batch)));
  return claims;
}

export async function getArticleWithClaims(db: Db, id: string) {
  const { article, noise } = await getArticle(db, id);
  return { ...toApiArticle(article, noise), claims: await articleClaims(db, id) };
}

/** Ingests through the one ingestion path; the same text again answers with the article ingested before. */
export async function addArticle(db: Db, body: NewArticleBody, limits: IngestLimits) {
  const { url, ...rest } = body;
  const result = await ingestArticle(db, { ...rest, sourceUrl: url }, limits);
  return { created: result.created, article: await getArticleWithClaims(db, result.article.id) };
}

/** Present members replace, null clears, absent ones keep: then the article form's own rules apply. */
function mergedArticleEdit(current: Awaited<ReturnType<typeof getArticle>>['article'], patch: ArticlePatch) {
  const kept = <T>(value: T | null | undefined, current: T | null) => (value === undefined ? (current ?? undefined) : (value ?? undefined));
  const merged = {
    title: patch.title ?? current.title,
    language: patch.language ?? current.language,
    publisher: kept(patch.publisher, current.publisher_name),
    sourceUrl: kept(patch.url, current.source_url),
    publishedAt: kept(patch.publishedAt, current.published_at),
  };
  try {
    return parseArticleEdit(merged);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    // The form calls it sourceUrl; the API, as on ingestion, url.
    throw new ValidationError(Object.fromEntries(Object.entries(error.fieldErrors).map(([field, message]) => [field === 'sourceUrl' ? 'url' : field, message])));
  }
}

export async function changeArticle(db: Db, id: string, patch: ArticlePatch, actor: DeskActor) {
  const { article } = await getArticle(db, id);
  await editArticle(db, id, patch.version, mergedArticleEdit(article, patch), actor);
  return getArticleWithClaims(db, id);
}

export async function removeArticle(db: Db, id: string, version: number, actor: DeskActor) {
  const { article, dependents } = await deleteArticle(db, id, version, actor);
  return { id: article.id, title: article.title, ...dependents };
}

export async function reextract(db: Db, id: string, actor: DeskActor, maxClaims: number) {
  const { summary } = await reextractArticle(db, id, actor, maxClaims);
  const { added, removed, kept, reviewed, updated } = summary;
  return { summary: { added, removed, kept, reviewed, updated }, article: await getArticleWithClaims(db, id) };
}

export async function listClaimsPage(db: Db, query: ClaimsQuery): Promise<Page<ApiClaim>> {
  // origin: applied by claim lists that know claim provenance.
  const filters: ClaimFilters & { origin?: string } = {
    status: query.status,
    speakerId: query.speaker,
    outletId: query.outlet,
    articleId: query.article,
    minCheckworthiness: query.minCheckworthiness,
    origin: query.provenance,
    cluster: query.cluster,
    search: readSearchParameter(query.q)?.query,
  };
  // The API names each refused parameter (422): a status the desk's scale has never had is one.
  if (query.status !== undefined && !(await loadRatingScale(db)).has(query.status)) throw new ValidationError({ status: 'A label code of the desk’s rating scale.' });
  const page = await listClaimPage(db, filters, query.cursor, query.limit, query.sort);
  return { items: await withProvenance(db, page.claims), nextCursor: page.nextCursor };
}

/** The desk's rating scale as the API gives it (see RatingScale in openapi.ts). */
export async function getRatingScale(db: Db) {
  const scale = await loadRatingScale(db);
  return {
    labels: scale.labels.map((label) => ({
      code: label.code,
      name: label.name,
      colour: label.colour,
      rated: label.rated,
      final: label.final,
      ratingValue: scale.ratingValue(label.code),
      alternateName: { en: scale.alternateName(label.code, 'en'), ar: scale.alternateName(label.code, 'ar') },
      retired: label.retiredAt !== null,
      version: label.version,
    })),
  };
}

export async function getClaimDetail(db: Db, id: string) {
  const claim = await getClaim(db, id);
  const [[view], history] = await Promise.all([withProvenance(db, [claim]), getClaimHistory(db, id)]);
  return { ...view!, history: history.map(toApiHistoryEvent) };
}

/** The correction form's values: members the patch gives, the claim's own for the rest. */
function correctedValues(current: ClaimView, patch: ClaimPatch): ClaimEditorValues {
  const hops = patch.chain
    ? patch.chain.map((hop) => ({ id: hop.id ?? '', outlet: hop.outlet, role: hop.role }))
    : current.hops.map((hop) => ({ id: hop.id, outlet: hop.outlet_name, role: hop.role }));
  return {
    start: String(patch.start ?? current.start_offset),
    end: String(patch.end ?? current.end_offset),
    speaker: patch.speaker ?? current.speaker_name ?? '',
    newSpeaker: patch.newSpeaker ?? false,
    cue: patch.cue ?? current.cue,
    kind: patch.kind ?? current.kind,
    hops,
    newHopOutlet: '',
    newHopRole: '',
  };
}

/**
 * Corrects the claim (span, speaker, cue, kind, chain) and sets either verdict, each through its own
 * service with its audit rows. The version must be the current one: an API client has no form that
 * could say which verdicts it saw.
 */
export async function changeClaim(db: Db, id: string, patch: ClaimPatch, actor: Actor) {
  const current = await getClaim(db, id);
  if (current.version !== patch.version) {
    throw new ConflictError(`The claim is at version ${current.version}, not ${patch.version}: read it again and re-apply your change.`, null);
  }
  let version = patch.version;
  if (CLAIM_CORRECTION_MEMBERS.some((member) => patch[member] !== undefined)) {
    version = (await editClaim(db, { claimId: id, expectedVersion: version, values: correctedValues(current, patch), actor })).claim.version;
  }
  const seen = { status: current.status, attribution_status: current.attribution_status };
  if (patch.status !== undefined) {
    const written = await changeClaimStatus(db, { claimId: id, status: patch.status, expectedVersion: version, seen, note: patch.note, actor: actor.name, actorId: actor.id });
    version = written.claim.version;
  }
  if (patch.attributionStatus !== undefined) {
    const attributionSeen = { ...seen, status: patch.status ?? current.status };
    await changeAttributionStatus(db, { claimId: id, status: patch.attributionStatus, expectedVersion: version, seen: attributionSeen, note: patch.note, actor });
  }
  return getClaimDetail(db, id);
}

/** A claim the engine missed, added by hand: its text is cut from the article at start and end. */
export async function addClaimByHand(db: Db, articleId: string, body: NewClaimBody, actor: Actor) {
  const values: ClaimEditorValues = {
    start: String(body.start),
    end: String(body.end),
    speaker: body.speaker,
    newSpeaker: body.newSpeaker ?? false,
    cue: body.cue ?? '',
    kind: body.kind,
    hops: [],
    newHopOutlet: '',
    newHopRole: '',
  };
  const claim = await addClaim(db, { articleId, values, actor });
  return getClaimDetail(db, claim.id);
}

export async function removeClaim(db: Db, id: string, version: number, actor: Actor) {
  const claim = await deleteClaim(db, { claimId: id, expectedVersion: version, actor });
  return { id: claim.id, article: { id: claim.article_id, title: claim.article_title }, text: claim.text };
}

function decodeNameCursor(token: string | undefined): NameCursor | undefined {
  return decodePageToken(token, ([key, id, ...rest]) => (typeof key === 'string' && typeof id === 'string' && rest.length === 0 ? { key, id } : undefined));
}

function directorySearch(query: DirectoryQuery) {
  const key = query.q === undefined ? '' : nameKey(query.q);
  return { key: key || undefined, after: decodeNameCursor(query.cursor), limit: query.limit + 1 };
}

function pageOf<Row extends { id: string; normalized_name: string }, T>(rows: Row[], limit: number, view: (row: Row) => T): Page<T> {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(view), nextCursor: rows.length > limit && last ? encodePageToken([last.normalized_name, last.id]) : null };
}

export async function listSpeakersPage(db: Db, query: DirectoryQuery) {
  return pageOf(await searchSpeakers(db, directorySearch(query)), query.limit, toApiSpeaker);
}

export async function listOutletsPage(db: Db, query: DirectoryQuery) {
  return pageOf(await searchOutlets(db, directorySearch(query)), query.limit, toApiOutlet);
}

/** Claims, articles, speakers and outlets matching q; an absent or blank q finds nothing. */
export async function searchAll(db: Db, query: SearchApiQuery): Promise<SearchResults & { q: string }> {
  const search = readSearchParameter(query.q);
  if (!search) {
    const empty = { count: 0, complete: true, items: [] };
    return { q: '', claims: empty, articles: empty, speakers: empty, outlets: empty };
  }
  return { q: search.text, ...(await searchEverything(db, search.query, query.limit)) };
}
