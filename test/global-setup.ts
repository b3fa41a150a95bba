import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../engines/db/client';
import { migrate } from '../engines/db/migrator';
import { seedDemoData } from '../supabase/seed/seed';
import { createSeededPostgresDatabase } from './database';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PostgreSQL: the migrated, seeded template database each test file clones (the HTTP suite's too). */
    templateDatabase: string | null;
    /** PGlite: a dump of a migrated, seeded data dir each test file restores. */
    pgliteDumpPath: string | null;
  }
}

/**
 * Migrates and seeds one database per run, so each test file starts from a copy of it (a fresh
 * PostgreSQL database cloned from a template, or a PGlite restored from a dump) in well under a second.
 */
export default async function setup(project: TestProject) {
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl) {
    const template = await createSeededPostgresDatabase(baseUrl, 'kairo_tpl');
    project.provide('templateDatabase', template.name);
    project.provide('pgliteDumpPath', null);
    return () => template.drop();
  }

  const dir = await mkdtemp(path.join(tmpdir(), 'kairo-test-'));
  const handle = await openDatabase({ dataDir: 'memory://' });
  await migrate(handle);
  await seedDemoData(handle.db);
  const dump = await handle.dumpDataDir!();
  await handle.close();
  const dumpPath = path.join(dir, 'template.tar.gz');
  await writeFile(dumpPath, Buffer.from(await dump.arrayBuffer()));
  project.provide('templateDatabase', null);
  project.provide('pgliteDumpPath', dumpPath);
  return () => rm(dir, { recursive: true, force: true });
}
