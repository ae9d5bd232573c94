/**
 * When two claims are the same statement. A pair's score is the exact Jaccard similarity of the two claims'
 * shingle sets (src/text/near-duplicate.ts: content words and pairs of neighbouring words), plus
 * SAME_SPEAKER_BONUS when both have the same speaker (capped at 1).
 *
 * - score ≥ join: the newer claim joins the earlier one's cluster without asking;
 * - suggest ≤ score < join: a pending suggestion, for a reviewer to confirm or reject;
 * - below: nothing.
 *
 * Chosen with `npm run eval:clusters -- <corpus dir>` (src/cli/eval-clusters.ts) on pairs built from the
 * corpus's 4,201 bulk articles (21,794 indexable claims): 502 positive pairs (the same place of a story in two
 * copies of it) and 155,104 negative pairs (claims of different stories that the index brings up, or that share
 * a speaker). Precision / recall, index and score together:
 *   0.30: 0.58 / 0.87   0.35: 0.71 / 0.87   0.45: 0.82 / 0.86   0.50: 0.85 / 0.86
 *   0.60: 0.88 / 0.84   0.70: 0.90 / 0.82   0.80: 0.91 / 0.79   0.90: 0.93 / 0.79
 * Recall is flat from 0.30 to 0.60 and precision rises steeply up to 0.45–0.50, then slowly: joining from 0.6
 * keeps 0.84 of the republished pairs at 0.88 precision, and suggesting from 0.35 (precision 0.71: a reviewer
 * decides) adds the paraphrased copies. Checked by eye: the "false positives" left at ≥ 0.6 were the same
 * statement quoted again in a different story (9 of 9 looked at), and the "misses" below 0.35 were neighbouring,
 * different claims the positional alignment paired (13 of 13): the labels' noise, so true figures are better.
 * The index (bands) loses 0.4 % of recall against scoring every pair. The same-speaker bonus lets a lightly
 * edited quote of the same speaker (≈ 0.5–0.6) join without asking.
 */
export const CLUSTER_THRESHOLDS = {
  join: 0.6,
  suggest: 0.35,
  sameSpeakerBonus: 0.1,
} as const;

/** The score of a pair: similarity, raised when the speaker is the same. */
export function pairScore(similarity: number, sameSpeaker: boolean): number {
  return Math.min(1, similarity + (sameSpeaker ? CLUSTER_THRESHOLDS.sameSpeakerBonus : 0));
}
