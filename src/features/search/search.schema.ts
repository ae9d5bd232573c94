import { InputRejectedError } from '../../errors.ts';
import { MAX_QUERY_LENGTH, MAX_QUERY_PARTS, countQueryParts, isEmptyQuery, parseSearchQuery, type SearchQuery } from '../../text/search.ts';

export interface SearchInput {
  /** What was typed, trimmed, to show in the search field and to keep in links. */
  text: string;
  query: SearchQuery;
}

export type SearchProblem = 'tooLong' | 'tooManyParts' | 'nothingToFind' | 'notText';

/** A search refused as typed (400): the reason and its figures let a page say why in its own language. */
export class SearchQueryError extends InputRejectedError {
  constructor(readonly reason: SearchProblem, readonly params: Record<string, number>, message: string) {
    super(400, message);
  }
}

/**
 * A `q` parameter: undefined when absent or blank; refused when longer than MAX_QUERY_LENGTH, with more
 * than MAX_QUERY_PARTS words and phrases, or with nothing to look for.
 */
export function readSearchParameter(value: unknown): SearchInput | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new SearchQueryError('notText', {}, 'Give the search (q) once, as text.');
  const text = value.trim();
  if (text === '') return undefined;
  if (text.length > MAX_QUERY_LENGTH) {
    const params = { length: text.length, max: MAX_QUERY_LENGTH };
    throw new SearchQueryError('tooLong', params, `The search is ${params.length} characters long: at most ${params.max} are taken.`);
  }
  const parts = countQueryParts(text);
  if (parts > MAX_QUERY_PARTS) {
    throw new SearchQueryError('tooManyParts', { parts, max: MAX_QUERY_PARTS }, `The search has ${parts} words and phrases: at most ${MAX_QUERY_PARTS} are taken.`);
  }
  const query = parseSearchQuery(text);
  if (isEmptyQuery(query)) throw new SearchQueryError('nothingToFind', {}, 'The search has no letters or digits to look for.');
  return { text, query };
}
