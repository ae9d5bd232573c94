import type { CatalogueOf } from '../types.ts';
import type { review as english } from '../en/review.ts';

export const review: CatalogueOf<typeof english> = {};
