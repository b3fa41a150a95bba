import { and, asc, eq, getTableColumns, inArray } from 'drizzle-orm';
import { brands, contentPackages, contentPillars, patternTemplates, personas, variants } from '../db/schema';
import { CHANNEL_LIMITS } from '../enums';
import { NotFoundError } from '../errors';
import { type BrandScope, type Executor, inBrand, liveBrand } from '../scope';
import { activeText, PackageDTO, VariantDTO } from './dto';

export type PackageRow = typeof contentPackages.$inferSelect;
export type VariantRow = typeof variants.$inferSelect;
/** A variant row with the name of the pattern it was written from (null without one). */
export type VariantWithPattern = VariantRow & { patternName: string | null };

const packageInScope = (scope: BrandScope, packageId: string) => and(eq(contentPackages.id, packageId), inBrand(contentPackages, scope));

const variantInScope = (scope: BrandScope, variantId: string) => and(eq(variants.id, variantId), inBrand(variants, scope));

/** The live package of the brand; with `lock`, the row stays locked until the transaction ends. */
export async function loadPackage(db: Executor, scope: BrandScope, packageId: string, lock = false): Promise<PackageRow> {
  const query = db.select().from(contentPackages).where(packageInScope(scope, packageId));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new NotFoundError('Package', packageId);
  return row;
}

export async function loadVariant(db: Executor, scope: BrandScope, variantId: string, lock = false): Promise<VariantRow> {
  const query = db.select().from(variants).where(variantInScope(scope, variantId));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new NotFoundError('Variant', variantId);
  return row;
}

/**
 * Variants with their pattern's name, joined by id: the name shows even once the pattern has left
 * the channel's recommendations or been retired, since it is what the draft was written from.
 */
const selectVariantsWithPattern = (db: Executor) =>
  db
    .select({ ...getTableColumns(variants), patternName: patternTemplates.name })
    .from(variants)
    .leftJoin(patternTemplates, eq(patternTemplates.id, variants.patternTemplateId));

/** One live variant of the brand as its DTO. */
export async function loadVariantDTO(db: Executor, scope: BrandScope, variantId: string): Promise<VariantDTO> {
  const [row] = await selectVariantsWithPattern(db).where(variantInScope(scope, variantId));
  if (!row) throw new NotFoundError('Variant', variantId);
  return toVariantDTO(row);
}

/** The brand's live variants among `variantIds`, in no particular order. */
export function selectVariantsById(db: Executor, scope: BrandScope, variantIds: string[]): Promise<VariantWithPattern[]> {
  return selectVariantsWithPattern(db).where(and(inArray(variants.id, variantIds), inBrand(variants, scope)));
}

/** The package's live variants, oldest first. */
export function selectPackageVariants(db: Executor, scope: BrandScope, packageId: string): Promise<VariantWithPattern[]> {
  return selectVariantsWithPattern(db)
    .where(and(eq(variants.packageId, packageId), inBrand(variants, scope)))
    .orderBy(asc(variants.createdAt), asc(variants.id));
}

export async function loadBrand(db: Executor, scope: BrandScope) {
  const [row] = await db.select({ id: brands.id, toneTags: brands.toneTags, taboos: brands.taboos }).from(brands).where(liveBrand(scope));
  if (!row) throw new NotFoundError('Brand', scope.brandId);
  return row;
}

/**
 * The package's pillar and persona, each only while it is still a live one of the brand: a pillar or
 * persona deleted after the package was made is no context to recommend patterns from.
 */
export async function liveAudience(db: Executor, scope: BrandScope, pkg: Pick<PackageRow, 'pillarId' | 'personaId'>) {
  const [pillar, persona] = await Promise.all([
    pkg.pillarId
      ? db
          .select({ id: contentPillars.id })
          .from(contentPillars)
          .where(and(eq(contentPillars.id, pkg.pillarId), inBrand(contentPillars, scope)))
      : [],
    pkg.personaId
      ? db
          .select({ id: personas.id })
          .from(personas)
          .where(and(eq(personas.id, pkg.personaId), inBrand(personas, scope)))
      : [],
  ]);
  return { pillarId: pillar[0]?.id ?? null, personaId: persona[0]?.id ?? null };
}

export function toPackageDTO(row: PackageRow): PackageDTO {
  const { tenantId: _tenantId, ...fields } = row;
  return PackageDTO.parse(fields);
}

export function toVariantDTO(row: VariantWithPattern): VariantDTO {
  const { tenantId: _tenantId, rawPromptContext: _rawPromptContext, ...fields } = row;
  const text = activeText(row);
  return VariantDTO.parse({ ...fields, text, withinChannelLimit: text.length <= CHANNEL_LIMITS[row.channel] });
}
