import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** One open database: the typed Drizzle handle plus the raw multi-statement runner migrations need. */
export interface DatabaseHandle {
  db: Database;
  driver: 'pglite' | 'postgres';
  /** Runs a script of several statements in one transaction. */
  execScript(text: string): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the data dir as a tarball, restorable through `loadDataDir`. */
  dumpDataDir?(): Promise<Blob>;
}

export interface DatabaseConfig {
  /** A PostgreSQL connection string (Supabase: the pooled one). Unset → embedded PGlite. */
  url?: string;
  /** PGlite data folder; `memory://` for an in-memory database. */
  dataDir?: string;
  /** Restores PGlite from a data-dir dump (used by tests to skip migrating every time). */
  loadDataDir?: Blob;
  /** postgres.js pool size. */
  maxConnections?: number;
}

export const DEFAULT_DATA_DIR = '.data/pglite';

export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  return env.DATABASE_URL
    ? { url: env.DATABASE_URL }
    : // Chosen at run time: the build must not trace (and ship) whatever folder this could be.
      { dataDir: path.resolve(/*turbopackIgnore: true*/ env.KAIRO_DATA_DIR || DEFAULT_DATA_DIR) };
}

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if (config.url) {
    const client = postgres(config.url, {
      max: config.maxConnections ?? 10,
      onnotice: () => {},
      // Supabase's pooler (transaction mode) cannot keep prepared statements across transactions.
      prepare: !/pooler\.supabase\.com/.test(config.url),
    });
    return {
      db: drizzlePostgres(client, { schema }) as unknown as Database,
      driver: 'postgres',
      execScript: async (text) => {
        await client.begin((tx) => tx.unsafe(text));
      },
      close: () => client.end({ timeout: 5 }),
    };
  }

  const dataDir = config.dataDir ?? DEFAULT_DATA_DIR;
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({
    dataDir: config.loadDataDir ? undefined : dataDir,
    loadDataDir: config.loadDataDir,
  });
  return {
    db: drizzlePglite(client, { schema }) as unknown as Database,
    driver: 'pglite',
    execScript: async (text) => {
      await client.transaction(async (tx) => {
        await tx.exec(text);
      });
    },
    close: () => client.close(),
    dumpDataDir: () => client.dumpDataDir('gzip'),
  };
}
