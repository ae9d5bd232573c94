import { z } from 'zod';
import { InputRejectedError, ValidationError, type FieldErrors } from '../../errors.ts';
import { LABEL_CODE_PATTERN } from '../../domain/rating-scale.ts';
import { CLAIM_SORTS, type ClaimFilters, type ClaimSort } from './claims.repository.ts';
import { OUTLET_ROLES } from '../../domain/outlet-roles.ts';
import { CLAIM_ORIGINS } from '../../domain/claim-origin.ts';
import { CLUSTER_FILTERS } from '../clusters/cluster-desk.repository.ts';
import type { SeenVerdicts } from '../review/verdict-changes.ts';
import { readSearchParameter } from '../search/search.schema.ts';
import { msg, type LocalizedText } from '../../i18n/translate.ts';

const ID = /^[0-9a-f-]{36}$/i;
const optionalId = z
  .string()
  .optional()
  .transform((value) => value || undefined)
  .refine((value) => value === undefined || ID.test(value), 'unknown id');

/** Speaker and outlet filters take an id (links) or a name typed into the filter field. */
const optionalIdOrName = z
  .string()
  .max(200)
  .optional()
  .transform((value) => value?.trim() || undefined);

const dashboardQuerySchema = z.object({
  status: z
    .string()
    .optional()
    .transform((value) => value || undefined)
    // Code-shaped here; whether the desk's scale has it is checked where the scale is read (listClaimPage).
    .refine((value) => value === undefined || LABEL_CODE_PATTERN.test(value), 'unknown status'),
  speaker: optionalIdOrName,
  assignee: optionalId,
  open: z
    .enum(['1', ''])
    .optional()
    .transform((value) => (value === '1' ? '1' : undefined)),
  outlet: optionalIdOrName,
  article: optionalId,
  provenance: z
    .enum(CLAIM_ORIGINS)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  role: z
    .enum(OUTLET_ROLES)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  check: z
    .string()
    .optional()
    .transform((value) => value || undefined)
    .refine((value) => value === undefined || /^(100|[1-9]?[0-9])$/.test(value), 'a percentage'),
  sort: z
    .enum(CLAIM_SORTS)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  cluster: z
    .enum(CLUSTER_FILTERS)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  after: z.string().max(500).optional().transform((value) => value || undefined),
});

export interface DashboardQuery {
  filters: ClaimFilters;
  sort: ClaimSort;
  /** The filters as URL parameters, to build links that keep them. */
  params: Record<string, string | undefined>;
  after: string | undefined;
}

/** The filters' names as the form labels them, to say which one was refused. */
const FILTER_LABELS: Record<string, LocalizedText> = {
  status: msg('claims.filter.status'),
  speaker: msg('claims.filter.speaker'),
  outlet: msg('claims.filter.outlet'),
  article: msg('claims.filter.article'),
  check: msg('claims.filter.checkworthiness'),
  provenance: msg('claims.filter.provenance'),
  sort: msg('claims.filter.order'),
  cluster: msg('sameClaim.filter.label'),
};

export function parseDashboardQuery(query: unknown): DashboardQuery {
  const search = readSearchParameter((query as Record<string, unknown> | undefined)?.q);
  const parsed = dashboardQuerySchema.safeParse(query ?? {});
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'filter');
    throw new InputRejectedError(400, msg('claims.filter.invalid', { field: FILTER_LABELS[field] ?? field }));
  }
  const { status, speaker, assignee, open, outlet, article, role, check, sort, after, provenance, cluster } = parsed.data;
  return {
    filters: {
      status,
      speakerId: speaker,
      assigneeId: assignee,
      openOnly: open === '1' || undefined,
      outletId: outlet,
      outletRole: outlet ? role : undefined,
      articleId: article,
      minCheckworthiness: check === undefined ? undefined : Number(check) / 100,
      origin: provenance,
      cluster,
      search: search?.query,
    },
    sort: sort ?? 'newest',
    params: { q: search?.text, status, speaker, assignee, open, outlet, role: outlet ? role : undefined, article, check, sort, provenance, cluster },
    after,
  };
}

const seenVerdictsSchema = z.object({
  seenStatus: z.string().optional().catch(undefined),
  seenAttribution: z.string().optional().catch(undefined),
});

/** The verdicts a verdict form showed (hidden fields seenStatus and seenAttribution); absent ones stay unknown. */
export function parseSeenVerdicts(body: unknown): SeenVerdicts {
  const parsed = seenVerdictsSchema.safeParse(body ?? {});
  const seen = parsed.success ? parsed.data : {};
  return { status: seen.seenStatus || undefined, attribution_status: seen.seenAttribution || undefined };
}

const STATUS_FORM_MESSAGES: Record<string, LocalizedText> = { status: msg('review.error.chooseStatus'), version: msg('review.error.formOutOfDate') };

const statusFormSchema = z.object({
  status: z.string().min(1),
  version: z.coerce.number().int().positive(),
  note: z.string().optional(),
});

export type StatusForm = z.infer<typeof statusFormSchema> & { seen: SeenVerdicts };

export function parseStatusForm(body: unknown): StatusForm {
  const parsed = statusFormSchema.safeParse(body ?? {});
  if (parsed.success) return { ...parsed.data, seen: parseSeenVerdicts(body) };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= STATUS_FORM_MESSAGES[field] ?? issue.message;
  }
  throw new ValidationError(errors);
}
