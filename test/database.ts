import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../engines/db/client';
import { adminUrl, databaseUrlFor } from './postgres-urls';

export interface TestDatabase extends DatabaseHandle {
  /** The connection string of this copy (PostgreSQL only), for tests that need a second session. */
  url?: string;
}

/**
 * A private copy of the migrated, seeded database for one test file: PGlite restored from the run's
 * dump by default, or — when DATABASE_URL is set — a new PostgreSQL database cloned from the run's
 * template and dropped again on close.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = inject('templateDatabase');
  const baseUrl = process.env.DATABASE_URL;
  if (template && baseUrl) {
    const name = `kairo_test_${randomBytes(6).toString('hex')}`;
    const admin = await openDatabase({ url: adminUrl(baseUrl), maxConnections: 1 });
    await admin.db.execute(sql.raw(`create database ${name} template ${template}`));
    const url = databaseUrlFor(baseUrl, name);
    const handle = await openDatabase({ url, maxConnections: 12 });
    return {
      ...handle,
      url,
      close: async () => {
        await handle.close();
        await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
        await admin.close();
      },
    };
  }
  const dumpPath = inject('pgliteDumpPath');
  if (!dumpPath) throw new Error('test/global-setup.ts did not prepare a database');
  const dump = new Blob([await readFile(dumpPath)]);
  return openDatabase({ dataDir: 'memory://', loadDataDir: dump });
}
