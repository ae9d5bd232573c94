/**
 * What a speaker is. The engine finds persons, organisations and unnamed sources ("a diplomatic
 * source"); the desk may also record a document that speaks for itself (a report, a communiqué).
 */
export const SPEAKER_KINDS = ['person', 'organization', 'unnamed', 'document'] as const;

export type SpeakerKind = (typeof SPEAKER_KINDS)[number];

export const SPEAKER_KIND_LABELS: Record<SpeakerKind, { en: string; ar: string }> = {
  person: { en: 'Person', ar: 'شخص' },
  organization: { en: 'Institution', ar: 'مؤسسة' },
  unnamed: { en: 'Unnamed source', ar: 'مصدر غير مسمى' },
  document: { en: 'Document', ar: 'وثيقة' },
};

export function isSpeakerKind(value: unknown): value is SpeakerKind {
  return typeof value === 'string' && (SPEAKER_KINDS as readonly string[]).includes(value);
}
