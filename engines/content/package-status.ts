import type { PackageStatus, VariantStatus } from '../enums';

/**
 * The package moves a person may make, and what each needs from the package's variants: a package
 * can only claim to be scheduled (or published) once one of its variants actually is.
 */
const MOVES: Partial<Record<PackageStatus, Partial<Record<PackageStatus, VariantStatus | null>>>> = {
  draft: { in_review: null },
  in_review: { draft: null, scheduled: 'scheduled' },
  scheduled: { published: 'published' },
};

export type PackageMove = { allowed: true; needsVariantIn: VariantStatus | null } | { allowed: false };

/** Whether `from → to` is a move at all; archiving is allowed from anywhere. Same-status is not a move. */
export function packageMove(from: PackageStatus, to: PackageStatus): PackageMove {
  if (to === 'archived') return { allowed: true, needsVariantIn: null };
  const needs = MOVES[from]?.[to];
  return needs === undefined ? { allowed: false } : { allowed: true, needsVariantIn: needs };
}
