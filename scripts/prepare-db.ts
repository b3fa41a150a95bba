// Runs before `next dev` / `next start`, so the first request meets a migrated database. The embedded
// PGlite demo database is seeded on first start; a real database (DATABASE_URL) gets the demo data only
// with KAIRO_SEED_DEMO=1, so a production database is never filled with demo rows by accident.
import './load-env';
import { databaseConfigFromEnv } from '../engines/db/client';
import { runDatabaseSetup } from './database-setup';

const config = databaseConfigFromEnv();
await runDatabaseSetup('prepare-db', config, !config.url || process.env.KAIRO_SEED_DEMO === '1');
