import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { connectDatabase } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { NotFoundError } from '../errors.ts';
import { issueApiTokenForUserName } from '../features/api/api-tokens.service.ts';
import { runCommand } from './run-command.ts';

const USAGE = `Usage: npm run token:add -- --user NAME [--label TEXT]
Prints a new API token for the user once; only its hash is kept. It acts with the user's role.`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ options: { user: { type: 'string' }, label: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.user) {
    console.error(USAGE);
    return 2;
  }
  const db = connectDatabase(loadConfig().databaseUrl);
  try {
    await migrateToLatest(db);
    const issued = await issueApiTokenForUserName(db, values.user, values.label);
    console.error(`Token for "${issued.userName}"${issued.record.label ? ` (${issued.record.label})` : ''}; it is not shown again:`);
    console.log(issued.token);
    return 0;
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    console.error(`No user named "${values.user}".`);
    return 1;
  } finally {
    await db.destroy();
  }
}

runCommand(main);
