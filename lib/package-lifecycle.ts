// The package lifecycle's rules in one table, read by the content engine (which enforces them) and the
// workspace's lifecycle bar (which offers only the moves they allow). No runtime imports: the browser
// bundle reads it too.
import type { DecisionKind, PackageStatus, VariantStatus } from '../engines/enums';

/**
 * The moves a person makes on a package directly. Scheduled and published are never chosen: they
 * follow from a variant being scheduled or published. Archived is reached from any state and left
 * only by restoring, which returns to the state the package had.
 */
export const PACKAGE_MOVES: Partial<Record<PackageStatus, readonly PackageStatus[]>> = {
  draft: ['in_review'],
  in_review: ['approved', 'draft'],
  approved: ['draft'],
};

/** Moves that check the drafts against the hard rules first (an override with a reason lets them through). */
export const CHECKED_MOVES: readonly PackageStatus[] = ['in_review', 'approved'];

/** Package states in which its drafts may be scheduled: approved, or already going out. */
export const SCHEDULABLE_PACKAGE: readonly PackageStatus[] = ['approved', 'scheduled', 'published'];

/** Package states in which a single draft may be approved on its own (after the package went to review). */
export const VARIANT_APPROVABLE_PACKAGE: readonly PackageStatus[] = ['in_review', 'approved', 'scheduled', 'published'];

/** Variant states that never change again. */
export const FINAL_VARIANT: readonly VariantStatus[] = ['published', 'rejected'];

/** Variant states that were approved (individually or with their package). */
export const APPROVED_VARIANT: readonly VariantStatus[] = ['approved', 'scheduled'];

export const PACKAGE_STATUS_LABELS: Record<PackageStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  approved: 'Approved',
  scheduled: 'Scheduled',
  published: 'Published',
  archived: 'Archived',
};

export const VARIANT_STATUS_LABELS: Record<VariantStatus, string> = {
  draft: 'Draft',
  edited: 'Edited',
  approved: 'Approved',
  scheduled: 'Scheduled',
  published: 'Published',
  rejected: 'Rejected',
};

/** How the package's history names each decision. */
export const DECISION_LABELS: Record<DecisionKind, string> = {
  pinned: 'Pinned the idea',
  unpinned: 'Unpinned the idea',
  snoozed: 'Snoozed the idea',
  dismissed: 'Dismissed the idea',
  opened_as_package: 'Opened as a package',
  sent_to_review: 'Sent to review',
  variant_edited: 'Edited a draft',
  variant_published: 'Marked a draft published',
  approved: 'Approved the package',
  sent_back_to_draft: 'Sent back to draft',
  archived: 'Archived',
  restored: 'Restored',
  variant_approved: 'Approved a draft',
  variant_scheduled: 'Scheduled a draft',
  variant_rescheduled: 'Rescheduled a draft',
  variant_unscheduled: 'Unscheduled a draft',
  variant_rejected: 'Rejected a draft',
  thesis_edited: 'Edited the thesis',
};

/** Whether a person may move a package from `from` to `to` directly (archive and restore aside). */
export function isPackageMove(from: PackageStatus, to: PackageStatus): boolean {
  return PACKAGE_MOVES[from]?.includes(to) ?? false;
}
