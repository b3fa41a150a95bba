import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Clock } from '../clock';
import type { Database } from '../db/client';
import { variants } from '../db/schema';
import type { DecisionKind, VariantStatus } from '../enums';
import { InvariantViolationError } from '../errors';
import type { BrandScope, Tx } from '../scope';
import type { ContentEngineDeps } from './deps';
import { CreateVariantInput, type UpdateVariantTextInput, type VariantDTO } from './dto';
import { loadPackage, loadVariant, loadVariantDTO, type VariantRow } from './queries';

// The engine parses each request with its DTO schema before it reaches here.
type UpdateVariantTextRequest = z.output<typeof UpdateVariantTextInput>;

/** Statuses after which a variant's text and schedule are final. */
const FINAL: readonly VariantStatus[] = ['published', 'rejected'];

/** The variant side of ContentEngine: drafting and editing one variant (its lifecycle is lifecycle.ts). */
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

  /**
   * Sets the edited text; the variant becomes `edited`. An approved variant's approval was for the text
   * it had, so an edit takes it back (approvedText cleared; approve again). A scheduled variant is
   * unscheduled before its text changes. Each edit is a `variant_edited` decision.
   */
  async updateText(scope: BrandScope, { variantId: id, text: editedText, decidedByUserId }: UpdateVariantTextRequest): Promise<VariantDTO> {
    return this.db.transaction(async (tx) => {
      const current = await loadVariant(tx, scope, id, true);
      refuseFinal(current, 'edited');
      if (current.status === 'scheduled') {
        throw new InvariantViolationError('A scheduled variant cannot be edited; unschedule it first', 'state');
      }
      const saved = await this.save(tx, scope, id, { editedText, approvedText: null, status: 'edited' });
      await this.logDecision(tx, scope, 'variant_edited', current, decidedByUserId);
      return saved;
    });
  }

  /** Logs a decision about a variant with its package's pillar and persona, its channel and pattern. */
  private async logDecision(
    tx: Tx,
    scope: BrandScope,
    kind: Extract<DecisionKind, 'variant_edited'>,
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
