// Threshold tuning for claim clusters: precision and recall of "these two claims are the same statement"
// at several thresholds, on pairs built from real articles.
//   npm run --silent eval:clusters -- <corpus dir | bulk.jsonl> [--limit N] [--show N] [--json]
// The corpus directory holds bulk.jsonl (one article a line: id, language, text); nothing of it is kept.
//
// How the pairs are labelled, without using the claim similarity being tuned:
// - Articles are compared as wholes (Jaccard of their word 3-grams, candidates found by MinHash over the
//   articles). Two articles of the same language with article similarity ≥ COPY_ARTICLES are copies of one story
//   (a republication, lightly edited or not). In such a pair, a claim of each article sitting at the same place of
//   the story (the same three words before it, or after it) is a POSITIVE pair: the same statement, republished.
// - Two claims from articles with similarity < OTHER_STORY (different stories) are a NEGATIVE pair: different
//   statements, even when they share a speaker or many words. Negatives are those the index brings up (every
//   claim looked up in a MinHash index of all claims: the pairs that could be wrongly joined) plus every pair of
//   claims by the same speaker in different stories (at most 40 per speaker).
// - Translations are excluded: a pair is only ever made within one language.
// A pair is predicted "same" when the index finds it (a shared band) and its score (Jaccard of the shingle
// sets, + bonus for the same speaker) reaches the threshold. --show N prints N labelled pairs around each
// threshold for checking by eye (corpus text on the terminal only).
// Exit code: 0 whatever the figures (this is a report), 2 on a usage or corpus error.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { extract, type Language } from '../extraction/index.ts';
import { CLUSTER_THRESHOLDS, pairScore } from '../features/clusters/cluster-thresholds.ts';
import { bandKeys, contentWords, jaccard, minHashSignature, nearDuplicateKeys, tokenWords } from '../text/near-duplicate.ts';
import { nameKey } from '../text/name-key.ts';
import { readJsonlArticles, type JsonlArticle } from './jsonl-articles.ts';

const USAGE = 'usage: eval:clusters <corpus dir | bulk.jsonl> [--limit N] [--show N] [--json]';
/** Article similarity from which two articles are taken for copies of one story. */
const COPY_ARTICLES = 0.3;
/** Article similarity under which two articles are different stories. */
const OTHER_STORY = 0.1;
const THRESHOLDS = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8, 0.9];
const SAME_SPEAKER_PAIRS = 40;

interface Flags {
  path: string;
  limit: number;
  show: number;
  json: boolean;
}

function parseArgs(argv: readonly string[]): Flags | null {
  let path: string | null = null;
  const flags = { limit: Infinity, show: 0, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') flags.json = true;
    else if ((arg === '--limit' || arg === '--show') && /^\d+$/.test(argv[i + 1] ?? '')) flags[arg === '--limit' ? 'limit' : 'show'] = Number(argv[++i]);
    else if (!arg.startsWith('--') && path === null) path = arg;
    else return null;
  }
  return path === null ? null : { path, ...flags };
}

interface Claim {
  index: number;
  article: number;
  text: string;
  speaker: string;
  before: string;
  after: string;
  shingles: Set<string>;
  bands: string[];
  /** Runs of QUOTE_RUN consecutive content words. */
  runs: Set<string>;
}

/** Two claims of different stories sharing this many consecutive content words quote the same words. */
const QUOTE_RUN = 6;

interface Pair {
  a: Claim;
  b: Claim;
  positive: boolean;
  score: number;
  found: boolean;
}

function articleShingles(text: string): Set<string> {
  const words = tokenWords(text);
  const set = new Set<string>();
  for (let i = 0; i + 2 < words.length; i++) set.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  return set;
}

/** Candidate pairs of items sharing a band key, each pair once (i < j). */
function bandPairs(bandsOf: readonly string[][], sameGroup: (i: number, j: number) => boolean): Set<string> {
  const buckets = new Map<string, number[]>();
  bandsOf.forEach((bands, i) => {
    for (const key of bands) {
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    }
  });
  const pairs = new Set<string>();
  for (const list of buckets.values()) {
    // A bucket shared by hundreds is a stock phrase, not a statement: the index would still read it, the
    // evaluation samples its first 200.
    const members = list.slice(0, 200);
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const [i, j] = [members[x]!, members[y]!].sort((p, q) => p - q) as [number, number];
        if (!sameGroup(i, j)) pairs.add(`${i}:${j}`);
      }
    }
  }
  return pairs;
}

function wordRuns(text: string, speakerNames: readonly string[]): Set<string> {
  const words = contentWords(text, speakerNames);
  const runs = new Set<string>();
  for (let i = 0; i + QUOTE_RUN <= words.length; i++) runs.add(words.slice(i, i + QUOTE_RUN).join(' '));
  return runs;
}

const sharesRun = (a: Claim, b: Claim) => [...a.runs].some((run) => b.runs.has(run));

const lastWords = (text: string, n: number) => tokenWords(text).slice(-n).join(' ');
const firstWords = (text: string, n: number) => tokenWords(text).slice(0, n).join(' ');

function main(argv: readonly string[]): number {
  const flags = parseArgs(argv);
  if (!flags) {
    console.error(USAGE);
    return 2;
  }
  const file = existsSync(flags.path) && statSync(flags.path).isDirectory() ? join(flags.path, 'bulk.jsonl') : flags.path;
  if (!existsSync(file)) {
    console.error(`no such corpus: ${file}`);
    return 2;
  }
  const articles: JsonlArticle[] = readJsonlArticles(file).articles.slice(0, flags.limit);
  const started = Date.now();

  // Claims of every article, as the engine extracts them.
  const claims: Claim[] = [];
  const articleClaims: Claim[][] = articles.map(() => []);
  articles.forEach((article, articleIndex) => {
    const result = extract(article.text, { language: (['ar', 'en', 'fr'].includes(article.language) ? article.language : undefined) as Language | undefined });
    for (const found of result.claims) {
      const names = [found.speaker.name, ...(found.speaker.mention ? [found.speaker.mention.text] : [])];
      const keys = nearDuplicateKeys(found.text, names);
      if (keys.bands.length === 0) continue;
      const claim: Claim = {
        index: claims.length,
        article: articleIndex,
        text: found.text,
        speaker: nameKey(found.speaker.name),
        before: lastWords(article.text.slice(Math.max(0, found.start - 80), found.start), 3),
        after: firstWords(article.text.slice(found.end, found.end + 80), 3),
        shingles: keys.shingles,
        bands: keys.bands.map((key) => `${key.band}:${key.bucket}`),
        runs: wordRuns(found.text, names),
      };
      claims.push(claim);
      articleClaims[articleIndex]!.push(claim);
    }
  });

  // Articles compared as wholes.
  const articleSets = articles.map((article) => articleShingles(article.text));
  const articleBands = articleSets.map((set) => (set.size === 0 ? [] : bandKeys(minHashSignature(set)).map((key) => `${key.band}:${key.bucket}`)));
  const articleSimilarity = new Map<string, number>();
  for (const key of bandPairs(articleBands, (i, j) => articles[i]!.language !== articles[j]!.language)) {
    const [i, j] = key.split(':').map(Number) as [number, number];
    articleSimilarity.set(key, jaccard(articleSets[i]!, articleSets[j]!));
  }
  // Pairs of articles not found by the article index share little: different stories.
  const storySimilarity = (i: number, j: number) => articleSimilarity.get(i < j ? `${i}:${j}` : `${j}:${i}`) ?? 0;
  const copies = [...articleSimilarity].filter(([, similarity]) => similarity >= COPY_ARTICLES);

  const pairs = new Map<string, Pair>();
  const claimPairKey = (a: Claim, b: Claim) => (a.index < b.index ? `${a.index}:${b.index}` : `${b.index}:${a.index}`);
  const sharesBand = (a: Claim, b: Claim) => a.bands.some((key, band) => b.bands[band] === key);
  const addPair = (a: Claim, b: Claim, positive: boolean) => {
    const key = claimPairKey(a, b);
    if (pairs.has(key)) return;
    const score = pairScore(jaccard(a.shingles, b.shingles), a.speaker !== '' && a.speaker === b.speaker);
    pairs.set(key, { a, b, positive, score, found: sharesBand(a, b) });
  };

  // Positives: the same place of a story in two copies of it.
  for (const [key] of copies) {
    const [i, j] = key.split(':').map(Number) as [number, number];
    for (const a of articleClaims[i]!) {
      for (const b of articleClaims[j]!) {
        const aligned = (a.before !== '' && a.before === b.before) || (a.after !== '' && a.after === b.after);
        if (aligned) addPair(a, b, true);
      }
    }
  }
  // Negatives the index brings up, and same-speaker pairs, from different stories. A pair of different stories
  // that shares a run of QUOTE_RUN content words quotes the same words (checked by eye: nearly always the same
  // statement quoted again): neither positive nor negative, counted apart.
  const quotedElsewhere: number[] = [];
  const claimBands = claims.map((claim) => claim.bands);
  for (const key of bandPairs(claimBands, (i, j) => claims[i]!.article === claims[j]!.article || articles[claims[i]!.article]!.language !== articles[claims[j]!.article]!.language)) {
    const [i, j] = key.split(':').map(Number) as [number, number];
    const [a, b] = [claims[i]!, claims[j]!];
    if (storySimilarity(a.article, b.article) >= OTHER_STORY) continue;
    if (sharesRun(a, b)) quotedElsewhere.push(pairScore(jaccard(a.shingles, b.shingles), a.speaker !== '' && a.speaker === b.speaker));
    else addPair(a, b, false);
  }
  const bySpeaker = new Map<string, Claim[]>();
  for (const claim of claims) if (claim.speaker) bySpeaker.set(claim.speaker, [...(bySpeaker.get(claim.speaker) ?? []), claim]);
  for (const group of bySpeaker.values()) {
    let made = 0;
    for (let x = 0; x < group.length && made < SAME_SPEAKER_PAIRS; x++) {
      for (let y = x + 1; y < group.length && made < SAME_SPEAKER_PAIRS; y++) {
        const [a, b] = [group[x]!, group[y]!];
        if (a.article === b.article || articles[a.article]!.language !== articles[b.article]!.language) continue;
        if (storySimilarity(a.article, b.article) >= OTHER_STORY || sharesRun(a, b)) continue;
        addPair(a, b, false);
        made++;
      }
    }
  }

  const labelled = [...pairs.values()];
  const positives = labelled.filter((pair) => pair.positive);
  const negatives = labelled.filter((pair) => !pair.positive);
  const rows = THRESHOLDS.map((threshold) => {
    const predicted = labelled.filter((pair) => pair.found && pair.score >= threshold);
    const truePositives = predicted.filter((pair) => pair.positive).length;
    return {
      threshold,
      predicted: predicted.length,
      truePositives,
      falsePositives: predicted.length - truePositives,
      precision: predicted.length === 0 ? 1 : truePositives / predicted.length,
      recall: positives.length === 0 ? 0 : truePositives / positives.length,
      // Recall of the exact score alone, as if every pair were looked at: what the bands lose is the difference.
      scoreRecall: positives.length === 0 ? 0 : positives.filter((pair) => pair.score >= threshold).length / positives.length,
    };
  });
  const report = {
    articles: articles.length,
    claims: claims.length,
    copiedArticlePairs: copies.length,
    positives: positives.length,
    negatives: negatives.length,
    positivesFoundByBands: positives.filter((pair) => pair.found).length,
    quotedElsewhere: quotedElsewhere.length,
    quotedElsewhereJoined: quotedElsewhere.filter((score) => score >= CLUSTER_THRESHOLDS.join).length,
    quotedElsewhereSuggested: quotedElsewhere.filter((score) => score >= CLUSTER_THRESHOLDS.suggest && score < CLUSTER_THRESHOLDS.join).length,
    thresholds: rows,
    chosen: CLUSTER_THRESHOLDS,
    seconds: Math.round((Date.now() - started) / 1000),
  };
  if (flags.json) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    console.log(`${report.articles} articles, ${report.claims} indexable claims, ${report.copiedArticlePairs} pairs of articles copying one story (${report.seconds} s)`);
    console.log(`${report.positives} positive pairs (${report.positivesFoundByBands} share a band), ${report.negatives} negative pairs`);
    console.log(
      `${report.quotedElsewhere} pairs of different stories quoting the same words (not labelled): ${report.quotedElsewhereJoined} joined, ${report.quotedElsewhereSuggested} suggested at the chosen thresholds`,
    );
    console.log('threshold  predicted  TP     FP     precision  recall  (score alone)');
    for (const row of rows) {
      console.log(
        `${row.threshold.toFixed(2).padEnd(11)}${String(row.predicted).padEnd(11)}${String(row.truePositives).padEnd(7)}${String(row.falsePositives).padEnd(7)}${row.precision.toFixed(3).padEnd(11)}${row.recall.toFixed(3).padEnd(8)}${row.scoreRecall.toFixed(3)}`,
      );
    }
    console.log(`chosen: join ≥ ${CLUSTER_THRESHOLDS.join}, suggest ≥ ${CLUSTER_THRESHOLDS.suggest}, same speaker +${CLUSTER_THRESHOLDS.sameSpeakerBonus}`);
  }
  if (flags.show > 0) {
    for (const threshold of [CLUSTER_THRESHOLDS.suggest, CLUSTER_THRESHOLDS.join]) {
      const near = labelled.filter((pair) => Math.abs(pair.score - threshold) < 0.08).slice(0, flags.show);
      console.log(`\n— pairs scoring near ${threshold}:`);
      for (const pair of near) console.log(`[${pair.positive ? 'POS' : 'NEG'} ${pair.score.toFixed(2)}${pair.found ? '' : ' not found'}]\n  ${pair.a.text}\n  ${pair.b.text}`);
    }
    for (const label of [true, false]) {
      const wrong = labelled.filter((pair) => pair.positive === label && (label ? pair.score < CLUSTER_THRESHOLDS.suggest : pair.score >= CLUSTER_THRESHOLDS.suggest)).slice(0, flags.show);
      console.log(`\n— ${label ? 'positives below the suggestion threshold' : 'negatives at or above the suggestion threshold'}:`);
      for (const pair of wrong) console.log(`[${pair.score.toFixed(2)}]\n  ${pair.a.text}\n  ${pair.b.text}`);
    }
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
