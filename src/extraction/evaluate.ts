// Scores the claim-extraction engine against hand-annotated gold articles, by the rules of the
// real-news corpus's reference scorer (its score.py), so the figures here are that scorer's figures.
//
// Pure: it takes the article text, its gold annotation and the engine's claims, and returns
// counts and the errors behind them. Loading files and printing belong to src/cli/eval-extract.ts.
//
// - Spans are in code points (not UTF-16 units). A claim is placed where its text first occurs in
//   the article; only a claim whose text does not occur is placed by its offsets (read as UTF-16
//   units, as the engine emits them), and a claim placed neither way is left out.
// - Matching is one-to-one and greedy: all pairs in decreasing order of IoU, ties to the later
//   prediction, then to the later gold claim; a pair counts when its IoU is at least
//   IOU_THRESHOLD and neither side is taken yet.
// - A prediction left unmatched that overlaps an optional claim at IOU_THRESHOLD counts neither
//   as right nor as wrong.
// - Speaker: right when the normalised names contain one another or share a word of three
//   letters or more (Arabic folded, ال and its prefixed forms stripped, a few function words out).
// - Outlets: a matched claim with gold outlets is right when each gold outlet contains, or is
//   contained in, one of the predicted outlet names after normalisation.

export const IOU_THRESHOLD = 0.5;

export const LANGUAGE_ORDER: readonly string[] = ['ar', 'en', 'fr'];

export interface Span {
  start: number;
  end: number;
}

/** A name as a result or an annotation may give it: a string or an object naming it. */
export type NameLike = string | { name?: string | null; canonical?: string | null; text?: string | null } | null | undefined;

export interface GoldClaim {
  text: string;
  start?: number;
  end?: number;
  speaker: string;
  outlets?: readonly NameLike[] | null;
}

export interface GoldAnnotation {
  claims: readonly GoldClaim[];
  /** Borderline claims: a prediction on one of them is neither right nor wrong. */
  optional_claims?: readonly GoldClaim[] | null;
}

/** The part of the engine's claims the scorer reads (structurally compatible with ExtractedClaim). */
export interface PredictedClaim {
  text?: string | null;
  start?: number;
  end?: number;
  speaker?: NameLike;
  outlets?: readonly NameLike[] | null;
}

export interface Located<T> extends Span {
  item: T;
}

export interface ClaimMatch {
  gold: number;
  predicted: number;
  iou: number;
}

export type ErrorClass = 'FN' | 'FP' | 'speaker' | 'outlet';
export const ERROR_CLASSES: readonly ErrorClass[] = ['FN', 'FP', 'speaker', 'outlet'];

export interface EvaluationError extends Span {
  kind: ErrorClass;
  /** The article text of the span (gold span for FN, speaker and outlet errors). */
  text: string;
  predictedSpeaker?: string;
  goldSpeaker?: string;
  predictedOutlets?: string[];
  goldOutlets?: string[];
}

export interface Counts {
  articles: number;
  goldClaims: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Unmatched predictions excused by an optional claim. */
  neutral: number;
  speakerCorrect: number;
  /** Matched claims whose gold names outlets, and those whose outlets are right. */
  outletClaims: number;
  outletCorrect: number;
  /** Articles the engine failed on (scored as articles with no prediction). */
  failures: number;
}

export interface Figures extends Counts {
  precision: number;
  recall: number;
  f1: number;
  speakerAccuracy: number;
  outletAccuracy: number;
}

export interface ArticleEvaluation {
  id: string;
  language: string;
  counts: Counts;
  errors: EvaluationError[];
  /** Problems with the gold itself: claims whose text is not in the article. */
  goldProblems: string[];
}

export interface Summary {
  threshold: number;
  byLanguage: Record<string, Figures>;
  overall: Figures;
}

// ---------------------------------------------------------------------------------------------
// Names

const ARABIC_MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;
const STOP_WORDS = new Set('the of and a an le la les de du des al mr mrs m mme dr'.split(' '));
const ARTICLE_PREFIXES = ['وال', 'بال', 'لل', 'ال'];

const codePointLength = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/**
 * The reference scorer's name normalisation: NFKC, lower case, Arabic marks and tatweel removed, hamza and
 * alef variants, alef maqsura and taa marbuta folded, parenthesised asides and every run of
 * non-word characters turned into one space.
 */
export function normalizeName(name: string): string {
  return (name ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(ARABIC_MARKS, '')
    .replace(/[إأآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/ؤ/g, 'و')
    .replace(/ئ/g, 'ي')
    .replace(/\([^\n]*?\)/g, ' ')
    .replace(/[^\p{L}\p{N}_]+/gu, ' ')
    .trim();
}

/** The words of a name that can identify it: three letters or more, article stripped, no stop word. */
export function nameWords(name: string): Set<string> {
  const words = new Set<string>();
  for (let word of normalizeName(name).split(' ')) {
    const prefix = ARTICLE_PREFIXES.find((p) => word.startsWith(p));
    if (prefix !== undefined && codePointLength(word) > codePointLength(prefix) + 2) word = word.slice(prefix.length);
    if (codePointLength(word) >= 3 && !STOP_WORDS.has(word)) words.add(word);
  }
  return words;
}

/** True when the predicted speaker names the gold speaker by the reference scorer's rule. */
export function sameSpeaker(predicted: string, gold: string): boolean {
  if (!predicted || !gold) return false;
  const p = normalizeName(predicted);
  const g = normalizeName(gold);
  if (p && g && (p.includes(g) || g.includes(p))) return true;
  const goldWords = nameWords(gold);
  for (const word of nameWords(predicted)) if (goldWords.has(word)) return true;
  return false;
}

export function nameOf(x: NameLike): string {
  if (x !== null && typeof x === 'object') return x.name || x.canonical || x.text || '';
  return x || '';
}

/** True when every gold outlet contains, or is contained in, one of the predicted outlet names. */
export function outletsMatch(goldOutlets: readonly NameLike[], predictedOutlets: readonly NameLike[]): boolean {
  const predicted = predictedOutlets.map((o) => normalizeName(nameOf(o))).filter((x) => x !== '');
  return goldOutlets.every((o) => {
    const gold = normalizeName(nameOf(o));
    return predicted.some((x) => x.includes(gold) || gold.includes(x));
  });
}

// ---------------------------------------------------------------------------------------------
// Spans

/** Code-point positions of a string's UTF-16 positions (identity when it has no astral character). */
class CodePointIndex {
  private readonly before: Int32Array | null;
  readonly length: number;

  constructor(private readonly text: string) {
    if (!/[\uD800-\uDFFF]/.test(text)) {
      this.before = null;
      this.length = text.length;
      return;
    }
    // before[u] = code points wholly inside text.slice(0, u)
    this.before = new Int32Array(text.length + 1);
    let count = 0;
    for (let u = 0; u < text.length; u++) {
      this.before[u] = count;
      const c = text.charCodeAt(u);
      const pairedHigh = c >= 0xd800 && c <= 0xdbff && u + 1 < text.length && (text.charCodeAt(u + 1) & 0xfc00) === 0xdc00;
      if (!pairedHigh) count++;
    }
    this.before[text.length] = count;
    this.length = count;
  }

  /** Code points wholly inside the first `units` UTF-16 units (a split pair counts neither half). */
  at(units: number): number {
    const u = Math.max(0, Math.min(units < 0 ? this.text.length + units : units, this.text.length));
    return this.before === null ? u : this.before[u]!;
  }
}

/**
 * Places each item in the text (code points): where its text first occurs, else by its offsets;
 * items placed neither way are left out.
 */
export function locateSpans<T extends { text?: string | null; start?: number; end?: number }>(
  text: string,
  items: readonly T[],
  index = new CodePointIndex(text),
): Array<Located<T>> {
  const located: Array<Located<T>> = [];
  for (const item of items) {
    const needle = typeof item.text === 'string' ? item.text : '';
    const at = needle ? text.indexOf(needle) : -1;
    if (at >= 0) {
      const start = index.at(at);
      located.push({ start, end: start + codePointLength(needle), item });
    } else if (Number.isInteger(item.start) && Number.isInteger(item.end)) {
      const start = index.at(item.start!);
      located.push({ start, end: Math.max(start, Math.min(index.at(item.end!), index.length)), item });
    }
  }
  return located;
}

/** Intersection over union of two half-open spans; 0 for empty or disjoint spans. */
export function spanIoU(a: Span, b: Span): number {
  const intersection = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  if (intersection === 0) return 0;
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return union <= 0 ? 0 : intersection / union;
}

/** One-to-one greedy matching by best IoU (ties: later prediction, then later gold); pairs by gold index. */
export function matchClaims(predicted: readonly Span[], gold: readonly Span[], threshold = IOU_THRESHOLD): ClaimMatch[] {
  const candidates: ClaimMatch[] = [];
  predicted.forEach((p, pi) => {
    gold.forEach((g, gi) => {
      const iou = spanIoU(p, g);
      if (iou > 0 && iou >= threshold) candidates.push({ gold: gi, predicted: pi, iou });
    });
  });
  candidates.sort((x, y) => y.iou - x.iou || y.predicted - x.predicted || y.gold - x.gold);
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

// ---------------------------------------------------------------------------------------------
// Articles

export function emptyCounts(): Counts {
  return {
    articles: 0,
    goldClaims: 0,
    truePositives: 0,
    falsePositives: 0,
    falseNegatives: 0,
    neutral: 0,
    speakerCorrect: 0,
    outletClaims: 0,
    outletCorrect: 0,
    failures: 0,
  };
}

const names = (xs: readonly NameLike[] | null | undefined): string[] => (xs ?? []).map(nameOf);

/** Speaker and outlet verdicts on the matched pairs, added to `counts` and `errors`. */
function scoreMatches(
  text: string,
  pairs: readonly ClaimMatch[],
  predicted: ReadonlyArray<Located<PredictedClaim>>,
  gold: ReadonlyArray<Located<GoldClaim>>,
  counts: Counts,
  errors: EvaluationError[],
): void {
  for (const pair of pairs) {
    const g = gold[pair.gold]!;
    const p = predicted[pair.predicted]!;
    const span = { start: g.start, end: g.end, text: g.item.text || text.slice(g.start, g.end) };
    const predictedSpeaker = nameOf(p.item.speaker);
    if (sameSpeaker(predictedSpeaker, g.item.speaker)) counts.speakerCorrect++;
    else errors.push({ kind: 'speaker', ...span, predictedSpeaker, goldSpeaker: g.item.speaker });
    const goldOutlets = g.item.outlets ?? [];
    if (goldOutlets.length === 0) continue;
    counts.outletClaims++;
    if (outletsMatch(goldOutlets, p.item.outlets ?? [])) counts.outletCorrect++;
    else errors.push({ kind: 'outlet', ...span, predictedOutlets: names(p.item.outlets), goldOutlets: names(goldOutlets) });
  }
}

/** Scores one article. `failed` marks an article the engine failed on (its claims are then empty). */
export function evaluateArticle(
  text: string,
  gold: GoldAnnotation,
  claims: readonly PredictedClaim[],
  options: { id: string; language: string; failed?: boolean; threshold?: number },
): ArticleEvaluation {
  const threshold = options.threshold ?? IOU_THRESHOLD;
  const index = new CodePointIndex(text);
  const predicted = locateSpans(text, claims, index);
  const required = locateSpans(text, gold.claims, index);
  const optional = locateSpans(text, gold.optional_claims ?? [], index);
  const pairs = matchClaims(predicted, required, threshold);
  const counts: Counts = { ...emptyCounts(), articles: 1, goldClaims: required.length, failures: options.failed ? 1 : 0 };
  const errors: EvaluationError[] = [];
  scoreMatches(text, pairs, predicted, required, counts, errors);
  counts.truePositives = pairs.length;

  const matchedPredicted = new Set(pairs.map((m) => m.predicted));
  predicted.forEach((p, i) => {
    if (matchedPredicted.has(i)) return;
    if (optional.some((o) => spanIoU(p, o) >= threshold)) counts.neutral++;
    else {
      counts.falsePositives++;
      errors.push({ kind: 'FP', start: p.start, end: p.end, text: p.item.text || '', predictedSpeaker: nameOf(p.item.speaker) });
    }
  });
  const matchedGold = new Set(pairs.map((m) => m.gold));
  required.forEach((g, i) => {
    if (matchedGold.has(i)) return;
    counts.falseNegatives++;
    errors.push({ kind: 'FN', start: g.start, end: g.end, text: g.item.text, goldSpeaker: g.item.speaker });
  });

  const goldProblems = [...gold.claims, ...(gold.optional_claims ?? [])]
    .filter((c) => !c.text || !text.includes(c.text))
    .map((c) => `gold claim not found in the text: ${(c.text ?? '').slice(0, 60)}`);
  return { id: options.id, language: options.language, counts, errors, goldProblems };
}

// ---------------------------------------------------------------------------------------------
// Figures

/** The reference scorer's ratios: an empty denominator counts as 1, so an empty ratio is 0. */
export function figuresFrom(counts: Counts): Figures {
  const tp = counts.truePositives;
  const precision = tp / (tp + counts.falsePositives || 1);
  const recall = tp / (tp + counts.falseNegatives || 1);
  return {
    ...counts,
    precision,
    recall,
    f1: (2 * precision * recall) / (precision + recall || 1),
    speakerAccuracy: counts.speakerCorrect / (tp || 1),
    outletAccuracy: counts.outletCorrect / (counts.outletClaims || 1),
  };
}

export function addCounts(into: Counts, more: Counts): Counts {
  for (const key of Object.keys(into) as Array<keyof Counts>) into[key] += more[key];
  return into;
}

/** Micro-averaged figures per language (known languages first) and overall. */
export function summarize(articles: readonly ArticleEvaluation[], threshold = IOU_THRESHOLD): Summary {
  const languages = [...new Set(articles.map((a) => a.language))].sort((x, y) => rank(x) - rank(y) || x.localeCompare(y));
  const byLanguage: Record<string, Figures> = {};
  for (const language of languages) {
    const counts = articles.filter((a) => a.language === language).reduce((sum, a) => addCounts(sum, a.counts), emptyCounts());
    byLanguage[language] = figuresFrom(counts);
  }
  return { threshold, byLanguage, overall: figuresFrom(articles.reduce((sum, a) => addCounts(sum, a.counts), emptyCounts())) };
}

function rank(language: string): number {
  const at = LANGUAGE_ORDER.indexOf(language);
  return at < 0 ? LANGUAGE_ORDER.length : at;
}

/**
 * A ratio to three decimals as the reference scorer prints it: correctly rounded, an exact tie to even
 * (toFixed would round 0.0625 up to 0.063 where the reference scorer prints 0.062).
 */
export function formatRatio(x: number): string {
  const sixteenths = x * 16;
  // Only odd multiples of 1/16 lie exactly halfway between two thousandths.
  if (Number.isInteger(sixteenths) && Math.abs(sixteenths % 2) === 1) {
    const below = Math.floor(x * 1000);
    return ((below % 2 === 0 ? below : below + 1) / 1000).toFixed(3);
  }
  return x.toFixed(3);
}
