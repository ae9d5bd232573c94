import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.
// Sessions name their user, so that a password change or a disabled account can end all of them.
// Sessions signed in before this migration get their user from their stored data.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('session').addColumn('user_id', 'text').execute();
  await db.schema.createIndex('session_user_id_idx').on('session').column('user_id').execute();
  const sessions: Array<{ sid: string; data: string }> = await db.selectFrom('session').select(['sid', 'data']).execute();
  for (const { sid, data } of sessions) {
    const userId = userIdIn(data);
    if (userId) await db.updateTable('session').set({ user_id: userId }).where('sid', '=', sid).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('session_user_id_idx').execute();
  await db.schema.alterTable('session').dropColumn('user_id').execute();
}

function userIdIn(data: string): string | undefined {
  try {
    const userId = (JSON.parse(data) as { userId?: unknown }).userId;
    return typeof userId === 'string' ? userId : undefined;
  } catch {
    return undefined;
  }
}
