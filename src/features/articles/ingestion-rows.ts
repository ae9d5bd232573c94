import type { ArticleRow, NewAttributionHop, NewClaim, NoiseSpanTable, NewOutlet, SpeakerAliasTable, NewSpeaker } from '../../db/schema.ts';
import type { ExtractionResult } from '../../extraction/index.ts';
import { newId } from '../../ids.ts';
import { nameKey } from '../../text/name-key.ts';
import { INITIAL_STATUS } from '../../domain/claim-status.ts';

interface SpeakerDraft {
  name: string;
  kind: string;
  unnamed: boolean;
  role: string | null;
  /** Surface form of each alias by its name key; the first spelling met is kept. */
  aliases: Map<string, string>;
  /** Claims of one speaker share its alias list: the list last read, so that it is read once. */
  aliasesRead?: readonly string[];
}

interface OutletDraft {
  name: string;
  kind: string;
  url: string | null;
}

/** The speakers and outlets an extraction mentions, each once, keyed by the name key they are matched on. */
export interface IngestionEntities {
  speakers: Map<string, SpeakerDraft>;
  outlets: Map<string, OutletDraft>;
}

/** Every row one ingestion writes, prepared before the write transaction opens. */
export interface IngestionRows {
  outlets: NewOutlet[];
  speakers: NewSpeaker[];
  aliases: SpeakerAliasTable[];
  article: ArticleRow;
  noise: NoiseSpanTable[];
  claims: NewClaim[];
  hops: NewAttributionHop[];
}

/** Ids of the speakers and outlets that exist already, by name key. */
export interface KnownEntityIds {
  speakers: Map<string, string>;
  outlets: Map<string, string>;
}

/**
 * Speakers are matched across articles by their canonical name only (aliases such as "the expert"
 * are local to one article and would merge different people); outlets by their name.
 * The first mention decides the kind, role and spelling of a new record, as it always has.
 */
export function collectEntities(extraction: ExtractionResult, publisher: string | undefined): IngestionEntities {
  const speakerKinds = firstByName(extraction.speakers);
  const outletKinds = firstByName(extraction.outlets);
  const speakers = new Map<string, SpeakerDraft>();
  const outlets = new Map<string, OutletDraft>();
  const addOutlet = (name: string, kind: string, url: string | null) => {
    const key = nameKey(name);
    if (!outlets.has(key)) outlets.set(key, { name: name.trim(), kind, url });
  };
  if (publisher) addOutlet(publisher, 'website', null);
  for (const claim of extraction.claims) {
    const key = nameKey(claim.speaker.name);
    let speaker = speakers.get(key);
    if (!speaker) {
      const entity = speakerKinds.get(claim.speaker.name);
      speaker = {
        name: claim.speaker.name.trim(),
        kind: entity?.kind ?? (claim.speaker.unnamed ? 'unnamed' : 'person'),
        unnamed: claim.speaker.unnamed,
        role: entity?.role ?? null,
        aliases: new Map(),
      };
      speakers.set(key, speaker);
    }
    addAliases(speaker, key, claim.speaker.aliases);
    for (const hop of claim.outlets) addOutlet(hop.name, outletKinds.get(hop.name)?.kind ?? 'website', hop.url);
  }
  return { speakers, outlets };
}

function addAliases(speaker: SpeakerDraft, speakerKey: string, aliases: readonly string[]): void {
  if (speaker.aliasesRead === aliases) return;
  speaker.aliasesRead = aliases;
  for (const alias of aliases) {
    const key = nameKey(alias);
    if (key && key !== speakerKey && !speaker.aliases.has(key)) speaker.aliases.set(key, alias.trim());
  }
}

function firstByName<Entity extends { name: string }>(entities: readonly Entity[]): Map<string, Entity> {
  const byName = new Map<string, Entity>();
  for (const entity of entities) if (!byName.has(entity.name)) byName.set(entity.name, entity);
  return byName;
}

/** Turns an extraction into rows, giving new ids to the speakers and outlets not known yet. */
export function buildIngestionRows(
  articleFields: Omit<ArticleRow, 'publisher_outlet_id'>,
  publisher: string | undefined,
  extraction: ExtractionResult,
  entities: IngestionEntities,
  known: KnownEntityIds,
): IngestionRows {
  const at = articleFields.ingested_at;
  const { rows: outlets, ids: outletIds } = outletRows(entities.outlets, known.outlets, at);
  const { rows: speakers, aliases, ids: speakerIds } = speakerRows(entities.speakers, known.speakers, at);
  const article: ArticleRow = { ...articleFields, publisher_outlet_id: publisher ? outletIds.get(nameKey(publisher))! : null };
  const { claims, hops } = claimRows(article, extraction, speakerIds, outletIds);
  const noise = extraction.noise.map((span) => ({ id: newId(), article_id: article.id, start_offset: span.start, end_offset: span.end, reason: span.reason }));
  return { outlets, speakers, aliases, article, noise, claims, hops };
}

function outletRows(drafts: Map<string, OutletDraft>, known: Map<string, string>, at: string) {
  const ids = new Map(known);
  const rows: NewOutlet[] = [];
  for (const [key, draft] of drafts) {
    if (ids.has(key)) continue;
    const outlet = { id: newId(), name: draft.name, normalized_name: key, kind: draft.kind, country: null, url: draft.url, created_at: at };
    rows.push(outlet);
    ids.set(key, outlet.id);
  }
  return { rows, ids };
}

function speakerRows(drafts: Map<string, SpeakerDraft>, known: Map<string, string>, at: string) {
  const ids = new Map(known);
  const rows: NewSpeaker[] = [];
  const aliases: SpeakerAliasTable[] = [];
  for (const [key, draft] of drafts) {
    let id = ids.get(key);
    if (!id) {
      id = newId();
      rows.push({ id, name: draft.name, normalized_name: key, kind: draft.kind, unnamed: draft.unnamed ? 1 : 0, role: draft.role, created_at: at });
      ids.set(key, id);
    }
    for (const [normalizedAlias, alias] of draft.aliases) aliases.push({ speaker_id: id, alias, normalized_alias: normalizedAlias });
  }
  return { rows, aliases, ids };
}

function claimRows(article: ArticleRow, extraction: ExtractionResult, speakerIds: Map<string, string>, outletIds: Map<string, string>) {
  const claims: NewClaim[] = [];
  const hops: NewAttributionHop[] = [];
  for (const claim of extraction.claims) {
    const claimId = newId();
    claims.push({
      id: claimId,
      article_id: article.id,
      speaker_id: speakerIds.get(nameKey(claim.speaker.name))!,
      text: claim.text,
      start_offset: claim.start,
      end_offset: claim.end,
      prefix: claim.prefix,
      suffix: claim.suffix,
      cue: claim.cue,
      kind: claim.kind,
      checkworthiness: claim.checkworthiness,
      status: INITIAL_STATUS,
      version: 1,
      created_at: article.ingested_at,
      // Every row names every column: a multi-row insert needs the same columns in each row.
      speaker_mention_start: claim.speaker.mention?.start ?? null,
      speaker_mention_end: claim.speaker.mention?.end ?? null,
      speaker_mention_text: claim.speaker.mention?.text ?? null,
    });
    claim.outlets.forEach((hop, index) => {
      const outletId = outletIds.get(nameKey(hop.name))!;
      hops.push({ id: newId(), claim_id: claimId, outlet_id: outletId, role: hop.role, position: index + 1, url: hop.url, status: 'unconfirmed' });
    });
  }
  return { claims, hops };
}
