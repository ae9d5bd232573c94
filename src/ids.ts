import { v7 as uuidv7 } from 'uuid';

/** Time-ordered ids: portable across SQLite and PostgreSQL, and they sort by creation. */
export function newId(): string {
  return uuidv7();
}

export function nowIso(): string {
  return new Date().toISOString();
}
