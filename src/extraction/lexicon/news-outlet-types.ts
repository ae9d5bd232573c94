import type { OutletKind } from '../types.ts';

// One news organisation of the gazetteer. Spellings are written as printed
// (hamza, accents, capitals); the engine folds them like the text. Latin
// spellings match on case, so "Le Monde" never matches "le monde" (the world).

export interface NewsOutlet {
  /** Canonical Latin-script name; also its English spelling. */
  name: string;
  kind: OutletKind;
  /** ISO 3166 alpha-2 code of its home country, or "INT" for pan-regional outlets. */
  country: string;
  /** Arabic spellings; the first is the name shown for Arabic text. */
  ar?: string[];
  /** Other Latin spellings and abbreviations ("AFP", "Agence France-Presse"). */
  latin?: string[];
  /** French spellings; the first is the name shown when one of them is written. */
  fr?: string[];
  /** Every spelling is also an ordinary word or phrase: trust it only after an outlet keyword or a speech construction. */
  ambiguous?: boolean;
  /** Spellings that are also ordinary words or names ("وات" watt, "Petra" the city): trusted only in context. */
  contextOnly?: string[];
  /** Signs photographs: a credit line starting with it marks a caption. */
  photoAgency?: boolean;
}
