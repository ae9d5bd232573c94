import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FileMigrationProvider, Migrator, type MigrationResultSet } from 'kysely/migration';
import type { Db } from './connect.ts';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

export interface MigrateOptions {
  /** PostgreSQL only: keep the migration bookkeeping next to the tables it describes. */
  schema?: string;
}

export async function migrateToLatest(db: Db, options: MigrateOptions = {}): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: new FileMigrationProvider({
      fs,
      path,
      migrationFolder: MIGRATIONS_FOLDER,
      // Kysely's own dynamic import cannot load .ts files under the test runner.
      import: (file) => import(pathToFileURL(file).href),
    }),
    ...(options.schema ? { migrationTableSchema: options.schema } : {}),
  });
  assertMigrated(await migrator.migrateToLatest());
}

function assertMigrated({ error, results }: MigrationResultSet): void {
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`Database migration failed${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
