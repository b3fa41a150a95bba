import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../../engines/db/client';
import { rows } from '../../engines/db/migrator';
import {
  brands,
  contentPackages,
  contentPillars,
  executionEvents,
  memberships,
  opportunities,
  patternTemplates,
  personas,
  tenants,
  userProfiles,
  variants,
} from '../../engines/db/schema';
import { buildDemoData } from './build-demo-data';
import { DEMO_TENANTS } from './demo-users';

export interface SeedOptions {
  /** Every seeded date is relative to this, so the demo always looks current. */
  now?: Date;
}

// Well under PostgreSQL's 65,535 bind parameters per statement for the widest table.
const ROWS_PER_INSERT = 1_000;

/** True once the demo tenants exist, so start-up seeds a fresh database only once. */
export async function isSeeded(db: Database): Promise<boolean> {
  const found = await db.execute(sql`select 1 from tenants where id = ${DEMO_TENANTS.northwind.id}`);
  return rows(found).length > 0;
}

/**
 * Writes the deterministic demo data set into an empty, migrated database: two tenants, three
 * brands with their strategy, ideas, patterns, packages and two months of post metrics. It runs
 * once per test run, so it writes each table in a handful of multi-row inserts.
 */
export async function seedDemoData(db: Database, { now = new Date() }: SeedOptions = {}): Promise<void> {
  const data = buildDemoData(now);
  await db.transaction(async (tx) => {
    await insertAll(tx, tenants, data.tenants);
    await insertAll(tx, userProfiles, data.userProfiles);
    await insertAll(tx, memberships, data.memberships);
    await insertAll(tx, brands, data.brands);
    await insertAll(tx, contentPillars, data.pillars);
    await insertAll(tx, personas, data.personas);
    await insertAll(tx, patternTemplates, data.patterns);
    await insertAll(tx, opportunities, data.opportunities);
    await insertAll(tx, contentPackages, data.packages);
    await insertAll(tx, variants, data.variants);
    await insertAll(tx, executionEvents, data.executionEvents);
  });
}

async function insertAll<T extends PgTable>(db: Database, table: T, values: T['$inferInsert'][]): Promise<void> {
  for (let start = 0; start < values.length; start += ROWS_PER_INSERT) {
    await db.insert(table).values(values.slice(start, start + ROWS_PER_INSERT));
  }
}
