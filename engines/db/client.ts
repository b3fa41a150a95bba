import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Logger as QueryLogger } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { Pool } from 'pg';
import { type Environment, wholeNumberFromEnv } from '../../lib/env';
import { openPostgresPool, runPostgresScript } from './postgres-pool';
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
  /** PostgreSQL only: the node-postgres pool behind `db`, for what must share its connections (rate limits). */
  pgPool?: Pool;
}

export interface DatabaseConfig {
  /** A PostgreSQL connection string (Supabase: the pooled one). Unset → embedded PGlite. */
  url?: string;
  /** PGlite data folder; `memory://` for an in-memory database. */
  dataDir?: string;
  /** Restores PGlite from a data-dir dump (used by tests to skip migrating every time). */
  loadDataDir?: Blob;
  /** PostgreSQL pool size. */
  maxConnections?: number;
  /** PostgreSQL: how long opening a connection may take; 0 waits forever. */
  connectTimeoutMs?: number;
  /** PostgreSQL: how long one statement may run before the server cancels it; 0 lets it run. */
  statementTimeoutMs?: number;
  /** PostgreSQL: how long a query may wait for a free pooled connection while all are busy. */
  poolWaitMs?: number;
  /** Told every query's text; the server passes its structured log (the engines never import it). */
  queryLogger?: QueryLogger;
}

export const DEFAULT_DATA_DIR = '.data/pglite';

export function databaseConfigFromEnv(env: Environment = process.env): DatabaseConfig {
  return env.DATABASE_URL
    ? {
        url: env.DATABASE_URL,
        connectTimeoutMs: millisecondsFromEnv(env, 'KAIRO_DB_CONNECT_TIMEOUT_MS'),
        statementTimeoutMs: millisecondsFromEnv(env, 'KAIRO_DB_STATEMENT_TIMEOUT_MS'),
        poolWaitMs: millisecondsFromEnv(env, 'KAIRO_DB_POOL_WAIT_MS'),
        maxConnections: wholeNumberFromEnv(env, 'KAIRO_DB_POOL_SIZE'),
      }
    : // Chosen at run time: the build must not trace (and ship) whatever folder this could be.
      { dataDir: path.resolve(/*turbopackIgnore: true*/ env.KAIRO_DATA_DIR || DEFAULT_DATA_DIR) };
}

function millisecondsFromEnv(env: Environment, name: string): number | undefined {
  return wholeNumberFromEnv(env, name, { unit: 'milliseconds' });
}

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  const { url } = config;
  if (url) {
    const pool = openPostgresPool(url, config, config.maxConnections ?? 10);
    return {
      db: drizzleNodePostgres(pool, { schema, logger: config.queryLogger }) as unknown as Database,
      driver: 'postgres',
      execScript: (text) => runPostgresScript(url, config, text),
      close: () => pool.end(),
      pgPool: pool,
    };
  }

  const dataDir = config.dataDir ?? DEFAULT_DATA_DIR;
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({
    dataDir: config.loadDataDir ? undefined : dataDir,
    loadDataDir: config.loadDataDir,
  });
  return {
    db: drizzlePglite(client, { schema, logger: config.queryLogger }) as unknown as Database,
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
