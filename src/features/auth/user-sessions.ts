import type { Db } from '../../db/connect.ts';
import type { SessionEnder } from '../users/users.service.ts';
import { deleteSessionsOfUser } from './sessions.repository.ts';

/**
 * Ends a user's sessions in the session store, then tells `onEnded` (which closes the user's open event
 * streams), so that nothing the user opened before keeps working.
 */
export function createSessionEnder(db: Db, onEnded: (userId: string) => void): SessionEnder {
  return {
    async endSessionsOf(userId) {
      await deleteSessionsOfUser(db, userId);
      onEnded(userId);
    },
  };
}
