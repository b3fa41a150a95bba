// `npm run db:setup`: prepares the PostgreSQL / Supabase database named by DATABASE_URL. Safe to repeat:
// applied migrations are skipped, and the demo data (only with KAIRO_SEED_DEMO=1) is written once.
import './load-env';
import { databaseConfigFromEnv } from '../engines/db/client';
import { runDatabaseSetup } from './database-setup';

if (process.env.DATABASE_URL) {
  await runDatabaseSetup('db:setup', databaseConfigFromEnv(), process.env.KAIRO_SEED_DEMO === '1');
} else {
  console.error(
    'db:setup: DATABASE_URL is not set. Point it at your PostgreSQL database (Supabase: the pooled ' +
      'connection string), e.g. DATABASE_URL=postgres://user:password@host:5432/postgres npm run db:setup',
  );
  process.exitCode = 1;
}
