import type { Db } from '../../db/connect.ts';
import { listRecentArticleOptions, type ArticleOption } from '../articles/articles.repository.ts';
import { findOutletById } from '../outlets/outlets.repository.ts';
import { resolveOutletName } from '../outlets/outlets.service.ts';
import { findSpeakerById } from '../speakers/speakers.repository.ts';
import { resolveSpeakerName } from '../speakers/speakers.service.ts';
import type { ClaimFilters, ClaimSort } from './claims.repository.ts';
import { listClaimPage, type ClaimPage } from './claims.service.ts';

/**
 * A speaker or outlet filter as the text field shows it: the record's name, or what was typed when
 * no record answers to it. Speakers and outlets are never listed whole: the field asks for suggestions.
 */
export interface NamedFilter {
  id?: string;
  name: string;
  /** Nothing answers to the typed name: the list is empty and says so. */
  unknown: boolean;
}

export interface FilterOptions {
  articles: ArticleOption[];
  speaker?: NamedFilter;
  outlet?: NamedFilter;
}

export interface Dashboard extends ClaimPage {
  options: FilterOptions;
  /** Filters typed as names, given as the ids they resolved to, for links that keep them. */
  resolvedParams: Record<string, string>;
}

/** Articles offered in the filter; older ones are reached from their page's link to the dashboard. */
export const ARTICLE_OPTIONS = 50;

const ID = /^[0-9a-f-]{36}$/i;

type Lookup = (db: Db, idOrName: string) => Promise<NamedFilter>;

async function lookUpSpeaker(db: Db, idOrName: string): Promise<NamedFilter> {
  let speaker = ID.test(idOrName) ? await findSpeakerById(db, idOrName) : await resolveSpeakerName(db, idOrName);
  if (speaker?.merged_into) speaker = await findSpeakerById(db, speaker.merged_into);
  return speaker ? { id: speaker.id, name: speaker.name, unknown: false } : { name: idOrName, unknown: !ID.test(idOrName) };
}

async function lookUpOutlet(db: Db, idOrName: string): Promise<NamedFilter> {
  let outlet = ID.test(idOrName) ? await findOutletById(db, idOrName) : await resolveOutletName(db, idOrName);
  if (outlet?.merged_into) outlet = await findOutletById(db, outlet.merged_into);
  return outlet ? { id: outlet.id, name: outlet.name, unknown: false } : { name: idOrName, unknown: !ID.test(idOrName) };
}

async function named(db: Db, value: string | undefined, lookup: Lookup): Promise<NamedFilter | undefined> {
  return value === undefined ? undefined : lookup(db, value);
}

export async function getDashboard(
  db: Db,
  filters: ClaimFilters,
  after: string | undefined,
  pageSize: number,
  sort: ClaimSort = 'newest',
): Promise<Dashboard> {
  const [speaker, outlet] = await Promise.all([named(db, filters.speakerId, lookUpSpeaker), named(db, filters.outletId, lookUpOutlet)]);
  // An unknown name stays in the filter as typed: it matches no claim id, so the list is empty.
  const resolved: ClaimFilters = { ...filters, speakerId: speaker?.id ?? filters.speakerId, outletId: outlet?.id ?? filters.outletId };
  const [page, articles] = await Promise.all([listClaimPage(db, resolved, after, pageSize, sort), listRecentArticleOptions(db, ARTICLE_OPTIONS, filters.articleId)]);
  const resolvedParams: Record<string, string> = {};
  if (speaker?.id) resolvedParams.speaker = speaker.id;
  if (outlet?.id) resolvedParams.outlet = outlet.id;
  return { ...page, options: { articles, speaker, outlet }, resolvedParams };
}
