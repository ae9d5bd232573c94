import { InputRejectedError } from '../../errors.ts';
import { msg } from '../../i18n/translate.ts';
import { MAX_QUERY_LENGTH, MAX_QUERY_PARTS, countQueryParts, isEmptyQuery, parseSearchQuery, type SearchQuery } from '../../text/search.ts';

export interface SearchInput {
  /** What was typed, trimmed, to show in the search field and to keep in links. */
  text: string;
  query: SearchQuery;
}

export type SearchProblem = 'tooLong' | 'tooManyParts' | 'nothingToFind' | 'notText';

/** A search refused as typed (400), in words of the reader's language; the API says it in English. */
export class SearchQueryError extends InputRejectedError {
  constructor(readonly reason: SearchProblem, readonly params: Record<string, number> = {}) {
    super(400, msg(`search.problem.${reason}`, params));
  }
}

/**
 * A `q` parameter: undefined when absent or blank; refused when longer than MAX_QUERY_LENGTH, with more
 * than MAX_QUERY_PARTS words and phrases, or with nothing to look for.
 */
export function readSearchParameter(value: unknown): SearchInput | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new SearchQueryError('notText');
  const text = value.trim();
  if (text === '') return undefined;
  if (text.length > MAX_QUERY_LENGTH) {
    throw new SearchQueryError('tooLong', { length: text.length, max: MAX_QUERY_LENGTH });
  }
  const parts = countQueryParts(text);
  if (parts > MAX_QUERY_PARTS) {
    throw new SearchQueryError('tooManyParts', { parts, max: MAX_QUERY_PARTS });
  }
  const query = parseSearchQuery(text);
  if (isEmptyQuery(query)) throw new SearchQueryError('nothingToFind');
  return { text, query };
}
