import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { CHANNEL_LABELS } from '../../lib/labels';
import type { Database } from '../db/client';
import { contentPackages } from '../db/schema';
import { Channel } from '../enums';
import { InvariantViolationError } from '../errors';
import { type BrandScope, inBrand } from '../scope';
import { type PackageDTO, PackageRef } from './dto';
import { loadPackage, toPackageDTO } from './queries';

/** A channel the package does not have yet; its drafts are written afterwards (F2, package-build.ts). */
export const AddPackageChannelInput = PackageRef.extend({ channel: Channel });
export type AddPackageChannelInput = z.input<typeof AddPackageChannelInput>;

/** The same, with who asked: the run that drafts the new channel is recorded under them. */
export const AddChannelRequest = AddPackageChannelInput.extend({ requestedByUserId: z.uuid() });
export type AddChannelRequest = z.input<typeof AddChannelRequest>;

/**
 * Adds the channel at the end of the package's channels. Refused for a channel the package already has
 * and for an archived package (restore it first); the row is locked so two adds of the same channel
 * cannot both pass the check.
 */
export async function addPackageChannel(db: Database, scope: BrandScope, input: AddPackageChannelInput): Promise<PackageDTO> {
  const { packageId, channel } = AddPackageChannelInput.parse(input);
  return db.transaction(async (tx) => {
    const current = await loadPackage(tx, scope, packageId, true);
    if (current.status === 'archived') {
      throw new InvariantViolationError('An archived package takes no new channel: restore it first', 'state');
    }
    if (current.channels.includes(channel)) {
      throw new InvariantViolationError(`The package already has ${CHANNEL_LABELS[channel]}: regenerate its drafts instead`, 'state');
    }
    const [updated] = await tx
      .update(contentPackages)
      .set({ channels: [...current.channels, channel], updatedAt: sql`now()` })
      .where(and(eq(contentPackages.id, packageId), inBrand(contentPackages, scope)))
      .returning();
    return toPackageDTO(updated!);
  });
}
