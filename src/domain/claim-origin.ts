/**
 * Where a claim came from: found by the extraction engine and untouched, found by the engine and
 * then corrected by a person (span, speaker, cue, kind or chain), or added by hand.
 */
export const CLAIM_ORIGINS = ['machine', 'edited', 'manual'] as const;

export type ClaimOrigin = (typeof CLAIM_ORIGINS)[number];

export const ORIGIN_LABELS: Record<ClaimOrigin, { en: string; ar: string }> = {
  machine: { en: 'Machine', ar: 'آلي' },
  edited: { en: 'Edited', ar: 'معدَّل' },
  manual: { en: 'Added by hand', ar: 'مضاف يدويًا' },
};

export function isClaimOrigin(value: unknown): value is ClaimOrigin {
  return typeof value === 'string' && (CLAIM_ORIGINS as readonly string[]).includes(value);
}
