/** The part an outlet played in carrying a claim, in chain order. */
export const OUTLET_ROLES = ['original', 'interview', 'republished', 'distributed', 'photo_credit'] as const;
export type OutletRole = (typeof OUTLET_ROLES)[number];

export const OUTLET_ROLE_LABELS: Record<OutletRole, { en: string; ar: string }> = {
  original: { en: 'original', ar: 'المصدر الأصلي' },
  interview: { en: 'interview', ar: 'مقابلة' },
  republished: { en: 'republished', ar: 'إعادة نشر' },
  distributed: { en: 'distributed', ar: 'توزيع' },
  photo_credit: { en: 'photo credit', ar: 'حقوق الصورة' },
};
