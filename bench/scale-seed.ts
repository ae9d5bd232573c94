/**
 * A desk's years of work, generated through the repositories' bulk insert paths: articles, speakers and
 * outlets whose claim counts follow a Zipf-like law (a few speak in thousands of claims, most in a handful),
 * attribution chains of one to three hops, a spread of verdicts and provenances, and some review events.
 * Deterministic for a given size, so two runs measure the same database.
 */
import type { Db } from '../src/db/connect.ts';
import type { NewArticle, NewAttributionHop, NewClaim, NewOutlet, NewReviewEvent, NewSpeaker } from '../src/db/schema.ts';
import { OUTLET_ROLES } from '../src/domain/outlet-roles.ts';
import { insertArticle } from '../src/features/articles/articles.repository.ts';
import { insertAttributionHops, insertClaims } from '../src/features/claims/claims.repository.ts';
import { insertOutlets } from '../src/features/outlets/outlets.repository.ts';
import { insertReviewEvents } from '../src/features/review/review.repository.ts';
import { insertSpeakers } from '../src/features/speakers/speakers.repository.ts';

export interface ScaleShape {
  claims: number;
  articles: number;
  speakers: number;
  outlets: number;
}

/** 20 claims per article, a speaker per 50 claims and an outlet per 500, as on a desk's database. */
export function shapeFor(claims: number): ScaleShape {
  return {
    claims,
    articles: Math.max(1, Math.round(claims / 20)),
    speakers: Math.max(1, Math.round(claims / 50)),
    outlets: Math.max(1, Math.round(claims / 500)),
  };
}

/** What the timed pages ask for: the busiest records and one from the long tail. */
export interface ScaleSample {
  busiestSpeakerId: string;
  rareSpeakerId: string;
  busiestOutletId: string;
  rareOutletId: string;
  newestArticleId: string;
  oldArticleId: string;
  reviewedClaimId: string;
  /** Searches: a word in about a quarter of the claims, a name in a few hundred, a phrase. */
  commonWord: string;
  rareName: string;
  phrase: string;
}

const START = Date.UTC(2024, 0, 1);
const ARTICLES_PER_TRANSACTION = 500;

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rank 0 is drawn most often, rank n-1 least: frequencies fall as 1/rank. */
function zipf(next: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(Math.exp(next() * Math.log(n + 1))) - 1);
}

function id(prefix: string, n: number): string {
  // Uuid-shaped, so that filters given as ids are read as ids.
  const hex = n.toString(16).padStart(12, '0');
  return `${prefix}-0000-4000-8000-${hex}`;
}

// The labels a new desk's rating scale starts with.
const SEED_STATUSES = ['unverified', 'in_review', 'accurate', 'mostly_accurate', 'misleading', 'false', 'unverifiable', 'not_a_claim'];
const STATUS_WEIGHTS: Array<[string, number]> = SEED_STATUSES.map((status) => [status, status === 'unverified' ? 80 : status === 'in_review' ? 6 : 2]);

function pick<T>(next: () => number, weighted: Array<[T, number]>): T {
  const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
  let draw = next() * total;
  for (const [value, weight] of weighted) {
    draw -= weight;
    if (draw < 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

export async function seedScaleDatabase(db: Db, shape: ScaleShape, onProgress?: (claims: number) => void): Promise<ScaleSample> {
  const next = random(shape.claims);
  const at = new Date(START).toISOString();
  const speakers: NewSpeaker[] = Array.from({ length: shape.speakers }, (_, n) => ({
    id: id('5be4ea00', n),
    name: `Speaker ${n}`,
    normalized_name: `speaker ${n}`,
    kind: n % 3 === 0 ? 'organization' : 'person',
    unnamed: 0,
    role: null,
    created_at: at,
  }));
  const outlets: NewOutlet[] = Array.from({ length: shape.outlets }, (_, n) => ({
    id: id('0c71e700', n),
    name: `Outlet ${n}`,
    normalized_name: `outlet ${n}`,
    kind: 'news_agency',
    country: null,
    url: null,
    created_at: at,
  }));
  await db.transaction().execute(async (trx) => {
    await insertSpeakers(trx, speakers);
    await insertOutlets(trx, outlets);
  });
  let claimNumber = 0;
  let hopNumber = 0;
  const perArticle = shape.claims / shape.articles;
  for (let first = 0; first < shape.articles; first += ARTICLES_PER_TRANSACTION) {
    const last = Math.min(shape.articles, first + ARTICLES_PER_TRANSACTION);
    const claims: NewClaim[] = [];
    const hops: NewAttributionHop[] = [];
    const events: NewReviewEvent[] = [];
    const articles: NewArticle[] = [];
    for (let a = first; a < last; a += 1) {
      const ingestedAt = new Date(START + a * 600_000).toISOString();
      const articleId = id('a271c1e0', a);
      articles.push({
        id: articleId,
        title: a % 4 === 0 ? `مقال رقم ${a}` : `Article ${a}`,
        language: a % 4 === 0 ? 'ar' : 'en',
        body: `Body of article ${a}. `.repeat(60),
        checksum: `scale-${a}`,
        source_url: null,
        publisher_outlet_id: outlets[zipf(next, shape.outlets)]!.id,
        published_at: null,
        ingested_at: ingestedAt,
      });
      const count = Math.round(perArticle * (a + 1)) - Math.round(perArticle * a);
      for (let c = 0; c < count && claimNumber < shape.claims; c += 1, claimNumber += 1) {
        const claim = scaleClaim(next, claimNumber, articleId, c, ingestedAt, speakers[zipf(next, shape.speakers)]!.id, a % 4 === 0);
        claims.push(claim);
        const chain = 1 + Math.floor(next() * 3);
        for (let position = 0; position < chain; position += 1) {
          hops.push({
            id: id('40b5e000', hopNumber++),
            claim_id: claim.id,
            outlet_id: outlets[zipf(next, shape.outlets)]!.id,
            role: OUTLET_ROLES[position % OUTLET_ROLES.length]!,
            position,
            url: null,
            status: 'unconfirmed',
          });
        }
        if (claim.status !== 'unverified') events.push(reviewEventFor(claim, ingestedAt));
      }
    }
    await db.transaction().execute(async (trx) => {
      for (const article of articles) await insertArticle(trx, article);
      await insertClaims(trx, claims);
      await insertAttributionHops(trx, hops);
      await insertReviewEvents(trx, events);
    });
    onProgress?.(claimNumber);
  }
  return sampleFor(shape);
}

export function sampleFor(shape: ScaleShape): ScaleSample {
  return {
    busiestSpeakerId: id('5be4ea00', 0),
    rareSpeakerId: id('5be4ea00', shape.speakers - 1),
    busiestOutletId: id('0c71e700', 0),
    rareOutletId: id('0c71e700', shape.outlets - 1),
    newestArticleId: id('a271c1e0', shape.articles - 1),
    oldArticleId: id('a271c1e0', Math.floor(shape.articles / 10)),
    reviewedClaimId: id('c1a10000', 0),
    commonWord: 'قال',
    rareName: NAMES[NAMES.length - 1]!,
    phrase: '"الرئيس الفرنسي"',
  };
}

/** The id the generator gave the nth claim. */
export function scaleClaimId(n: number): string {
  return id('c1a10000', n);
}

const SYLLABLES = ['ba', 'to', 'ri', 'sa', 'ko', 'li', 'mi', 'no', 'ha', 'za'];
/** A thousand made-up surnames, drawn by a Zipf law: the last ones occur in a few hundred claims of a million. */
const NAMES = Array.from({ length: 1000 }, (_, n) => {
  const name = [Math.floor(n / 100), Math.floor(n / 10) % 10, n % 10].map((digit) => SYLLABLES[digit]).join('');
  return name[0]!.toUpperCase() + name.slice(1);
});
const PLACES_AR = ['باريس', 'موسكو', 'دمشق', 'بغداد', 'القاهرة', 'بيروت', 'عمّان', 'الرياض', 'تونس', 'الجزائر'];
const TOPICS_AR = ['الرئيس الفرنسي', 'الوزير', 'المسؤول', 'الجيش', 'الحكومة', 'البرلمان', 'المتحدث باسم الخارجية'];
const TOPICS_EN = ['inflation', 'unemployment', 'the army', 'the budget', 'exports', 'the election'];

/** Claim text as a desk's would read: Arabic for Arabic articles (prefixes and hamza spellings included), English otherwise. */
function claimText(next: () => number, n: number, arabic: boolean): string {
  const name = NAMES[zipf(next, NAMES.length)]!;
  const percent = Math.round(next() * 100);
  if (arabic) {
    const topic = TOPICS_AR[Math.floor(next() * TOPICS_AR.length)]!;
    const place = PLACES_AR[zipf(next, PLACES_AR.length)]!;
    const verb = next() < 0.5 ? 'قال' : 'أعلن';
    return `${verb} ${name} إن ${topic} في ${place} وافق على زيادة بنسبة ${percent} في المئة، وفق البيان رقم ${n}`;
  }
  const topic = TOPICS_EN[Math.floor(next() * TOPICS_EN.length)]!;
  return `Claim ${n}: ${name} said ${topic} rose by ${percent} percent last year`;
}

function scaleClaim(next: () => number, n: number, articleId: string, index: number, ingestedAt: string, speakerId: string, arabic: boolean): NewClaim {
  const start = index * 80;
  const status = n === 0 ? 'in_review' : pick(next, STATUS_WEIGHTS);
  return {
    id: id('c1a10000', n),
    article_id: articleId,
    speaker_id: speakerId,
    text: claimText(next, n, arabic),
    start_offset: start,
    end_offset: start + 60,
    prefix: 'said that ',
    suffix: ' according to',
    cue: 'said',
    kind: 'factual',
    checkworthiness: Math.round(next() * 1000) / 1000,
    status,
    version: 1,
    status_changed_by: status === 'unverified' ? null : 'Desk',
    status_changed_at: status === 'unverified' ? null : ingestedAt,
    created_at: ingestedAt,
    origin: next() < 0.02 ? 'edited' : next() < 0.01 ? 'manual' : 'machine',
    // Generated texts are not clustered (bench:clusters measures the cluster index): marked as read, so that the
    // server's start-up fill does not index a million claims while the pages are timed.
    cluster_indexed_at: ingestedAt,
  };
}

function reviewEventFor(claim: NewClaim, at: string): NewReviewEvent {
  return {
    id: claim.id.replace('c1a10000', 'e7e00000'),
    claim_id: claim.id,
    actor: 'Desk',
    actor_id: null,
    field: 'status',
    from_value: 'unverified',
    to_value: claim.status,
    note: null,
    created_at: at,
  };
}
