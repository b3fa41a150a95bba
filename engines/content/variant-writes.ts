import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Clock } from '../clock';
import type { Database } from '../db/client';
import { variants } from '../db/schema';
import type { DecisionKind, VariantStatus } from '../enums';
import { ConflictError, InvariantViolationError } from '../errors';
import type { BrandScope, Tx } from '../scope';
import { aboutVariant } from './decision-subject';
import type { ContentEngineDeps } from './deps';
import { CreateVariantsInput, type UpdateVariantTextInput, type VariantDTO } from './dto';
import { loadPackage, loadVariant, loadVariantDTO, toVariantDTO, type VariantRow } from './queries';

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

  /**
   * Stores drafts of one package in one insert, in the order given (the order lists show them); each
   * draft's pattern, when it names one, must support the draft's channel.
   */
  async create(scope: BrandScope, input: CreateVariantsInput): Promise<VariantDTO[]> {
    const { packageId, variants: drafts } = CreateVariantsInput.parse(input);
    const pkg = await loadPackage(this.db, scope, packageId);
    const foreign = drafts.find((draft) => !pkg.channels.includes(draft.channel));
    if (foreign) throw new InvariantViolationError(`Package ${pkg.id} has no ${foreign.channel} channel`, 'input');
    const patternNames = new Map<string, string>();
    const patternChannels = new Map(
      drafts.flatMap((draft) => (draft.patternTemplateId ? [[`${draft.patternTemplateId}:${draft.channel}`, draft]] : [])),
    );
    await Promise.all(
      [...patternChannels.values()].map(async ({ patternTemplateId: patternId, channel }) => {
        const pattern = await this.deps.patterns.assertPatternSupportsChannel(scope, { patternId: patternId!, channel });
        patternNames.set(pattern.id, pattern.name);
      }),
    );
    const proposedAt = this.clock();
    const rows = await this.db
      .insert(variants)
      .values(
        drafts.map((draft, index) => ({
          tenantId: scope.tenantId,
          brandId: scope.brandId,
          packageId: pkg.id,
          channel: draft.channel,
          status: 'draft' as const,
          patternTemplateId: draft.patternTemplateId ?? null,
          rawPromptContext: draft.rawPromptContext ?? null,
          draftText: draft.draftText,
          rationale: draft.rationale ?? null,
          safetyFlags: draft.safetyFlags,
          generatedByModel: draft.generatedByModel ?? null,
          proposedAt,
          // One insert gives every row the transaction's now(); a microsecond apiece keeps the drafts
          // in the order given, since a package's variants are listed by created_at.
          createdAt: sql`now() + ${index}::integer * interval '1 microsecond'`,
        })),
      )
      .returning();
    // RETURNING gives the rows in the order of the VALUES list.
    return rows.map((row) =>
      toVariantDTO({ ...row, patternName: row.patternTemplateId ? (patternNames.get(row.patternTemplateId) ?? null) : null }),
    );
  }

  /**
   * Sets the edited text; the variant becomes `edited`. An approved variant's approval was for the text
   * it had, so an edit takes it back (approvedText cleared; approve again). A scheduled variant is
   * unscheduled before its text changes. Each edit is a `variant_edited` decision.
   */
  async updateText(
    scope: BrandScope,
    { variantId: id, text: editedText, expectedUpdatedAt, decidedByUserId }: UpdateVariantTextRequest,
  ): Promise<VariantDTO> {
    return this.db.transaction(async (tx) => {
      const current = await loadVariant(tx, scope, id, true);
      refuseFinal(current, 'edited');
      // Autosave may send the same text twice (a save on leaving the page, then again on coming back):
      // the second changes nothing, so it is neither a conflict nor another decision.
      if (current.status === 'edited' && current.editedText === editedText) return loadVariantDTO(tx, scope, id);
      if (expectedUpdatedAt && current.updatedAt.getTime() !== expectedUpdatedAt.getTime()) {
        throw new ConflictError('Someone else changed this draft after you opened it');
      }
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
    await this.deps.decisions.record(scope, { kind, ...aboutVariant(pkg, variant), userId: userId ?? null }, tx);
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
