import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { CHANNEL_LABELS } from '../../lib/labels';
import {
  APPROVED_VARIANT,
  CHECKED_MOVES,
  FINAL_VARIANT,
  isPackageMove,
  PACKAGE_STATUS_LABELS,
  SCHEDULABLE_PACKAGE,
  VARIANT_APPROVABLE_PACKAGE,
} from '../../lib/package-lifecycle';
import { formatInTimeZone, fromWallTime } from '../../lib/time-zones';
import type { Clock } from '../clock';
import type { Database } from '../db/client';
import { brands, contentPackages, decisions, userProfiles, variants } from '../db/schema';
import type { DecisionsEngine } from '../decisions/engine';
import type { DecisionKind, PackageStatus, VariantStatus } from '../enums';
import { ConflictError, InvariantViolationError, NotFoundError, OverrideRequiredError } from '../errors';
import { type BrandScope, inBrand, isUniqueViolation, liveBrand, type Tx } from '../scope';
import { aboutPackage, aboutVariant, type DecisionSubject } from './decision-subject';
import {
  activeText,
  EARLIEST_PUBLICATION,
  type MarkVariantPublishedInput,
  type Override,
  type PackageDecisionInput,
  type PackageDTO,
  PackageHistoryEntry,
  type RejectVariantInput,
  type ScheduleVariantInput,
  type UpdatePackageStatusInput,
  type VariantDecisionInput,
  type VariantDTO,
} from './dto';
import { loadPackage, loadVariant, loadVariantDTO, type PackageRow, selectPackageVariants, toPackageDTO, type VariantRow } from './queries';
import { draftHardFailures } from './rubric';
import { type BrandRules, RubricEngine } from './rubric/engine';

// The engine parses each request with its DTO schema before it reaches here.
type StatusRequest = z.output<typeof UpdatePackageStatusInput>;
type PackageDecisionRequest = z.output<typeof PackageDecisionInput>;
type VariantDecisionRequest = z.output<typeof VariantDecisionInput>;
type ScheduleRequest = z.output<typeof ScheduleVariantInput>;
type RejectRequest = z.output<typeof RejectVariantInput>;
type PublishRequest = z.output<typeof MarkVariantPublishedInput>;

/** The most history entries one package shows. */
const HISTORY_LIMIT = 200;

/**
 * The package lifecycle: draft → in_review → approved (or back to draft with a note) → scheduled when a
 * variant is scheduled → published when any variant is; archived and restored from any state. Every
 * step is a decision in the log (the package's history). Moves into review, approval, scheduling and
 * publishing check the drafts against the draft rubric's hard rules (lib/draft-rules.ts, the same the
 * guard rail and the editor use); a person may go ahead with `override: {reason}`, which is recorded
 * with the list it overrode.
 *
 * Variants: approving the package approves its drafts (draft/edited → approved, the text fixed as
 * approvedText); a draft added or edited later is approved on its own (variants.approve). Editing an
 * approved draft takes the approval back (it is edited again); a scheduled one is unscheduled first.
 */
export class PackageLifecycle {
  /**
   * What a draft is held to: the rubric's rules for the brand, read before a step's transaction (a
   * single-connection database would wait on its own lock); each draft is checked on its own channel.
   */
  private readonly rubric: Pick<RubricEngine, 'brandRules'>;

  constructor(
    private readonly db: Database,
    private readonly decisions: Pick<DecisionsEngine, 'record'>,
    private readonly clock: Clock,
  ) {
    this.rubric = new RubricEngine(db, { clock, decisions });
  }

  async setStatus(scope: BrandScope, request: StatusRequest): Promise<PackageDTO> {
    const { packageId, status: to, note, override, decidedByUserId } = request;
    if (to === 'archived') return this.archive(scope, { packageId, decidedByUserId });
    const rules = await this.rubric.brandRules(scope);
    return this.db.transaction(async (tx) => {
      const pkg = await loadPackage(tx, scope, packageId, true);
      const from = pkg.status;
      if (from === to) return toPackageDTO(pkg);
      refuseArchived(pkg);
      if (to === 'scheduled' || to === 'published') {
        throw new InvariantViolationError(
          `A package becomes ${to} when one of its variants is ${to === 'scheduled' ? 'scheduled' : 'marked published'}; it is not set directly`,
          'state',
        );
      }
      if (!isPackageMove(from, to)) {
        throw new InvariantViolationError(
          `A package cannot move from ${PACKAGE_STATUS_LABELS[from].toLowerCase()} to ${PACKAGE_STATUS_LABELS[to].toLowerCase()}`,
          'state',
        );
      }
      if (to === 'draft' && !note) throw new InvariantViolationError('note: say why the package goes back to draft', 'input');
      const packageVariants = await selectPackageVariants(tx, scope, pkg.id);
      const open = packageVariants.filter((variant) => !FINAL_VARIANT.includes(variant.status));
      if (to === 'approved' && open.length === 0) {
        throw new InvariantViolationError('A package needs at least one draft that is not rejected or published to be approved', 'state');
      }
      let overridden: string[] = [];
      if (CHECKED_MOVES.includes(to)) {
        const verb = to === 'in_review' ? 'send it to review' : 'approve it';
        overridden = requireOverride(this.violations(rules, packageVariants, open), override, verb);
      }
      const updated = await savePackage(tx, scope, pkg.id, { status: to });
      if (to === 'approved') await this.approveDrafts(tx, scope, open);
      if (to === 'draft') await this.withdrawApprovals(tx, scope, packageVariants);
      const kind: DecisionKind = to === 'in_review' ? 'sent_to_review' : to === 'approved' ? 'approved' : 'sent_back_to_draft';
      await this.record(tx, scope, kind, aboutPackage(pkg), decidedByUserId, { reason: override?.reason ?? note, overridden });
      return toPackageDTO(updated);
    });
  }

  /** Archives the package from whatever state it is in, remembering that state for a restore. */
  async archive(scope: BrandScope, { packageId, decidedByUserId }: PackageDecisionRequest): Promise<PackageDTO> {
    return this.db.transaction(async (tx) => {
      const pkg = await loadPackage(tx, scope, packageId, true);
      if (pkg.status === 'archived') throw new InvariantViolationError('The package is already archived', 'state');
      const updated = await savePackage(tx, scope, pkg.id, { status: 'archived', archivedFrom: pkg.status });
      await this.record(tx, scope, 'archived', aboutPackage(pkg), decidedByUserId);
      return toPackageDTO(updated);
    });
  }

  /** Returns an archived package to the state it had when it was archived. */
  async restore(scope: BrandScope, { packageId, decidedByUserId }: PackageDecisionRequest): Promise<PackageDTO> {
    return this.db.transaction(async (tx) => {
      const pkg = await loadPackage(tx, scope, packageId, true);
      if (pkg.status !== 'archived') throw new InvariantViolationError('Only an archived package can be restored', 'state');
      const updated = await savePackage(tx, scope, pkg.id, { status: pkg.archivedFrom ?? 'draft', archivedFrom: null });
      await this.record(tx, scope, 'restored', aboutPackage(pkg), decidedByUserId);
      return toPackageDTO(updated);
    });
  }

  /** Approves one draft on its own, once its package has gone to review. */
  async approveVariant(scope: BrandScope, { variantId, override, decidedByUserId }: VariantDecisionRequest): Promise<VariantDTO> {
    const rules = await this.rubric.brandRules(scope);
    return this.db.transaction(async (tx) => {
      const { variant, pkg } = await this.lockVariantAndPackage(tx, scope, variantId);
      if (variant.status === 'approved') return loadVariantDTO(tx, scope, variant.id);
      if (variant.status !== 'draft' && variant.status !== 'edited') {
        throw new InvariantViolationError(`A ${variant.status} variant cannot be approved`, 'state');
      }
      if (!VARIANT_APPROVABLE_PACKAGE.includes(pkg.status)) {
        throw new InvariantViolationError('Send the package to review before approving its drafts', 'state');
      }
      const overridden = requireOverride(await this.variantViolations(tx, scope, rules, variant), override, 'approve it');
      await this.approveDrafts(tx, scope, [variant]);
      await this.record(tx, scope, 'variant_approved', aboutVariant(pkg, variant), decidedByUserId, {
        reason: override?.reason,
        overridden,
      });
      return loadVariantDTO(tx, scope, variant.id);
    });
  }

  /**
   * Schedules (or reschedules) a variant for a wall time on the brand's clock. Its package must be
   * approved; the variant approved too, or the override says why not. The package becomes scheduled.
   */
  async schedule(scope: BrandScope, request: ScheduleRequest): Promise<VariantDTO> {
    const { variantId, scheduledFor, override, decidedByUserId } = request;
    const timeZone = await this.brandTimeZone(scope);
    const at = fromWallTime(scheduledFor, timeZone);
    if (!at) throw new InvariantViolationError(`scheduledFor: ${scheduledFor} is no time that exists in ${timeZone}`, 'input');
    const now = this.clock();
    if (at <= now) {
      throw new InvariantViolationError(
        `scheduledFor: must lie in the future; it is ${formatInTimeZone(now, timeZone)} now, ${scheduledFor.replace('T', ' ')} has passed`,
        'input',
      );
    }
    const rules = await this.rubric.brandRules(scope);
    return this.db.transaction(async (tx) => {
      const { variant, pkg } = await this.lockVariantAndPackage(tx, scope, variantId);
      refuseFinalVariant(variant, 'scheduled');
      if (!SCHEDULABLE_PACKAGE.includes(pkg.status))
        throw new InvariantViolationError('Approve the package before scheduling its drafts', 'state');
      const rescheduling = variant.status === 'scheduled';
      if (rescheduling && variant.scheduledPublishAt?.getTime() === at.getTime()) return loadVariantDTO(tx, scope, variant.id);
      const overridden = requireOverride(await this.gateViolations(tx, scope, rules, variant), override, 'schedule it');
      await saveVariant(tx, scope, variant.id, { status: 'scheduled', scheduledPublishAt: at });
      if (pkg.status === 'approved') await savePackage(tx, scope, pkg.id, { status: 'scheduled' });
      const kind = rescheduling ? 'variant_rescheduled' : 'variant_scheduled';
      await this.record(tx, scope, kind, aboutVariant(pkg, variant), decidedByUserId, {
        reason: override?.reason ?? `for ${formatInTimeZone(at, timeZone)}`,
        overridden,
      });
      return loadVariantDTO(tx, scope, variant.id);
    });
  }

  /** Sets a draft aside for good (a scheduled one is unscheduled first; a published one stays). */
  async rejectVariant(scope: BrandScope, { variantId, note, decidedByUserId }: RejectRequest): Promise<VariantDTO> {
    return this.db.transaction(async (tx) => {
      const { variant, pkg } = await this.lockVariantAndPackage(tx, scope, variantId);
      if (variant.status === 'rejected') return loadVariantDTO(tx, scope, variant.id);
      refuseFinalVariant(variant, 'rejected');
      if (variant.status === 'scheduled') throw new InvariantViolationError('Unschedule the variant before rejecting it', 'state');
      await saveVariant(tx, scope, variant.id, { status: 'rejected' });
      await this.record(tx, scope, 'variant_rejected', aboutVariant(pkg, variant), decidedByUserId, { reason: note });
      return loadVariantDTO(tx, scope, variant.id);
    });
  }

  /** Takes a variant's schedule back; a package with nothing else scheduled returns to approved. */
  async unschedule(scope: BrandScope, { variantId, decidedByUserId }: VariantDecisionRequest): Promise<VariantDTO> {
    return this.db.transaction(async (tx) => {
      const { variant, pkg } = await this.lockVariantAndPackage(tx, scope, variantId);
      if (variant.status !== 'scheduled') throw new InvariantViolationError(`A ${variant.status} variant is not scheduled`, 'state');
      await saveVariant(tx, scope, variant.id, { status: unapprovedStatus(variant, true), scheduledPublishAt: null });
      if (pkg.status === 'scheduled') {
        const others = await selectPackageVariants(tx, scope, pkg.id);
        if (!others.some((other) => other.id !== variant.id && other.status === 'scheduled')) {
          await savePackage(tx, scope, pkg.id, { status: 'approved' });
        }
      }
      await this.record(tx, scope, 'variant_unscheduled', aboutVariant(pkg, variant), decidedByUserId);
      return loadVariantDTO(tx, scope, variant.id);
    });
  }

  /**
   * Records that the variant went out, with its post link and/or the platform's post id (the link
   * stands in for the id). One post belongs to one variant per brand and channel; the unique index
   * decides between two concurrent claims. The package becomes published. A draft never approved, or
   * one breaking a hard rule, needs an override.
   */
  async markPublished(scope: BrandScope, request: PublishRequest): Promise<VariantDTO> {
    const { variantId, postUrl, override, decidedByUserId } = request;
    const postId = request.externalPostId ?? postUrl;
    if (!postId) throw new InvariantViolationError('postUrl: give the link to the post (or the platform post id)', 'input');
    const now = this.clock();
    const at = request.publishedAt ?? now;
    if (at > now) throw new InvariantViolationError('publishedAt cannot lie in the future', 'input');
    if (at < EARLIEST_PUBLICATION) throw new InvariantViolationError('publishedAt cannot lie before 2000-01-01', 'input');
    try {
      const rules = await this.rubric.brandRules(scope);
      return await this.db.transaction(async (tx) => {
        const { variant, pkg } = await this.lockVariantAndPackage(tx, scope, variantId);
        // A repeated mark for the same post (a retried request) is not a second publication.
        if (variant.status === 'published' && variant.externalPostId === postId) return loadVariantDTO(tx, scope, variant.id);
        refuseFinalVariant(variant, 'published');
        const overridden = requireOverride(await this.gateViolations(tx, scope, rules, variant), override, 'mark it published');
        await refuseTakenPostId(tx, scope, variant, postId);
        await saveVariant(tx, scope, variant.id, {
          status: 'published',
          publishedAt: at,
          externalPostId: postId,
          postUrl: postUrl ?? null,
        });
        if (pkg.status !== 'published') await savePackage(tx, scope, pkg.id, { status: 'published' });
        await this.record(tx, scope, 'variant_published', aboutVariant(pkg, variant), decidedByUserId, {
          reason: override?.reason,
          overridden,
        });
        return loadVariantDTO(tx, scope, variant.id);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'variants_external_post_uq')) throw takenPostId(postId);
      throw error;
    }
  }

  /** The package's decisions, newest first, with the name of the person who made each. */
  async history(scope: BrandScope, packageId: string): Promise<PackageHistoryEntry[]> {
    const pkg = await loadPackage(this.db, scope, packageId);
    const rows = await this.db
      .select({
        id: decisions.id,
        kind: decisions.kind,
        variantId: decisions.variantId,
        channel: decisions.channel,
        reason: decisions.reason,
        overridden: decisions.overridden,
        userId: decisions.userId,
        userName: userProfiles.displayName,
        decidedAt: decisions.decidedAt,
      })
      .from(decisions)
      .leftJoin(userProfiles, eq(userProfiles.userId, decisions.userId))
      .where(and(inBrand(decisions, scope), eq(decisions.packageId, pkg.id)))
      .orderBy(desc(decisions.decidedAt), desc(decisions.createdAt), desc(decisions.id))
      .limit(HISTORY_LIMIT);
    return rows.map((row) => PackageHistoryEntry.parse(row));
  }

  // ----- helpers -----

  private async lockVariantAndPackage(tx: Tx, scope: BrandScope, variantId: string) {
    // Package first, as every package move does, so two lifecycle calls never lock in opposite orders.
    const unlocked = await loadVariant(tx, scope, variantId);
    const pkg = await loadPackage(tx, scope, unlocked.packageId, true);
    const variant = await loadVariant(tx, scope, variantId, true);
    refuseArchived(pkg);
    return { variant, pkg };
  }

  /** Draft/edited variants become approved with the text they have now. */
  private async approveDrafts(tx: Tx, scope: BrandScope, drafts: VariantRow[]): Promise<void> {
    for (const draft of drafts) {
      if (draft.status !== 'draft' && draft.status !== 'edited') continue;
      await saveVariant(tx, scope, draft.id, { status: 'approved', approvedText: activeText(draft) });
    }
  }

  /** Back to draft: the package's approved drafts need approving again. */
  private async withdrawApprovals(tx: Tx, scope: BrandScope, packageVariants: VariantRow[]): Promise<void> {
    for (const variant of packageVariants) {
      if (variant.status !== 'approved') continue;
      await saveVariant(tx, scope, variant.id, { status: unapprovedStatus(variant, false), approvedText: null });
    }
  }

  /** One variant's hard-rule violations, and "never approved" for a draft that was not. */
  private async gateViolations(tx: Tx, scope: BrandScope, rules: BrandRules, variant: VariantRow): Promise<string[]> {
    const found = await this.variantViolations(tx, scope, rules, variant);
    if (!APPROVED_VARIANT.includes(variant.status)) {
      found.unshift(`${await this.variantLabel(tx, scope, variant)}: was never approved`);
    }
    return found;
  }

  private async variantViolations(tx: Tx, scope: BrandScope, rules: BrandRules, variant: VariantRow): Promise<string[]> {
    const siblings = await selectPackageVariants(tx, scope, variant.packageId);
    return this.violations(rules, siblings, [variant]);
  }

  /**
   * The hard rules `checked` break, each "LinkedIn draft 2: mentions the taboo "x"", numbered as the
   * workspace numbers a channel's drafts (from `all`, the package's variants). The ONE place the
   * lifecycle asks the rubric (lib/draft-rules.ts via ./rubric).
   */
  private violations(rules: BrandRules, all: VariantRow[], checked: VariantRow[]): string[] {
    return checked.flatMap((variant) => {
      const label = labelAmong(all, variant);
      const failures = draftHardFailures(activeText(variant), { ...rules, channel: variant.channel });
      return failures.map((failure) => `${label}: ${failure.message}`);
    });
  }

  private async variantLabel(tx: Tx, scope: BrandScope, variant: VariantRow): Promise<string> {
    return labelAmong(await selectPackageVariants(tx, scope, variant.packageId), variant);
  }

  private async brandTimeZone(scope: BrandScope): Promise<string> {
    const [row] = await this.db.select({ timeZone: brands.timeZone }).from(brands).where(liveBrand(scope));
    if (!row) throw new NotFoundError('Brand', scope.brandId);
    return row.timeZone;
  }

  /** Logs the step's decision in its transaction. */
  private async record(
    tx: Tx,
    scope: BrandScope,
    kind: DecisionKind,
    subject: DecisionSubject,
    userId: string | null | undefined,
    details: { reason?: string | null; overridden?: string[] } = {},
  ): Promise<void> {
    await this.decisions.record(
      scope,
      { kind, ...subject, reason: details.reason ?? null, overridden: details.overridden ?? [], userId: userId ?? null },
      tx,
    );
  }
}

/**
 * The violations a move overrides: none when there are none; with violations and no override, the
 * refusal listing them (CONFLICT, `violations` for the override dialog).
 */
function requireOverride(violations: string[], override: Override | undefined, verb: string): string[] {
  if (violations.length === 0) return [];
  if (override) return violations;
  throw new OverrideRequiredError(
    `To ${verb} anyway, give an override with a reason: ${violations.join('; ')}`.slice(0, 2_000),
    violations,
  );
}

function refuseArchived(pkg: PackageRow): void {
  if (pkg.status === 'archived') throw new InvariantViolationError('The package is archived; restore it first', 'state');
}

function refuseFinalVariant(variant: VariantRow, wanted: string): void {
  if (FINAL_VARIANT.includes(variant.status)) {
    throw new InvariantViolationError(`A ${variant.status} variant cannot be ${wanted}`, 'state');
  }
}

/** What a variant is without (or after taking back) its approval: edited when a person edited it, else draft. */
function unapprovedStatus(variant: VariantRow, keepApproval: boolean): VariantStatus {
  if (keepApproval && variant.approvedText !== null) return 'approved';
  return variant.editedText !== null ? 'edited' : 'draft';
}

/** "LinkedIn draft 2": the variant's place among its channel's variants, as the workspace shows them. */
function labelAmong(all: VariantRow[], variant: VariantRow): string {
  const sameChannel = all.filter((other) => other.channel === variant.channel);
  const position = sameChannel.findIndex((other) => other.id === variant.id) + 1;
  return `${CHANNEL_LABELS[variant.channel]} draft${sameChannel.length > 1 && position > 0 ? ` ${position}` : ''}`;
}

async function savePackage(tx: Tx, scope: BrandScope, id: string, changes: { status: PackageStatus; archivedFrom?: PackageStatus | null }) {
  const [updated] = await tx
    .update(contentPackages)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(and(eq(contentPackages.id, id), eq(contentPackages.tenantId, scope.tenantId), eq(contentPackages.brandId, scope.brandId)))
    .returning();
  return updated!;
}

async function saveVariant(tx: Tx, scope: BrandScope, id: string, changes: Partial<typeof variants.$inferInsert>): Promise<void> {
  await tx
    .update(variants)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(and(eq(variants.id, id), eq(variants.tenantId, scope.tenantId), eq(variants.brandId, scope.brandId)));
}

async function refuseTakenPostId(tx: Tx, scope: BrandScope, variant: VariantRow, postId: string): Promise<void> {
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

function takenPostId(postId: string): ConflictError {
  return new ConflictError(`External post ${postId} is already recorded for another variant of this channel`);
}
