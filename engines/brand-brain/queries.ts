import { and, asc, type Column, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { brands, contentPillars, personas } from '../db/schema';
import { NotFoundError } from '../errors';
import { BrandSummary, PersonaDTO, PillarDTO } from './dto';

export type BrandRow = typeof brands.$inferSelect;
export type PersonaRow = typeof personas.$inferSelect;
export type PillarRow = typeof contentPillars.$inferSelect;

export interface Scope {
  tenantId: string;
  brandId: string;
}

/** The tenant's live brand, or NotFound (a missing brand and another tenant's look the same). */
export async function loadBrand(db: Database, scope: Scope): Promise<BrandRow> {
  const [row] = await db
    .select()
    .from(brands)
    .where(and(eq(brands.id, scope.brandId), eq(brands.tenantId, scope.tenantId), isNull(brands.deletedAt)));
  if (!row) throw new NotFoundError('Brand', scope.brandId);
  return row;
}

/**
 * Name order that ignores case and is the same on every database: PGlite sorts in the "C" collation
 * and a PostgreSQL server in its locale's, so the collation is spelled out.
 */
export const byName = (column: Column): SQL => sql`lower(${column}) collate "C"`;

export const personaInScope = (scope: Scope) =>
  and(eq(personas.tenantId, scope.tenantId), eq(personas.brandId, scope.brandId), isNull(personas.deletedAt));

export const pillarInScope = (scope: Scope) =>
  and(eq(contentPillars.tenantId, scope.tenantId), eq(contentPillars.brandId, scope.brandId), isNull(contentPillars.deletedAt));

export function selectPersonas(db: Database, scope: Scope): Promise<PersonaRow[]> {
  return db.select().from(personas).where(personaInScope(scope)).orderBy(byName(personas.name), asc(personas.id));
}

/** Ranked pillars first (1 before 2), unranked after them; the name and id settle the rest. */
export function selectPillars(db: Database, scope: Scope, includeInactive: boolean): Promise<PillarRow[]> {
  return db
    .select()
    .from(contentPillars)
    .where(and(pillarInScope(scope), includeInactive ? undefined : eq(contentPillars.isActive, true)))
    .orderBy(sql`${contentPillars.priorityRank} asc nulls last`, byName(contentPillars.name), asc(contentPillars.id));
}

// The DTO schemas strip what callers never see (metadata, deletedAt, a persona's tenantId).
export const toBrandSummary = (row: BrandRow): BrandSummary => BrandSummary.parse(row);
export const toPersonaDTO = (row: PersonaRow): PersonaDTO => PersonaDTO.parse(row);
export const toPillarDTO = (row: PillarRow): PillarDTO => PillarDTO.parse(row);

/**
 * Whether `error` (or what it wraps: Drizzle wraps driver errors in `cause`) is PostgreSQL's unique
 * violation on `constraint`. PGlite names the constraint `constraint`, postgres.js `constraint_name`.
 */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, constraint: name, constraint_name: pgName } = e as Record<string, unknown>;
    if (code === '23505') return name === constraint || pgName === constraint;
  }
  return false;
}
