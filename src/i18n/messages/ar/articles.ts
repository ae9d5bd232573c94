import type { CatalogueOf } from '../types.ts';
import type { articles as english } from '../en/articles.ts';

export const articles: CatalogueOf<typeof english> = {};
