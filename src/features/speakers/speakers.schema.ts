import { ValidationError, type FieldErrors } from '../../errors.ts';
import { msg } from '../../i18n/translate.ts';
import { isSpeakerKind, SPEAKER_KINDS } from '../../domain/speaker-kinds.ts';

export const MAX_NAME_LENGTH = 200;
export const MAX_ROLE_LENGTH = 300;
export const MAX_ALIASES = 100;

/** A speaker's editable fields as the form shows them: absent values are empty strings. */
export interface SpeakerFields {
  name: string;
  latinName: string;
  role: string;
  kind: string;
}

export interface SpeakerEditForm {
  fields: SpeakerFields;
  /** One alias per line of the aliases box. */
  aliases: string[];
  /** The values the form was made on (hidden fields), to detect a change made meanwhile. */
  seen: SpeakerFields;
  seenAliases: string[];
}

/** A form field as text; anything else (missing, repeated) is empty. */
export function textField(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

export function lines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** The form as typed, before any check: what a refused form shows again. */
export function readSpeakerForm(body: unknown): SpeakerEditForm {
  const read = (prefix: string): SpeakerFields => ({
    name: textField(body, `${prefix}name`).trim(),
    latinName: textField(body, `${prefix}latinName`).trim(),
    role: textField(body, `${prefix}role`).trim(),
    kind: textField(body, `${prefix}kind`).trim(),
  });
  const seen = read('seen_');
  return {
    fields: read(''),
    aliases: lines(textField(body, 'aliases')),
    seen,
    seenAliases: lines(textField(body, 'seen_aliases')),
  };
}

export function parseSpeakerForm(body: unknown): SpeakerEditForm {
  const form = readSpeakerForm(body);
  const { name, latinName, role, kind } = form.fields;
  const errors: FieldErrors = {};
  if (!name) errors.name = msg('speaker.invalid.name');
  else if ([...name].length > MAX_NAME_LENGTH) errors.name = msg('directory.invalid.nameLength', { max: MAX_NAME_LENGTH });
  if ([...latinName].length > MAX_NAME_LENGTH) errors.latinName = msg('directory.invalid.latinNameLength', { max: MAX_NAME_LENGTH });
  if ([...role].length > MAX_ROLE_LENGTH) errors.role = msg('speaker.invalid.roleLength', { max: MAX_ROLE_LENGTH });
  if (!isSpeakerKind(kind)) errors.kind = msg('directory.invalid.kind', { kinds: SPEAKER_KINDS.join(', ') });
  if (form.aliases.length > MAX_ALIASES) errors.aliases = msg('directory.invalid.aliasCount', { max: MAX_ALIASES });
  else if (form.aliases.some((alias) => [...alias].length > MAX_NAME_LENGTH)) errors.aliases = msg('directory.invalid.aliasLength', { max: MAX_NAME_LENGTH });
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return form;
}

export interface MergeTarget {
  /** The id the confirmation step carries. */
  id?: string;
  /** The name typed (or picked from the suggestions). */
  name?: string;
  confirmed: boolean;
}

const ID = /^[0-9a-f-]{36}$/i;

export function parseMergeForm(body: unknown): MergeTarget {
  const id = textField(body, 'intoId').trim();
  const name = textField(body, 'into').trim();
  if (id && !ID.test(id)) throw new ValidationError({ into: msg('directory.invalid.mergeTarget') });
  if ([...name].length > MAX_NAME_LENGTH) throw new ValidationError({ into: msg('directory.invalid.nameLength', { max: MAX_NAME_LENGTH }) });
  return { id: id || undefined, name: name || undefined, confirmed: textField(body, 'confirm') === '1' };
}

/**
 * The suggest endpoint's query: q, else the value of the field that asked, which htmx sends under the
 * field's own name (speaker, outlet, into, or any other form's field name).
 */
export function readSuggestQuery(query: Record<string, unknown>, fieldNames: readonly string[]): { q: string; limit: number } {
  const others = Object.entries(query).filter(([name]) => name !== 'limit' && name !== 'q' && !fieldNames.includes(name)).map(([, value]) => value);
  const q = [query.q, ...fieldNames.map((name) => query[name]), ...others].find((value): value is string => typeof value === 'string') ?? '';
  const limit = typeof query.limit === 'string' && /^[0-9]{1,3}$/.test(query.limit) ? Number(query.limit) : 20;
  return { q: q.slice(0, MAX_NAME_LENGTH), limit };
}
