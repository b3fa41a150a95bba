import { sql } from 'drizzle-orm';
import { type DatabaseConfig, openDatabase } from '../engines/db/client';
import { migrate } from '../engines/db/migrator';
import { isSeeded, seedDemoData } from '../supabase/seed/seed';

type SeedOutcome = 'seeded demo data' | 'demo data already present' | 'demo data not seeded (set KAIRO_SEED_DEMO=1 to seed it)';

/** Migrates the database, then writes the demo data set once if `seedDemo` asks for it. */
async function setUpDatabase(config: DatabaseConfig, seedDemo: boolean): Promise<string> {
  const handle = await openDatabase({ ...config, maxConnections: 1 });
  try {
    const applied = await migrate(handle);
    const migrations = applied.length === 0 ? 'migrations up to date' : `applied ${applied.length} migration(s)`;
    let seed: SeedOutcome = 'demo data not seeded (set KAIRO_SEED_DEMO=1 to seed it)';
    if (seedDemo) {
      seed = (await isSeeded(handle.db)) ? 'demo data already present' : 'seeded demo data';
      if (seed === 'seeded demo data') {
        await seedDemoData(handle.db);
        // PGlite runs no autovacuum: without this the planner never gets statistics for the seeded
        // tables, and the learning aggregation picks plans fifty times slower (see `npm run bench`).
        await handle.db.execute(sql`analyze`);
      }
    }
    return `${migrations}, ${seed}`;
  } finally {
    await handle.close();
  }
}

/** Where the database is, without the password a connection string may carry. */
function describeTarget(config: DatabaseConfig): string {
  if (!config.url) return `PGlite at ${config.dataDir}`;
  try {
    const url = new URL(config.url);
    return `PostgreSQL at ${url.host}${url.pathname}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL is not a valid URL)';
  }
}

/**
 * Sets up the database and prints one line saying what was done, or one line saying what failed
 * (no stack trace) with a non-zero exit code, so `npm run dev` stops before Next starts.
 */
export async function runDatabaseSetup(script: string, config: DatabaseConfig, seedDemo: boolean): Promise<void> {
  const target = describeTarget(config);
  try {
    console.log(`${script}: ${target}: ${await setUpDatabase(config, seedDemo)}`);
  } catch (error) {
    console.error(`${script}: ${target}: failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
