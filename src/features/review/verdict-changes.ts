import type { Db } from '../../db/connect.ts';
import { loadRatingScale } from '../ratings/ratings.service.ts';
import { isAttributionStatus } from '../../domain/attribution-status.ts';
import { NamedInBoth, msg, type LocalizedText } from '../../i18n/translate.ts';
import { findLatestReviewEvent } from './review.repository.ts';

/**
 * The two verdicts of a claim share one claim.version, so a stale version alone does not say which
 * verdict moved on. A verdict form therefore also carries the verdicts it showed; comparing them with
 * the current ones tells a reviewer exactly what changed, and lets a change through when neither did.
 */
export const VERDICT_FIELDS = ['status', 'attribution_status'] as const;
export type VerdictField = (typeof VERDICT_FIELDS)[number];

/** The verdicts a form showed; a field the form did not carry is unknown and counts as changed. */
export type SeenVerdicts = Partial<Record<VerdictField, string | undefined>>;

export interface VerdictState {
  version: number;
  status: string;
  attribution_status: string;
}

export interface StaleVerdict {
  field: VerdictField;
  /** Its current value. */
  value: string;
  /** Who set it last, from the audit log. */
  changedBy: string | null;
  /** A verification status's label, in both languages. */
  valueName?: NamedInBoth;
}

/**
 * The verdicts that differ from those the reviewer saw, when the version they saw is no longer current.
 * Empty when the version is current, or when it moved on through changes that left both verdicts as the
 * reviewer saw them (a verdict set and set back, or another edit): their decision still rests on what is
 * there. A verdict the form did not carry counts as changed unless nobody ever changed it.
 */
export async function findStaleVerdicts(db: Db, claimId: string, current: VerdictState, expectedVersion: number, seen: SeenVerdicts): Promise<StaleVerdict[]> {
  if (current.version === expectedVersion) return [];
  const scale = await loadRatingScale(db);
  const stale: StaleVerdict[] = [];
  for (const field of VERDICT_FIELDS) {
    if (seen[field] !== undefined && seen[field] === current[field]) continue;
    const last = await findLatestReviewEvent(db, claimId, [field]);
    if (seen[field] === undefined && !last) continue;
    const label = field === 'status' ? scale.get(current[field]) : undefined;
    stale.push({ field, value: current[field], changedBy: last?.actor ?? null, ...(label ? { valueName: new NamedInBoth(label.name) } : {}) });
  }
  return stale;
}

function staleChange({ field, value, changedBy, valueName }: StaleVerdict): LocalizedText {
  const name = changedBy ?? msg('review.stale.someone');
  if (field === 'status') return msg('review.stale.status', { name, value: valueName ?? value });
  return msg('review.stale.attribution', { name, value: isAttributionStatus(value) ? msg(`attribution.${value}`) : value });
}

/**
 * Why a change was refused, naming only the verdicts that differ from what the reviewer saw, their
 * current values and who set them, e.g. `Omar set its verification status to "False" while you were
 * reviewing it. Your change was not saved.`
 */
export function describeStaleVerdicts(stale: readonly StaleVerdict[]): LocalizedText {
  const [first, second] = stale.map(staleChange);
  if (!first) return msg('review.stale.atOnce');
  return second ? msg('review.stale.both', { first, second }) : msg('review.stale.one', { change: first });
}

export const EDITED_MEANWHILE_NOTICE = msg('review.editedMeanwhile');
