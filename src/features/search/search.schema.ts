import { InputRejectedError } from '../../errors.ts';
import { MAX_QUERY_LENGTH, MAX_QUERY_PARTS, countQueryParts, isEmptyQuery, parseSearchQuery, type SearchQuery } from '../../text/search.ts';

export interface SearchInput {
  /** What was typed, trimmed, to show in the search field and to keep in links. */
  text: string;
  query: SearchQuery;
}

/**
 * A `q` parameter: undefined when absent or blank; refused (400, in words) when longer than
 * MAX_QUERY_LENGTH, with more than MAX_QUERY_PARTS words and phrases, or with nothing to look for.
 */
export function readSearchParameter(value: unknown): SearchInput | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new InputRejectedError(400, 'The search (q) must be given once, as text.');
  const text = value.trim();
  if (text === '') return undefined;
  if (text.length > MAX_QUERY_LENGTH) {
    throw new InputRejectedError(400, `The search is ${text.length} characters long: at most ${MAX_QUERY_LENGTH} are taken.`);
  }
  const parts = countQueryParts(text);
  if (parts > MAX_QUERY_PARTS) {
    throw new InputRejectedError(400, `The search has ${parts} words and phrases: at most ${MAX_QUERY_PARTS} are taken.`);
  }
  const query = parseSearchQuery(text);
  if (isEmptyQuery(query)) throw new InputRejectedError(400, 'The search has no letters or digits to look for.');
  return { text, query };
}
