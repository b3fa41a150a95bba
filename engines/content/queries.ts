import { and, asc, eq, getTableColumns, isNull } from 'drizzle-orm';
import type { Database } from '../db/client';
import { brands, contentPackages, contentPillars, patternTemplates, personas, variants } from '../db/schema';
import { CHANNEL_LIMITS, type Channel } from '../enums';
import { NotFoundError } from '../errors';
import { activeText, PackageDTO, VariantDTO } from './dto';

export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
/** The database or an open transaction on it. */
export type Executor = Database | Tx;

export type PackageRow = typeof contentPackages.$inferSelect;
export type VariantRow = typeof variants.$inferSelect;
/** A variant row with the name of the pattern it was written from (null without one). */
export type VariantWithPattern = VariantRow & { patternName: string | null };

export interface Scope {
  tenantId: string;
  brandId: string;
}

const packageInScope = (scope: Scope, packageId: string) =>
  and(
    eq(contentPackages.id, packageId),
    eq(contentPackages.tenantId, scope.tenantId),
    eq(contentPackages.brandId, scope.brandId),
    isNull(contentPackages.deletedAt),
  );

const variantInScope = (scope: Scope, variantId: string) =>
  and(eq(variants.id, variantId), eq(variants.tenantId, scope.tenantId), eq(variants.brandId, scope.brandId), isNull(variants.deletedAt));

/** The live package of the brand; with `lock`, the row stays locked until the transaction ends. */
export async function loadPackage(db: Executor, scope: Scope, packageId: string, lock = false): Promise<PackageRow> {
  const query = db.select().from(contentPackages).where(packageInScope(scope, packageId));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new NotFoundError('Package', packageId);
  return row;
}

export async function loadVariant(db: Executor, scope: Scope, variantId: string, lock = false): Promise<VariantRow> {
  const query = db.select().from(variants).where(variantInScope(scope, variantId));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new NotFoundError('Variant', variantId);
  return row;
}

/**
 * Variants with their pattern's name, joined by id: the name shows even once the pattern has left
 * the channel's recommendations or been deprecated, since it is what the draft was written from.
 */
const selectVariantsWithPattern = (db: Executor) =>
  db
    .select({ ...getTableColumns(variants), patternName: patternTemplates.name })
    .from(variants)
    .leftJoin(patternTemplates, eq(patternTemplates.id, variants.patternTemplateId));

/** One live variant of the brand as its DTO. */
export async function loadVariantDTO(db: Executor, scope: Scope, variantId: string): Promise<VariantDTO> {
  const [row] = await selectVariantsWithPattern(db).where(variantInScope(scope, variantId));
  if (!row) throw new NotFoundError('Variant', variantId);
  return toVariantDTO(row);
}

/** The package's live variants, oldest first. */
export function selectPackageVariants(db: Executor, scope: Scope, packageId: string): Promise<VariantWithPattern[]> {
  return selectVariantsWithPattern(db)
    .where(
      and(
        eq(variants.packageId, packageId),
        eq(variants.tenantId, scope.tenantId),
        eq(variants.brandId, scope.brandId),
        isNull(variants.deletedAt),
      ),
    )
    .orderBy(asc(variants.createdAt), asc(variants.id));
}

export async function loadBrand(db: Executor, scope: Scope) {
  const [row] = await db
    .select({ id: brands.id, toneTags: brands.toneTags, taboos: brands.taboos })
    .from(brands)
    .where(and(eq(brands.id, scope.brandId), eq(brands.tenantId, scope.tenantId), isNull(brands.deletedAt)));
  if (!row) throw new NotFoundError('Brand', scope.brandId);
  return row;
}

/**
 * The package's pillar and persona, each only while it is still a live one of the brand: a pillar or
 * persona deleted after the package was made is no context to recommend patterns from.
 */
export async function liveAudience(db: Executor, scope: Scope, pkg: Pick<PackageRow, 'pillarId' | 'personaId'>) {
  const [pillar, persona] = await Promise.all([
    pkg.pillarId
      ? db
          .select({ id: contentPillars.id })
          .from(contentPillars)
          .where(
            and(
              eq(contentPillars.id, pkg.pillarId),
              eq(contentPillars.tenantId, scope.tenantId),
              eq(contentPillars.brandId, scope.brandId),
              isNull(contentPillars.deletedAt),
            ),
          )
      : [],
    pkg.personaId
      ? db
          .select({ id: personas.id })
          .from(personas)
          .where(
            and(
              eq(personas.id, pkg.personaId),
              eq(personas.tenantId, scope.tenantId),
              eq(personas.brandId, scope.brandId),
              isNull(personas.deletedAt),
            ),
          )
      : [],
  ]);
  return { pillarId: pillar[0]?.id ?? null, personaId: persona[0]?.id ?? null };
}

/**
 * Whether `error` (or what it wraps: Drizzle wraps driver errors in `cause`) is PostgreSQL's unique
 * violation on `constraint`. Both drivers report the SQLSTATE as `code`.
 */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, constraint: name, constraint_name: pgName } = e as Record<string, unknown>;
    if (code === '23505') return name === constraint || pgName === constraint;
  }
  return false;
}

export function toPackageDTO(row: PackageRow): PackageDTO {
  const { tenantId: _tenantId, ...fields } = row;
  return PackageDTO.parse(fields);
}

export function toVariantDTO(row: VariantWithPattern): VariantDTO {
  const { tenantId: _tenantId, rawPromptContext: _rawPromptContext, ...fields } = row;
  const text = activeText(row);
  return VariantDTO.parse({ ...fields, text, withinChannelLimit: text.length <= CHANNEL_LIMITS[row.channel as Channel] });
}
