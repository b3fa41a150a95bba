import { and, type Column, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from './db/client';
import { brands } from './db/schema';
import { NotFoundError } from './errors';

/**
 * The brand a request acts for. Engines parse it on entry (`BrandScope.parse(scope)`): that checks both
 * ids and drops whatever else the caller's scope carries (the viewer's role).
 */
export const BrandScope = z.object({ tenantId: z.uuid(), brandId: z.uuid() });
export type BrandScope = z.infer<typeof BrandScope>;

export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
/** The database or an open transaction on it. */
export type Executor = Database | Tx;

/** A table whose rows belong to one brand of one tenant and are deleted softly. */
interface BrandOwnedTable {
  tenantId: Column;
  brandId: Column;
  deletedAt: Column;
}

/** The table's live rows of the scope's brand. Both ids are matched: a brand id alone could be another tenant's. */
export const inBrand = (table: BrandOwnedTable, scope: BrandScope): SQL =>
  and(eq(table.tenantId, scope.tenantId), eq(table.brandId, scope.brandId), isNull(table.deletedAt))!;

/**
 * A brand row in use: neither deleted nor archived. An archived brand keeps all its rows, but leaves
 * every list, the learning cron's walk and every brand-scoped call (which answer NotFound, exactly as
 * for a brand that does not exist).
 */
export const brandIsLive = (): SQL => and(isNull(brands.deletedAt), isNull(brands.archivedAt))!;

/** The scope's brand row while it is live and the tenant's. */
export const liveBrand = (scope: BrandScope): SQL => and(eq(brands.id, scope.brandId), eq(brands.tenantId, scope.tenantId), brandIsLive())!;

/**
 * Throws NotFound unless the brand is live and the tenant's (a missing brand and another tenant's look
 * the same). With `lock`, holds the brand row until commit — FOR NO KEY UPDATE, so it serialises
 * brand-wide rules (the pin limit) without blocking the inserts whose foreign keys only share-lock it.
 */
export async function assertBrandLive(db: Executor, scope: BrandScope, options: { lock?: boolean } = {}): Promise<void> {
  const query = db.select({ id: brands.id }).from(brands).where(liveBrand(scope));
  const [found] = options.lock ? await query.for('no key update') : await query;
  if (!found) throw new NotFoundError('Brand', scope.brandId);
}

/**
 * The condition a read adds so that it answers only while the scope's brand is live and the tenant's:
 * the brand check travels inside the read's own statement (a one-time subplan) instead of costing a
 * statement of its own. The read can no longer tell "brand not live" from "nothing to read", so its
 * caller passes an empty answer through `rowsOfLiveBrand`.
 */
export const whileBrandLive = (scope: BrandScope): SQL => sql`exists (select 1 from ${brands} where ${liveBrand(scope)})`;

/**
 * The rows of a read filtered by `whileBrandLive`. Only an empty answer may hide a brand that is not
 * live, so only then is the brand checked: a second statement for an empty read, none otherwise.
 */
export async function rowsOfLiveBrand<T>(db: Executor, scope: BrandScope, rows: T[]): Promise<T[]> {
  if (rows.length === 0) await assertBrandLive(db, scope);
  return rows;
}

/**
 * Whether `error` (or what it wraps: Drizzle wraps driver errors in `cause`) is PostgreSQL's unique
 * violation on `constraint`. node-postgres and PGlite both report the SQLSTATE as `code` and the
 * constraint as `constraint`.
 */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let current = error; current && typeof current === 'object'; current = (current as { cause?: unknown }).cause) {
    const { code, constraint: name } = current as Record<string, unknown>;
    if (code === '23505') return name === constraint;
  }
  return false;
}
