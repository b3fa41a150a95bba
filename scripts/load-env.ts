// The scripts that run before or beside Next (prepare-db, db:setup, import:events) read the same
// .env / .env.local files Next does, so DATABASE_URL set there reaches the migration too.
import nextEnv from '@next/env';

nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== 'production');
