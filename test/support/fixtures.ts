import type { Db } from '../../src/db/connect.ts';
import type { ArticleRow } from '../../src/db/schema.ts';
import { insertArticle } from '../../src/features/articles/articles.repository.ts';
import { insertAttributionHops, insertClaim } from '../../src/features/claims/claims.repository.ts';
import { findOrCreateOutlet } from '../../src/features/outlets/outlets.service.ts';
import { findOrCreateSpeaker } from '../../src/features/speakers/speakers.service.ts';
import { newId } from '../../src/ids.ts';

let sequence = 0;

export async function insertTestArticle(db: Db, overrides: Partial<ArticleRow> = {}): Promise<ArticleRow> {
  sequence += 1;
  const article: ArticleRow = {
    id: newId(),
    title: `Article ${sequence}`,
    language: 'en',
    body: 'x'.repeat(2000),
    checksum: `checksum-${sequence}-${newId()}`,
    source_url: null,
    publisher_outlet_id: null,
    published_at: null,
    ingested_at: new Date(Date.UTC(2026, 0, 1, 0, 0, sequence)).toISOString(),
    version: 1,
    ...overrides,
  };
  await insertArticle(db, article);
  return article;
}

export interface TestClaim {
  article: ArticleRow;
  start: number;
  speaker?: string;
  outlets?: Array<{ name: string; role: string }>;
  status?: string;
  text?: string;
  checkworthiness?: number;
}

export async function insertTestClaim(db: Db, claim: TestClaim): Promise<string> {
  const speaker = await findOrCreateSpeaker(db, { name: claim.speaker ?? 'Unknown speaker', aliases: [], unnamed: false });
  const id = newId();
  await insertClaim(db, {
    id,
    article_id: claim.article.id,
    speaker_id: speaker.id,
    text: claim.text ?? `claim at ${claim.start}`,
    start_offset: claim.start,
    end_offset: claim.start + 10,
    prefix: '',
    suffix: '',
    cue: 'said',
    kind: 'factual',
    checkworthiness: claim.checkworthiness ?? 0.5,
    status: claim.status ?? 'unverified',
    version: 1,
    created_at: claim.article.ingested_at,
  });
  const hops = [];
  for (const [index, hop] of (claim.outlets ?? []).entries()) {
    const outlet = await findOrCreateOutlet(db, { name: hop.name, kind: 'newspaper' });
    hops.push({ id: newId(), claim_id: id, outlet_id: outlet.id, role: hop.role, position: index + 1, url: null, status: 'unconfirmed' });
  }
  await insertAttributionHops(db, hops);
  return id;
}

/** A signed-in reviewer as the review services take one. No app_user row is needed: user ids are plain text. */
export function testActor(name: string): { id: string; name: string } {
  return { id: newId(), name };
}
