import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { TestProject } from 'vitest/node';
import { connectDatabase } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { POSTGRES_URL, postgresUrlFor } from './database.ts';

/**
 * Migrates once per run, so that each test database is a copy of a migrated one instead of a migration
 * run of its own: a SQLite file whose schema and rows are copied into each new database, and on
 * PostgreSQL a template database that each test database is created from.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'isnad-test-template-'));
  const sqliteTemplate = path.join(dir, 'template.db');
  await migrateSqliteTemplate(sqliteTemplate);
  project.provide('sqliteTemplate', sqliteTemplate);
  const postgresTemplate = POSTGRES_URL ? await createPostgresTemplate(POSTGRES_URL) : undefined;
  project.provide('postgresTemplate', postgresTemplate);
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (POSTGRES_URL && postgresTemplate) await dropRunDatabases(POSTGRES_URL, postgresTemplate);
  };
}

async function migrateSqliteTemplate(file: string): Promise<void> {
  const db = connectDatabase(file);
  try {
    await migrateToLatest(db);
    // Test processes attach the template read-only; without WAL they need no -wal or -shm file beside it.
    await sql`pragma journal_mode = delete`.execute(db);
  } finally {
    await db.destroy();
  }
}

async function createPostgresTemplate(url: string): Promise<string> {
  const name = `isnad_test_${randomBytes(5).toString('hex')}`;
  const admin = connectDatabase(url);
  try {
    await sql`create database ${sql.id(name)}`.execute(admin);
  } finally {
    await admin.destroy();
  }
  // CREATE DATABASE … TEMPLATE refuses while anyone is connected to the template, so this connection closes before any test runs.
  const template = connectDatabase(postgresUrlFor(url, name));
  try {
    await migrateToLatest(template);
  } finally {
    await template.destroy();
  }
  return name;
}

/** The template and any copy a failed test left behind: every copy's name starts with the template's. */
async function dropRunDatabases(url: string, template: string): Promise<void> {
  const admin = connectDatabase(url);
  try {
    const { rows } = await sql<{ datname: string }>`select datname from pg_database where starts_with(datname, ${template})`.execute(admin);
    for (const { datname } of rows) await sql`drop database if exists ${sql.id(datname)} with (force)`.execute(admin);
  } finally {
    await admin.destroy();
  }
}
