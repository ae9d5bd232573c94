import type { CatalogueOf } from '../types.ts';
import type { reports as english } from '../en/reports.ts';

export const reports: CatalogueOf<typeof english> = {};
