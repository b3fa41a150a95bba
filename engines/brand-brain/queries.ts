import { and, asc, type Column, eq, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { brands, contentPillars, personas } from '../db/schema';
import { NotFoundError } from '../errors';
import { type BrandScope, inBrand, liveBrand } from '../scope';
import { BrandSummary, PersonaDTO, PillarDTO } from './dto';

export type BrandRow = typeof brands.$inferSelect;
export type PersonaRow = typeof personas.$inferSelect;
export type PillarRow = typeof contentPillars.$inferSelect;

/** The tenant's live brand, or NotFound (a missing brand and another tenant's look the same). */
export async function loadBrand(db: Database, scope: BrandScope): Promise<BrandRow> {
  const [row] = await db.select().from(brands).where(liveBrand(scope));
  if (!row) throw new NotFoundError('Brand', scope.brandId);
  return row;
}

/**
 * Name order that ignores case and is the same on every database: PGlite sorts in the "C" collation
 * and a PostgreSQL server in its locale's, so the collation is spelled out.
 */
export const byName = (column: Column): SQL => sql`lower(${column}) collate "C"`;

export function selectPersonas(db: Database, scope: BrandScope): Promise<PersonaRow[]> {
  return db.select().from(personas).where(inBrand(personas, scope)).orderBy(byName(personas.name), asc(personas.id));
}

/** Ranked pillars first (1 before 2), unranked after them; the name and id settle the rest. */
export function selectPillars(db: Database, scope: BrandScope, includeInactive: boolean): Promise<PillarRow[]> {
  return db
    .select()
    .from(contentPillars)
    .where(and(inBrand(contentPillars, scope), includeInactive ? undefined : eq(contentPillars.isActive, true)))
    .orderBy(sql`${contentPillars.priorityRank} asc nulls last`, byName(contentPillars.name), asc(contentPillars.id));
}

// The DTO schemas strip what callers never see (metadata, deletedAt, a persona's tenantId).
export const toBrandSummary = (row: BrandRow): BrandSummary => BrandSummary.parse(row);
export const toPersonaDTO = (row: PersonaRow): PersonaDTO => PersonaDTO.parse(row);
export const toPillarDTO = (row: PillarRow): PillarDTO => PillarDTO.parse(row);
