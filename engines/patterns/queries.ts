import { and, avg, type Column, eq, inArray, isNotNull, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { contentPillars, patternTemplates, personas, tenants, variants } from '../db/schema';
import type { Channel } from '../enums';
import { NotFoundError } from '../errors';
import { assertBrandLive, type BrandScope, inBrand } from '../scope';
import { PatternDTO } from './dto';

export type PatternRow = typeof patternTemplates.$inferSelect;

export const toPatternDTO = (row: PatternRow): PatternDTO =>
  PatternDTO.parse({ ...row, isShared: row.brandId === null, scope: row.brandId === null ? 'shared' : 'brand' });

/** Case-insensitive name order, spelled in the "C" collation so PGlite and PostgreSQL agree. */
export const byName = (column: Column): SQL => sql`lower(${column}) collate "C"`;

/** What a brand sees: its own patterns and its tenant's shared ones, never a sibling brand's. */
export const visibleTo = (scope: BrandScope): SQL =>
  and(
    eq(patternTemplates.tenantId, scope.tenantId),
    or(eq(patternTemplates.brandId, scope.brandId), isNull(patternTemplates.brandId)),
    isNull(patternTemplates.deletedAt),
  )!;

export async function assertTenant(db: Database, tenantId: string): Promise<void> {
  const [found] = await db
    .select({ id: tenants.id })
    .from(tenants)
    .where(and(eq(tenants.id, tenantId), isNull(tenants.deletedAt)));
  if (!found) throw new NotFoundError('Tenant', tenantId);
}

/** A pattern the brand can see (after checking the brand is the tenant's), or NotFound. */
export async function loadVisiblePattern(db: Database, scope: BrandScope, patternId: string): Promise<PatternRow> {
  await assertBrandLive(db, scope);
  const [row] = await db
    .select()
    .from(patternTemplates)
    .where(and(eq(patternTemplates.id, patternId), visibleTo(scope)));
  if (!row) throw new NotFoundError('Pattern', patternId);
  return row;
}

/** The category of the brand's live pillar; NotFound when the pillar is not one of the brand's. */
export async function loadPillarCategory(db: Database, scope: BrandScope, pillarId: string): Promise<string | null> {
  const [row] = await db
    .select({ category: contentPillars.category })
    .from(contentPillars)
    .where(and(eq(contentPillars.id, pillarId), inBrand(contentPillars, scope)));
  if (!row) throw new NotFoundError('Pillar', pillarId);
  return row.category;
}

/** The brand's live persona, its name and per-channel notes; NotFound when it is not one of the brand's. */
export async function loadPersonaNotes(
  db: Database,
  scope: BrandScope,
  personaId: string,
): Promise<{ name: string; channelBiases: Partial<Record<Channel, string>> }> {
  const [row] = await db
    .select({ name: personas.name, channelBiases: personas.channelBiases })
    .from(personas)
    .where(and(eq(personas.id, personaId), inBrand(personas, scope)));
  if (!row) throw new NotFoundError('Persona', personaId);
  return row;
}

/**
 * Each pattern's mean rubric score (variants.eval_score) over the brand's evaluated, not rejected
 * drafts, per channel of `channels`; a pattern without one on a channel is absent from its map. The
 * recommendation's draft-quality boost.
 */
export async function meanDraftScoresByPattern(
  db: Database,
  scope: BrandScope,
  channels: Channel[],
): Promise<Map<Channel, Map<string, number>>> {
  const rows = await db
    .select({ channel: variants.channel, patternId: variants.patternTemplateId, mean: avg(variants.evalScore) })
    .from(variants)
    .where(
      and(
        inBrand(variants, scope),
        inArray(variants.channel, channels),
        isNotNull(variants.evalScore),
        isNotNull(variants.patternTemplateId),
        ne(variants.status, 'rejected'),
      ),
    )
    .groupBy(variants.channel, variants.patternTemplateId);
  const byChannel = new Map(channels.map((channel) => [channel, new Map<string, number>()]));
  for (const row of rows) byChannel.get(row.channel)?.set(row.patternId!, Number(row.mean));
  return byChannel;
}
