import type { CatalogueOf } from '../types.ts';
import type { directory as english } from '../en/directory.ts';

export const directory: CatalogueOf<typeof english> = {};
