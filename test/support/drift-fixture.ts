import type { Db } from '../../src/db/connect.ts';
import { insertCluster, insertMember } from '../../src/features/clusters/clusters.repository.ts';
import { refreshQuoteDrift } from '../../src/features/clusters/quote-drift.service.ts';
import { insertAttributionHops, insertClaim } from '../../src/features/claims/claims.repository.ts';
import { findOrCreateOutlet } from '../../src/features/outlets/outlets.service.ts';
import { findOrCreateSpeaker } from '../../src/features/speakers/speakers.service.ts';
import { newId } from '../../src/ids.ts';
import { insertTestArticle } from './fixtures.ts';

export interface DriftAppearance {
  text: string;
  outlet: string;
  /** Publication day, 'YYYY-MM-DD'. */
  day: string;
  title?: string;
  speaker?: string;
}

export interface DriftCluster {
  clusterId: string;
  /** Claim ids in the order given. */
  claimIds: string[];
}

let joined = 0;

/**
 * Appearances of one statement, each in an article of its own from its outlet, joined into one cluster
 * (in the order given, each joining a second after the previous cluster's) and scored for quote drift.
 */
export async function insertDriftCluster(db: Db, language: 'ar' | 'en' | 'fr', appearances: DriftAppearance[], speaker = 'The minister'): Promise<DriftCluster> {
  const clusterId = newId();
  const claimIds: string[] = [];
  await insertCluster(db, clusterId, new Date(Date.UTC(2026, 5, 1, 0, 0, joined)).toISOString());
  for (const appearance of appearances) {
    const outlet = await findOrCreateOutlet(db, { name: appearance.outlet, kind: 'newspaper' });
    const article = await insertTestArticle(db, {
      language,
      title: appearance.title ?? `${appearance.outlet} ${appearance.day}`,
      publisher_outlet_id: outlet.id,
      published_at: `${appearance.day}T09:00:00.000Z`,
      // The article is the claim: the claim page marks it whole.
      body: appearance.text,
    });
    const who = await findOrCreateSpeaker(db, { name: appearance.speaker ?? speaker, aliases: [], unnamed: false });
    const claimId = newId();
    await insertClaim(db, {
      id: claimId,
      article_id: article.id,
      speaker_id: who.id,
      text: appearance.text,
      start_offset: 0,
      end_offset: appearance.text.length,
      prefix: '',
      suffix: '',
      cue: '',
      kind: 'factual',
      checkworthiness: 0.5,
      status: 'unverified',
      version: 1,
      created_at: article.ingested_at,
    });
    await insertAttributionHops(db, [{ id: newId(), claim_id: claimId, outlet_id: outlet.id, role: 'original', position: 1, url: null, status: 'unconfirmed' }]);
    joined += 1;
    await insertMember(db, { claim_id: claimId, cluster_id: clusterId, similarity: 0.9, joined_by: 'index', joined_at: new Date(Date.UTC(2026, 5, 1, 0, 0, joined)).toISOString() });
    claimIds.push(claimId);
  }
  await refreshQuoteDrift(db, clusterId);
  return { clusterId, claimIds };
}
