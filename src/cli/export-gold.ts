import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { connectDatabase, engineOf } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { exportGold } from '../features/api/gold-export.ts';
import { runCommand } from './run-command.ts';

const USAGE = `Usage: npm run export:gold -- --out DIR [--reviewed-only] [--database URL]
Writes every article and its current claims as an annotated corpus: DIR/texts/NAME.txt, DIR/gold/NAME.gold.json
and DIR/gold.json (offsets in code points), ready for: npm run eval:extract -- --corpus DIR
--reviewed-only keeps only claims whose status or attribution verdict a person set.
Without --database, the app's own database (DATABASE_URL) is read.`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: { out: { type: 'string' }, 'reviewed-only': { type: 'boolean' }, database: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.out) {
    console.error(USAGE);
    return 2;
  }
  const databaseUrl = values.database ?? loadConfig().databaseUrl;
  // Connecting would create an empty SQLite file: an export from a mistyped path should say so instead.
  const sqliteFile = databaseUrl.replace(/^sqlite:(\/\/)?/i, '');
  if (engineOf(databaseUrl) === 'sqlite' && sqliteFile !== ':memory:' && !existsSync(sqliteFile)) {
    console.error(`No database at ${sqliteFile}.`);
    return 1;
  }
  const db = connectDatabase(databaseUrl);
  try {
    await migrateToLatest(db);
    const written = await exportGold(db, values.out, { reviewedOnly: values['reviewed-only'] ?? false });
    console.log(`Wrote ${written.articles} articles and ${written.claims} claims to ${values.out}.`);
    return 0;
  } finally {
    await db.destroy();
  }
}

runCommand(main);
