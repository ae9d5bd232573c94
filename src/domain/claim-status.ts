/**
 * Verification statuses, modelled on Meedan Check and ClaimReview. The rating is on
 * ClaimReview's 1–5 scale (5 = accurate); statuses that are no verdict carry none.
 */
export const CLAIM_STATUSES = [
  'unverified',
  'in_review',
  'accurate',
  'mostly_accurate',
  'misleading',
  'false',
  'unverifiable',
  'not_a_claim',
] as const;

export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export interface StatusInfo {
  en: string;
  ar: string;
  /** ClaimReview reviewRating.ratingValue, null when the status is not a verdict. */
  rating: number | null;
  /** Whether the status closes the review. */
  final: boolean;
}

export const STATUS_INFO: Record<ClaimStatus, StatusInfo> = {
  unverified: { en: 'Unverified', ar: 'لم يُتحقق منه', rating: null, final: false },
  in_review: { en: 'In review', ar: 'قيد المراجعة', rating: null, final: false },
  accurate: { en: 'Accurate', ar: 'صحيح', rating: 5, final: true },
  mostly_accurate: { en: 'Mostly accurate', ar: 'صحيح في معظمه', rating: 4, final: true },
  misleading: { en: 'Misleading', ar: 'مضلل', rating: 2, final: true },
  false: { en: 'False', ar: 'خاطئ', rating: 1, final: true },
  unverifiable: { en: 'Unverifiable', ar: 'لا يمكن التحقق منه', rating: null, final: true },
  not_a_claim: { en: 'Not a claim', ar: 'ليس ادعاءً', rating: null, final: true },
};

export const INITIAL_STATUS: ClaimStatus = 'unverified';

/** Statuses that still need a reviewer's verdict. */
export const OPEN_STATUSES: readonly ClaimStatus[] = CLAIM_STATUSES.filter((status) => !STATUS_INFO[status].final);

export function isClaimStatus(value: unknown): value is ClaimStatus {
  return typeof value === 'string' && (CLAIM_STATUSES as readonly string[]).includes(value);
}
