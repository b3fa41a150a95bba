import { getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './client';

/** Below this many new rows a write never analyzes: the planner's estimate is off by too little to matter. */
const MIN_ROWS_TO_ANALYZE = 1_000;
/** A write that adds this share of the rows the planner believes the table holds makes its statistics stale. */
const STALE_SHARE = 0.1;

/**
 * Refreshes the planner's statistics of `table` after a write added `rowsAdded` rows, when they are a
 * large share of what the planner last counted (or it never counted). Without this, the reads right
 * after a bulk ingest into a fresh table plan for an empty table: the 30-day performance summary over
 * 100,000 events took 11.4 s instead of 0.4 s (bench P6). PostgreSQL's autovacuum would analyze within
 * a minute or so; PGlite runs no autovacuum at all, so there the slow plan would stay for good.
 *
 * Run it after the write's transaction commits: ANALYZE reads only committed rows, and holding its
 * lock inside the write would queue concurrent batches behind it. On a large table a 5,000-row batch
 * is far below the share, so the steady state costs one catalog read per large batch.
 */
export async function refreshStatisticsAfterBulkWrite(db: Database, table: PgTable, rowsAdded: number): Promise<boolean> {
  if (rowsAdded < MIN_ROWS_TO_ANALYZE) return false;
  const name = getTableName(table);
  const result = (await db.execute(sql`select reltuples from pg_class where oid = to_regclass(${name})`)) as unknown as {
    rows: { reltuples: number | string }[];
  };
  // -1 (PostgreSQL 14+) or 0 before the first ANALYZE.
  const counted = Math.max(0, Number(result.rows[0]?.reltuples ?? 0));
  if (rowsAdded < counted * STALE_SHARE) return false;
  await db.execute(sql`analyze ${table}`);
  return true;
}
