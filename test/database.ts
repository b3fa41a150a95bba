import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../engines/db/client';
import { migrate } from '../engines/db/migrator';
import { seedDemoData } from '../supabase/seed/seed';
import { adminUrl, databaseUrlFor } from './postgres-urls';

export interface TestDatabase extends DatabaseHandle {
  /** The connection string of this copy (PostgreSQL only), for tests that need a second session. */
  url?: string;
}

/** A database of its own on a PostgreSQL server, made for a test run and dropped again. */
export interface PostgresDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A new database on `baseUrl`'s server, migrated and holding the demo data: the template a run's test
 * files clone (test/global-setup.ts, test/http/global-setup.ts), or a process's own database.
 */
export async function createSeededPostgresDatabase(baseUrl: string, prefix: string): Promise<PostgresDatabase> {
  const database = await createPostgresDatabase(baseUrl, prefix);
  try {
    const handle = await openDatabase({ url: database.url, maxConnections: 2 });
    try {
      await migrate(handle);
      await seedDemoData(handle.db);
    } finally {
      await handle.close();
    }
  } catch (error) {
    await database.drop();
    throw error;
  }
  return database;
}

/**
 * A fresh copy of the run's template database (see createSeededPostgresDatabase) on `baseUrl`'s server:
 * `create database … template`, well under a second where migrating and seeding take seconds.
 */
export function cloneTemplateDatabase(baseUrl: string, prefix: string): Promise<PostgresDatabase> {
  const template = inject('templateDatabase');
  if (!template) throw new Error('the global setup prepared no PostgreSQL template database');
  return createPostgresDatabase(baseUrl, prefix, template);
}

async function createPostgresDatabase(baseUrl: string, prefix: string, template?: string): Promise<PostgresDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withAdmin(baseUrl, (admin) => admin.query(`create database ${name}${template ? ` template ${template}` : ''}`));
  return {
    name,
    url: databaseUrlFor(baseUrl, name),
    drop: () => withAdmin(baseUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

async function withAdmin<T>(baseUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl(baseUrl) });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * A private copy of the migrated, seeded database for one test file: PGlite restored from the run's
 * dump by default, or — when DATABASE_URL is set — a new PostgreSQL database cloned from the run's
 * template and dropped again on close.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl) {
    const copy = await cloneTemplateDatabase(baseUrl, 'kairo_test');
    const handle = await openDatabase({ url: copy.url, maxConnections: 12 });
    return {
      ...handle,
      url: copy.url,
      close: async () => {
        await handle.close();
        await copy.drop();
      },
    };
  }
  const dumpPath = inject('pgliteDumpPath');
  if (!dumpPath) throw new Error('test/global-setup.ts did not prepare a database');
  const dump = new Blob([await readFile(dumpPath)]);
  return openDatabase({ dataDir: 'memory://', loadDataDir: dump });
}
