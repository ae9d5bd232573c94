import type { CatalogueOf } from '../types.ts';
import type { errors as english } from '../en/errors.ts';

export const errors: CatalogueOf<typeof english> = {};
