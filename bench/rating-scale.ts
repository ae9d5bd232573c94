/**
 * What reading the desk's rating scale costs each request (the scale is read per request rather than cached,
 * so that a label renamed on one app instance shows on every other at once), beside the read every signed-in
 * request already makes: its user, by primary key. Both are timed in the same run; the ratio is what compares
 * across machines.
 *
 *   npm run --silent bench:ratings -- [--runs 5000] [--postgres postgres://postgres@127.0.0.1:5432/test]
 *
 * SQLite on a temporary file, and PostgreSQL too when given a server (in a schema of its own, dropped after).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { connectDatabase, type Db } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { loadRatingScale } from '../src/features/ratings/ratings.service.ts';
import { createUser, findActiveUser } from '../src/features/users/users.service.ts';

function option(name: string, fallback: string | undefined): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

const RUNS = Number(option('runs', '5000'));
const POSTGRES = option('postgres', undefined);

async function time(task: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let warm = 0; warm < 50; warm++) await task();
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = process.hrtime.bigint();
    await task();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(samples.length * 0.5)]!, p95: samples[Math.floor(samples.length * 0.95)]! };
}

async function measure(engine: string, db: Db): Promise<void> {
  const { user } = await createUser(db, { name: 'bench-user', role: 'reviewer', password: 'a long bench passphrase' }, { cost: 10 });
  const baseline = await time(() => findActiveUser(db, user.id));
  const scale = await time(() => loadRatingScale(db));
  const ms = (value: number) => value.toFixed(3);
  console.log(`${engine}: user by id p50 ${ms(baseline.p50)} ms p95 ${ms(baseline.p95)} ms · rating scale p50 ${ms(scale.p50)} ms p95 ${ms(scale.p95)} ms · ratio p50 ${(scale.p50 / baseline.p50).toFixed(2)}`);
}

const dir = mkdtempSync(path.join(tmpdir(), 'isnad-bench-ratings-'));
const sqlite = connectDatabase(path.join(dir, 'bench.db'));
try {
  await migrateToLatest(sqlite);
  await measure('sqlite', sqlite);
} finally {
  await sqlite.destroy();
  rmSync(dir, { recursive: true, force: true });
}

if (POSTGRES) {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = connectDatabase(POSTGRES);
  await sql`create schema ${sql.id(schema)}`.execute(admin);
  const db = connectDatabase(POSTGRES, { schema });
  try {
    await migrateToLatest(db, { schema });
    await measure('postgres', db);
  } finally {
    await db.destroy();
    await sql`drop schema ${sql.id(schema)} cascade`.execute(admin);
    await admin.destroy();
  }
}
