import type { CatalogueOf } from '../types.ts';
import type { search as english } from '../en/search.ts';

export const search: CatalogueOf<typeof english> = {};
