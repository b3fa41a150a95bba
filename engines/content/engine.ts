import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Clock, systemClock } from '../clock';
import type { Database } from '../db/client';
import { brands, contentPackages } from '../db/schema';
import { DecisionsEngine } from '../decisions/engine';
import { ConflictError, NotFoundError } from '../errors';
import type { OpportunityDTO } from '../opportunities/dto';
import { assertBrandLive, BrandScope, inBrand, liveBrand } from '../scope';
import { type AddPackageChannelInput, addPackageChannel } from './add-channel';
import { aboutPackage } from './decision-subject';
import type { ContentEngineDeps } from './deps';
import {
  CreatePackageFromOpportunityInput,
  type CreatePackageResult,
  CreateVariantInput,
  type CreateVariantsInput,
  ListPackagesInput,
  MarkVariantPublishedInput,
  PackageDecisionInput,
  type PackageDTO,
  type PackageHistoryEntry,
  PackageRef,
  type PackageWorkspaceView,
  RejectVariantInput,
  RetireDraftsInput,
  ScheduleVariantInput,
  UpdatePackageStatusInput,
  UpdatePackageThesisInput,
  UpdateVariantTextInput,
  VariantDecisionInput,
  type VariantDTO,
  VariantRef,
  type WorkspaceViewOptions,
} from './dto';
import { listPackageLibrary } from './library';
import { exportLibraryCsv } from './library-csv';
import type { ExportPackageLibraryInput, LibraryCsv, ListPackageLibraryInput, PackageLibraryPage } from './library-dto';
import { PackageLifecycle } from './lifecycle';
import { discardUntouchedPackage, retireUntouchedDrafts } from './package-cleanup';
import { type PackageMarkdown, packageMarkdown } from './package-markdown';
import { loadPackage, loadVariantDTO, selectPackageVariants, toPackageDTO, toVariantDTO } from './queries';
import { VariantWrites } from './variant-writes';
import { buildWorkspaceView } from './workspace';

/**
 * Content packages (the thesis and channels made from one opportunity) and their per-channel
 * variants. The package status follows its variants: it can only claim "scheduled" or "published"
 * once a variant is.
 */
export class ContentEngine {
  private readonly clock: Clock;
  private readonly variantWrites: VariantWrites;
  private readonly lifecycle: PackageLifecycle;
  private readonly decisions: Pick<DecisionsEngine, 'record'>;

  constructor(
    private readonly db: Database,
    private readonly deps: ContentEngineDeps,
  ) {
    this.clock = deps.clock ?? systemClock;
    this.decisions = deps.decisions ?? new DecisionsEngine(db, { clock: this.clock });
    this.variantWrites = new VariantWrites(db, { patterns: deps.patterns, decisions: this.decisions }, this.clock);
    this.lifecycle = new PackageLifecycle(db, this.decisions, this.clock);
  }

  /** The brand's packages, newest first. */
  async listPackagesForBrand(brand: BrandScope, input: ListPackagesInput = {}): Promise<PackageDTO[]> {
    const scope = BrandScope.parse(brand);
    const { status, limit, offset } = ListPackagesInput.parse(input);
    // Read from the brand row, so the brand check is this statement's (F1 sends it on every Today page
    // view): no row while the brand is not live, one without a package while it is and has none.
    const rows = await this.db
      .select({ pkg: contentPackages })
      .from(brands)
      .leftJoin(contentPackages, and(inBrand(contentPackages, scope), status ? eq(contentPackages.status, status) : undefined))
      .where(liveBrand(scope))
      .orderBy(desc(contentPackages.createdAt), desc(contentPackages.id))
      .limit(limit)
      .offset(offset);
    // A page past the last one is empty for a live brand too: only then is the brand asked on its own.
    if (rows.length === 0 && offset === 0) throw new NotFoundError('Brand', scope.brandId);
    if (rows.length === 0) await assertBrandLive(this.db, scope);
    return rows.flatMap(({ pkg }) => (pkg ? [toPackageDTO(pkg)] : []));
  }

  /** The package library: a page of the brand's packages by last change, filtered (library.ts). */
  async listLibrary(brand: BrandScope, input: ListPackageLibraryInput): Promise<PackageLibraryPage> {
    return listPackageLibrary(this.db, BrandScope.parse(brand), input);
  }

  /** A new channel at the end of the package's channels, without drafts yet (add-channel.ts). */
  async addPackageChannel(brand: BrandScope, input: AddPackageChannelInput): Promise<PackageDTO> {
    return addPackageChannel(this.db, BrandScope.parse(brand), input);
  }

  /** The package as a Markdown document to share (package-markdown.ts). */
  async exportPackageMarkdown(brand: BrandScope, input: PackageRef): Promise<PackageMarkdown> {
    const view = await buildWorkspaceView(this.db, this.deps, BrandScope.parse(brand), PackageRef.parse(input).packageId, {});
    return packageMarkdown(view, this.clock());
  }

  /** The library under the same filters as CSV, for a spreadsheet (library-csv.ts). */
  async exportLibraryCsv(brand: BrandScope, input: ExportPackageLibraryInput): Promise<LibraryCsv> {
    return exportLibraryCsv(this.db, BrandScope.parse(brand), input, this.clock);
  }

  async getPackage(brand: BrandScope, input: PackageRef): Promise<PackageDTO> {
    return toPackageDTO(await loadPackage(this.db, BrandScope.parse(brand), PackageRef.parse(input).packageId));
  }

  /**
   * A draft package for a live opportunity of the brand. With an idempotency key, a retry returns the
   * package the first call made (`created: false`). Concurrent calls race on the unique
   * (brand_id, idempotency_key) index rather than on a read-then-insert, so exactly one row is made;
   * a key reused for a different opportunity or channel set is refused, never mapped to the first.
   * A new package is logged as the decision `opened_as_package`, in the insert's transaction.
   */
  async createPackageFromOpportunity(brand: BrandScope, input: CreatePackageFromOpportunityInput): Promise<CreatePackageResult> {
    const scope = BrandScope.parse(brand);
    const request = CreatePackageFromOpportunityInput.parse(input);
    if (request.idempotencyKey) {
      const earlier = await this.packageForKey(scope, request.idempotencyKey);
      if (earlier) return { package: sameRequestOrConflict(earlier, request), created: false };
    }
    const opportunity = await this.deps.opportunities.getOpportunity(scope, { opportunityId: request.opportunityId });
    if (!isLive(opportunity, this.clock())) throw new NotFoundError('Opportunity', request.opportunityId);
    const inserted = await this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(contentPackages)
        .values({
          tenantId: scope.tenantId,
          brandId: scope.brandId,
          title: opportunity.title,
          status: 'draft',
          originOpportunityId: opportunity.id,
          personaId: opportunity.personaId,
          pillarId: opportunity.pillarId,
          channels: request.channels,
          keyPoints: [],
          risksToAvoid: [],
          ownerUserId: request.createdByUserId,
          createdVia: 'from_opportunity',
          idempotencyKey: request.idempotencyKey ?? null,
        })
        .onConflictDoNothing({ target: [contentPackages.brandId, contentPackages.idempotencyKey] })
        .returning();
      if (row) {
        // Opening is about the opportunity's own channel, whichever channels the package drafts for.
        const opened = { ...aboutPackage(row), channel: opportunity.primaryChannel };
        await this.decisions.record(scope, { kind: 'opened_as_package', ...opened, userId: request.createdByUserId }, tx);
      }
      return row;
    });
    if (inserted) return { package: toPackageDTO(inserted), created: true };
    // Lost the race to a concurrent call with the same key; its insert has committed by now.
    const winner = await this.packageForKey(scope, request.idempotencyKey!);
    if (!winner) throw new ConflictError(`Idempotency key ${request.idempotencyKey} belongs to a deleted package`);
    return { package: sameRequestOrConflict(winner, request), created: false };
  }

  /**
   * The package an earlier call made with this idempotency key, or null when the key is new: a
   * retry is answered before any drafting starts. The key used for another opportunity or channel
   * set is refused (CONFLICT), as in `createPackageFromOpportunity`.
   */
  async findPackageForKey(brand: BrandScope, input: CreatePackageFromOpportunityInput): Promise<PackageDTO | null> {
    const scope = BrandScope.parse(brand);
    const request = CreatePackageFromOpportunityInput.parse(input);
    if (!request.idempotencyKey) return null;
    const earlier = await this.packageForKey(scope, request.idempotencyKey);
    return earlier ? sameRequestOrConflict(earlier, request) : null;
  }

  async updatePackageThesis(brand: BrandScope, input: UpdatePackageThesisInput): Promise<PackageDTO> {
    const scope = BrandScope.parse(brand);
    const thesis = UpdatePackageThesisInput.parse(input);
    const [updated] = await this.db
      .update(contentPackages)
      .set({
        coreArgument: thesis.coreArgument,
        keyPoints: thesis.keyPoints,
        risksToAvoid: thesis.risksToAvoid,
        updatedAt: sql`now()`,
      })
      .where(and(eq(contentPackages.id, thesis.packageId), inBrand(contentPackages, scope)))
      .returning();
    if (!updated) throw new NotFoundError('Package', thesis.packageId);
    return toPackageDTO(updated);
  }

  /**
   * Moves the package along draft → in_review → approved, or back to draft with a note; scheduled and
   * published follow from its variants, archived is `archivePackage`. Moves into review and approval
   * need an override when a draft breaks a hard rule. Each move is a decision (lifecycle.ts).
   */
  async updatePackageStatus(brand: BrandScope, input: UpdatePackageStatusInput): Promise<PackageDTO> {
    return this.lifecycle.setStatus(BrandScope.parse(brand), UpdatePackageStatusInput.parse(input));
  }

  /** Archives the package from any state (not twice); restore returns it to that state. */
  async archivePackage(brand: BrandScope, input: PackageDecisionInput): Promise<PackageDTO> {
    return this.lifecycle.archive(BrandScope.parse(brand), PackageDecisionInput.parse(input));
  }

  async restorePackage(brand: BrandScope, input: PackageDecisionInput): Promise<PackageDTO> {
    return this.lifecycle.restore(BrandScope.parse(brand), PackageDecisionInput.parse(input));
  }

  /** The package's lifecycle as people took it, newest first: who, when, note or override. */
  async getPackageHistory(brand: BrandScope, input: PackageRef): Promise<PackageHistoryEntry[]> {
    return this.lifecycle.history(BrandScope.parse(brand), PackageRef.parse(input).packageId);
  }

  async createVariant(brand: BrandScope, input: CreateVariantInput): Promise<VariantDTO> {
    const { packageId, ...draft } = CreateVariantInput.parse(input);
    const [created] = await this.variantWrites.create(BrandScope.parse(brand), { packageId, variants: [draft] });
    return created!;
  }

  /** Drafts of one package stored in one write, in the order given (F2 stores a build's drafts so). */
  async createVariants(brand: BrandScope, input: CreateVariantsInput): Promise<VariantDTO[]> {
    return this.variantWrites.create(BrandScope.parse(brand), input);
  }

  async updateVariantText(brand: BrandScope, input: UpdateVariantTextInput): Promise<VariantDTO> {
    return this.variantWrites.updateText(BrandScope.parse(brand), UpdateVariantTextInput.parse(input));
  }

  /** The variant went out (post link and/or platform id); the package becomes published. */
  async markVariantPublished(brand: BrandScope, input: MarkVariantPublishedInput): Promise<VariantDTO> {
    return this.lifecycle.markPublished(BrandScope.parse(brand), MarkVariantPublishedInput.parse(input));
  }

  /** Schedules or reschedules a variant at a wall time on the brand's clock; the package becomes scheduled. */
  async scheduleVariant(brand: BrandScope, input: ScheduleVariantInput): Promise<VariantDTO> {
    return this.lifecycle.schedule(BrandScope.parse(brand), ScheduleVariantInput.parse(input));
  }

  async unscheduleVariant(brand: BrandScope, input: VariantDecisionInput): Promise<VariantDTO> {
    return this.lifecycle.unschedule(BrandScope.parse(brand), VariantDecisionInput.parse(input));
  }

  /** Sets a draft aside for good, with an optional note. */
  async rejectVariant(brand: BrandScope, input: RejectVariantInput): Promise<VariantDTO> {
    return this.lifecycle.rejectVariant(BrandScope.parse(brand), RejectVariantInput.parse(input));
  }

  /** Approves one draft on its own (a package's approval approves all its drafts). */
  async approveVariant(brand: BrandScope, input: VariantDecisionInput): Promise<VariantDTO> {
    return this.lifecycle.approveVariant(BrandScope.parse(brand), VariantDecisionInput.parse(input));
  }

  /** The package's variants, oldest first. */
  async listVariantsForPackage(brand: BrandScope, input: PackageRef): Promise<VariantDTO[]> {
    const scope = BrandScope.parse(brand);
    const pkg = await loadPackage(this.db, scope, PackageRef.parse(input).packageId);
    return (await selectPackageVariants(this.db, scope, pkg.id)).map(toVariantDTO);
  }

  async getVariant(brand: BrandScope, input: VariantRef): Promise<VariantDTO> {
    return loadVariantDTO(this.db, BrandScope.parse(brand), VariantRef.parse(input).variantId);
  }

  /** Undoes a build that failed half-way: the untouched package and its drafts are removed. */
  async discardUntouchedPackage(brand: BrandScope, input: PackageRef): Promise<void> {
    return discardUntouchedPackage(this.db, BrandScope.parse(brand), PackageRef.parse(input).packageId);
  }

  /** Regeneration replaces a channel's untouched drafts made before `createdBefore` (all but `keep`); edited work stays. */
  async retireUntouchedDrafts(brand: BrandScope, input: RetireDraftsInput): Promise<string[]> {
    const { packageId, channel, keep, createdBefore } = RetireDraftsInput.parse(input);
    return retireUntouchedDrafts(this.db, BrandScope.parse(brand), packageId, channel, keep, createdBefore);
  }

  /** The package's workspace; `warnings` are the soft errors of the run that built it. */
  async getPackageWorkspaceView(brand: BrandScope, input: PackageRef & WorkspaceViewOptions): Promise<PackageWorkspaceView> {
    return buildWorkspaceView(this.db, this.deps, BrandScope.parse(brand), PackageRef.parse(input).packageId, input);
  }

  private async packageForKey(scope: BrandScope, idempotencyKey: string) {
    const [row] = await this.db
      .select()
      .from(contentPackages)
      .where(and(inBrand(contentPackages, scope), eq(contentPackages.idempotencyKey, idempotencyKey)));
    return row;
  }
}

function sameRequestOrConflict(
  existing: typeof contentPackages.$inferSelect,
  request: z.infer<typeof CreatePackageFromOpportunityInput>,
): PackageDTO {
  const sameChannels = existing.channels.length === request.channels.length && request.channels.every((c) => existing.channels.includes(c));
  if (existing.originOpportunityId !== request.opportunityId || !sameChannels) {
    throw new ConflictError(`Idempotency key ${request.idempotencyKey} was already used for a different opportunity or channel set`);
  }
  return toPackageDTO(existing);
}

/** Live as the Today board means it: not snoozed, not dismissed and not expired (a deleted one is not found at all). */
function isLive(opportunity: OpportunityDTO, now: Date): boolean {
  return !opportunity.isSnoozed && opportunity.dismissedAt === null && (opportunity.expiresAt === null || opportunity.expiresAt > now);
}
