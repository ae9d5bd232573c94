import { engineOf, type Db } from '../../db/connect.ts';
import { createInMemoryClaimNotifier, type ClaimNotifier } from './claim-notifier.ts';
import { createPgClaimNotifier } from './pg-claim-notifier.ts';

/**
 * On PostgreSQL several instances may serve one database, so changes travel through LISTEN/NOTIFY;
 * an SQLite file is served by one process, and memory is enough.
 */
export function createClaimNotifierFor(db: Db, databaseUrl: string, onError: (error: unknown) => void): ClaimNotifier {
  if (engineOf(databaseUrl) === 'postgres') return createPgClaimNotifier({ db, connectionString: databaseUrl, onError });
  return createInMemoryClaimNotifier({ onError });
}
