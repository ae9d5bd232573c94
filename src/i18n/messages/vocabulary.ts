import { ATTRIBUTION_STATUSES, ATTRIBUTION_STATUS_INFO } from '../../domain/attribution-status.ts';
import { CLAIM_ORIGINS, ORIGIN_LABELS } from '../../domain/claim-origin.ts';
import { OUTLET_KINDS, OUTLET_KIND_LABELS } from '../../domain/outlet-kinds.ts';
import { OUTLET_ROLES, OUTLET_ROLE_LABELS } from '../../domain/outlet-roles.ts';
import { SPEAKER_KINDS, SPEAKER_KIND_LABELS } from '../../domain/speaker-kinds.ts';

/**
 * The domain's vocabularies (attribution verdicts, provenance, kinds, roles) carry their labels in both
 * languages beside their codes, where reports and exports read them too; the catalogues take them from
 * there under `<vocabulary>.<code>` keys rather than keep a second copy.
 */
type Labelled<Prefix extends string, Code extends string> = Record<`${Prefix}.${Code}`, string>;

function labels<Prefix extends string, Code extends string>(
  prefix: Prefix,
  codes: readonly Code[],
  info: Record<Code, { en: string; ar: string }>,
  language: 'en' | 'ar',
): Labelled<Prefix, Code> {
  return Object.fromEntries(codes.map((code) => [`${prefix}.${code}`, info[code][language]])) as Labelled<Prefix, Code>;
}

export function vocabulary(language: 'en' | 'ar') {
  return {
    ...labels('attribution', ATTRIBUTION_STATUSES, ATTRIBUTION_STATUS_INFO, language),
    ...labels('origin', CLAIM_ORIGINS, ORIGIN_LABELS, language),
    ...labels('outletKind', OUTLET_KINDS, OUTLET_KIND_LABELS, language),
    ...labels('outletRole', OUTLET_ROLES, OUTLET_ROLE_LABELS, language),
    ...labels('speakerKind', SPEAKER_KINDS, SPEAKER_KIND_LABELS, language),
  };
}
