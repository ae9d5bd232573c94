import type { NewsOutlet } from './news-outlet-types.ts';
import { newsAgencies } from './news-agencies.ts';
import { arabOutlets } from './news-outlets-arab.ts';
import { worldOutlets } from './news-outlets-world.ts';

// The gazetteer of news organisations the engine recognises by name. Add an
// outlet to the file of its region; its spellings in every script go on the
// same entry so that "رويترز" and "Reuters" are one outlet.

export type { NewsOutlet } from './news-outlet-types.ts';

export const newsOutlets: readonly NewsOutlet[] = [...newsAgencies, ...arabOutlets, ...worldOutlets];
