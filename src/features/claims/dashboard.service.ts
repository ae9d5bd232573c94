import type { Db } from '../../db/connect.ts';
import { listArticleOptions, type ArticleOption } from '../articles/articles.repository.ts';
import { listAttributedOutlets, type OutletOption } from '../outlets/outlets.repository.ts';
import { listSpeakersWithClaims, type SpeakerOption } from '../speakers/speakers.repository.ts';
import type { ClaimFilters, ClaimSort } from './claims.repository.ts';
import { listClaimPage, type ClaimPage } from './claims.service.ts';

export interface FilterOptions {
  speakers: SpeakerOption[];
  outlets: OutletOption[];
  articles: ArticleOption[];
}

export interface Dashboard extends ClaimPage {
  options: FilterOptions;
}

export async function getDashboard(
  db: Db,
  filters: ClaimFilters,
  after: string | undefined,
  pageSize: number,
  sort: ClaimSort = 'newest',
): Promise<Dashboard> {
  const [page, speakers, outlets, articles] = await Promise.all([
    listClaimPage(db, filters, after, pageSize, sort),
    listSpeakersWithClaims(db),
    listAttributedOutlets(db),
    listArticleOptions(db),
  ]);
  return { ...page, options: { speakers, outlets, articles } };
}
