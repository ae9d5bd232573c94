/**
 * Attribution verdicts: the second review axis, beside the verification status. The verification
 * status says whether what was said is true; the attribution verdict says whether the speaker said it
 * as the article reports, once the chain of outlets has been followed back to the source.
 */
export const ATTRIBUTION_STATUSES = [
  'unchecked',
  'verbatim',
  'faithful_paraphrase',
  'distorted_or_mistranslated',
  'not_found_at_source',
  'fabricated',
] as const;

export type AttributionStatus = (typeof ATTRIBUTION_STATUSES)[number];

export interface AttributionStatusInfo {
  en: string;
  ar: string;
  /** Whether the attribution holds up at its source; null while unchecked. */
  faithful: boolean | null;
}

export const ATTRIBUTION_STATUS_INFO: Record<AttributionStatus, AttributionStatusInfo> = {
  unchecked: { en: 'Unchecked', ar: 'لم يُتحقق من الإسناد', faithful: null },
  verbatim: { en: 'Verbatim', ar: 'منقول حرفيًا', faithful: true },
  faithful_paraphrase: { en: 'Faithful paraphrase', ar: 'إعادة صياغة أمينة', faithful: true },
  distorted_or_mistranslated: { en: 'Distorted or mistranslated', ar: 'محرَّف أو مترجَم خطأً', faithful: false },
  not_found_at_source: { en: 'Not found at source', ar: 'غير موجود في المصدر', faithful: false },
  fabricated: { en: 'Fabricated', ar: 'مختلَق', faithful: false },
};

/** The value the migration gives every claim, old and new. */
export const INITIAL_ATTRIBUTION_STATUS: AttributionStatus = 'unchecked';

export function isAttributionStatus(value: unknown): value is AttributionStatus {
  return typeof value === 'string' && (ATTRIBUTION_STATUSES as readonly string[]).includes(value);
}
