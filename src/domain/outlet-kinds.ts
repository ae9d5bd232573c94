/** What an outlet is: the kinds the extraction gazetteer knows, which the desk can correct. */
export const OUTLET_KINDS = ['newspaper', 'agency', 'broadcaster', 'channel', 'website'] as const;

export type OutletKind = (typeof OUTLET_KINDS)[number];

export const OUTLET_KIND_LABELS: Record<OutletKind, { en: string; ar: string }> = {
  newspaper: { en: 'Newspaper', ar: 'صحيفة' },
  agency: { en: 'News agency', ar: 'وكالة أنباء' },
  broadcaster: { en: 'Broadcaster', ar: 'هيئة بث' },
  channel: { en: 'Channel', ar: 'قناة' },
  website: { en: 'Website', ar: 'موقع إلكتروني' },
};

export function isOutletKind(value: unknown): value is OutletKind {
  return typeof value === 'string' && (OUTLET_KINDS as readonly string[]).includes(value);
}
