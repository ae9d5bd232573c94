// The OpenAPI 3.1 description of API version 1, served at /api/v1/openapi.json. Schemas are JSON
// Schema 2020-12 and closed (no undeclared properties), so that the tests, which check every response
// against them, notice when a shape drifts from its description.
import { ATTRIBUTION_STATUSES } from '../../domain/attribution-status.ts';
import { CLAIM_ORIGINS } from '../../domain/claim-origin.ts';
import { LABEL_CODE_PATTERN } from '../../domain/rating-scale.ts';
import { OUTLET_ROLES } from '../../domain/outlet-roles.ts';
import { ARTICLE_LANGUAGES } from '../articles/articles.schema.ts';

/**
 * Verification statuses are the labels of the desk's own rating scale, which its admins define (names,
 * order, which are verdicts), so the API gives their codes without a fixed list. The eight the desk starts
 * with are unverified, in_review, accurate, mostly_accurate, misleading, false, unverifiable and not_a_claim.
 */
const STATUS_CODE = {
  type: 'string',
  pattern: LABEL_CODE_PATTERN.source,
  description: "A label code of the desk's rating scale (admins manage it at /admin/ratings); it starts with unverified, in_review, accurate, mostly_accurate, misleading, false, unverifiable and not_a_claim.",
} as const;
import { CLUSTER_FILTERS } from '../clusters/cluster-desk.repository.ts';
import { CLAIM_SORTS } from '../claims/claims.repository.ts';
import { MAX_REVIEW_NOTE_LENGTH } from '../claims/claims.service.ts';
import { CLAIM_KINDS, MAX_CHAIN_HOPS, MAX_CUE_LENGTH, MAX_NAME_LENGTH } from '../corrections/claim-edits.schema.ts';
import { OUTLET_KINDS } from '../../domain/outlet-kinds.ts';
import { SPEAKER_KINDS } from '../../domain/speaker-kinds.ts';
import { MAX_COUNTRY_LENGTH, MAX_URL_LENGTH } from '../outlets/outlets.schema.ts';
import { MAX_ALIASES, MAX_ROLE_LENGTH } from '../speakers/speakers.schema.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_SEARCH_RESULTS } from './api.schema.ts';
import { MAX_QUERY_LENGTH, MAX_QUERY_PARTS } from '../../text/search.ts';
import { SEARCH_COUNT_CAP } from '../search/search.service.ts';

const SEARCH_DESCRIPTION = `Words to find, "quoted phrases" word for word; case, accents, harakat, Arabic letter variants and prefixes (و ف ب ل ال) do not matter. At most ${MAX_QUERY_LENGTH} characters and ${MAX_QUERY_PARTS} words and phrases (400 beyond, or when it has no letter or digit).`;

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (type: string, extra: Schema = {}): Schema => ({ type: [type, 'null'], ...extra });
const nullableRef = (name: string): Schema => ({ oneOf: [ref(name), { type: 'null' }] });
const closed = (properties: Record<string, Schema>, description?: string): Schema => ({
  type: 'object',
  ...(description ? { description } : {}),
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});
const timestamp = (description?: string): Schema => ({ type: 'string', format: 'date-time', ...(description ? { description } : {}) });
const searchGroup = (item: string): Schema =>
  closed({
    count: { type: 'integer', minimum: 0, description: `Matches, counted up to ${SEARCH_COUNT_CAP}.` },
    complete: { type: 'boolean', description: `False when counting stopped at ${SEARCH_COUNT_CAP}: count is a lower bound.` },
    items: { type: 'array', items: ref(item), description: 'The best-ranked matches, best first.' },
  });
const page = (item: string): Schema =>
  closed({ items: { type: 'array', items: ref(item) }, nextCursor: nullable('string', { description: 'Pass as ?cursor= for the next page; null on the last page.' }) });

const problemProperties = {
  type: { type: 'string', description: 'about:blank: the status says what kind of problem this is.' },
  title: { type: 'string', description: 'The HTTP status phrase.' },
  status: { type: 'integer' },
  detail: { type: 'string', description: 'What went wrong, for a person to read.' },
};

const offsets = 'Offsets count UTF-16 code units of the article text, end exclusive.';

const CLAIM_PROPERTIES: Record<string, Schema> = {
  id: { type: 'string' },
  article: closed({ id: { type: 'string' }, title: { type: 'string' }, language: { type: 'string' } }),
  text: { type: 'string' },
  start: { type: 'integer', minimum: 0, description: offsets },
  end: { type: 'integer', minimum: 0, description: offsets },
  prefix: { type: 'string' },
  suffix: { type: 'string' },
  cue: { type: 'string', description: 'The attribution cue as written (اعتبر, said, selon).' },
  kind: { type: 'string', description: 'factual, opinion, question or prediction.' },
  checkworthiness: { type: 'number', minimum: 0, maximum: 1 },
  speaker: nullableRef('Reference'),
  chain: { type: 'array', items: ref('Hop') },
  status: STATUS_CODE,
  attributionStatus: { type: 'string', enum: [...ATTRIBUTION_STATUSES] },
  version: { type: 'integer', minimum: 1, description: 'Send it back with a change: a change made on an older version is refused with 409.' },
  provenance: { type: 'string', enum: [...CLAIM_ORIGINS], description: "machine: the engine's, untouched; edited: corrected by a person; manual: added by hand." },
  editedBy: nullable('string', { description: 'User id of whoever last corrected the claim.' }),
  editedAt: nullable('string', { format: 'date-time' }),
  assignee: nullableRef('Reference'),
  statusChangedBy: nullable('string'),
  statusChangedAt: nullable('string', { format: 'date-time' }),
};

const SPEAKER_PROPERTIES: Record<string, Schema> = {
  id: { type: 'string' },
  name: { type: 'string' },
  latinName: nullable('string'),
  kind: { type: 'string' },
  unnamed: { type: 'boolean' },
  role: nullable('string'),
  mergedInto: nullable('string', { description: 'Set once merged: the id of the speaker this one became.' }),
};

const OUTLET_PROPERTIES: Record<string, Schema> = {
  id: { type: 'string' },
  name: { type: 'string' },
  latinName: nullable('string'),
  kind: { type: 'string' },
  country: nullable('string'),
  url: nullable('string'),
  mergedInto: nullable('string', { description: 'Set once merged: the id of the outlet this one became.' }),
};

const ALIASES: Schema = { type: 'array', items: { type: 'string' }, description: 'Other names the articles use; a former name and the Latin transliteration are kept here too.' };
const RECORD_VERSION: Schema = {
  type: 'string',
  description: 'Opaque; changes whenever the name, Latin name, kind, role, country, address or aliases change. Send it back with a change: a change made on an older version is refused with 409.',
};
const clearableText = (maxLength: number): Schema => nullable('string', { maxLength, description: 'null clears it.' });
const aliasesToSet: Schema = { type: 'array', maxItems: MAX_ALIASES, items: { type: 'string', maxLength: MAX_NAME_LENGTH }, description: 'The whole list of aliases, replacing the current one.' };
const patchOf = (properties: Record<string, Schema>, description: string): Schema => ({
  type: 'object',
  description,
  properties: { version: { type: 'string', description: 'The version of the record you read.' }, ...properties, aliases: aliasesToSet },
  required: ['version'],
});
const mergeResult = (record: string, detail: string): Schema =>
  closed({ [record]: ref(detail), claimsMoved: { type: 'integer', minimum: 0, description: 'Claims that moved to it from the merged record.' } }, `The ${record} the other became, as it is now.`);

const SCHEMAS: Record<string, Schema> = {
  SpeakerPatch: patchOf(
    {
      name: { type: 'string', minLength: 1, maxLength: MAX_NAME_LENGTH },
      latinName: clearableText(MAX_NAME_LENGTH),
      role: clearableText(MAX_ROLE_LENGTH),
      kind: { type: 'string', enum: [...SPEAKER_KINDS] },
    },
    'Members left out keep their value. A new name must not be another speaker’s (merge them instead); the old name becomes an alias.',
  ),
  OutletPatch: patchOf(
    {
      name: { type: 'string', minLength: 1, maxLength: MAX_NAME_LENGTH },
      latinName: clearableText(MAX_NAME_LENGTH),
      kind: { type: 'string', enum: [...OUTLET_KINDS] },
      country: clearableText(MAX_COUNTRY_LENGTH),
      url: nullable('string', { maxLength: MAX_URL_LENGTH, description: 'An http:// or https:// address; null clears it.' }),
    },
    'Members left out keep their value. A new name must not be another outlet’s (merge them instead); the old name becomes an alias.',
  ),
  Merge: {
    type: 'object',
    properties: { into: { type: 'string', description: 'The id of the record this one becomes: another record, not merged itself.' } },
    required: ['into'],
  },
  SpeakerMerge: mergeResult('speaker', 'SpeakerDetail'),
  OutletMerge: mergeResult('outlet', 'OutletDetail'),
  SpeakerConflictProblem: closed({ ...problemProperties, speaker: ref('SpeakerDetail') }, 'A 409: the speaker changed or was merged since you read it; here it is as it is now.'),
  OutletConflictProblem: closed({ ...problemProperties, outlet: ref('OutletDetail') }, 'A 409: the outlet changed or was merged since you read it; here it is as it is now.'),
  ClaimCreation: {
    type: 'object',
    description:
      'A claim the engine missed; its provenance is manual. Its text is cut from the article at start and end. Name the speaker by speakerId or by speakerName (a name or alias; an unknown name is refused unless newSpeaker is true). Outlets, source first, make its chain; it is recorded as the claim’s first correction, so a claim given outlets starts at version 2.',
    properties: {
      articleId: { type: 'string' },
      start: { type: 'integer', minimum: 0, description: offsets },
      end: { type: 'integer', minimum: 0 },
      speakerId: { type: 'string' },
      speakerName: { type: 'string', maxLength: MAX_NAME_LENGTH },
      newSpeaker: { type: 'boolean', description: 'Create the speaker when no speaker has that name or alias.' },
      cue: { type: 'string', maxLength: MAX_CUE_LENGTH },
      kind: { type: 'string', enum: [...CLAIM_KINDS], default: 'factual' },
      outlets: {
        type: 'array',
        maxItems: MAX_CHAIN_HOPS,
        items: {
          type: 'object',
          description: 'An outlet by outletId or by name (created when unknown), one of the two.',
          properties: { outletId: { type: 'string' }, name: { type: 'string', maxLength: MAX_NAME_LENGTH }, role: { type: 'string', enum: [...OUTLET_ROLES] } },
          required: ['role'],
          oneOf: [{ required: ['outletId'] }, { required: ['name'] }],
        },
      },
    },
    required: ['articleId', 'start', 'end'],
    oneOf: [{ required: ['speakerId'] }, { required: ['speakerName'] }],
  },
  Problem: closed(problemProperties, 'RFC 9457 problem details.'),
  ValidationProblem: closed(
    {
      ...problemProperties,
      errors: { type: 'array', minItems: 1, items: closed({ field: { type: 'string', description: 'The body member or query parameter refused.' }, message: { type: 'string' } }) },
    },
    'A 422: each refused field with the reason.',
  ),
  ArticleConflictProblem: closed({ ...problemProperties, article: ref('Article') }, 'A 409: the article changed since the version you sent; here it is as it is now.'),
  ArticlePatch: {
    type: 'object',
    description: 'Members left out keep their value; null clears publisher, url or publishedAt. The text cannot change: claims are anchored to offsets in it.',
    properties: {
      version: { type: 'integer', minimum: 1 },
      title: { type: 'string', minLength: 1, maxLength: 300 },
      language: { type: 'string', enum: [...ARTICLE_LANGUAGES] },
      publisher: nullable('string', { maxLength: 200 }),
      url: nullable('string', { maxLength: 2000 }),
      publishedAt: nullable('string', { maxLength: 40 }),
    },
    required: ['version'],
  },
  ArticleDeletion: closed(
    {
      id: { type: 'string' },
      title: { type: 'string' },
      claims: { type: 'integer', minimum: 0 },
      verdicts: { type: 'integer', minimum: 0, description: 'Claims that had a verdict a person set.' },
      notes: { type: 'integer', minimum: 0 },
    },
    'What was deleted with the article; the activity log keeps it.',
  ),
  Reextraction: closed({
    summary: closed(
      {
        added: { type: 'integer', minimum: 0 },
        removed: { type: 'integer', minimum: 0 },
        kept: { type: 'integer', minimum: 0 },
        reviewed: { type: 'integer', minimum: 0, description: 'Of the kept, those a person touched: they stay exactly as they were.' },
        updated: { type: 'integer', minimum: 0 },
      },
      'What the current engine changed.',
    ),
    article: ref('Article'),
  }),
  NewClaim: {
    type: 'object',
    description: 'A claim the engine missed. Its text is cut from the article at start and end; its provenance is manual.',
    properties: {
      start: { type: 'integer', minimum: 0, description: offsets },
      end: { type: 'integer', minimum: 0 },
      speaker: { type: 'string', maxLength: MAX_NAME_LENGTH, description: 'A speaker by name or alias.' },
      newSpeaker: { type: 'boolean', description: 'Create the speaker when no speaker has that name or alias.' },
      cue: { type: 'string', maxLength: MAX_CUE_LENGTH },
      kind: { type: 'string', enum: [...CLAIM_KINDS] },
    },
    required: ['start', 'end', 'speaker', 'kind'],
  },
  ClaimDeletion: closed(
    { id: { type: 'string' }, article: closed({ id: { type: 'string' }, title: { type: 'string' } }), text: { type: 'string' } },
    'The claim deleted; the activity log keeps what it was, with its speaker, chain and verdicts.',
  ),
  ConflictProblem: closed({ ...problemProperties, claim: ref('ClaimDetail') }, 'A 409: the claim moved on since the version you sent; here it is as it is now.'),
  Reference: closed({ id: { type: 'string' }, name: { type: 'string' } }),
  RatingLabel: closed(
    {
      code: STATUS_CODE,
      name: closed({ en: { type: 'string' }, ar: { type: 'string' } }),
      colour: { type: 'string', pattern: '^#[0-9a-f]{6}$' },
      rated: { type: 'boolean', description: 'A verdict: counts as rated, and is published as ClaimReview.' },
      final: { type: 'boolean', description: 'Closes the review.' },
      ratingValue: nullable('integer', { minimum: 1, maximum: 5, description: 'ClaimReview reviewRating.ratingValue.' }),
      alternateName: closed({ en: { type: 'string' }, ar: { type: 'string' } }, 'ClaimReview reviewRating.alternateName in each language.'),
      retired: { type: 'boolean', description: 'No longer offered; claims and history may still carry it.' },
      version: { type: 'integer', minimum: 1 },
    },
    'A verification label of the desk.',
  ),
  LabelNames: closed({ en: { type: 'string' }, ar: { type: 'string' } }),
  RatingScale: closed({ labels: { type: 'array', items: ref('RatingLabel'), description: 'In the order the desk offers them; retired ones included.' } }),
  ArticleSummary: closed({
    id: { type: 'string' },
    title: { type: 'string' },
    language: { type: 'string', enum: [...ARTICLE_LANGUAGES] },
    publisher: nullable('string'),
    ingestedAt: timestamp(),
    claimCount: { type: 'integer', minimum: 0 },
    openClaimCount: { type: 'integer', minimum: 0, description: 'Claims whose verification status is not final yet.' },
  }),
  Article: closed({
    id: { type: 'string' },
    title: { type: 'string' },
    language: { type: 'string', enum: [...ARTICLE_LANGUAGES] },
    publisher: nullableRef('Reference'),
    url: nullable('string'),
    publishedAt: nullable('string', { format: 'date-time' }),
    ingestedAt: timestamp(),
    text: { type: 'string', description: 'The body exactly as ingested.' },
    version: { type: 'integer', minimum: 1, description: 'Bumped by every edit and re-extraction; send it back with a change or deletion.' },
    noise: { type: 'array', description: `Spans that are not article prose (captions, merged headlines, share links). ${offsets}`, items: closed({ start: { type: 'integer' }, end: { type: 'integer' }, reason: { type: 'string' } }) },
    claims: { type: 'array', items: ref('Claim'), description: 'Every claim of the article, in text order.' },
  }),
  Hop: closed(
    {
      id: { type: 'string' },
      position: { type: 'integer', description: 'Order in the chain, from the source outward.' },
      role: { type: 'string', enum: [...OUTLET_ROLES] },
      outlet: closed({ id: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' } }),
      url: nullable('string'),
      check: closed({ status: { type: 'string', description: 'unchecked, confirmed or unconfirmed.' }, evidenceUrl: nullable('string'), checkedBy: nullable('string'), checkedAt: nullable('string') }),
    },
    'One outlet in the chain a claim passed through.',
  ),
  Claim: closed(CLAIM_PROPERTIES),
  HistoryEvent: closed(
    {
      id: { type: 'string' },
      field: {
        type: 'string',
        description:
          'status, attribution_status, assignee, hop, note, or a corrected field; cluster_confirmed or cluster_rejected (a suggested match decided: `to` is the other claim), verdict_reused (`from` is the claim whose verdict was applied, `to` the status; the status change has its own row).',
      },
      from: nullable('string'),
      to: nullable('string'),
      actor: { type: 'string' },
      actorId: nullable('string'),
      note: nullable('string'),
      hopId: nullable('string'),
      at: timestamp(),
      labels: {
        oneOf: [closed({ from: nullableRef('LabelNames'), to: nullableRef('LabelNames') }), { type: 'null' }],
        description: 'For a status change: the names its two labels had when it was made (the desk may have renamed them since); null otherwise.',
      },
    },
    'One audit row of the claim.',
  ),
  ClaimDetail: closed({ ...CLAIM_PROPERTIES, history: { type: 'array', items: ref('HistoryEvent'), description: 'Newest first.' } }),
  SpeakerDetail: closed({ ...SPEAKER_PROPERTIES, aliases: ALIASES, version: RECORD_VERSION }),
  OutletDetail: closed({
    ...OUTLET_PROPERTIES,
    aliases: ALIASES,
    version: RECORD_VERSION,
    roles: { type: 'array', description: 'How many claims the outlet carried in each role.', items: closed({ role: { type: 'string', enum: [...OUTLET_ROLES] }, count: { type: 'integer', minimum: 1 } }) },
  }),
  ClaimPatch: {
    type: 'object',
    description:
      "Members left out keep their value. start, end, speaker, cue, kind and chain correct the claim (its provenance becomes edited; a refused span is named `span`); status and attributionStatus set its verdicts. Each change gets its own line in the claim's history.",
    properties: {
      version: { type: 'integer', minimum: 1 },
      status: { ...STATUS_CODE, description: 'A label the desk offers now: an unknown or retired one is refused (422).' },
      attributionStatus: { type: 'string', enum: [...ATTRIBUTION_STATUSES] },
      note: { type: 'string', maxLength: MAX_REVIEW_NOTE_LENGTH, description: 'Recorded with a verdict change.' },
      start: { type: 'integer', minimum: 0, description: `${offsets} The text is always cut from the article.` },
      end: { type: 'integer', minimum: 0 },
      speaker: { type: 'string', maxLength: MAX_NAME_LENGTH, description: 'A speaker by name or alias.' },
      newSpeaker: { type: 'boolean', description: 'Create the speaker when no speaker has that name or alias; refused otherwise.' },
      cue: { type: 'string', maxLength: MAX_CUE_LENGTH },
      kind: { type: 'string', enum: [...CLAIM_KINDS] },
      chain: {
        type: 'array',
        maxItems: MAX_CHAIN_HOPS,
        description: 'The whole chain, source first. A hop that gives the id of a stored hop with the same outlet keeps its check.',
        items: {
          type: 'object',
          properties: { id: { type: 'string' }, outlet: { type: 'string', maxLength: MAX_NAME_LENGTH, description: 'An outlet by name; created when unknown.' }, role: { type: 'string', enum: [...OUTLET_ROLES] } },
          required: ['outlet', 'role'],
        },
      },
    },
    required: ['version'],
    anyOf: ['status', 'attributionStatus', 'start', 'end', 'speaker', 'cue', 'kind', 'chain'].map((member) => ({ required: [member] })),
  },
  NewArticle: {
    type: 'object',
    properties: {
      text: { type: 'string', description: 'The article body, as plain text.' },
      title: { type: 'string', maxLength: 300 },
      language: { type: 'string', enum: [...ARTICLE_LANGUAGES], description: 'Detected when left out.' },
      publisher: { type: 'string', maxLength: 200 },
      url: { type: 'string', maxLength: 2000, pattern: '^https?://' },
      publishedAt: { type: 'string', maxLength: 40 },
    },
    required: ['text'],
  },
  Speaker: closed(SPEAKER_PROPERTIES),
  Outlet: closed(OUTLET_PROPERTIES),
  HighlightedText: {
    type: 'array',
    description: 'The text (or, for a long claim, an excerpt around the first match, cut with "…") in parts; parts with match true are what the search found.',
    items: closed({ text: { type: 'string' }, match: { type: 'boolean' } }),
  },
  ClaimSearchHit: closed({
    id: { type: 'string' },
    status: STATUS_CODE,
    text: ref('HighlightedText'),
    articleId: { type: 'string' },
    articleTitle: nullable('string'),
    speakerId: nullable('string'),
    speakerName: nullable('string'),
  }),
  ArticleSearchHit: closed({ id: { type: 'string' }, language: { type: 'string' }, ingestedAt: timestamp(), title: ref('HighlightedText') }),
  DirectorySearchHit: closed({
    id: { type: 'string' },
    name: ref('HighlightedText'),
    latinName: nullableRef('HighlightedText'),
    aliases: { type: 'array', items: ref('HighlightedText'), description: 'The aliases the search matched.' },
  }),
  SearchResults: closed({
    q: { type: 'string', description: 'The search as read; empty when none was given.' },
    claims: searchGroup('ClaimSearchHit'),
    articles: searchGroup('ArticleSearchHit'),
    speakers: searchGroup('DirectorySearchHit'),
    outlets: searchGroup('DirectorySearchHit'),
  }),
  ArticlePage: page('ArticleSummary'),
  ClaimPage: page('Claim'),
  SpeakerPage: page('Speaker'),
  OutletPage: page('Outlet'),
};

const problem = (description: string, schema = 'Problem'): Schema => ({ description, content: { 'application/problem+json': { schema: ref(schema) } } });
const json = (description: string, schema: string, headers?: Schema): Schema => ({ description, ...(headers ? { headers } : {}), content: { 'application/json': { schema: ref(schema) } } });

const RESPONSES: Record<string, Schema> = {
  BadRequest: problem('The cursor is damaged, the body is not valid JSON, or the search (q) is too long, has too many words or nothing to look for.'),
  Unauthorized: {
    ...problem('No bearer token, or one that is unknown, revoked or belongs to a disabled account. A session cookie does not authenticate the API.'),
    headers: { 'WWW-Authenticate': { description: 'Bearer realm="isnad", with error="invalid_token" when a token was sent.', schema: { type: 'string' } } },
  },
  Forbidden: problem("The token's user does not have the role this needs; the detail says who may."),
  NotFound: problem('No such record.'),
  TooLarge: problem('The body is over the size limit, or the article text over the article limit.'),
  UnsupportedMediaType: problem('The body is not application/json.'),
  Unprocessable: problem('Some fields or query parameters are not valid; `errors` names each.', 'ValidationProblem'),
};
const refuse = (...names: string[]): Record<string, Schema> => {
  const statuses: Record<string, string> = { BadRequest: '400', Unauthorized: '401', Forbidden: '403', NotFound: '404', TooLarge: '413', UnsupportedMediaType: '415', Unprocessable: '422' };
  return Object.fromEntries(names.map((name) => [statuses[name]!, { $ref: `#/components/responses/${name}` }]));
};

const queryParameter = (name: string, description: string, schema: Schema): Schema => ({ name, in: 'query', required: false, description, schema });
const PARAMETERS: Record<string, Schema> = {
  id: { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
  limit: queryParameter('limit', `Items per page, at most ${MAX_PAGE_SIZE}.`, { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE }),
  cursor: queryParameter('cursor', 'The nextCursor of the previous page.', { type: 'string' }),
  q: queryParameter('q', 'Part of the name or of an alias; case and Arabic letter variants do not matter.', { type: 'string', maxLength: 200 }),
  search: queryParameter('q', SEARCH_DESCRIPTION, { type: 'string', maxLength: MAX_QUERY_LENGTH }),
};
const parameterRefs = (...names: string[]): Schema[] => names.map((name) => ({ $ref: `#/components/parameters/${name}` }));

const listClaims: Schema = {
  operationId: 'listClaims',
  summary: 'Claims, filtered as on the dashboard.',
  parameters: [
    ...parameterRefs('limit', 'cursor', 'search'),
    queryParameter('status', "Verification status: a label code of the desk's rating scale (an unknown one is refused with 400).", STATUS_CODE),
    queryParameter('speaker', 'Speaker id.', { type: 'string' }),
    queryParameter('outlet', 'Outlet id: claims whose chain passes through it.', { type: 'string' }),
    queryParameter('article', 'Article id.', { type: 'string' }),
    queryParameter('minCheckworthiness', 'Lowest check-worthiness score, 0 to 1.', { type: 'number', minimum: 0, maximum: 1 }),
    queryParameter('provenance', 'Where the claim came from.', { type: 'string', enum: [...CLAIM_ORIGINS] }),
    queryParameter('cluster', 'checked: another appearance of the same claim (in its cluster) has a final verdict; new: no other article carries it.', { type: 'string', enum: [...CLUSTER_FILTERS] }),
    queryParameter('sort', 'newest: newest article first, in text order; checkworthiness: highest score first.', { type: 'string', enum: [...CLAIM_SORTS] }),
  ],
  responses: { '200': json('A page of claims.', 'ClaimPage'), ...refuse('BadRequest', 'Unauthorized', 'Unprocessable') },
};

const capitalized = (word: string) => `${word[0]!.toUpperCase()}${word.slice(1)}`;

function directoryPatch(record: 'speaker' | 'outlet', operationId: string, summary: string): Schema {
  const name = capitalized(record);
  return {
    operationId,
    summary,
    requestBody: { required: true, content: { 'application/json': { schema: ref(`${name}Patch`) } } },
    responses: {
      '200': json(`Changed; the ${record} as it is now.`, `${name}Detail`),
      '409': problem(`The version sent is not the current one, or the ${record} was merged: nothing was changed; \`${record}\` is the ${record} as it is now.`, `${name}ConflictProblem`),
      ...refuse('BadRequest', 'Unauthorized', 'Forbidden', 'NotFound', 'TooLarge', 'UnsupportedMediaType', 'Unprocessable'),
    },
  };
}

function directoryMerge(record: 'speaker' | 'outlet', operationId: string): Schema {
  const name = capitalized(record);
  return {
    operationId,
    summary: `Merge this ${record} into another: its claims move, its names become the other's aliases, and it points at the other from now on. Editors and admins.`,
    requestBody: { required: true, content: { 'application/json': { schema: ref('Merge') } } },
    responses: {
      '200': json(`Merged; the ${record} it became, with the number of claims moved.`, `${name}Merge`),
      '409': problem(`This ${record} has already been merged: nothing was changed; \`${record}\` is the ${record} as it is now.`, `${name}ConflictProblem`),
      ...refuse('BadRequest', 'Unauthorized', 'Forbidden', 'NotFound', 'TooLarge', 'UnsupportedMediaType', 'Unprocessable'),
    },
  };
}

const PATHS: Record<string, Schema> = {
  '/openapi.json': {
    get: { operationId: 'getOpenApiDocument', summary: 'This document.', security: [], responses: { '200': { description: 'OpenAPI 3.1.', content: { 'application/json': { schema: { type: 'object' } } } } } },
  },
  '/articles': {
    get: {
      operationId: 'listArticles',
      summary: 'Articles, newest first.',
      parameters: parameterRefs('limit', 'cursor'),
      responses: { '200': json('A page of articles.', 'ArticlePage'), ...refuse('BadRequest', 'Unauthorized', 'Unprocessable') },
    },
    post: {
      operationId: 'addArticle',
      summary: 'Ingest an article: its claims are extracted at once. Editors and admins.',
      requestBody: { required: true, content: { 'application/json': { schema: ref('NewArticle') } } },
      responses: {
        '201': json('Ingested, with its claims.', 'Article', { Location: { schema: { type: 'string' }, description: 'The article in the API.' } }),
        '200': json('The same text was ingested before: that article, nothing added.', 'Article', { Location: { schema: { type: 'string' } } }),
        ...refuse('BadRequest', 'Unauthorized', 'Forbidden', 'TooLarge', 'UnsupportedMediaType', 'Unprocessable'),
      },
    },
  },
  '/articles/{id}': {
    parameters: parameterRefs('id'),
    get: { operationId: 'getArticle', summary: 'An article with its text and claims.', responses: { '200': json('The article.', 'Article'), ...refuse('Unauthorized', 'NotFound') } },
    patch: {
      operationId: 'editArticle',
      summary: "Correct an article's title, language, publisher, address or date. Editors and admins.",
      requestBody: { required: true, content: { 'application/json': { schema: ref('ArticlePatch') } } },
      responses: {
        '200': json('Changed; the article as it is now.', 'Article'),
        '409': problem('The version sent is not the current one: nothing was changed; `article` is the article as it is now.', 'ArticleConflictProblem'),
        ...refuse('BadRequest', 'Unauthorized', 'Forbidden', 'NotFound', 'TooLarge', 'UnsupportedMediaType', 'Unprocessable'),
      },
    },
    delete: {
      operationId: 'deleteArticle',
      summary: 'Delete an article with its claims, chains and notes. Editors and admins.',
      parameters: [{ name: 'version', in: 'query', required: true, description: 'The version of the article you read.', schema: { type: 'integer', minimum: 1 } }],
      responses: {
        '200': json('Deleted.', 'ArticleDeletion'),
        '409': problem('The version sent is not the current one: nothing was deleted; `article` is the article as it is now.', 'ArticleConflictProblem'),
        ...refuse('Unauthorized', 'Forbidden', 'NotFound', 'Unprocessable'),
      },
    },
  },
  '/articles/{id}/reextract': {
    parameters: parameterRefs('id'),
    post: {
      operationId: 'reextractArticle',
      summary: 'Run the current extraction engine again on the article; claims a person touched stay as they are. Editors and admins.',
      responses: {
        '200': json('Re-extracted.', 'Reextraction'),
        '409': problem('The article changed during the re-extraction: nothing was changed.', 'ArticleConflictProblem'),
        ...refuse('Unauthorized', 'Forbidden', 'NotFound', 'Unprocessable'),
      },
    },
  },
  '/articles/{id}/claims': {
    parameters: parameterRefs('id'),
    post: {
      operationId: 'addClaimToArticle',
      deprecated: true,
      summary: 'Add a claim by hand, naming its speaker by name; POST /claims does the same and more. Editors and admins.',
      requestBody: { required: true, content: { 'application/json': { schema: ref('NewClaim') } } },
      responses: {
        '201': json('Added.', 'ClaimDetail', { Location: { schema: { type: 'string' }, description: 'The claim in the API.' } }),
        ...refuse('BadRequest', 'Unauthorized', 'Forbidden', 'NotFound', 'TooLarge', 'UnsupportedMediaType', 'Unprocessable'),
      },
    },
  },
  '/claims': {
    get: listClaims,
    post: {
      operationId: 'addClaim',
      summary: 'Add a claim by hand, with its speaker and chain. Editors and admins.',
      requestBody: { required: true, content: { 'application/json': { schema: ref('ClaimCreation') } } },
      responses: {
        '201': json('Added.', 'ClaimDetail', { Location: { schema: { type: 'string' }, description: 'The claim in the API.' } }),
        ...refuse('BadRequest', 'Unauthorized', 'Forbidden', 'TooLarge', 'UnsupportedMediaType', 'Unprocessable'),
      },
    },
  },
  '/claims/{id}': {
    parameters: parameterRefs('id'),
    get: { operationId: 'getClaim', summary: 'A claim with its chain and history.', responses: { '200': json('The claim.', 'ClaimDetail'), ...refuse('Unauthorized', 'NotFound') } },
    patch: {
      operationId: 'changeClaimVerdicts',
      summary: "Correct a claim's span, speaker, cue, kind or chain, and set its verification status or attribution verdict. Reviewers, editors and admins.",
      requestBody: { required: true, content: { 'application/json': { schema: ref('ClaimPatch') } } },
      responses: {
        '200': json('Changed; the claim as it is now.', 'ClaimDetail'),
        '409': problem('The version sent is not the current one: nothing was changed; `claim` is the claim as it is now.', 'ConflictProblem'),
        ...refuse('BadRequest', 'Unauthorized', 'Forbidden', 'NotFound', 'TooLarge', 'UnsupportedMediaType', 'Unprocessable'),
      },
    },
    delete: {
      operationId: 'deleteClaim',
      summary: 'Delete a claim that should not be there at all (a claim that is not one can also be rated not_a_claim). Editors and admins.',
      parameters: [{ name: 'version', in: 'query', required: true, description: 'The version of the claim you read.', schema: { type: 'integer', minimum: 1 } }],
      responses: {
        '200': json('Deleted.', 'ClaimDeletion'),
        '409': problem('The version sent is not the current one: nothing was deleted; `claim` is the claim as it is now.', 'ConflictProblem'),
        ...refuse('Unauthorized', 'Forbidden', 'NotFound', 'Unprocessable'),
      },
    },
  },
  '/search': {
    get: {
      operationId: 'search',
      summary: 'Claims, articles, speakers and outlets matching q, each group counted and ranked.',
      parameters: [
        ...parameterRefs('search'),
        queryParameter('limit', `Results per group, at most ${MAX_SEARCH_RESULTS}.`, { type: 'integer', minimum: 1, maximum: MAX_SEARCH_RESULTS, default: 10 }),
      ],
      responses: { '200': json('The matches, by group.', 'SearchResults'), ...refuse('BadRequest', 'Unauthorized', 'Unprocessable') },
    },
  },
  '/rating-scale': {
    get: {
      operationId: 'getRatingScale',
      summary: "The desk's verification labels (its rating scale), which admins define: the codes a claim's status takes.",
      responses: { '200': json('The scale.', 'RatingScale'), ...refuse('Unauthorized') },
    },
  },
  '/speakers': {
    get: { operationId: 'listSpeakers', summary: 'Speakers by name.', parameters: parameterRefs('q', 'limit', 'cursor'), responses: { '200': json('A page of speakers.', 'SpeakerPage'), ...refuse('BadRequest', 'Unauthorized', 'Unprocessable') } },
  },
  '/speakers/{id}': {
    parameters: parameterRefs('id'),
    get: {
      operationId: 'getSpeaker',
      summary: 'A speaker with its aliases. A merged speaker still answers, with mergedInto naming the speaker it became.',
      responses: { '200': json('The speaker.', 'SpeakerDetail'), ...refuse('Unauthorized', 'NotFound') },
    },
    patch: directoryPatch('speaker', 'editSpeaker', "Correct a speaker's name, Latin name, role, kind or aliases. Editors and admins."),
  },
  '/speakers/{id}/merge': {
    parameters: parameterRefs('id'),
    post: directoryMerge('speaker', 'mergeSpeaker'),
  },
  '/outlets': {
    get: { operationId: 'listOutlets', summary: 'Outlets by name.', parameters: parameterRefs('q', 'limit', 'cursor'), responses: { '200': json('A page of outlets.', 'OutletPage'), ...refuse('BadRequest', 'Unauthorized', 'Unprocessable') } },
  },
  '/outlets/{id}': {
    parameters: parameterRefs('id'),
    get: {
      operationId: 'getOutlet',
      summary: 'An outlet with its aliases and the roles it played in chains. A merged outlet still answers, with mergedInto naming the outlet it became.',
      responses: { '200': json('The outlet.', 'OutletDetail'), ...refuse('Unauthorized', 'NotFound') },
    },
    patch: directoryPatch('outlet', 'editOutlet', "Correct an outlet's name, Latin name, kind, country, address or aliases. Editors and admins."),
  },
  '/outlets/{id}/merge': {
    parameters: parameterRefs('id'),
    post: directoryMerge('outlet', 'mergeOutlet'),
  },
};

export function buildOpenApiDocument(): Schema {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Isnad API',
      version: '1',
      summary: 'Articles, the attributed claims extracted from them, their speakers and outlets, and their verdicts.',
      description:
        'Authenticate with `Authorization: Bearer <token>`; create a token on your account page or with `npm run token:add`. A token acts with its user\'s role: viewers read, reviewers correct claims and set verdicts, editors add and delete articles and claims and edit and merge speakers and outlets. Every refusal is `application/problem+json` (RFC 9457). Lists are cursor-paged: pass `nextCursor` back as `cursor`.',
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    servers: [{ url: '/api/v1' }],
    security: [{ bearerAuth: [] }],
    paths: PATHS,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'An isnad_… token.' } },
      schemas: SCHEMAS,
      responses: RESPONSES,
      parameters: PARAMETERS,
    },
  };
}
