import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { addDays } from '../../lib/dates';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { createTenantFixture, type TenantFixture } from '../../test/fixtures';
import { createContentEngine, FIXED_NOW, insertContentOpportunity, insertContentPackage } from '../../test/fixtures/content';
import { walkPackageTo } from '../../test/fixtures/lifecycle';
import { brands } from '../db/schema';
import type { PackageStatus } from '../enums';
import { InvariantViolationError, NotFoundError } from '../errors';
import type { ContentEngine } from './engine';

let handle: TestDatabase;
let fx: TenantFixture;
let content: ContentEngine;

beforeAll(async () => {
  handle = await createTestDatabase();
  fx = await createTenantFixture(handle.db, 'Packages Co');
  content = createContentEngine(handle.db);
});
afterAll(() => handle.close());

describe('createPackageFromOpportunity', () => {
  it('makes a draft package titled after the opportunity, with its persona and pillar', async () => {
    const opportunityId = await insertContentOpportunity(handle.db, fx, { title: 'Continuous close is here', pillarId: fx.pillarIds[1] });
    const { package: pkg, created } = await content.createPackageFromOpportunity(fx, {
      opportunityId,
      channels: ['x', 'linkedin'],
      createdByUserId: fx.ownerUserId,
    });
    expect(created).toBe(true);
    expect(pkg).toMatchObject({
      brandId: fx.brandId,
      title: 'Continuous close is here',
      status: 'draft',
      originOpportunityId: opportunityId,
      personaId: fx.personaIds[0],
      pillarId: fx.pillarIds[1],
      channels: ['x', 'linkedin'],
      createdVia: 'from_opportunity',
      ownerUserId: fx.ownerUserId,
      idempotencyKey: null,
      keyPoints: [],
      risksToAvoid: [],
      coreArgument: null,
    });
    expect(pkg).not.toHaveProperty('tenantId');
    expect(await content.getPackage(fx, { packageId: pkg.id })).toEqual(pkg);
  });

  it.each([
    ['snoozed', { snoozedUntil: addDays(FIXED_NOW, 1) }],
    ['expired', { expiresAt: addDays(FIXED_NOW, -1) }],
    ['deleted', { deletedAt: addDays(FIXED_NOW, -1) }],
  ])('refuses an opportunity that is %s as not found', async (_, state) => {
    const opportunityId = await insertContentOpportunity(handle.db, fx, state);
    await expect(
      content.createPackageFromOpportunity(fx, { opportunityId, channels: ['x'], createdByUserId: fx.ownerUserId }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('accepts an opportunity whose snooze has passed', async () => {
    const opportunityId = await insertContentOpportunity(handle.db, fx, {
      snoozedUntil: addDays(FIXED_NOW, -1),
      expiresAt: addDays(FIXED_NOW, 2),
    });
    const { created } = await content.createPackageFromOpportunity(fx, {
      opportunityId,
      channels: ['x'],
      createdByUserId: fx.ownerUserId,
    });
    expect(created).toBe(true);
  });

  it.each([
    ['no channel', []],
    ['a repeated channel', ['x', 'x']],
    ['an unknown channel', ['myspace']],
  ])('rejects %s', async (_, channels) => {
    const opportunityId = await insertContentOpportunity(handle.db, fx);
    await expect(
      content.createPackageFromOpportunity(fx, {
        opportunityId,
        channels: channels as never,
        createdByUserId: fx.ownerUserId,
      }),
    ).rejects.toBeInstanceOf(ZodError);
  });

  it('accepts all six channels', async () => {
    const opportunityId = await insertContentOpportunity(handle.db, fx);
    const channels = ['linkedin', 'x', 'newsletter', 'instagram', 'youtube', 'tiktok'] as const;
    const { package: pkg } = await content.createPackageFromOpportunity(fx, {
      opportunityId,
      channels: [...channels],
      createdByUserId: fx.ownerUserId,
    });
    expect(pkg.channels).toEqual(channels);
  });
});

describe('listPackagesForBrand', () => {
  it('lists the brand packages newest first, filtered by status and paged', async () => {
    const brand = await createTenantFixture(handle.db, 'Listing Co');
    const ids: string[] = [];
    for (const status of ['draft', 'in_review', 'draft', 'archived'] as const) {
      ids.push((await walkPackageTo(handle.db, content, brand, status, { now: FIXED_NOW })).packageId);
    }
    const all = await content.listPackagesForBrand(brand, { limit: 10, offset: 0 });
    expect(all.map((p) => p.id)).toEqual([...ids].reverse());
    const drafts = await content.listPackagesForBrand(brand, { status: 'draft', limit: 10, offset: 0 });
    expect(drafts.map((p) => p.id)).toEqual([ids[2], ids[0]]);
    const page = await content.listPackagesForBrand(brand, { limit: 2, offset: 1 });
    expect(page.map((p) => p.id)).toEqual([ids[2], ids[1]]);
  });

  // The list reads from the brand row (its brand check is the same statement): an empty page must still
  // tell a live brand from one that is not.
  it('answers an empty list for a live brand with no packages or past its last page, and NotFound once the brand is archived', async () => {
    const brand = await createTenantFixture(handle.db, 'Empty Listing Co');
    expect(await content.listPackagesForBrand(brand, { limit: 10, offset: 0 })).toEqual([]);
    await walkPackageTo(handle.db, content, brand, 'draft', { now: FIXED_NOW });
    expect(await content.listPackagesForBrand(brand, { status: 'archived', limit: 10, offset: 0 })).toEqual([]);
    expect(await content.listPackagesForBrand(brand, { limit: 10, offset: 5 })).toEqual([]);
    await handle.db.update(brands).set({ archivedAt: FIXED_NOW }).where(eq(brands.id, brand.brandId));
    await expect(content.listPackagesForBrand(brand, { limit: 10, offset: 0 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(content.listPackagesForBrand(brand, { limit: 10, offset: 5 })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('updatePackageThesis', () => {
  it('stores the core argument, key points and risks', async () => {
    const packageId = await insertContentPackage(handle.db, fx);
    const pkg = await content.updatePackageThesis(fx, {
      packageId,
      coreArgument: 'Evidence beats heroics at month end.',
      keyPoints: ['Reconcile daily', 'Automate tie-outs'],
      risksToAvoid: ['Promising a zero-day close'],
    });
    expect(pkg).toMatchObject({
      coreArgument: 'Evidence beats heroics at month end.',
      keyPoints: ['Reconcile daily', 'Automate tie-outs'],
      risksToAvoid: ['Promising a zero-day close'],
    });
    expect(await content.getPackage(fx, { packageId })).toEqual(pkg);
  });

  it.each([
    ['an empty core argument', { coreArgument: ' ' }],
    ['a core argument over 2,000 characters', { coreArgument: 'a'.repeat(2_001) }],
    ['more than 10 key points', { keyPoints: Array.from({ length: 11 }, (_, i) => `point ${i}`) }],
    ['a risk over 500 characters', { risksToAvoid: ['r'.repeat(501)] }],
  ])('rejects %s', async (_, change) => {
    const packageId = await insertContentPackage(handle.db, fx);
    await expect(
      content.updatePackageThesis(fx, { packageId, coreArgument: 'Fine.', keyPoints: [], risksToAvoid: [], ...change }),
    ).rejects.toBeInstanceOf(ZodError);
    expect((await content.getPackage(fx, { packageId })).coreArgument).toBeNull();
  });
});

describe('updatePackageStatus', () => {
  const walk = (status: PackageStatus) => walkPackageTo(handle.db, content, fx, status, { now: FIXED_NOW });

  it.each<[PackageStatus, PackageStatus]>([
    ['draft', 'in_review'],
    ['in_review', 'approved'],
    ['in_review', 'draft'],
    ['approved', 'draft'],
    ['draft', 'archived'],
    ['approved', 'archived'],
    ['scheduled', 'archived'],
    ['published', 'archived'],
  ])('moves %s → %s', async (from, to) => {
    const { packageId } = await walk(from);
    expect((await content.updatePackageStatus(fx, { packageId, status: to, note: 'Needs a sharper hook.' })).status).toBe(to);
    expect((await content.getPackage(fx, { packageId })).status).toBe(to);
  });

  it.each<[PackageStatus, PackageStatus]>([
    ['draft', 'scheduled'],
    ['draft', 'published'],
    ['in_review', 'scheduled'],
    ['approved', 'published'],
    ['scheduled', 'published'],
    ['scheduled', 'draft'],
    ['scheduled', 'in_review'],
    ['published', 'draft'],
    ['published', 'scheduled'],
    ['archived', 'draft'],
    ['archived', 'in_review'],
  ])('refuses %s → %s as a state violation', async (from, to) => {
    const { packageId } = await walk(from);
    const error = await content.updatePackageStatus(fx, { packageId, status: to, note: 'Why not.' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvariantViolationError);
    expect((error as InvariantViolationError).kind).toBe('state');
    expect((await content.getPackage(fx, { packageId })).status).toBe(from);
  });

  it('returns the package unchanged when the status is the same', async () => {
    const { packageId } = await walk('published');
    const before = await content.getPackage(fx, { packageId });
    expect(await content.updatePackageStatus(fx, { packageId, status: 'published' })).toEqual(before);
  });
});
