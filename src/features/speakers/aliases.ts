import { nameKey } from '../../text/name-key.ts';

export interface AliasRow {
  alias: string;
  normalizedAlias: string;
}

/** Aliases once each by name key, leaving out the canonical name itself. */
export function aliasRows(canonicalKey: string, aliases: readonly string[]): AliasRow[] {
  const byKey = new Map<string, string>();
  for (const alias of aliases) {
    const key = nameKey(alias);
    if (key && key !== canonicalKey && !byKey.has(key)) byKey.set(key, alias.trim());
  }
  return [...byKey].map(([normalizedAlias, alias]) => ({ alias, normalizedAlias }));
}

/**
 * Names a record keeps answering to after an edit: its old name when renamed, and its Latin
 * transliteration, so that the filters and type-ahead still find it by either ("Lavrov").
 */
export function impliedAliases(oldName: string, newName: string, latinName: string): string[] {
  const implied = nameKey(oldName) === nameKey(newName) ? [] : [oldName];
  return latinName.trim() ? [...implied, latinName] : implied;
}

export interface AliasChanges {
  added: AliasRow[];
  /** Current aliases to remove, as stored. */
  removed: string[];
}

/**
 * What an alias box changed: the difference between the aliases the form showed and those submitted,
 * applied to the current ones, so that an alias added meanwhile by an ingestion is kept. An alias equal
 * to the (new) canonical name is dropped: a record is not an alias of itself.
 */
export function diffAliases(canonicalKey: string, current: readonly string[], seen: readonly string[], submitted: readonly string[]): AliasChanges {
  const seenKeys = new Set(seen.map(nameKey));
  const currentKeys = new Set(current.map(nameKey));
  const wanted = aliasRows(canonicalKey, submitted);
  const wantedKeys = new Set(wanted.map((alias) => alias.normalizedAlias));
  const added = wanted.filter((alias) => !seenKeys.has(alias.normalizedAlias) && !currentKeys.has(alias.normalizedAlias));
  const removed = current.filter((alias) => {
    const key = nameKey(alias);
    return key === canonicalKey || (seenKeys.has(key) && !wantedKeys.has(key));
  });
  return { added, removed };
}

/** "added aliases «a», «b»; removed alias «c»" for an audit line. */
export function describeAliasChanges(changes: AliasChanges): string[] {
  const list = (names: readonly string[]) => names.map((name) => `«${name}»`).join(', ');
  const plural = (n: number) => (n === 1 ? '' : 'es');
  const parts: string[] = [];
  if (changes.added.length > 0) parts.push(`added alias${plural(changes.added.length)} ${list(changes.added.map((a) => a.alias))}`);
  if (changes.removed.length > 0) parts.push(`removed alias${plural(changes.removed.length)} ${list(changes.removed)}`);
  return parts;
}
