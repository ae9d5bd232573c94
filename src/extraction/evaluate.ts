// Scores the claim-extraction engine against hand-annotated gold articles.
//
// Pure: it takes the article text, its gold annotation and the engine's result, and returns
// figures. Loading files and printing belong to src/cli/eval-extract.ts.
//
// Matching: a predicted claim matches a gold claim when the intersection-over-union of their
// spans is at least IOU_THRESHOLD. Matching is one-to-one and greedy by best IoU: all candidate
// pairs are taken in decreasing IoU order (ties: earlier gold claim, then earlier prediction), and
// a pair is kept when neither side is already matched.
//
// Speaker accuracy is the share of matched claims whose predicted speaker names the gold speaker:
// after normalisation (case, Latin accents, Arabic diacritics and tatweel, alef/yaa/taa-marbuta
// spelling, punctuation), the predicted name equals the gold name or one of the gold speaker's
// aliases, or contains the gold name or is contained in it as a whole-word sequence.
import { nameKey } from '../text/name-key.ts';

export const IOU_THRESHOLD = 0.5;

export type EvalLanguage = 'ar' | 'en' | 'fr';
export const LANGUAGE_ORDER: readonly EvalLanguage[] = ['ar', 'en', 'fr'];

export interface Span {
  start: number;
  end: number;
}

export interface GoldSpeaker {
  name: string;
  latin?: string;
  aliases?: string[];
}

export interface GoldClaim extends Span {
  text: string;
  speaker: string;
  cue?: string;
  kind?: string;
}

export interface GoldArticle {
  article: { language: EvalLanguage; publisher?: string; file?: string };
  speakers: GoldSpeaker[];
  claims: GoldClaim[];
  noise?: Array<{ text: string; why?: string }>;
}

/** The part of the engine's result the scorer reads (structurally compatible with ExtractionResult). */
export interface PredictedClaim extends Span {
  text?: string;
  speaker: { name: string; aliases?: string[] };
}

export interface PredictionLike {
  claims: readonly PredictedClaim[];
}

export interface Figures {
  articles: number;
  goldClaims: number;
  predictedClaims: number;
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
  /** Matched claims whose predicted speaker is the gold speaker. */
  speakerCorrect: number;
  /** speakerCorrect / truePositives; null when nothing matched. */
  speakerAccuracy: number | null;
}

export interface ClaimMatch {
  gold: number;
  predicted: number;
  iou: number;
}

export interface MatchedClaim {
  gold: GoldClaim;
  predicted: PredictedClaim;
  iou: number;
  speakerCorrect: boolean;
}

export interface ArticleEvaluation {
  id: string;
  language: EvalLanguage;
  figures: Figures;
  matched: MatchedClaim[];
  misses: GoldClaim[];
  falsePositives: Array<Span & { text: string; speaker: string }>;
  /** Problems with the gold itself (offsets that do not slice the text); empty for a sound fixture. */
  goldProblems: string[];
}

export interface Summary {
  threshold: number;
  byLanguage: Partial<Record<EvalLanguage, Figures>>;
  overall: Figures;
}

/** Intersection over union of two half-open spans; 0 for empty or disjoint spans. */
export function spanIoU(a: Span, b: Span): number {
  const intersection = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  if (intersection === 0) return 0;
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return union <= 0 ? 0 : intersection / union;
}

/** One-to-one greedy matching by best IoU; returns pairs ordered by gold index. */
export function matchClaims(predicted: readonly Span[], gold: readonly Span[], threshold = IOU_THRESHOLD): ClaimMatch[] {
  const candidates: ClaimMatch[] = [];
  gold.forEach((g, gi) => {
    predicted.forEach((p, pi) => {
      const iou = spanIoU(p, g);
      if (iou > 0 && iou >= threshold) candidates.push({ gold: gi, predicted: pi, iou });
    });
  });
  candidates.sort((x, y) => y.iou - x.iou || x.gold - y.gold || x.predicted - y.predicted);
  const usedGold = new Set<number>();
  const usedPredicted = new Set<number>();
  const matches: ClaimMatch[] = [];
  for (const c of candidates) {
    if (usedGold.has(c.gold) || usedPredicted.has(c.predicted)) continue;
    usedGold.add(c.gold);
    usedPredicted.add(c.predicted);
    matches.push(c);
  }
  return matches.sort((x, y) => x.gold - y.gold);
}

/** Name normalisation for speaker comparison: nameKey folding plus punctuation to spaces. */
export function normalizeSpeakerName(name: string): string {
  return nameKey(name)
    .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function containsWords(haystack: string, needle: string): boolean {
  return ` ${haystack} `.includes(` ${needle} `);
}

/**
 * True when the predicted name designates the gold speaker: equal to the gold name or one of its
 * aliases, or containing / contained in the gold name (whole words), after normalisation.
 */
export function speakerMatches(predictedName: string, goldName: string, goldAliases: readonly string[] = []): boolean {
  const p = normalizeSpeakerName(predictedName);
  const g = normalizeSpeakerName(goldName);
  if (p === '' || g === '') return false;
  if (p === g) return true;
  if (goldAliases.some((alias) => normalizeSpeakerName(alias) === p)) return true;
  return containsWords(p, g) || containsWords(g, p);
}

function ratio(numerator: number, denominator: number, whenEmpty: number): number {
  return denominator === 0 ? whenEmpty : numerator / denominator;
}

/**
 * Figures from counts. Precision with no prediction is 1 when there was nothing to find and 0
 * otherwise; recall with no gold claim is 1. F1 is 0 when precision + recall is 0.
 */
export function figuresFrom(counts: {
  articles: number;
  goldClaims: number;
  predictedClaims: number;
  truePositives: number;
  speakerCorrect: number;
}): Figures {
  const precision = ratio(counts.truePositives, counts.predictedClaims, counts.goldClaims === 0 ? 1 : 0);
  const recall = ratio(counts.truePositives, counts.goldClaims, 1);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    ...counts,
    precision,
    recall,
    f1,
    speakerAccuracy: counts.truePositives === 0 ? null : counts.speakerCorrect / counts.truePositives,
  };
}

/** Scores one article. `id` names it in reports (e.g. the fixture's file name). */
export function evaluateArticle(
  text: string,
  gold: GoldArticle,
  result: PredictionLike,
  options: { id?: string; threshold?: number } = {},
): ArticleEvaluation {
  const threshold = options.threshold ?? IOU_THRESHOLD;
  const goldProblems: string[] = [];
  gold.claims.forEach((g, i) => {
    if (text.slice(g.start, g.end) !== g.text) goldProblems.push(`gold claim ${i} (${g.start}-${g.end}) does not slice the text`);
  });

  const aliasesOf = new Map<string, string[]>();
  for (const s of gold.speakers) aliasesOf.set(s.name, s.aliases ?? []);

  const predicted = result.claims;
  const pairs = matchClaims(predicted, gold.claims, threshold);
  const matched: MatchedClaim[] = pairs.map((m) => {
    const g = gold.claims[m.gold]!;
    const p = predicted[m.predicted]!;
    return { gold: g, predicted: p, iou: m.iou, speakerCorrect: speakerMatches(p.speaker.name, g.speaker, aliasesOf.get(g.speaker) ?? []) };
  });
  const matchedGold = new Set(pairs.map((m) => m.gold));
  const matchedPredicted = new Set(pairs.map((m) => m.predicted));

  const figures = figuresFrom({
    articles: 1,
    goldClaims: gold.claims.length,
    predictedClaims: predicted.length,
    truePositives: matched.length,
    speakerCorrect: matched.filter((m) => m.speakerCorrect).length,
  });

  return {
    id: options.id ?? gold.article.file ?? '',
    language: gold.article.language,
    figures,
    matched,
    misses: gold.claims.filter((_, i) => !matchedGold.has(i)),
    falsePositives: predicted
      .filter((_, i) => !matchedPredicted.has(i))
      .map((p) => ({ start: p.start, end: p.end, text: p.text ?? text.slice(p.start, p.end), speaker: p.speaker.name })),
    goldProblems,
  };
}

function sumFigures(items: readonly Figures[]): Figures {
  const total = { articles: 0, goldClaims: 0, predictedClaims: 0, truePositives: 0, speakerCorrect: 0 };
  for (const f of items) {
    total.articles += f.articles;
    total.goldClaims += f.goldClaims;
    total.predictedClaims += f.predictedClaims;
    total.truePositives += f.truePositives;
    total.speakerCorrect += f.speakerCorrect;
  }
  return figuresFrom(total);
}

/** Micro-averaged figures per language (only languages present) and overall. */
export function summarize(articles: readonly ArticleEvaluation[], threshold = IOU_THRESHOLD): Summary {
  const byLanguage: Partial<Record<EvalLanguage, Figures>> = {};
  for (const language of LANGUAGE_ORDER) {
    const items = articles.filter((a) => a.language === language);
    if (items.length > 0) byLanguage[language] = sumFigures(items.map((a) => a.figures));
  }
  return { threshold, byLanguage, overall: sumFigures(articles.map((a) => a.figures)) };
}
