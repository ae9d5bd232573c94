import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { connectDatabase } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { resolveSessionSecret } from './features/auth/session-store.ts';
import { ensureInitialAdmin } from './features/users/users.service.ts';
import { createInMemoryClaimNotifier } from './features/live/claim-notifier.ts';
import { seedIfEmpty } from './seed.ts';
import { createLogger } from './logger.ts';

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
  const db = connectDatabase(config.databaseUrl, { busyTimeoutMs: config.sqliteBusyTimeoutMs });
  await migrateToLatest(db);
  if (config.seedOnEmpty) await seedIfEmpty(db, logger, config.maxArticleBytes);
  const admin = await ensureInitialAdmin(db, { cost: config.passwordHashCost });
  if (admin) announceInitialAdmin(admin);
  const sessionSecret = await resolveSessionSecret(db, config.sessionSecret);

  const notifier = createInMemoryClaimNotifier({ onError: (err) => logger.error({ err }, 'live update failed') });
  const app = createApp({ db, config: { ...config, sessionSecret }, logger, notifier });
  const server = app.listen(config.port, config.host, () => {
    logger.info(`Isnad is serving http://localhost:${config.port}`);
  });
  server.on('error', (error) => {
    logger.fatal({ err: error }, 'the server could not start');
    process.exit(1);
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const forceExit = setTimeout(() => process.exit(1), 10_000).unref();
    // Ends the open event streams first; each would otherwise hold server.close() open.
    notifier.close();
    server.close(async () => {
      await db.destroy();
      clearTimeout(forceExit);
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
