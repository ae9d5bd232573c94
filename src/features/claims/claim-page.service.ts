import type { Db } from '../../db/connect.ts';
import type { NoiseSpanTable, ReviewEventRow } from '../../db/schema.ts';
import { NotFoundError } from '../../errors.ts';
import { findArticleById, listNoiseSpans, type ArticleWithPublisher } from '../articles/articles.repository.ts';
import { listArticleSpeakerNames } from '../corrections/claim-edits.repository.ts';
import { listRenderedNotes, type RenderedNote } from '../notes/notes.service.ts';
import { getClaimQuoteDrift, type QuoteDriftView } from '../clusters/quote-drift.service.ts';
import { getClaimHistory, getSpeakerMention, type ClaimView, type SpeakerMention } from './claims.service.ts';
import { getClusterSection, type ClusterSection } from '../clusters/cluster-desk.service.ts';

export interface ClaimPageContext {
  article: ArticleWithPublisher;
  noise: NoiseSpanTable[];
  history: ReviewEventRow[];
  notes: RenderedNote[];
  speakerMention: SpeakerMention | null;
  /** The article's speakers, offered by the correction form; empty for those who cannot correct. */
  speakerNames: string[];
  /** The claim's other appearances and the suggested matches (the "same claim elsewhere" section). */
  sameClaim: ClusterSection;
  /** How this quote drifted from its speaker's earliest appearance in its cluster; null without one. */
  quoteDrift: QuoteDriftView | null;
}

/**
 * What the claim page shows around its claim, read together: the article's text and noise but not its
 * other claims (the page marks this claim alone), and the speaker names only for the correction form.
 */
export async function getClaimPageContext(db: Db, claim: ClaimView, { mayCorrect }: { mayCorrect: boolean }): Promise<ClaimPageContext> {
  const [article, noise, history, notes, speakerNames, sameClaim, quoteDrift] = await Promise.all([
    findArticleById(db, claim.article_id),
    listNoiseSpans(db, claim.article_id),
    getClaimHistory(db, claim.id),
    listRenderedNotes(db, claim.id),
    mayCorrect ? listArticleSpeakerNames(db, claim.article_id) : [],
    getClusterSection(db, claim),
    getClaimQuoteDrift(db, claim.id),
  ]);
  if (!article) throw new NotFoundError('Article', claim.article_id);
  return { article, noise, history, notes, speakerMention: await getSpeakerMention(db, claim, article.body), speakerNames, sameClaim, quoteDrift };
}
