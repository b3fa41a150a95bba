import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { type DatabaseHandle, openDatabase } from '../engines/db/client';
import { migrate } from '../engines/db/migrator';
import { adminUrl, databaseUrlFor } from '../test/postgres-urls';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export type Driver = 'PostgreSQL' | 'PGlite';

/** A migrated database of the bench's own, dropped (or deleted) by `drop`. */
export interface BenchDatabase {
  driver: Driver;
  handle: DatabaseHandle;
  /** PostgreSQL: its connection string; PGlite: its data folder (a server may open it once the bench closed it). */
  location: string;
  /** The statements (text and parameters) the handle sends while `run` runs. */
  capture(run: () => Promise<unknown>): Promise<Statement[]>;
  drop(): Promise<void>;
}

export interface Statement {
  text: string;
  params: unknown[];
}

/** A query logger whose statements go to whichever capture is running. */
function capturing() {
  let sink: Statement[] | null = null;
  return {
    queryLogger: { logQuery: (text: string, params: unknown[]) => sink?.push({ text, params }) },
    capture: async (run: () => Promise<unknown>) => {
      const statements: Statement[] = [];
      sink = statements;
      try {
        await run();
      } finally {
        sink = null;
      }
      return statements;
    },
  };
}

/** A new database on DATABASE_URL's server (or the local one), so the bench never touches real data. */
export async function createPostgresBenchDatabase(poolSize = 10): Promise<BenchDatabase> {
  const base = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const name = `kairo_bench_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ url: adminUrl(base), maxConnections: 1 });
  await admin.db.execute(sql.raw(`create database ${name}`));
  const url = databaseUrlFor(base, name);
  const { queryLogger, capture } = capturing();
  // No statement timeout: loading a million events, or F3 over them on a busy machine, may take longer than a request may.
  const handle = await openDatabase({ url, maxConnections: poolSize, queryLogger, statementTimeoutMs: 0 });
  await migrate(handle);
  return {
    driver: 'PostgreSQL',
    handle,
    location: url,
    capture,
    drop: async () => {
      await handle.close().catch(() => undefined);
      await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      await admin.close();
    },
  };
}

/** PGlite in a temporary folder (not memory), so the production server can open what the bench filled. */
export async function createPgliteBenchDatabase(): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kairo-bench-pglite-'));
  const { queryLogger, capture } = capturing();
  const handle = await openDatabase({ dataDir, queryLogger });
  await migrate(handle);
  let closed = false;
  return {
    driver: 'PGlite',
    capture,
    handle: {
      ...handle,
      close: async () => {
        if (closed) return;
        closed = true;
        await handle.close();
      },
    },
    location: dataDir,
    drop: async () => {
      if (!closed) await handle.close();
      closed = true;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `PostgreSQL 15.8` or PGlite's embedded version. */
export async function serverVersion(handle: DatabaseHandle): Promise<string> {
  const rows = (await handle.db.execute(sql`select current_setting('server_version') as version`)) as unknown as
    | { rows: { version: string }[] }
    | { version: string }[];
  const first = Array.isArray(rows) ? rows[0] : rows.rows[0];
  return first?.version ?? 'unknown';
}

/** The rows of a raw `db.execute`, whichever driver answered (node-postgres and PGlite both give `rows`). */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
