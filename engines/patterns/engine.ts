import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client';
import { patternTemplates } from '../db/schema';
import type { Channel } from '../enums';
import { InvariantViolationError, NotFoundError } from '../errors';
import { assertBrandLive, BrandScope } from '../scope';
import {
  ListPatternsInput,
  type PatternDTO,
  PatternForChannelInput,
  PatternPerformanceInput,
  type PatternRecommendation,
  PatternRef,
  RecommendPatternsInput,
  UpsertPatternInput,
} from './dto';
import { assertTenant, byName, loadPersonaNote, loadPillarCategory, loadVisiblePattern, toPatternDTO, visibleTo } from './queries';
import { rankPatterns } from './recommend';

/** A pattern's owner: one brand of the tenant, or (brandId null) every brand of the tenant. */
const PatternOwner = z.object({ tenantId: z.uuid(), brandId: z.uuid().nullable() });
type PatternOwner = z.infer<typeof PatternOwner>;

const channelSupported = (channel: Channel) => sql`${channel} = any(${patternTemplates.supportedChannels})`;

/**
 * The library of reusable post structures. A pattern belongs to one brand, or (brand_id null) is
 * shared by every brand of its tenant; a brand sees its own and the shared ones, never a sibling's.
 */
export class PatternsEngine {
  constructor(private readonly db: Database) {}

  /** The brand's own patterns first, then the shared ones; each group by name. */
  async listPatterns(brand: BrandScope, input: ListPatternsInput = {}): Promise<PatternDTO[]> {
    const scope = BrandScope.parse(brand);
    const { status, channel } = ListPatternsInput.parse(input);
    await assertBrandLive(this.db, scope);
    const rows = await this.db
      .select()
      .from(patternTemplates)
      .where(
        and(visibleTo(scope), status ? eq(patternTemplates.status, status) : undefined, channel ? channelSupported(channel) : undefined),
      )
      .orderBy(sql`${patternTemplates.brandId} is null`, byName(patternTemplates.name), asc(patternTemplates.id));
    return rows.map(toPatternDTO);
  }

  async getPattern(brand: BrandScope, input: PatternRef): Promise<PatternDTO> {
    const scope = BrandScope.parse(brand);
    return toPatternDTO(await loadVisiblePattern(this.db, scope, PatternRef.parse(input).patternId));
  }

  /**
   * The pattern, provided the brand can see it and it supports `channel`. ContentEngine calls this
   * before a variant is stored with a pattern, so no variant is written in a structure its channel
   * cannot carry.
   */
  async assertPatternSupportsChannel(brand: BrandScope, input: PatternForChannelInput): Promise<PatternDTO> {
    const scope = BrandScope.parse(brand);
    const { patternId, channel: wanted } = PatternForChannelInput.parse(input);
    const pattern = toPatternDTO(await loadVisiblePattern(this.db, scope, patternId));
    if (!pattern.supportedChannels.includes(wanted)) {
      throw new InvariantViolationError(`Pattern "${pattern.name}" does not support ${wanted}`, 'input');
    }
    return pattern;
  }

  /**
   * The best patterns for writing on `channel`, scored and explained by the policy in recommend.ts.
   * The pillar and persona, when given, must be the brand's.
   */
  async recommendPatternsForContext(brand: BrandScope, input: RecommendPatternsInput): Promise<PatternRecommendation[]> {
    const scope = BrandScope.parse(brand);
    const { channel, pillarId, personaId, maxResults } = RecommendPatternsInput.parse(input);
    await assertBrandLive(this.db, scope);
    const [candidates, pillarCategory, persona] = await Promise.all([
      this.db
        .select()
        .from(patternTemplates)
        .where(and(visibleTo(scope), inArray(patternTemplates.status, ['active', 'experimental']), channelSupported(channel))),
      pillarId ? loadPillarCategory(this.db, scope, pillarId) : null,
      personaId ? loadPersonaNote(this.db, scope, personaId, channel) : null,
    ]);
    return rankPatterns(candidates.map(toPatternDTO), { channel, pillarCategory, persona }, maxResults);
  }

  /**
   * Creates a pattern of the brand (or, with brandId null, one shared by the tenant's brands), or with
   * `id` replaces the fields of that pattern. An update stays in its scope: a brand cannot take over
   * a shared pattern, and performance figures are left to recordPatternPerformance.
   */
  async upsertPattern(owner: PatternOwner, input: UpsertPatternInput): Promise<PatternDTO> {
    const scope = PatternOwner.parse(owner);
    const { id, ...fields } = UpsertPatternInput.parse(input);
    const values = { ...fields, exampleSnippet: fields.exampleSnippet ?? null, performanceHint: fields.performanceHint ?? null };
    if (scope.brandId) await assertBrandLive(this.db, { tenantId: scope.tenantId, brandId: scope.brandId });
    else await assertTenant(this.db, scope.tenantId);
    if (id) {
      await this.assertInScope(scope, id);
      const [row] = await this.db
        .update(patternTemplates)
        .set({ ...values, updatedAt: sql`now()` })
        .where(and(eq(patternTemplates.id, id), eq(patternTemplates.tenantId, scope.tenantId), isNull(patternTemplates.deletedAt)))
        .returning();
      if (!row) throw new NotFoundError('Pattern', id);
      return toPatternDTO(row);
    }
    const [row] = await this.db
      .insert(patternTemplates)
      .values({ ...values, tenantId: scope.tenantId, brandId: scope.brandId, usageCount: 0 })
      .returning();
    return toPatternDTO(row!);
  }

  /**
   * Replaces the pattern's usage and engagement figures with the ones learning computed. A shared
   * pattern is visible to the brand, so the brand's learning run may record on it too.
   */
  async recordPatternPerformance(brand: BrandScope, input: PatternPerformanceInput): Promise<PatternDTO> {
    const scope = BrandScope.parse(brand);
    const { patternId: id, ...figures } = PatternPerformanceInput.parse(input);
    await loadVisiblePattern(this.db, scope, id);
    const [row] = await this.db
      .update(patternTemplates)
      .set({ ...figures, updatedAt: sql`now()` })
      .where(and(eq(patternTemplates.id, id), visibleTo(scope)))
      .returning();
    if (!row) throw new NotFoundError('Pattern', id);
    return toPatternDTO(row);
  }

  /** Refuses an update of a pattern outside `scope`: NotFound unless the caller can see it at all. */
  private async assertInScope(scope: PatternOwner, patternId: string): Promise<void> {
    const [row] = await this.db
      .select({ brandId: patternTemplates.brandId })
      .from(patternTemplates)
      .where(and(eq(patternTemplates.id, patternId), eq(patternTemplates.tenantId, scope.tenantId), isNull(patternTemplates.deletedAt)));
    if (!row) throw new NotFoundError('Pattern', patternId);
    if (row.brandId === scope.brandId) return;
    if (row.brandId === null) {
      throw new InvariantViolationError(`Pattern ${patternId} is shared by the tenant's brands; edit it without a brand`, 'input');
    }
    throw new NotFoundError('Pattern', patternId);
  }
}
