/** Offsets of a claim in the article body, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

/** Spans at least this similar (intersection over union, in characters) are the same claim. */
export const SAME_CLAIM_IOU = 0.5;

export function spanIou(a: Span, b: Span): number {
  const intersection = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return union > 0 ? intersection / union : 0;
}

export interface PlannedClaim extends Span {
  touched: boolean;
}

export interface ReextractionPlan<Stored, Found> {
  /** Claims the engine finds that no kept claim covers. */
  add: Found[];
  /** Untouched claims the engine no longer finds at the same span. */
  remove: Stored[];
  /** Untouched claims found again at the same span, with what the engine now says of them. */
  refound: Array<{ stored: Stored; found: Found }>;
  /** Claims a person touched: kept as they are. */
  touched: Stored[];
}

/**
 * What a re-extraction does to an article's claims. A person's work is never lost: touched claims
 * stay, and a found claim overlapping one of them (same span, or IoU ≥ SAME_CLAIM_IOU) is the same
 * claim, not a new one. Untouched claims are the engine's own and follow its current output.
 */
export function planReextraction<Stored extends PlannedClaim, Found extends Span>(stored: readonly Stored[], found: readonly Found[]): ReextractionPlan<Stored, Found> {
  const touched = stored.filter((claim) => claim.touched);
  const untouchedBySpan = new Map<string, Stored>();
  for (const claim of stored) if (!claim.touched) untouchedBySpan.set(spanKey(claim), claim);
  const plan: ReextractionPlan<Stored, Found> = { add: [], remove: [], refound: [], touched };
  for (const claim of found) {
    if (touched.some((kept) => (kept.start === claim.start && kept.end === claim.end) || spanIou(kept, claim) >= SAME_CLAIM_IOU)) continue;
    const same = untouchedBySpan.get(spanKey(claim));
    if (same) {
      plan.refound.push({ stored: same, found: claim });
      untouchedBySpan.delete(spanKey(claim));
    } else {
      plan.add.push(claim);
    }
  }
  plan.remove = [...untouchedBySpan.values()];
  return plan;
}

function spanKey(span: Span): string {
  return `${span.start}:${span.end}`;
}
