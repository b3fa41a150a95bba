import { and, eq, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Clock } from '../clock';
import type { Database } from '../db/client';
import { variants } from '../db/schema';
import type { DecisionKind, VariantStatus } from '../enums';
import { ConflictError, InvariantViolationError } from '../errors';
import { type BrandScope, inBrand, isUniqueViolation, type Tx } from '../scope';
import type { ContentEngineDeps } from './deps';
import {
  CreateVariantInput,
  EARLIEST_PUBLICATION,
  type MarkVariantPublishedInput,
  type ScheduleVariantInput,
  type UpdateVariantTextInput,
  type VariantDTO,
} from './dto';
import { loadPackage, loadVariant, loadVariantDTO, type VariantRow } from './queries';

// The engine parses each request with its DTO schema before it reaches here.
type UpdateVariantTextRequest = z.output<typeof UpdateVariantTextInput>;
type ScheduleVariantRequest = z.output<typeof ScheduleVariantInput>;
type MarkPublishedRequest = z.output<typeof MarkVariantPublishedInput>;

/** Statuses after which a variant's text and schedule are final. */
const FINAL: readonly VariantStatus[] = ['published', 'rejected'];

/** The variant side of ContentEngine: drafting, editing, scheduling and publishing one variant. */
export class VariantWrites {
  constructor(
    private readonly db: Database,
    private readonly deps: Required<Pick<ContentEngineDeps, 'patterns' | 'decisions'>>,
    private readonly clock: Clock,
  ) {}

  async create(scope: BrandScope, input: CreateVariantInput): Promise<VariantDTO> {
    const draft = CreateVariantInput.parse(input);
    const pkg = await loadPackage(this.db, scope, draft.packageId);
    if (!pkg.channels.includes(draft.channel)) {
      throw new InvariantViolationError(`Package ${pkg.id} has no ${draft.channel} channel`, 'input');
    }
    if (draft.patternTemplateId) {
      await this.deps.patterns.assertPatternSupportsChannel(scope, { patternId: draft.patternTemplateId, channel: draft.channel });
    }
    const [created] = await this.db
      .insert(variants)
      .values({
        tenantId: scope.tenantId,
        brandId: scope.brandId,
        packageId: pkg.id,
        channel: draft.channel,
        status: 'draft',
        patternTemplateId: draft.patternTemplateId ?? null,
        rawPromptContext: draft.rawPromptContext ?? null,
        draftText: draft.draftText,
        rationale: draft.rationale ?? null,
        safetyFlags: draft.safetyFlags,
        generatedByModel: draft.generatedByModel ?? null,
        proposedAt: this.clock(),
      })
      .returning();
    return loadVariantDTO(this.db, scope, created!.id);
  }

  /** Sets the edited text; a draft becomes `edited`, later statuses keep theirs. Each edit is a `variant_edited` decision. */
  async updateText(scope: BrandScope, { variantId: id, text: editedText, decidedByUserId }: UpdateVariantTextRequest): Promise<VariantDTO> {
    return this.db.transaction(async (tx) => {
      const current = await loadVariant(tx, scope, id, true);
      refuseFinal(current, 'edited');
      const status = current.status === 'draft' ? 'edited' : current.status;
      const saved = await this.save(tx, scope, id, { editedText, status });
      await this.logDecision(tx, scope, 'variant_edited', current, decidedByUserId);
      return saved;
    });
  }

  async schedule(scope: BrandScope, { variantId: id, scheduledPublishAt: at }: ScheduleVariantRequest): Promise<VariantDTO> {
    if (at <= this.clock()) throw new InvariantViolationError('A variant can only be scheduled for a time in the future', 'input');
    return this.db.transaction(async (tx) => {
      refuseFinal(await loadVariant(tx, scope, id, true), 'scheduled');
      return this.save(tx, scope, id, { status: 'scheduled', scheduledPublishAt: at });
    });
  }

  /**
   * Records that the variant went out as `externalPostId`. One platform post belongs to one variant
   * per brand and channel; the unique index decides between two concurrent claims.
   */
  async markPublished(scope: BrandScope, request: MarkPublishedRequest): Promise<VariantDTO> {
    const { variantId: id, externalPostId: postId } = request;
    const now = this.clock();
    const at = request.publishedAt ?? now;
    if (at > now) throw new InvariantViolationError('publishedAt cannot lie in the future', 'input');
    if (at < EARLIEST_PUBLICATION) throw new InvariantViolationError('publishedAt cannot lie before 2000-01-01', 'input');
    try {
      return await this.db.transaction(async (tx) => {
        const current = await loadVariant(tx, scope, id, true);
        // A repeated mark for the same post (a retried request) is not a second publication.
        if (current.status === 'published' && current.externalPostId === postId) return loadVariantDTO(tx, scope, id);
        refuseFinal(current, 'published');
        await this.refuseTakenPostId(tx, scope, current, postId);
        const published = await this.save(tx, scope, id, { status: 'published', publishedAt: at, externalPostId: postId });
        await this.logDecision(tx, scope, 'variant_published', current, request.decidedByUserId);
        return published;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'variants_external_post_uq')) throw takenPostId(postId);
      throw error;
    }
  }

  /** Logs a decision about a variant with its package's pillar and persona, its channel and pattern. */
  private async logDecision(
    tx: Tx,
    scope: BrandScope,
    kind: Extract<DecisionKind, 'variant_edited' | 'variant_published'>,
    variant: VariantRow,
    userId: string | null | undefined,
  ): Promise<void> {
    const pkg = await loadPackage(tx, scope, variant.packageId);
    await this.deps.decisions.record(
      scope,
      {
        kind,
        opportunityId: pkg.originOpportunityId,
        packageId: pkg.id,
        variantId: variant.id,
        pillarId: pkg.pillarId,
        personaId: pkg.personaId,
        channel: variant.channel,
        patternId: variant.patternTemplateId,
        userId: userId ?? null,
      },
      tx,
    );
  }

  private async refuseTakenPostId(tx: Tx, scope: BrandScope, variant: VariantRow, postId: string): Promise<void> {
    const [taken] = await tx
      .select({ id: variants.id })
      .from(variants)
      .where(
        and(
          inBrand(variants, scope),
          eq(variants.channel, variant.channel),
          eq(variants.externalPostId, postId),
          ne(variants.id, variant.id),
        ),
      );
    if (taken) throw takenPostId(postId);
  }

  private async save(tx: Tx, scope: BrandScope, id: string, changes: Partial<typeof variants.$inferInsert>): Promise<VariantDTO> {
    await tx
      .update(variants)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(and(eq(variants.id, id), eq(variants.tenantId, scope.tenantId), eq(variants.brandId, scope.brandId)));
    return loadVariantDTO(tx, scope, id);
  }
}

function refuseFinal(variant: VariantRow, wanted: string): void {
  if (FINAL.includes(variant.status)) {
    throw new InvariantViolationError(`A ${variant.status} variant cannot be ${wanted}`, 'state');
  }
}

function takenPostId(postId: string): ConflictError {
  return new ConflictError(`External post ${postId} is already recorded for another variant of this channel`);
}
