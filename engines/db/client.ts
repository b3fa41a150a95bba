import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { Client, type ClientConfig, Pool, type PoolClient } from 'pg';
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
}

export const DEFAULT_DATA_DIR = '.data/pglite';

type Environment = Readonly<Record<string, string | undefined>>;

export function databaseConfigFromEnv(env: Environment = process.env): DatabaseConfig {
  return env.DATABASE_URL
    ? {
        url: env.DATABASE_URL,
        connectTimeoutMs: millisecondsFromEnv(env, 'KAIRO_DB_CONNECT_TIMEOUT_MS'),
        statementTimeoutMs: millisecondsFromEnv(env, 'KAIRO_DB_STATEMENT_TIMEOUT_MS'),
      }
    : // Chosen at run time: the build must not trace (and ship) whatever folder this could be.
      { dataDir: path.resolve(/*turbopackIgnore: true*/ env.KAIRO_DATA_DIR || DEFAULT_DATA_DIR) };
}

function millisecondsFromEnv(env: Environment, name: string): number | undefined {
  const value = env[name]?.trim();
  if (!value) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a whole number of milliseconds, got "${value}"`);
  return Number(value);
}

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  const { url } = config;
  if (url) {
    const pool = openPostgresPool(url, config);
    return {
      db: drizzleNodePostgres(pool, { schema }) as unknown as Database,
      driver: 'postgres',
      execScript: (text) => runScript(url, config, text),
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

export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
/**
 * The heaviest statement Kairo issues, scoring a brand's 30-day window, takes about 0.3 s over 100,000
 * events (`npm run bench`), so 15 s leaves room for brands tens of times larger; it is still short
 * enough that a page stuck on a lock or an overloaded server answers within seconds, and a third of
 * the learning cron's 45 s call budget.
 */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 15_000;
/**
 * `statement_timeout` needs a server that still answers; one that stopped answering altogether (a
 * frozen host, a black-holed network) is caught on the client this much later, which also covers a
 * pooler that ignores the startup parameter.
 */
const UNANSWERED_GRACE_MS = 2_000;

/**
 * Timeouts are session settings sent at connect time, so they hold on every pooled connection without
 * a round trip. No named prepared statements: Drizzle's node-postgres adapter names a statement only
 * when asked to (`.prepare(name)`, which Kairo never calls) and node-postgres otherwise sends each
 * query as an unnamed one, which a transaction pooler (Supabase's on port 6543, PgBouncer) can serve.
 */
function connectionOptions(url: string, config: DatabaseConfig, statementTimeoutMs: number): ClientConfig {
  return {
    connectionString: url,
    connectionTimeoutMillis: config.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs, query_timeout: statementTimeoutMs + UNANSWERED_GRACE_MS } : {}),
    keepAlive: true,
  };
}

/**
 * A connection handed back while its transaction is still open must never serve another caller: a
 * statement that timed out on the client leaves the server's transaction open (its rollback queued
 * behind it), and the next caller's queries would run, and be committed, inside it. Drizzle releases
 * a transaction's connection without an error whatever happened, so the pool checks for itself.
 */
class TransactionSafePool extends Pool {
  override connect(): Promise<PoolClient>;
  override connect(callback: (err: Error | undefined, client: PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(
    callback?: (err: Error | undefined, client: PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): Promise<PoolClient> | void {
    // The callback form is `pool.query`'s, which releases with the query's error already.
    if (callback) return super.connect(callback);
    return super.connect().then((client) => {
      const release = client.release;
      client.release = (error?: Error | boolean) =>
        release(error || (client.getTransactionStatus() === 'I' ? undefined : new Error('released inside a transaction')));
      return client;
    });
  }
}

function openPostgresPool(url: string, config: DatabaseConfig): Pool {
  const pool = new TransactionSafePool({
    ...connectionOptions(url, config, config.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS),
    max: config.maxConnections ?? 10,
  });
  // A connection the server ends (pg_terminate_backend, a restart, a pooler dropping it) emits
  // 'error': the query running on it has already failed with the error, and the pool discards the
  // connection, but an 'error' event nobody listens to would take the whole process down. Idle
  // connections report through the pool; checked-out ones only through their own client.
  pool.on('connect', (client) => client.on('error', reportLostConnection));
  pool.on('error', () => {
    // Already reported by the connection's own listener above.
  });
  return pool;
}

function reportLostConnection(error: Error): void {
  const code = (error as { code?: unknown }).code;
  console.warn(`Kairo database: a pooled connection was lost and will be replaced (${typeof code === 'string' ? `${code}: ` : ''}${error.message})`);
}

// A migration may rebuild an index on a large table or wait for another process's migration lock:
// it gets minutes instead of a request's statement timeout, and still cannot hang forever.
const SCRIPT_TIMEOUT_MS = 10 * 60_000;

/** The script as one simple-protocol query (several statements) in one transaction, on its own connection. */
async function runScript(url: string, config: DatabaseConfig, text: string): Promise<void> {
  const client = new Client(connectionOptions(url, config, SCRIPT_TIMEOUT_MS));
  client.on('error', reportLostConnection);
  await client.connect();
  try {
    await client.query('begin');
    try {
      await client.query(text);
      await client.query('commit');
    } catch (error) {
      // Rolling back on a connection that is gone fails too; closing it below rolls back all the same.
      await client.query('rollback').catch(() => {});
      throw error;
    }
  } finally {
    await client.end();
  }
}
