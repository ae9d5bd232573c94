import type { CatalogueOf } from '../types.ts';
import type { account as english } from '../en/account.ts';

export const account: CatalogueOf<typeof english> = {};
