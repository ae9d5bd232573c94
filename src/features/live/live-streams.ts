/**
 * The open event streams of each signed-in user, so that ending a user's sessions (a password change, a
 * disabled account) also ends the streams those sessions opened: an open stream is never asked for its
 * session again. One process's streams only; with several instances each keeps its own.
 */
export interface LiveStreams {
  /** Registers a user's open stream and how to end it; returns the function that forgets it. */
  add(userId: string, end: () => void): () => void;
  /** Ends and forgets every open stream of the user. */
  endStreamsOf(userId: string): void;
  /** Open streams, all users together. */
  count(): number;
}

export function createLiveStreams(): LiveStreams {
  const byUser = new Map<string, Set<() => void>>();

  function forget(userId: string, end: () => void): void {
    const ends = byUser.get(userId);
    ends?.delete(end);
    if (ends?.size === 0) byUser.delete(userId);
  }

  return {
    add(userId, end) {
      const ends = byUser.get(userId) ?? new Set();
      ends.add(end);
      byUser.set(userId, ends);
      return () => forget(userId, end);
    },

    endStreamsOf(userId) {
      const ends = byUser.get(userId);
      byUser.delete(userId);
      for (const end of ends ?? []) end();
    },

    count() {
      let total = 0;
      for (const ends of byUser.values()) total += ends.size;
      return total;
    },
  };
}
