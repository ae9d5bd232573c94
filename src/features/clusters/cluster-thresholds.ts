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
 * corpus's bulk articles: see that file and the README for the figures at each threshold.
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
