import type { CatalogueOf } from '../types.ts';
import type { claims as english } from '../en/claims.ts';

export const claims: CatalogueOf<typeof english> = {};
