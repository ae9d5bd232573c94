import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { connectDatabase, serverConnectOptions, type Db } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { resolveSessionSecret } from './features/auth/session-store.ts';
import { ensureInitialAdmin } from './features/users/users.service.ts';
import { createClaimNotifierFor } from './features/live/notifier-for-engine.ts';
import { seedIfEmpty } from './seed.ts';
import { fillMissingSearchText } from './features/search/search.repository.ts';
import { fillMissingClusterIndex } from './features/clusters/clusters.service.ts';
import { fillMissingQuoteDrift } from './features/clusters/quote-drift.service.ts';
import { createLogger } from './logger.ts';
import type { Server } from 'node:http';
import type { Logger } from 'pino';

function announceInitialAdmin({ name, password }: { name: string; password: string }): void {
  // Plain console output on purpose: this must be readable in a terminal, not buried in JSON logs.
  console.log(
    [
      '',
      '  First start: an admin account was created.',
      `    name:     ${name}`,
      `    password: ${password}   (one-time: you will be asked to change it at first sign-in)`,
      '',
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  await migrateUnbounded(config.databaseUrl, config.sqliteBusyTimeoutMs);
  const db = connectDatabase(config.databaseUrl, serverConnectOptions(config));
  if (config.seedOnEmpty) await seedIfEmpty(db, logger, config.maxArticleBytes);
  // Rows written before the search index existed get their folded copy before the first search.
  const folded = await fillMissingSearchText(db);
  if (folded > 0) logger.info({ rows: folded }, 'search index filled in for rows written before it');
  const admin = await ensureInitialAdmin(db, { cost: config.passwordHashCost });
  if (admin) announceInitialAdmin(admin);
  const sessionSecret = await resolveSessionSecret(db, config.sessionSecret);

  const notifier = createClaimNotifierFor(db, config.databaseUrl, (err) => logger.error({ err }, 'live update failed'));
  const app = createApp({ db, config: { ...config, sessionSecret }, logger, notifier });
  const server = app.listen(config.port, config.host, () => {
    logger.info(`Isnad is serving http://localhost:${config.port}`);
  });
  server.on('error', (error) => {
    logger.fatal({ err: error }, 'the server could not start');
    process.exit(1);
  });

  // Claims written before the cluster index are indexed in the background, oldest first, while the server takes
  // requests: at a million claims that takes minutes, and until the fill reaches a claim it is only not clustered yet.
  const clusterFill = { stopped: false };
  fillMissingClusterIndex(db, { shouldStop: () => clusterFill.stopped })
    .then((indexed) => indexed > 0 && logger.info({ claims: indexed }, 'cluster index filled in for claims written before it'))
    // Then the quote drift of clusters formed before it was computed.
    .then(() => fillMissingQuoteDrift(db, { shouldStop: () => clusterFill.stopped }))
    .then((refreshed) => refreshed > 0 && logger.info({ clusters: refreshed }, 'quote drift filled in for clusters formed before it'))
    .catch((err: unknown) => clusterFill.stopped || logger.error({ err }, 'cluster index fill failed; it resumes at the next start'));

  const shutdown = gracefulShutdown({ server, db, graceMs: config.shutdownGraceMs, closeStreams: () => notifier.close(), logger });
  const stop = (signal: string) => {
    clusterFill.stopped = true;
    shutdown(signal);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** Migrations may rebuild a large table or index: they run on a connection of their own, without the query bound. */
async function migrateUnbounded(databaseUrl: string, busyTimeoutMs: number): Promise<void> {
  const db = connectDatabase(databaseUrl, { busyTimeoutMs });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
}

interface ShutdownDeps {
  server: Server;
  db: Db;
  graceMs: number;
  closeStreams: () => void;
  logger: Logger;
}

/**
 * Stops taking connections, ends the event streams (each would hold the server open for ever), lets the
 * requests in flight finish for at most graceMs, then cuts what remains and closes the database.
 */
function gracefulShutdown({ server, db, graceMs, closeStreams, logger }: ShutdownDeps): (signal: string) => void {
  let stopping = false;
  return (signal) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceMs }, 'shutting down');
    // Whatever happens below, the process is gone shortly after the grace period.
    setTimeout(() => process.exit(1), graceMs + 3000).unref();
    closeStreams();
    const cutStragglers = setTimeout(() => server.closeAllConnections(), graceMs).unref();
    server.close(async () => {
      clearTimeout(cutStragglers);
      await db.destroy().catch((error: unknown) => logger.error({ err: error }, 'closing the database failed'));
      logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
