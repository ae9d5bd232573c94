import { ValidationError, type FieldErrors } from '../../errors.ts';
import { msg } from '../../i18n/translate.ts';
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
  if (!name) errors.name = msg('outlet.invalid.name');
  else if ([...name].length > MAX_NAME_LENGTH) errors.name = msg('directory.invalid.nameLength', { max: MAX_NAME_LENGTH });
  if ([...latinName].length > MAX_NAME_LENGTH) errors.latinName = msg('directory.invalid.latinNameLength', { max: MAX_NAME_LENGTH });
  if (!isOutletKind(kind)) errors.kind = msg('directory.invalid.kind', { kinds: OUTLET_KINDS.join(', ') });
  if ([...country].length > MAX_COUNTRY_LENGTH) errors.country = msg('outlet.invalid.countryLength', { max: MAX_COUNTRY_LENGTH });
  if (url.length > MAX_URL_LENGTH) errors.url = msg('outlet.invalid.urlLength', { max: MAX_URL_LENGTH });
  else if (url && !isWebAddress(url)) errors.url = msg('outlet.invalid.url');
  if (form.aliases.length > MAX_ALIASES) errors.aliases = msg('directory.invalid.aliasCount', { max: MAX_ALIASES });
  else if (form.aliases.some((alias) => [...alias].length > MAX_NAME_LENGTH)) errors.aliases = msg('directory.invalid.aliasLength', { max: MAX_NAME_LENGTH });
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return form;
}
