import { and, arrayOverlaps, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client';
import { patternTemplates } from '../db/schema';
import type { Channel } from '../enums';
import { ConflictError, ForbiddenError, InvariantViolationError, NotFoundError } from '../errors';
import { assertBrandLive, BrandScope, inBrand, isUniqueViolation } from '../scope';
import {
  CopySharedPatternInput,
  CreatePatternInput,
  ListLibraryInput,
  type PatternDTO,
  PatternForChannelInput,
  PatternPerformanceInput,
  type PatternRecommendation,
  PatternRef,
  RecommendPatternsForChannelsInput,
  RecommendPatternsInput,
  RetirePatternInput,
  UpdatePatternInput,
  UpsertPatternInput,
} from './dto';
import {
  assertTenant,
  byName,
  loadPersonaNotes,
  loadPillarCategory,
  loadVisiblePattern,
  meanDraftScoresByPattern,
  type PatternRow,
  toPatternDTO,
  visibleTo,
} from './queries';
import { rankPatterns } from './recommend';

/** The tenant whose shared library (patterns with brand_id null, seen by every brand of it) is written. */
const SharedLibraryOwner = z.object({ tenantId: z.uuid() });
type SharedLibraryOwner = z.infer<typeof SharedLibraryOwner>;

const channelSupported = (channel: Channel) => sql`${channel} = any(${patternTemplates.supportedChannels})`;

/** A brand's pattern names are unique ignoring case (migration 20261203000500_pattern_names.sql). */
const PATTERN_NAME_UNIQUE = 'pattern_templates_brand_name_uq';
const nameTaken = (name: string) =>
  new ConflictError(`The brand already has a pattern named "${name}" (names are unique within a brand, retired patterns included)`);

/**
 * The library of reusable post structures. A pattern belongs to one brand, or (brand_id null) is
 * shared by every brand of its tenant; a brand sees its own and the shared ones, never a sibling's.
 */
export class PatternsEngine {
  constructor(private readonly db: Database) {}

  /** The brand's library: its own patterns first, then the tenant's shared ones; each group by name. */
  async listLibrary(brand: BrandScope, input: ListLibraryInput = {}): Promise<PatternDTO[]> {
    const scope = BrandScope.parse(brand);
    const { status, channel } = ListLibraryInput.parse(input);
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
    const { channel, ...context } = RecommendPatternsInput.parse(input);
    return (await this.recommendPatternsForChannels(brand, { ...context, channels: [channel] }))[channel] ?? [];
  }

  /** `recommendPatternsForContext` for several channels of one piece of content, in one read of each kind. */
  async recommendPatternsForChannels(
    brand: BrandScope,
    input: RecommendPatternsForChannelsInput,
  ): Promise<Partial<Record<Channel, PatternRecommendation[]>>> {
    const scope = BrandScope.parse(brand);
    const { channels, pillarId, personaId, maxResults } = RecommendPatternsForChannelsInput.parse(input);
    // The reads are all of the brand's scope: they run beside the check that it is live, which alone can refuse.
    const [, candidates, pillarCategory, persona, draftScores] = await Promise.all([
      assertBrandLive(this.db, scope),
      this.db
        .select()
        .from(patternTemplates)
        .where(
          and(
            visibleTo(scope),
            inArray(patternTemplates.status, ['active', 'experimental']),
            arrayOverlaps(patternTemplates.supportedChannels, channels),
          ),
        ),
      pillarId ? loadPillarCategory(this.db, scope, pillarId) : null,
      personaId ? loadPersonaNotes(this.db, scope, personaId) : null,
      meanDraftScoresByPattern(this.db, scope, channels),
    ]);
    const patterns = candidates.map(toPatternDTO);
    return Object.fromEntries(
      channels.map((channel) => {
        const note = persona?.channelBiases[channel]?.trim();
        const context = {
          channel,
          pillarCategory,
          persona: persona && note ? { name: persona.name, channelNote: note } : null,
          draftScores: draftScores.get(channel),
        };
        return [channel, rankPatterns(patterns, context, maxResults)];
      }),
    );
  }

  /**
   * Creates a pattern of the tenant's shared library, or with `id` replaces the fields of one. The
   * app's pages never call this (they show the shared library read-only); the seed's data and support
   * tooling do. A brand's own patterns are written by the library methods below, and performance
   * figures by recordPatternPerformance.
   */
  async upsertSharedPattern(owner: SharedLibraryOwner, input: UpsertPatternInput): Promise<PatternDTO> {
    const { tenantId } = SharedLibraryOwner.parse(owner);
    const { id, ...fields } = UpsertPatternInput.parse(input);
    const values = { ...fields, exampleSnippet: fields.exampleSnippet ?? null, performanceHint: fields.performanceHint ?? null };
    await assertTenant(this.db, tenantId);
    const shared = and(eq(patternTemplates.tenantId, tenantId), isNull(patternTemplates.brandId), isNull(patternTemplates.deletedAt));
    if (id) {
      return this.saveNamed(id, values.name, () =>
        this.db
          .update(patternTemplates)
          .set({ ...values, updatedAt: sql`now()` })
          .where(and(eq(patternTemplates.id, id), shared))
          .returning(),
      );
    }
    return this.saveNamed(null, values.name, () =>
      this.db
        .insert(patternTemplates)
        .values({ ...values, tenantId, brandId: null, usageCount: 0 })
        .returning(),
    );
  }

  // ----- the library page: a brand's own patterns; shared ones are read-only through each of these -----

  /** A new pattern of the brand, with no usage yet. */
  async createPattern(brand: BrandScope, input: CreatePatternInput): Promise<PatternDTO> {
    const scope = BrandScope.parse(brand);
    const { channel, structure, exampleSnippet, ...fields } = CreatePatternInput.parse(input);
    await assertBrandLive(this.db, scope);
    return this.saveNamed(null, fields.name, () =>
      this.db
        .insert(patternTemplates)
        .values({
          ...fields,
          ...scope,
          beats: structure,
          supportedChannels: channel,
          exampleSnippet: exampleSnippet ?? null,
          usageCount: 0,
        })
        .returning(),
    );
  }

  /** Replaces the fields given; a status restores a retired pattern. The learned figures stay. */
  async updatePattern(brand: BrandScope, input: UpdatePatternInput): Promise<PatternDTO> {
    const scope = BrandScope.parse(brand);
    const { patternId, channel, structure, ...fields } = UpdatePatternInput.parse(input);
    const current = await this.loadOwnPattern(scope, patternId);
    // Undefined means "keep": Drizzle leaves such keys out of the update.
    const changes = { ...fields, beats: structure, supportedChannels: channel };
    if (Object.values(changes).every((value) => value === undefined)) return toPatternDTO(current);
    return this.saveNamed(patternId, changes.name ?? current.name, () =>
      this.db
        .update(patternTemplates)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(and(eq(patternTemplates.id, patternId), inBrand(patternTemplates, scope)))
        .returning(),
    );
  }

  /**
   * Takes the pattern out of recommendations for good (until a person sets a status again); the row,
   * its figures and the variants written with it stay. Retiring a retired pattern changes nothing.
   */
  async retirePattern(brand: BrandScope, input: RetirePatternInput): Promise<PatternDTO> {
    const scope = BrandScope.parse(brand);
    const { patternId } = RetirePatternInput.parse(input);
    const current = await this.loadOwnPattern(scope, patternId);
    if (current.status === 'retired') return toPatternDTO(current);
    return this.saveNamed(patternId, current.name, () =>
      this.db
        .update(patternTemplates)
        .set({ status: 'retired', updatedAt: sql`now()` })
        .where(and(eq(patternTemplates.id, patternId), inBrand(patternTemplates, scope)))
        .returning(),
    );
  }

  /**
   * A brand copy of a shared pattern, under the same name, to edit freely. A name the brand already
   * uses is a ConflictError rather than a "(copy)" suffix: the usual cause is a second click on a
   * pattern already copied, and a silent duplicate would leave two look-alikes in the library. The copy
   * starts with no usage: the shared pattern's figures came from its own posts.
   */
  async copySharedPattern(brand: BrandScope, input: CopySharedPatternInput): Promise<PatternDTO> {
    const scope = BrandScope.parse(brand);
    const { patternId } = CopySharedPatternInput.parse(input);
    const shared = await loadVisiblePattern(this.db, scope, patternId);
    if (shared.brandId !== null) {
      throw new InvariantViolationError(`Pattern "${shared.name}" is already the brand's own; only shared patterns are copied`, 'input');
    }
    if (shared.status === 'retired') {
      throw new InvariantViolationError(`Shared pattern "${shared.name}" is retired; only active or experimental patterns are copied`);
    }
    const { name, category, status, beats, supportedChannels, exampleSnippet, performanceHint } = shared;
    return this.saveNamed(null, name, () =>
      this.db
        .insert(patternTemplates)
        .values({ ...scope, name, category, status, beats, supportedChannels, exampleSnippet, performanceHint, usageCount: 0 })
        .returning(),
    );
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

  /**
   * The brand's own pattern, for a write. A shared one is visible to the brand, so refusing it as
   * missing would contradict the page that lists it: it is Forbidden, with the way out named.
   */
  private async loadOwnPattern(scope: BrandScope, patternId: string): Promise<PatternRow> {
    const row = await loadVisiblePattern(this.db, scope, patternId);
    if (row.brandId === null) {
      throw new ForbiddenError(
        `Pattern "${row.name}" is in the shared library, which is read-only here; copy it to the brand to change it`,
      );
    }
    return row;
  }

  /** Runs one write of a pattern named `name`, answering a name the brand already uses as a ConflictError. */
  private async saveNamed(patternId: string | null, name: string, write: () => Promise<PatternRow[]>): Promise<PatternDTO> {
    let rows: PatternRow[];
    try {
      rows = await write();
    } catch (error) {
      if (isUniqueViolation(error, PATTERN_NAME_UNIQUE)) throw nameTaken(name);
      throw error;
    }
    if (!rows[0]) throw new NotFoundError('Pattern', patternId ?? undefined);
    return toPatternDTO(rows[0]);
  }
}
