import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Timestamps are ISO-8601 text so that the same migrations run on SQLite and PostgreSQL. */
type Timestamp = string;
/** A nullable column added after rows existed: inserts may leave it out. */
type Later<T> = ColumnType<T | null, T | null | undefined, T | null>;
/**
 * The folded copy full-text search reads (src/text/search.ts searchIndexText), written by the repositories;
 * null until written. Never read back as a field: rows are found through it, not shown with it.
 */
type SearchText = ColumnType<never, string | null | undefined, string | null>;

export interface OutletTable {
  id: string;
  name: string;
  normalized_name: string;
  kind: string;
  country: string | null;
  url: string | null;
  created_at: Timestamp;
  latin_name: Later<string>;
  /** Set once merged: the outlet this one became; its URL redirects there. */
  merged_into: Later<string>;
  search_text: SearchText;
}

export interface SpeakerTable {
  id: string;
  name: string;
  normalized_name: string;
  kind: string;
  unnamed: number;
  role: string | null;
  created_at: Timestamp;
  /** Latin transliteration set by an editor ("Igor Delanoë" for إيغور ديلانويه). */
  latin_name: Later<string>;
  /** Set once merged: the speaker this one became; its URL redirects there. */
  merged_into: Later<string>;
  search_text: SearchText;
}

export interface SpeakerAliasTable {
  speaker_id: string;
  alias: string;
  normalized_alias: string;
}

/** Other names of one outlet ("الجزيرة نت" for Al Jazeera), matched by their name key. */
export interface OutletAliasTable {
  outlet_id: string;
  alias: string;
  normalized_alias: string;
}

export interface ArticleTable {
  id: string;
  title: string;
  language: string;
  body: string;
  checksum: string;
  source_url: string | null;
  publisher_outlet_id: string | null;
  published_at: Timestamp | null;
  ingested_at: Timestamp;
  /** Bumped by every edit and re-extraction; forms carry the version they showed. */
  version: ColumnType<number, number | undefined, number>;
  search_text: SearchText;
}

export interface NoiseSpanTable {
  id: string;
  article_id: string;
  start_offset: number;
  end_offset: number;
  reason: string;
}

export interface ClaimTable {
  id: string;
  article_id: string;
  speaker_id: string | null;
  text: string;
  start_offset: number;
  end_offset: number;
  prefix: string;
  suffix: string;
  cue: string;
  kind: string;
  checkworthiness: number;
  status: string;
  version: number;
  status_changed_by: string | null;
  status_changed_at: Timestamp | null;
  created_at: Timestamp;
  /** The reviewer the claim is assigned to (a user id, kept without a foreign key); null when unassigned. */
  assignee_id: string | null;
  assigned_at: Timestamp | null;
  /** Second review axis beside status: see src/domain/attribution-status.ts. Defaults to 'unchecked'. */
  attribution_status: Generated<string>;
  /** The editor's short wording (≤ 75 characters) published as ClaimReview's claimReviewed; null: derived from the text. */
  summary: string | null;
  /** When an editor published the claim's fact-check at /fact-checks/:id; null while unpublished. */
  published_at: Timestamp | null;
  /** Offsets (UTF-16 code units into the article body) and text of the words the speaker was resolved from; null when unknown. */
  speaker_mention_start: number | null;
  speaker_mention_end: number | null;
  speaker_mention_text: string | null;
  /** See src/domain/claim-origin.ts: the engine's, edited by a person, or added by hand. */
  origin: Generated<string>;
  /** User id of whoever last edited the claim's span, speaker, cue, kind or chain. */
  edited_by: Later<string>;
  edited_at: Later<Timestamp>;
  /** Copy of the article's ingested_at, the newest-first sort key; filled by a trigger on every insert. */
  article_ingested_at: ColumnType<Timestamp, Timestamp | undefined, never>;
  search_text: SearchText;
  /** When the near-duplicate index last read the claim's text; null until it has (see src/features/clusters). */
  cluster_indexed_at: Later<Timestamp>;
}

/**
 * Claims per status under each single dashboard filter, maintained by triggers on claim and attribution_hop
 * (see the 2026-12-02T00-00-00 migration for the facets and their values).
 */
export interface ClaimFacetCountTable {
  facet: string;
  value: string;
  status: string;
  claims: number;
}

/** Status changes of the review history per month ('YYYY-MM', UTC) and new status, kept by triggers. */
export interface VerdictMonthCountTable {
  month: string;
  status: string;
  verdicts: number;
}

export interface AttributionHopTable {
  id: string;
  claim_id: string;
  outlet_id: string;
  role: string;
  position: number;
  url: string | null;
  status: string;
  /** http(s) link to the evidence behind the hop's status. */
  evidence_url: string | null;
  /** User id of who last set the hop's status. */
  checked_by: string | null;
  checked_at: Timestamp | null;
}

export interface ReviewEventTable {
  id: string;
  claim_id: string;
  actor: string;
  field: string;
  from_value: string | null;
  to_value: string | null;
  note: string | null;
  created_at: Timestamp;
  /** User id of the actor when known; `actor` keeps the display name. */
  actor_id: string | null;
  /** For field 'hop': the attribution hop that was checked. */
  hop_id: string | null;
  /** For field 'note': the note that was added. */
  note_id: string | null;
  /** For field 'status': the names the two labels had when the change was made (the desk may rename them later). */
  from_label_en: string | null;
  from_label_ar: string | null;
  to_label_en: string | null;
  to_label_ar: string | null;
}

export interface NoteTable {
  id: string;
  claim_id: string;
  author: string;
  body: string;
  created_at: Timestamp;
  /** 1: for the desk only, never in shared pages or exports. */
  private: number;
  /** The body rendered and sanitised when written; null for notes written before it was kept. */
  body_html: string | null;
}

export interface AppUserTable {
  id: string;
  name: string;
  normalized_name: string;
  password_hash: string;
  role: string;
  must_change_password: number;
  disabled: number;
  /** The interface language the user chose (ar, en), or null for the browser's. */
  language: Later<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionTable {
  sid: string;
  data: string;
  expires_at: Timestamp;
  /** The signed-in user, so that all of a user's sessions can be ended; null for anonymous sessions. */
  user_id: string | null;
}

export interface AppSettingTable {
  key: string;
  value: string;
}

/** A share link to a claim or article report: the key itself is never stored, only its SHA-256. */
export interface ReportShareTable {
  id: string;
  key_hash: string;
  /** 'claim' or 'article'. */
  target_type: string;
  target_id: string;
  /** 'ar' or 'en': the language of the shared report. */
  language: string;
  /** User id of the editor who created the link. */
  created_by: string | null;
  created_at: Timestamp;
  /** The link answers 410 from this instant on; null: no expiry. */
  expires_at: Timestamp | null;
  revoked_by: string | null;
  revoked_at: Timestamp | null;
}

/** Audit row of a change that is not one claim's: article edits and deletions, merges. */
export interface DeskEventTable {
  id: string;
  actor_id: string | null;
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  summary: string;
  before_json: string | null;
  after_json: string | null;
  created_at: Timestamp;
}

/** A bearer token for the JSON API: the token itself is never stored, only its SHA-256. */
export interface ApiTokenTable {
  id: string;
  user_id: string;
  token_hash: string;
  label: string | null;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** Failures counted for one rate-limited key (its SHA-256) in the window that ends at reset_at. */
export interface RateLimitCounterTable {
  key_hash: string;
  hits: number;
  reset_at: Timestamp;
}

/** One band of a claim's MinHash signature (src/text/near-duplicate.ts): claims sharing a (band, bucket) may repeat each other. */
export interface ClaimLshBucketTable {
  band: number;
  /** A 53-bit key; PostgreSQL's bigint reads back as a string. */
  bucket: ColumnType<number | string, number, number>;
  claim_id: string;
}

/** Claims that say the same thing in different articles. */
export interface ClaimClusterTable {
  id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Members whose status has a label that closes the review (rating_label.final = 1); kept by triggers (2026-12-03T04-00-00). */
  closed_members: Generated<number>;
}

/** A claim's membership of its one cluster. */
export interface ClaimClusterMemberTable {
  claim_id: string;
  cluster_id: string;
  /** Similarity (0..1) to the member it was matched with when it joined. */
  similarity: number;
  /** 'index' when the near-duplicate index joined it, else the id of the user who confirmed it. */
  joined_by: string;
  joined_at: Timestamp;
  /** Written by the quote-drift service; null where nothing was compared. */
  quote_drift: Later<number>;
}

/** A borderline match for a reviewer to confirm or reject. */
export interface ClaimClusterSuggestionTable {
  /** The claim that was indexed. */
  claim_id: string;
  /** The earlier claim it may repeat. */
  candidate_claim_id: string;
  similarity: number;
  /** 1 when both claims have the same speaker. */
  same_speaker: number;
  /** 'pending' | 'confirmed' | 'rejected' */
  state: ColumnType<string, string | undefined, string>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
}

/** One label of the desk's rating scale: the verification statuses a claim can have. */
export interface RatingLabelTable {
  code: string;
  name_en: string;
  name_ar: string;
  /** '#rrggbb' */
  colour: string;
  position: number;
  /** 1: a verdict (counts as rated; ClaimReview is published for it). */
  rated: number;
  /** 1: closes the review (the claim leaves the open queues). */
  final: number;
  /** ClaimReview reviewRating.ratingValue (1–5), or null. */
  rating_value: number | null;
  alternate_name_en: string | null;
  alternate_name_ar: string | null;
  retired_at: Timestamp | null;
  version: number;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface Database {
  outlet: OutletTable;
  speaker: SpeakerTable;
  speaker_alias: SpeakerAliasTable;
  outlet_alias: OutletAliasTable;
  article: ArticleTable;
  noise_span: NoiseSpanTable;
  claim: ClaimTable;
  claim_facet_count: ClaimFacetCountTable;
  verdict_month_count: VerdictMonthCountTable;
  attribution_hop: AttributionHopTable;
  review_event: ReviewEventTable;
  note: NoteTable;
  app_user: AppUserTable;
  session: SessionTable;
  app_setting: AppSettingTable;
  report_share: ReportShareTable;
  desk_event: DeskEventTable;
  api_token: ApiTokenTable;
  rate_limit_counter: RateLimitCounterTable;
  rating_label: RatingLabelTable;
  claim_lsh_bucket: ClaimLshBucketTable;
  claim_cluster: ClaimClusterTable;
  claim_cluster_member: ClaimClusterMemberTable;
  claim_cluster_suggestion: ClaimClusterSuggestionTable;
}

export type AppUserRow = Selectable<AppUserTable>;

export type OutletRow = Selectable<OutletTable>;
export type NewOutlet = Insertable<OutletTable>;
export type NewSpeaker = Insertable<SpeakerTable>;
export type SpeakerRow = Selectable<SpeakerTable>;
export type ArticleRow = Selectable<ArticleTable>;
export type NewArticle = Insertable<ArticleTable>;
export type ClaimRow = Selectable<ClaimTable>;
export type NewClaim = Insertable<ClaimTable>;
export type ClaimUpdate = Updateable<ClaimTable>;
export type AttributionHopRow = Selectable<AttributionHopTable>;
export type NewAttributionHop = Insertable<AttributionHopTable>;
export type ReviewEventRow = Selectable<ReviewEventTable>;
export type NewReviewEvent = Insertable<ReviewEventTable>;
export type NoteRow = Selectable<NoteTable>;
export type DeskEventRow = Selectable<DeskEventTable>;
export type NewDeskEvent = Insertable<DeskEventTable>;
export type ReportShareRow = Selectable<ReportShareTable>;
export type ApiTokenRow = Selectable<ApiTokenTable>;
