import type { CatalogueOf } from '../types.ts';
import type { activity as english } from '../en/activity.ts';

export const activity: CatalogueOf<typeof english> = {};
