import { ValidationError, type FieldErrors } from '../../errors.ts';
import { isOutletKind, OUTLET_KINDS } from '../../domain/outlet-kinds.ts';
import { lines, MAX_ALIASES, MAX_NAME_LENGTH, textField } from '../speakers/speakers.schema.ts';

export const MAX_COUNTRY_LENGTH = 100;
export const MAX_URL_LENGTH = 2000;

/** An outlet's editable fields as the form shows them: absent values are empty strings. */
export interface OutletFields {
  name: string;
  latinName: string;
  kind: string;
  country: string;
  url: string;
}

export interface OutletEditForm {
  fields: OutletFields;
  aliases: string[];
  /** The values the form was made on (hidden fields), to detect a change made meanwhile. */
  seen: OutletFields;
  seenAliases: string[];
}

export function readOutletForm(body: unknown): OutletEditForm {
  const read = (prefix: string): OutletFields => ({
    name: textField(body, `${prefix}name`).trim(),
    latinName: textField(body, `${prefix}latinName`).trim(),
    kind: textField(body, `${prefix}kind`).trim(),
    country: textField(body, `${prefix}country`).trim(),
    url: textField(body, `${prefix}url`).trim(),
  });
  return { fields: read(''), aliases: lines(textField(body, 'aliases')), seen: read('seen_'), seenAliases: lines(textField(body, 'seen_aliases')) };
}

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

export function parseOutletForm(body: unknown): OutletEditForm {
  const form = readOutletForm(body);
  const { name, latinName, kind, country, url } = form.fields;
  const errors: FieldErrors = {};
  if (!name) errors.name = 'Enter the outlet’s name.';
  else if ([...name].length > MAX_NAME_LENGTH) errors.name = `A name is at most ${MAX_NAME_LENGTH} characters.`;
  if ([...latinName].length > MAX_NAME_LENGTH) errors.latinName = `A Latin name is at most ${MAX_NAME_LENGTH} characters.`;
  if (!isOutletKind(kind)) errors.kind = `Choose a kind: ${OUTLET_KINDS.join(', ')}.`;
  if ([...country].length > MAX_COUNTRY_LENGTH) errors.country = `A country is at most ${MAX_COUNTRY_LENGTH} characters.`;
  if (url.length > MAX_URL_LENGTH) errors.url = `A web address is at most ${MAX_URL_LENGTH} characters.`;
  else if (url && !isWebAddress(url)) errors.url = 'Enter a web address starting with http:// or https://.';
  if (form.aliases.length > MAX_ALIASES) errors.aliases = `At most ${MAX_ALIASES} aliases.`;
  else if (form.aliases.some((alias) => [...alias].length > MAX_NAME_LENGTH)) errors.aliases = `An alias is at most ${MAX_NAME_LENGTH} characters.`;
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return form;
}
