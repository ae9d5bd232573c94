import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/** PostgreSQL only. Every session LISTENing on the channel gets the payload once the statement commits. */
export async function sendNotification(db: Db, channel: string, payload: string): Promise<void> {
  await sql`select pg_notify(${channel}, ${payload})`.execute(db);
}
