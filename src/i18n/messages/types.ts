/**
 * A message is a text with {name} placeholders, or plural forms chosen by Intl.PluralRules for the
 * `count` parameter. Arabic uses all six forms (zero, one, two, few, many, other); English one and other.
 */
export type PluralForms = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;
export type MessageText = string | PluralForms;

/** The Arabic catalogue of an area must have exactly the keys of the English one. */
export type CatalogueOf<English> = { readonly [Key in keyof English]: MessageText };
