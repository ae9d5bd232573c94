// The JSON shapes of API version 1, camelCase, described by openapi.ts. Rows never reach a client
// as they are: a new column stays private until it is added here and to the document.
import type { OutletRow, ReviewEventRow, SpeakerRow } from '../../db/schema.ts';
import type { ArticleSummary, ArticleWithPublisher } from '../articles/articles.repository.ts';
import type { HopListRow } from '../claims/claims.repository.ts';
import type { ClaimView } from '../claims/claims.service.ts';
import type { ClaimProvenanceRow } from './api-directory.repository.ts';

export function toApiArticleSummary(article: ArticleSummary) {
  return {
    id: article.id,
    title: article.title,
    language: article.language,
    publisher: article.publisher_name,
    ingestedAt: article.ingested_at,
    claimCount: article.claim_count,
    openClaimCount: article.open_count,
  };
}

export function toApiArticle(article: ArticleWithPublisher, noise: ReadonlyArray<{ start_offset: number; end_offset: number; reason: string }>) {
  return {
    id: article.id,
    title: article.title,
    language: article.language,
    publisher: article.publisher_outlet_id ? { id: article.publisher_outlet_id, name: article.publisher_name ?? '' } : null,
    url: article.source_url,
    publishedAt: article.published_at,
    ingestedAt: article.ingested_at,
    text: article.body,
    version: article.version,
    noise: noise.map((span) => ({ start: span.start_offset, end: span.end_offset, reason: span.reason })),
  };
}

function toApiHop(hop: HopListRow) {
  return {
    id: hop.id,
    position: hop.position,
    role: hop.role,
    outlet: { id: hop.outlet_id, name: hop.outlet_name, kind: hop.outlet_kind },
    url: hop.url,
    check: { status: hop.status, evidenceUrl: hop.evidence_url, checkedBy: hop.checked_by, checkedAt: hop.checked_at },
  };
}

export function toApiClaim(claim: ClaimView, provenance: ClaimProvenanceRow | undefined) {
  return {
    id: claim.id,
    article: { id: claim.article_id, title: claim.article_title, language: claim.article_language },
    text: claim.text,
    start: claim.start_offset,
    end: claim.end_offset,
    prefix: claim.prefix,
    suffix: claim.suffix,
    cue: claim.cue,
    kind: claim.kind,
    checkworthiness: claim.checkworthiness,
    speaker: claim.speaker_id ? { id: claim.speaker_id, name: claim.speaker_name ?? '' } : null,
    chain: claim.hops.map(toApiHop),
    status: claim.status,
    attributionStatus: claim.attribution_status,
    version: claim.version,
    provenance: provenance?.origin ?? 'machine',
    editedBy: provenance?.edited_by ?? null,
    editedAt: provenance?.edited_at ?? null,
    assignee: claim.assignee_id ? { id: claim.assignee_id, name: claim.assignee_name ?? '' } : null,
    statusChangedBy: claim.status_changed_by,
    statusChangedAt: claim.status_changed_at,
  };
}

export type ApiClaim = ReturnType<typeof toApiClaim>;

export function toApiHistoryEvent(event: ReviewEventRow) {
  return {
    id: event.id,
    field: event.field,
    from: event.from_value,
    to: event.to_value,
    actor: event.actor,
    actorId: event.actor_id,
    note: event.note,
    hopId: event.hop_id,
    at: event.created_at,
    labels: event.field === 'status' ? { from: labelNames(event.from_label_en, event.from_label_ar), to: labelNames(event.to_label_en, event.to_label_ar) } : null,
  };
}

/** A status change's label as it was named when the change was made. */
function labelNames(en: string | null, ar: string | null): { en: string; ar: string } | null {
  return en === null || ar === null ? null : { en, ar };
}

export function toApiSpeaker(speaker: SpeakerRow) {
  return {
    id: speaker.id,
    name: speaker.name,
    latinName: speaker.latin_name,
    kind: speaker.kind,
    unnamed: speaker.unnamed === 1,
    role: speaker.role,
    mergedInto: speaker.merged_into,
  };
}

export function toApiOutlet(outlet: OutletRow) {
  return {
    id: outlet.id,
    name: outlet.name,
    latinName: outlet.latin_name,
    kind: outlet.kind,
    country: outlet.country,
    url: outlet.url,
    mergedInto: outlet.merged_into,
  };
}
