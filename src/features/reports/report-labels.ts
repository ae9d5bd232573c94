import type { RatingScale } from '../../domain/rating-scale.ts';
import { OUTLET_ROLE_LABELS, type OutletRole } from '../../domain/outlet-roles.ts';
import { ATTRIBUTION_STATUS_INFO, isAttributionStatus } from '../../domain/attribution-status.ts';

/** Reports are written in one of these languages, chosen per link; labels and layout follow it. */
export const REPORT_LANGUAGES = ['ar', 'en'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

export function isReportLanguage(value: unknown): value is ReportLanguage {
  return typeof value === 'string' && (REPORT_LANGUAGES as readonly string[]).includes(value);
}

/** A report about an article in Arabic defaults to Arabic; anything else to English. */
export function defaultReportLanguage(articleLanguage: string): ReportLanguage {
  return articleLanguage === 'ar' ? 'ar' : 'en';
}

const EN = {
  claimReport: 'Claim report',
  articleReport: 'Article report',
  claim: 'Claim',
  claims: 'Claims',
  speaker: 'Speaker',
  unknownSpeaker: 'Unknown',
  unnamedSpeaker: 'unnamed source',
  article: 'Article',
  publishedBy: 'Published by',
  unknownOutlet: 'an unknown outlet',
  publishedOn: 'published',
  source: 'source',
  cue: 'Reported with',
  kind: 'Kind of claim',
  verdicts: 'Verdicts',
  verification: 'Verification',
  attribution: 'Attribution',
  rating: 'Rating',
  ratingOutOf: 'out of 5',
  noRating: 'no rating',
  inContext: 'In the article',
  chain: 'Attribution chain',
  noChain: 'No outlet recorded.',
  confirmed: 'confirmed',
  unconfirmed: 'unconfirmed',
  evidence: 'evidence',
  link: 'link',
  notes: "Reviewers' notes",
  noNotes: 'No notes.',
  deskNote: 'Note from the desk',
  private: 'private',
  history: 'History',
  noHistory: 'No verdict recorded yet.',
  statusChangedTo: 'Verification status changed to',
  attributionChangedTo: 'Attribution verdict changed to',
  hopChecked: 'Checked at',
  on: 'on',
  by: 'by',
  summary: 'Summary',
  perVerdict: 'Claims per verification status',
  perAttribution: 'Claims per attribution verdict',
  progress: 'Review progress',
  reviewed: 'claims with a final verdict',
  of: 'of',
  noClaims: 'No claims were found in this article.',
  generatedOn: 'Report prepared on',
  factCheckBy: 'Fact-check by',
  openSharedBy: 'A fact-check report by',
  expiresOn: 'expires',
} as const;

export type ReportLabels = Record<keyof typeof EN, string>;

const AR: ReportLabels = {
  claimReport: 'تقرير عن ادعاء',
  articleReport: 'تقرير عن مقال',
  claim: 'الادعاء',
  claims: 'الادعاءات',
  speaker: 'القائل',
  unknownSpeaker: 'غير معروف',
  unnamedSpeaker: 'مصدر لم يُذكر اسمه',
  article: 'المقال',
  publishedBy: 'نشرته',
  unknownOutlet: 'وسيلة غير معروفة',
  publishedOn: 'نُشر في',
  source: 'المصدر',
  cue: 'صيغة النقل',
  kind: 'نوع الادعاء',
  verdicts: 'الحكمان',
  verification: 'التحقق من المضمون',
  attribution: 'التحقق من الإسناد',
  rating: 'التقييم',
  ratingOutOf: 'من 5',
  noRating: 'بلا تقييم',
  inContext: 'في سياق المقال',
  chain: 'سلسلة الإسناد',
  noChain: 'لم تُسجَّل أي وسيلة.',
  confirmed: 'مؤكَّد',
  unconfirmed: 'غير مؤكَّد',
  evidence: 'الدليل',
  link: 'الرابط',
  notes: 'ملاحظات المراجعين',
  noNotes: 'لا ملاحظات.',
  deskNote: 'ملاحظة من فريق التحقق',
  private: 'خاصة',
  history: 'السجل',
  noHistory: 'لم يُسجَّل أي حكم بعد.',
  statusChangedTo: 'تغيّرت حالة التحقق إلى',
  attributionChangedTo: 'تغيّر حكم الإسناد إلى',
  hopChecked: 'فُحص الإسناد لدى',
  on: 'في',
  by: 'بواسطة',
  summary: 'الخلاصة',
  perVerdict: 'الادعاءات حسب حالة التحقق',
  perAttribution: 'الادعاءات حسب حكم الإسناد',
  progress: 'تقدّم المراجعة',
  reviewed: 'ادعاءات صدر فيها حكم نهائي',
  of: 'من',
  noClaims: 'لم يُعثر على ادعاءات في هذا المقال.',
  generatedOn: 'أُعدّ التقرير في',
  factCheckBy: 'تحقق أجراه',
  openSharedBy: 'تقرير تحقق من',
  expiresOn: 'ينتهي في',
};

const LABELS: Record<ReportLanguage, ReportLabels> = { en: EN, ar: AR };

const KIND_LABELS: Record<ReportLanguage, Record<string, string>> = {
  en: { factual: 'factual', opinion: 'opinion', question: 'question', prediction: 'prediction' },
  ar: { factual: 'واقعي', opinion: 'رأي', question: 'سؤال', prediction: 'توقّع' },
};

/** Everything a report template or export needs to speak one language. */
export interface ReportText {
  lang: ReportLanguage;
  dir: 'rtl' | 'ltr';
  t: ReportLabels;
  status(status: string): string;
  /** The verdict's rating on ClaimReview's 1–5 scale; null when it is no verdict. */
  rating(status: string): number | null;
  attribution(status: string): string;
  role(role: string): string;
  hopStatus(status: string): string;
  kind(kind: string): string;
  /** YYYY-MM-DD (UTC), the same in both languages; empty for no date. */
  date(iso: string | null | undefined): string;
}

export function reportText(lang: ReportLanguage, scale: RatingScale): ReportText {
  const t = LABELS[lang];
  return {
    lang,
    dir: lang === 'ar' ? 'rtl' : 'ltr',
    t,
    status: (status) => scale.name(status, lang),
    rating: (status) => scale.ratingValue(status),
    attribution: (status) => (isAttributionStatus(status) ? ATTRIBUTION_STATUS_INFO[status][lang] : status),
    role: (role) => OUTLET_ROLE_LABELS[role as OutletRole]?.[lang] ?? role.replace(/_/g, ' '),
    hopStatus: (status) => (status === 'confirmed' ? t.confirmed : t.unconfirmed),
    kind: (kind) => KIND_LABELS[lang][kind] ?? kind,
    date: isoDate,
  };
}

export function isoDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
}
