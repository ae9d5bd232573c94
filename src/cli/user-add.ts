import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { connectDatabase } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { runCommand } from './run-command.ts';
import { ROLES } from '../domain/roles.ts';
import { createUser } from '../features/users/users.service.ts';

const USAGE = `Usage: npm run user:add -- --name NAME [--password PASSWORD] --role ${ROLES.join('|')}
Without --password a one-time password is generated, printed, and must be changed at first sign-in.`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ options: { name: { type: 'string' }, password: { type: 'string' }, role: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.name || !values.role) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const db = connectDatabase(config.databaseUrl);
  try {
    await migrateToLatest(db);
    const { user, oneTimePassword } = await createUser(db, { name: values.name, role: values.role, password: values.password }, { cost: config.passwordHashCost });
    console.log(`Created ${user.role} "${user.name}".${oneTimePassword ? ` One-time password: ${oneTimePassword}` : ''}`);
    return 0;
  } finally {
    await db.destroy();
  }
}

runCommand(main);
