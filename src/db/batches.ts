/**
 * The number of bound parameters every SQLite build accepts in one statement (older builds stop at 999;
 * PostgreSQL allows 65,535). Multi-row inserts and long IN lists are split so that no statement exceeds it.
 */
export const MAX_BOUND_PARAMETERS = 999;

/** Rows in groups small enough that a multi-row insert of one group stays under MAX_BOUND_PARAMETERS. */
export function insertBatches<Row extends object>(rows: readonly Row[]): Row[][] {
  let columns = 1;
  for (const row of rows) columns = Math.max(columns, Object.keys(row).length);
  return chunks(rows, Math.floor(MAX_BOUND_PARAMETERS / columns));
}

/** Values in groups small enough for one `IN (…)` list. */
export function lookupBatches<Value>(values: readonly Value[]): Value[][] {
  return chunks(values, MAX_BOUND_PARAMETERS);
}

function chunks<Item>(items: readonly Item[], size: number): Item[][] {
  const groups: Item[][] = [];
  for (let start = 0; start < items.length; start += size) groups.push(items.slice(start, start + size));
  return groups;
}
