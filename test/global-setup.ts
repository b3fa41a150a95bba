import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../engines/db/client';
import { migrate } from '../engines/db/migrator';
import { seedDemoData } from '../supabase/seed/seed';
import { adminUrl, databaseUrlFor } from './postgres-urls';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PostgreSQL: the migrated, seeded template database each test file clones. */
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
    const template = `kairo_tpl_${randomBytes(4).toString('hex')}`;
    const admin = await openDatabase({ url: adminUrl(baseUrl), maxConnections: 1 });
    await admin.db.execute(sql.raw(`create database ${template}`));
    const handle = await openDatabase({ url: databaseUrlFor(baseUrl, template), maxConnections: 2 });
    await migrate(handle);
    await seedDemoData(handle.db);
    await handle.close();
    project.provide('templateDatabase', template);
    project.provide('pgliteDumpPath', null);
    return async () => {
      await admin.db.execute(sql.raw(`drop database if exists ${template} with (force)`));
      await admin.close();
    };
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
