import { z } from 'zod';
import { ValidationError } from '../../errors.ts';
import { LABEL_CODE_PATTERN } from '../../domain/rating-scale.ts';

/** A label code of the desk's rating scale: its shape here; whether the desk has it (and offers it) is the service's to say. */
const statusCode = z.string({ message: 'A label code of the rating scale.' }).regex(LABEL_CODE_PATTERN, 'A label code of the rating scale (lower-case letters, digits and _).');
import { CLAIM_ORIGINS } from '../../domain/claim-origin.ts';
import { ATTRIBUTION_STATUSES } from '../../domain/attribution-status.ts';
import { ARTICLE_LANGUAGES } from '../articles/articles.schema.ts';
import { CLAIM_SORTS } from '../claims/claims.repository.ts';
import { CLUSTER_FILTERS } from '../clusters/cluster-desk.repository.ts';
import { MAX_REVIEW_NOTE_LENGTH } from '../claims/claims.service.ts';
import { CLAIM_KINDS, MAX_CHAIN_HOPS, MAX_CUE_LENGTH, MAX_NAME_LENGTH } from '../corrections/claim-edits.schema.ts';
import { OUTLET_ROLES } from '../../domain/outlet-roles.ts';
import { OUTLET_KINDS } from '../../domain/outlet-kinds.ts';
import { SPEAKER_KINDS } from '../../domain/speaker-kinds.ts';
import { MAX_ALIASES, MAX_ROLE_LENGTH } from '../speakers/speakers.schema.ts';
import { MAX_COUNTRY_LENGTH, MAX_URL_LENGTH } from '../outlets/outlets.schema.ts';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

/** Zod's refusals as field errors, named by the path the client used (`limit`, `publishedAt`). */
function parseOrRefuse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[issue.path.join('.') || 'body'] ??= issue.message;
  throw new ValidationError(errors);
}

/** A query parameter given once; repeated parameters arrive as arrays and are refused by the string schemas. */
const optionalParam = z.string().max(1000, 'Too long.').optional().transform((value) => value || undefined);
const idParam = z.string().max(100, 'Not an id.').optional().transform((value) => value || undefined);

const pageQuery = {
  limit: z
    .string()
    .regex(/^\d{1,3}$/, `A whole number from 1 to ${MAX_PAGE_SIZE}.`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_PAGE_SIZE, `A whole number from 1 to ${MAX_PAGE_SIZE}.`)
    .optional()
    .transform((n) => n ?? DEFAULT_PAGE_SIZE),
  cursor: optionalParam,
};

const listQuerySchema = z.object(pageQuery);
export type ListQuery = z.infer<typeof listQuerySchema>;
export const parseListQuery = (query: unknown): ListQuery => parseOrRefuse(listQuerySchema, query);

const directoryQuerySchema = z.object({ ...pageQuery, q: z.string().max(200, 'At most 200 characters.').optional() });
export type DirectoryQuery = z.infer<typeof directoryQuerySchema>;
export const parseDirectoryQuery = (query: unknown): DirectoryQuery => parseOrRefuse(directoryQuerySchema, query);

const searchParam = z.string({ message: 'Give the search once, as text.' }).max(1000, 'Too long.').optional();

const claimsQuerySchema = z.object({
  ...pageQuery,
  q: searchParam,
  status: statusCode.optional(),
  speaker: idParam,
  outlet: idParam,
  article: idParam,
  minCheckworthiness: z
    .string()
    .regex(/^(0(\.\d+)?|1(\.0+)?)$/, 'A number from 0 to 1.')
    .transform(Number)
    .optional(),
  provenance: z.enum(CLAIM_ORIGINS, { message: `One of: ${CLAIM_ORIGINS.join(', ')}.` }).optional(),
  cluster: z.enum(CLUSTER_FILTERS, { message: `One of: ${CLUSTER_FILTERS.join(', ')}.` }).optional(),
  sort: z.enum(CLAIM_SORTS, { message: `One of: ${CLAIM_SORTS.join(', ')}.` }).optional().transform((sort) => sort ?? 'newest'),
});
export type ClaimsQuery = z.infer<typeof claimsQuerySchema>;

/** Results per group of GET /search: at most this many, 10 unless asked. */
export const MAX_SEARCH_RESULTS = 50;

const searchQuerySchema = z.object({
  q: searchParam,
  limit: z
    .string()
    .regex(/^\d{1,2}$/, `A whole number from 1 to ${MAX_SEARCH_RESULTS}.`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_SEARCH_RESULTS, `A whole number from 1 to ${MAX_SEARCH_RESULTS}.`)
    .optional()
    .transform((n) => n ?? 10),
});
export type SearchApiQuery = z.infer<typeof searchQuerySchema>;
export const parseSearchApiQuery = (query: unknown): SearchApiQuery => parseOrRefuse(searchQuerySchema, query);
export const parseClaimsQuery = (query: unknown): ClaimsQuery => parseOrRefuse(claimsQuerySchema, query);

const optionalText = (max: number) => z.string().max(max, `At most ${max} characters.`).optional();

const newArticleSchema = z.object({
  text: z.string({ message: 'The article text is required.' }),
  title: optionalText(300),
  language: z.enum(ARTICLE_LANGUAGES, { message: `One of: ${ARTICLE_LANGUAGES.join(', ')}.` }).optional(),
  publisher: optionalText(200),
  url: optionalText(2000).refine((value) => value === undefined || /^https?:\/\/\S+$/i.test(value), 'An http:// or https:// address.'),
  publishedAt: optionalText(40).refine((value) => value === undefined || !Number.isNaN(Date.parse(value)), 'A date, such as 2026-11-30 or 2026-11-30T08:00:00Z.'),
});
export type NewArticleBody = z.infer<typeof newArticleSchema>;
export const parseNewArticle = (body: unknown): NewArticleBody => parseOrRefuse(newArticleSchema, body);

const versionField = z.number({ message: 'The version of the record you read (an integer).' }).int('The version of the record you read (an integer).').positive('The version of the record you read (an integer).');

const offsetField = z.number({ message: 'A UTF-16 offset into the article text (a whole number from 0).' }).int('A whole number from 0.').min(0, 'A whole number from 0.');

/** The members that correct the claim itself rather than set a verdict. */
export const CLAIM_CORRECTION_MEMBERS = ['start', 'end', 'speaker', 'newSpeaker', 'cue', 'kind', 'chain'] as const;

const claimPatchSchema = z
  .object({
    version: versionField,
    status: statusCode.optional(),
    attributionStatus: z.enum(ATTRIBUTION_STATUSES, { message: `One of: ${ATTRIBUTION_STATUSES.join(', ')}.` }).optional(),
    note: z.string().max(MAX_REVIEW_NOTE_LENGTH, `At most ${MAX_REVIEW_NOTE_LENGTH} characters.`).optional(),
    start: offsetField.optional(),
    end: offsetField.optional(),
    speaker: z.string().max(MAX_NAME_LENGTH, `At most ${MAX_NAME_LENGTH} characters.`).optional(),
    newSpeaker: z.boolean({ message: 'true or false.' }).optional(),
    cue: z.string().max(MAX_CUE_LENGTH, `At most ${MAX_CUE_LENGTH} characters.`).optional(),
    kind: z.enum(CLAIM_KINDS, { message: `One of: ${CLAIM_KINDS.join(', ')}.` }).optional(),
    chain: z
      .array(
        z.object({
          id: z.string().max(100).optional(),
          outlet: z.string().max(MAX_NAME_LENGTH, `At most ${MAX_NAME_LENGTH} characters.`),
          role: z.enum(OUTLET_ROLES, { message: `One of: ${OUTLET_ROLES.join(', ')}.` }),
        }),
        { message: 'A list of {outlet, role}.' },
      )
      .max(MAX_CHAIN_HOPS, `At most ${MAX_CHAIN_HOPS} outlets.`)
      .optional(),
  })
  .refine((patch) => patch.status !== undefined || patch.attributionStatus !== undefined || CLAIM_CORRECTION_MEMBERS.some((member) => patch[member] !== undefined), {
    message: 'Give at least one of status, attributionStatus, start, end, speaker, cue, kind or chain.',
    path: ['status'],
  });
export type ClaimPatch = z.infer<typeof claimPatchSchema>;
export const parseClaimPatch = (body: unknown): ClaimPatch => parseOrRefuse(claimPatchSchema, body);

/** Members left out keep their value; null clears an optional one. */
const articlePatchSchema = z.object({
  version: versionField,
  title: z.string().optional(),
  language: z.string().optional(),
  publisher: z.string().nullable().optional(),
  url: z.string().nullable().optional(),
  publishedAt: z.string().nullable().optional(),
});
export type ArticlePatch = z.infer<typeof articlePatchSchema>;
export const parseArticlePatch = (body: unknown): ArticlePatch => parseOrRefuse(articlePatchSchema, body);

const versionQuerySchema = z.object({
  version: z
    .string({ message: 'The version you read, as ?version=.' })
    .regex(/^[1-9]\d{0,9}$/, 'The version you read, as ?version=.')
    .transform(Number),
});
export const parseVersionQuery = (query: unknown): { version: number } => parseOrRefuse(versionQuerySchema, query);

const newClaimSchema = z.object({
  start: offsetField,
  end: offsetField,
  speaker: z.string({ message: 'Name the speaker.' }).max(MAX_NAME_LENGTH, `At most ${MAX_NAME_LENGTH} characters.`),
  newSpeaker: z.boolean({ message: 'true or false.' }).optional(),
  cue: z.string().max(MAX_CUE_LENGTH, `At most ${MAX_CUE_LENGTH} characters.`).optional(),
  kind: z.enum(CLAIM_KINDS, { message: `One of: ${CLAIM_KINDS.join(', ')}.` }),
});
export type NewClaimBody = z.infer<typeof newClaimSchema>;
export const parseNewClaim = (body: unknown): NewClaimBody => parseOrRefuse(newClaimSchema, body);


const nameText = (what: string) => z.string({ message: `${what} as text.` }).max(MAX_NAME_LENGTH, `At most ${MAX_NAME_LENGTH} characters.`);

/** A chain hop names an outlet either by id or by name, never both. */
const newHopSchema = z
  .object({
    outletId: z.string({ message: 'An outlet id.' }).max(100, 'Not an id.').optional(),
    name: nameText('An outlet name').optional(),
    role: z.enum(OUTLET_ROLES, { message: `One of: ${OUTLET_ROLES.join(', ')}.` }),
  })
  .refine((hop) => (hop.outletId === undefined) !== (hop.name === undefined), { message: 'Give the outlet as outletId or as name, one of the two.', path: ['outletId'] });

const claimCreationSchema = z
  .object({
    articleId: z.string({ message: 'The id of the article the claim is in.' }).max(100, 'Not an id.'),
    start: offsetField,
    end: offsetField,
    speakerId: z.string({ message: 'A speaker id.' }).max(100, 'Not an id.').optional(),
    speakerName: nameText('A speaker name').optional(),
    newSpeaker: z.boolean({ message: 'true or false.' }).optional(),
    cue: z.string({ message: 'The cue as text.' }).max(MAX_CUE_LENGTH, `At most ${MAX_CUE_LENGTH} characters.`).optional(),
    kind: z.enum(CLAIM_KINDS, { message: `One of: ${CLAIM_KINDS.join(', ')}.` }).optional(),
    outlets: z.array(newHopSchema, { message: 'A list of {outletId or name, role}.' }).max(MAX_CHAIN_HOPS, `At most ${MAX_CHAIN_HOPS} outlets.`).optional(),
  })
  .refine((claim) => (claim.speakerId === undefined) !== (claim.speakerName === undefined), {
    message: 'Give the speaker as speakerId or as speakerName, one of the two.',
    path: ['speakerId'],
  });
export type ClaimCreationBody = z.infer<typeof claimCreationSchema>;
export const parseClaimCreation = (body: unknown): ClaimCreationBody => parseOrRefuse(claimCreationSchema, body);

const recordVersion = z.string({ message: 'The version of the record you read (a string).' }).max(100, 'Not a version.');
const aliasList = z
  .array(nameText('An alias').refine((alias) => !/[\r\n]/.test(alias), 'An alias is one line.'), { message: 'A list of names.' })
  .max(MAX_ALIASES, `At most ${MAX_ALIASES} aliases.`);
const clearable = (max: number) => z.string({ message: 'Text, or null to clear it.' }).max(max, `At most ${max} characters.`).nullable().optional();

/** Members left out keep their value; null clears latinName or role; aliases replaces the whole list. */
const speakerPatchSchema = z.object({
  version: recordVersion,
  name: nameText('The name').optional(),
  latinName: clearable(MAX_NAME_LENGTH),
  role: clearable(MAX_ROLE_LENGTH),
  kind: z.enum(SPEAKER_KINDS, { message: `One of: ${SPEAKER_KINDS.join(', ')}.` }).optional(),
  aliases: aliasList.optional(),
});
export type SpeakerPatch = z.infer<typeof speakerPatchSchema>;
export const parseSpeakerPatch = (body: unknown): SpeakerPatch => parseOrRefuse(speakerPatchSchema, body);

/** Members left out keep their value; null clears latinName, country or url; aliases replaces the whole list. */
const outletPatchSchema = z.object({
  version: recordVersion,
  name: nameText('The name').optional(),
  latinName: clearable(MAX_NAME_LENGTH),
  kind: z.enum(OUTLET_KINDS, { message: `One of: ${OUTLET_KINDS.join(', ')}.` }).optional(),
  country: clearable(MAX_COUNTRY_LENGTH),
  url: clearable(MAX_URL_LENGTH),
  aliases: aliasList.optional(),
});
export type OutletPatch = z.infer<typeof outletPatchSchema>;
export const parseOutletPatch = (body: unknown): OutletPatch => parseOrRefuse(outletPatchSchema, body);

const mergeSchema = z.object({ into: z.string({ message: 'The id of the record to merge this one into.' }).min(1, 'The id of the record to merge this one into.').max(100, 'Not an id.') });
export const parseMerge = (body: unknown): { into: string } => parseOrRefuse(mergeSchema, body);
