import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client';
import { brands, contentPillars, memberships, personas, tenants } from '../db/schema';
import { ConflictError, InvariantViolationError, NotFoundError } from '../errors';
import { BrandScope, brandIsLive, inBrand, isUniqueViolation, liveBrand } from '../scope';
import { brandSlug, channelsWithPrimary } from './brand-fields';
import {
  BrandStrategyView,
  type BrandSummary,
  type BrandWithStrategy,
  CreateBrandInput,
  ListPillarsInput,
  type PersonaDTO,
  type PillarDTO,
  UpdateBrandInput,
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
    return (await this.getBrandWithStrategy(brand)).strategy;
  }

  /** The brand and its strategy from one read of the brand row, for a page that shows both (the Today board). */
  async getBrandWithStrategy(brand: BrandScope): Promise<BrandWithStrategy> {
    const scope = BrandScope.parse(brand);
    // The lists are read beside the brand, not after it: they hold only the scope's rows, so when the
    // brand is not live its NotFound drops them, and the strategy costs one round trip instead of two.
    const [row, personaRows, pillarRows] = await Promise.all([
      loadBrand(this.db, scope),
      selectPersonas(this.db, scope),
      selectPillars(this.db, scope, false),
    ]);
    const strategy = BrandStrategyView.parse({
      ...row,
      brandId: row.id,
      brandName: row.name,
      personas: personaRows.map(toPersonaDTO),
      pillars: pillarRows.map(toPillarDTO),
    });
    return { brand: toBrandSummary(row), strategy };
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

  /**
   * A new brand of the tenant. Its strategy (positioning, tone, taboos, pillars, personas) starts empty:
   * the F0 flow writes it once the person has answered its questions.
   */
  async createBrand(tenantId: string, input: CreateBrandInput): Promise<BrandSummary> {
    const tenant = RowId.parse(tenantId);
    const { name, slug: givenSlug, primaryChannel, channels } = CreateBrandInput.parse(input);
    const slug = brandSlug(name, givenSlug);
    const values = { name, slug, primaryChannel, channels: channelsWithPrimary(channels, primaryChannel) };
    await this.assertTenant(tenant);
    const [row] = await this.db
      .insert(brands)
      .values({ ...values, tenantId: tenant, positioning: '', toneTags: [], taboos: [], metadata: {} })
      .returning()
      .catch((error: unknown) => this.refuseSlugClash(error, tenant, slug));
    return toBrandSummary(row!);
  }

  /** Changes the fields given; the brand's strategy is the strategy editor's. */
  async updateBrand(brand: BrandScope, input: UpdateBrandInput): Promise<BrandSummary> {
    const scope = BrandScope.parse(brand);
    const fields = UpdateBrandInput.parse(input);
    const current = await loadBrand(this.db, scope);
    const channelChange = fields.primaryChannel !== undefined || fields.channels !== undefined;
    const primaryChannel = fields.primaryChannel ?? current.primaryChannel;
    // A new list without the primary channel, and no new primary channel: the person dropped it from
    // the list, so adding it back (as a new primary channel is added) would undo what they did.
    if (fields.channels && !fields.primaryChannel && !fields.channels.some((entry) => entry.channel === primaryChannel)) {
      throw new InvariantViolationError(
        `channels: must keep the primary channel ${primaryChannel}; choose another primary channel first`,
        'input',
      );
    }
    const [row] = await this.db
      .update(brands)
      .set({
        ...(fields.name !== undefined ? { name: fields.name } : {}),
        ...(fields.slug !== undefined ? { slug: fields.slug } : {}),
        ...(fields.timeZone !== undefined ? { timeZone: fields.timeZone } : {}),
        ...(channelChange ? { primaryChannel, channels: channelsWithPrimary(fields.channels ?? current.channels, primaryChannel) } : {}),
        updatedAt: sql`now()`,
      })
      .where(liveBrand(scope))
      .returning()
      .catch((error: unknown) => this.refuseSlugClash(error, scope.tenantId, fields.slug ?? current.slug));
    // Archived or deleted between the read and the write.
    if (!row) throw new NotFoundError('Brand', scope.brandId);
    return toBrandSummary(row);
  }

  /**
   * Takes the brand out of use: from then on it is in no list, not in the learning cron's walk, and
   * every brand-scoped call answers NotFound for it (liveBrand). Its rows all stay.
   */
  async archiveBrand(brand: BrandScope): Promise<BrandSummary> {
    const scope = BrandScope.parse(brand);
    const [row] = await this.db.update(brands).set({ archivedAt: sql`now()`, updatedAt: sql`now()` }).where(liveBrand(scope)).returning();
    if (!row) throw new NotFoundError('Brand', scope.brandId);
    return toBrandSummary(row);
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
   * The live (not archived) brands of every live tenant the user is a member of, with the user's role there; by tenant
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
      .innerJoin(brands, and(eq(brands.tenantId, tenants.id), brandIsLive()))
      .where(and(eq(memberships.userId, user), isNull(memberships.deletedAt)))
      .orderBy(byName(tenants.name), asc(tenants.id), byName(brands.name), asc(brands.id));
    return rows.map((row) => UserBrandDTO.parse(row));
  }

  /**
   * A clash on the tenant's slugs becomes a ConflictError naming the slug. An archived brand keeps its
   * slug (its data stays, and it may come back), and the person cannot see it, so the message says so.
   */
  private async refuseSlugClash(error: unknown, tenantId: string, slug: string): Promise<never> {
    if (!isUniqueViolation(error, BRAND_SLUG_UNIQUE)) throw error;
    const [holder] = await this.db
      .select({ archivedAt: brands.archivedAt })
      .from(brands)
      .where(and(eq(brands.tenantId, tenantId), eq(brands.slug, slug)));
    throw new ConflictError(
      holder?.archivedAt
        ? `slug: "${slug}" belongs to an archived brand of this workspace; choose another slug`
        : `slug: the workspace already has a brand with the slug "${slug}"`,
    );
  }

  private async assertTenant(tenantId: string): Promise<void> {
    const [found] = await this.db
      .select({ id: tenants.id })
      .from(tenants)
      .where(and(eq(tenants.id, tenantId), isNull(tenants.deletedAt)));
    if (!found) throw new NotFoundError('Tenant', tenantId);
  }
}
