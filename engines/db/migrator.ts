import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from './client';

// The turbopackIgnore markers stop the Next build from tracing the whole project through these
// run-time paths; the migrations are read from the checkout, never from the build output.
export const MIGRATIONS_DIR = path.resolve(/*turbopackIgnore: true*/ process.cwd(), 'supabase/migrations');

const FILE_PATTERN = /^(\d{14})_([a-z0-9_]+)\.sql$/;

export interface MigrationFile {
  version: string;
  name: string;
  text: string;
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const files = (await readdir(/*turbopackIgnore: true*/ dir)).filter((f) => f.endsWith('.sql')).sort();
  return Promise.all(
    files.map(async (file) => {
      const match = FILE_PATTERN.exec(file);
      if (!match) throw new Error(`Migration file ${file} does not follow <yyyymmddhhmmss>_<name>.sql`);
      return { version: match[1]!, name: match[2]!, text: await readFile(path.join(/*turbopackIgnore: true*/ dir, file), 'utf8') };
    }),
  );
}

/**
 * Applies the files of supabase/migrations that are not yet recorded, in order, each in its own
 * transaction, and records them in the table the Supabase CLI uses — so `supabase db push` and this
 * migrator always agree on what a database has. An advisory lock keeps two starting processes from
 * applying the same file twice.
 */
export async function migrate(handle: DatabaseHandle, dir = MIGRATIONS_DIR): Promise<string[]> {
  await handle.execScript(`
    create schema if not exists supabase_migrations;
    create table if not exists supabase_migrations.schema_migrations (
      version text primary key,
      statements text[],
      name text
    );
  `);
  const applied: string[] = [];
  for (const migration of await readMigrations(dir)) {
    if (await isRecorded(handle, migration.version)) continue;
    const record = `insert into supabase_migrations.schema_migrations (version, statements, name)
      values ('${migration.version}', array[${quote(migration.text)}], ${quote(migration.name)})
      on conflict (version) do nothing;`;
    try {
      await handle.execScript(`select pg_advisory_xact_lock(727274);\n${migration.text}\n;${record}`);
      applied.push(migration.version);
    } catch (error) {
      // Another process applied it while this one waited for the lock: its copy stands.
      if (!(await isRecorded(handle, migration.version))) throw error;
    }
  }
  return applied;
}

async function isRecorded(handle: DatabaseHandle, version: string): Promise<boolean> {
  const found = await handle.db.execute(sql`select 1 from supabase_migrations.schema_migrations where version = ${version}`);
  return rows(found).length > 0;
}

function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** The rows of a raw `db.execute`, which answers `{ rows }` on PGlite and node-postgres alike. */
export function rows<T>(result: unknown): T[] {
  return (result as { rows?: T[] }).rows ?? [];
}
