import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client';
import { brands, contentPillars, memberships, personas, tenants } from '../db/schema';
import { ConflictError, InvariantViolationError, NotFoundError } from '../errors';
import { BrandScope, inBrand, isUniqueViolation, liveBrand } from '../scope';
import {
  BrandStrategyView,
  type BrandSummary,
  ListPillarsInput,
  type PersonaDTO,
  type PillarDTO,
  UpsertBrandInput,
  UpsertPersonaInput,
  UpsertPillarInput,
  UserBrandDTO,
} from './dto';
import { byName, loadBrand, selectPersonas, selectPillars, toBrandSummary, toPersonaDTO, toPillarDTO } from './queries';

const RowId = z.uuid();

// Names of the unique constraints in supabase/migrations; the database decides clashes, so two
// concurrent writers cannot both pass a check and then both insert.
const BRAND_SLUG_UNIQUE = 'brands_tenant_id_slug_key';
const PILLAR_NAME_UNIQUE = 'content_pillars_name_uq';
const PILLAR_RANK_UNIQUE = 'content_pillars_rank_uq';

/**
 * The brand strategy: the brand itself (voice, channels, taboos), the personas it writes for and the
 * content pillars it writes about. Everything else reads strategy through here.
 */
export class BrandBrainEngine {
  constructor(private readonly db: Database) {}

  async getBrandSummary(brand: BrandScope): Promise<BrandSummary> {
    return toBrandSummary(await loadBrand(this.db, BrandScope.parse(brand)));
  }

  /** The brand's voice with its personas and its active pillars, in one read. */
  async getBrandStrategyView(brand: BrandScope): Promise<BrandStrategyView> {
    const scope = BrandScope.parse(brand);
    const row = await loadBrand(this.db, scope);
    const [personaRows, pillarRows] = await Promise.all([selectPersonas(this.db, scope), selectPillars(this.db, scope, false)]);
    return BrandStrategyView.parse({
      ...row,
      brandId: row.id,
      brandName: row.name,
      personas: personaRows.map(toPersonaDTO),
      pillars: pillarRows.map(toPillarDTO),
    });
  }

  async listBrandPersonas(brand: BrandScope): Promise<PersonaDTO[]> {
    const scope = BrandScope.parse(brand);
    await loadBrand(this.db, scope);
    return (await selectPersonas(this.db, scope)).map(toPersonaDTO);
  }

  /** By priority rank (unranked last), then name; active pillars only unless asked otherwise. */
  async listBrandPillars(brand: BrandScope, input: ListPillarsInput = {}): Promise<PillarDTO[]> {
    const scope = BrandScope.parse(brand);
    const { includeInactive } = ListPillarsInput.parse(input);
    await loadBrand(this.db, scope);
    return (await selectPillars(this.db, scope, includeInactive)).map(toPillarDTO);
  }

  /** Creates a brand of the tenant, or with `id` replaces that brand's fields. */
  async upsertBrand(tenantId: string, input: UpsertBrandInput): Promise<BrandSummary> {
    const tenant = z.uuid().parse(tenantId);
    const { id, metadata, ...fields } = UpsertBrandInput.parse(input);
    const channels = fields.channels.map((c) => c.channel);
    if (new Set(channels).size !== channels.length) {
      throw new InvariantViolationError('A brand lists each channel at most once', 'input');
    }
    if (!channels.includes(fields.primaryChannel)) {
      throw new InvariantViolationError(`The primary channel ${fields.primaryChannel} must be one of the brand's channels`, 'input');
    }
    try {
      if (id) {
        const [row] = await this.db
          .update(brands)
          .set({ ...fields, ...(metadata ? { metadata } : {}), updatedAt: sql`now()` })
          .where(liveBrand({ tenantId: tenant, brandId: id }))
          .returning();
        if (!row) throw new NotFoundError('Brand', id);
        return toBrandSummary(row);
      }
      await this.assertTenant(tenant);
      const [row] = await this.db
        .insert(brands)
        .values({ ...fields, tenantId: tenant, metadata: metadata ?? {} })
        .returning();
      return toBrandSummary(row!);
    } catch (error) {
      if (isUniqueViolation(error, BRAND_SLUG_UNIQUE)) {
        throw new ConflictError(`The tenant already has a brand with the slug "${fields.slug}"`);
      }
      throw error;
    }
  }

  /** Creates a persona of the brand, or with `id` replaces that persona's fields. */
  async upsertPersona(brand: BrandScope, input: UpsertPersonaInput): Promise<PersonaDTO> {
    const scope = BrandScope.parse(brand);
    const { id, ...fields } = UpsertPersonaInput.parse(input);
    const values = { ...fields, role: fields.role ?? null };
    await loadBrand(this.db, scope);
    if (id) {
      const [row] = await this.db
        .update(personas)
        .set({ ...values, updatedAt: sql`now()` })
        .where(and(eq(personas.id, id), inBrand(personas, scope)))
        .returning();
      if (!row) throw new NotFoundError('Persona', id);
      return toPersonaDTO(row);
    }
    const [row] = await this.db
      .insert(personas)
      .values({ ...values, ...scope })
      .returning();
    return toPersonaDTO(row!);
  }

  /**
   * Creates a pillar of the brand, or with `id` replaces that pillar's fields. Names (ignoring case)
   * and priority ranks are unique among the brand's pillars, inactive ones included: deactivating a
   * pillar does not free its rank, so reactivating it can never clash.
   */
  async upsertPillar(brand: BrandScope, input: UpsertPillarInput): Promise<PillarDTO> {
    const scope = BrandScope.parse(brand);
    const { id, ...fields } = UpsertPillarInput.parse(input);
    const values = { ...fields, category: fields.category ?? null, priorityRank: fields.priorityRank ?? null };
    await loadBrand(this.db, scope);
    try {
      if (id) {
        const [row] = await this.db
          .update(contentPillars)
          .set({ ...values, updatedAt: sql`now()` })
          .where(and(eq(contentPillars.id, id), inBrand(contentPillars, scope)))
          .returning();
        if (!row) throw new NotFoundError('Pillar', id);
        return toPillarDTO(row);
      }
      const [row] = await this.db
        .insert(contentPillars)
        .values({ ...values, ...scope })
        .returning();
      return toPillarDTO(row!);
    } catch (error) {
      if (isUniqueViolation(error, PILLAR_NAME_UNIQUE)) {
        throw new ConflictError(`The brand already has a pillar named "${values.name}"`);
      }
      if (isUniqueViolation(error, PILLAR_RANK_UNIQUE)) {
        throw new ConflictError(`Another pillar of the brand already has priority rank ${values.priorityRank}`);
      }
      throw error;
    }
  }

  /**
   * The brands of every live tenant the user is a member of, with the user's role there; by tenant
   * name, then brand name (ids settle ties so the order never flips).
   */
  async listBrandsForUser(userId: string): Promise<UserBrandDTO[]> {
    const user = RowId.parse(userId);
    const rows = await this.db
      .select({
        id: brands.id,
        tenantId: brands.tenantId,
        tenantName: tenants.name,
        name: brands.name,
        slug: brands.slug,
        role: memberships.role,
      })
      .from(memberships)
      .innerJoin(tenants, and(eq(tenants.id, memberships.tenantId), isNull(tenants.deletedAt)))
      .innerJoin(brands, and(eq(brands.tenantId, tenants.id), isNull(brands.deletedAt)))
      .where(and(eq(memberships.userId, user), isNull(memberships.deletedAt)))
      .orderBy(byName(tenants.name), asc(tenants.id), byName(brands.name), asc(brands.id));
    return rows.map((row) => UserBrandDTO.parse(row));
  }

  private async assertTenant(tenantId: string): Promise<void> {
    const [found] = await this.db
      .select({ id: tenants.id })
      .from(tenants)
      .where(and(eq(tenants.id, tenantId), isNull(tenants.deletedAt)));
    if (!found) throw new NotFoundError('Tenant', tenantId);
  }
}
