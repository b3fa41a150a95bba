// Migrates the database and, when asked, writes the demo data once. Safe to repeat: applied migrations are
// skipped. Two ways in:
// - `tsx scripts/database-setup.ts --before-start` runs before `next dev` / `next start`, so the first
//   request meets a migrated database. The embedded PGlite demo database is seeded on first start; a real
//   database (DATABASE_URL) gets the demo data only with KAIRO_SEED_DEMO=1, so a production database is
//   never filled with demo rows by accident.
// - `npm run db:setup` prepares the PostgreSQL / Supabase database named by DATABASE_URL, which it
//   requires; the demo data only with KAIRO_SEED_DEMO=1.
import './load-env';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { type DatabaseConfig, databaseConfigFromEnv, openDatabase } from '../engines/db/client';
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
async function runDatabaseSetup(script: string, config: DatabaseConfig, seedDemo: boolean): Promise<void> {
  const target = describeTarget(config);
  try {
    console.log(`${script}: ${target}: ${await setUpDatabase(config, seedDemo)}`);
  } catch (error) {
    console.error(`${script}: ${target}: failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

const { values } = parseArgs({ options: { 'before-start': { type: 'boolean', default: false } } });
const config = databaseConfigFromEnv();
const seedRequested = process.env.KAIRO_SEED_DEMO === '1';
if (values['before-start']) {
  await runDatabaseSetup('prepare-db', config, !config.url || seedRequested);
} else if (config.url) {
  await runDatabaseSetup('db:setup', config, seedRequested);
} else {
  console.error(
    'db:setup: DATABASE_URL is not set. Point it at your PostgreSQL database (Supabase: the pooled ' +
      'connection string), e.g. DATABASE_URL=postgres://user:password@host:5432/postgres npm run db:setup',
  );
  process.exitCode = 1;
}
