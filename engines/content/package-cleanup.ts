import { and, eq, lt, notInArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client';
import { contentPackages, decisions, variants } from '../db/schema';
import { Channel } from '../enums';
import { InvariantViolationError } from '../errors';
import { type BrandScope, inBrand } from '../scope';
import { loadPackage } from './queries';

const RowId = z.uuid();

/**
 * Removes a package that a failed build left behind, with its variants, in one transaction. Only an
 * untouched one qualifies (still draft, no variant edited or beyond), so no person's work is lost; the
 * rows go for good (with the decision that opened it), which also frees the idempotency key for the caller's retry.
 */
export async function discardUntouchedPackage(db: Database, scope: BrandScope, packageId: string): Promise<void> {
  const id = RowId.parse(packageId);
  await db.transaction(async (tx) => {
    const pkg = await loadPackage(tx, scope, id, true);
    if (pkg.status !== 'draft')
      throw new InvariantViolationError(`Package ${id} is ${pkg.status}; only an untouched draft is discarded`, 'state');
    const touched = await tx
      .select({ id: variants.id })
      .from(variants)
      .where(and(eq(variants.packageId, id), sql`${variants.status} <> 'draft'`));
    if (touched.length) throw new InvariantViolationError(`Package ${id} has edited variants; it is not discarded`, 'state');
    await tx
      .delete(variants)
      .where(and(eq(variants.packageId, id), eq(variants.tenantId, scope.tenantId), eq(variants.brandId, scope.brandId)));
    // "Opened as a package" did not happen after all: the decision goes with the package it names.
    await tx.delete(decisions).where(and(eq(decisions.packageId, id), eq(decisions.tenantId, scope.tenantId)));
    await tx.delete(contentPackages).where(eq(contentPackages.id, id));
  });
}

/**
 * Soft-deletes the channel's variants that nobody touched (status draft) and that were created before
 * `createdBefore`, except `keep`: regenerating a channel replaces its older untouched drafts while
 * edited, approved or published ones stay. The time bound keeps two regenerations of one channel
 * running at once from each retiring the other's new drafts (which would leave the channel empty).
 * Returns the retired variant ids.
 */
export async function retireUntouchedDrafts(
  db: Database,
  scope: BrandScope,
  packageId: string,
  channel: Channel,
  keep: readonly string[],
  createdBefore: Date,
): Promise<string[]> {
  const id = RowId.parse(packageId);
  const wanted = Channel.parse(channel);
  const keepIds = z.array(RowId).parse(keep);
  const cutoff = z.date().parse(createdBefore);
  await loadPackage(db, scope, id);
  const rows = await db
    .update(variants)
    .set({ deletedAt: sql`now()`, updatedAt: sql`now()` })
    .where(
      and(
        eq(variants.packageId, id),
        inBrand(variants, scope),
        eq(variants.channel, wanted),
        eq(variants.status, 'draft'),
        lt(variants.createdAt, cutoff),
        keepIds.length ? notInArray(variants.id, keepIds) : undefined,
      ),
    )
    .returning({ id: variants.id });
  return rows.map((r) => r.id);
}
