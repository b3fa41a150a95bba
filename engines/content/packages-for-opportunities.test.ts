import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { createTenantFixture, type TenantFixture } from '../../test/fixtures';
import { createContentEngine, insertContentOpportunity } from '../../test/fixtures/content';
import { NotFoundError } from '../errors';
import type { ContentEngine } from './engine';

let handle: TestDatabase;
let fx: TenantFixture;
let content: ContentEngine;

beforeAll(async () => {
  handle = await createTestDatabase();
  fx = await createTenantFixture(handle.db, 'Package Links Co');
  content = createContentEngine(handle.db);
});
afterAll(() => handle.close());

describe('listPackagesForOpportunities', () => {
  it('lists the packages made from each asked opportunity, newest first, and nothing for the others', async () => {
    const twice = await insertContentOpportunity(handle.db, fx, { title: 'Made twice' });
    const once = await insertContentOpportunity(handle.db, fx, { title: 'Made once' });
    const never = await insertContentOpportunity(handle.db, fx, { title: 'Never made' });
    const older = await content.createPackageFromOpportunity(fx, {
      opportunityId: twice,
      channels: ['x'],
      createdByUserId: fx.ownerUserId,
    });
    const newer = await content.createPackageFromOpportunity(fx, {
      opportunityId: twice,
      channels: ['x'],
      createdByUserId: fx.ownerUserId,
    });
    const single = await content.createPackageFromOpportunity(fx, {
      opportunityId: once,
      channels: ['linkedin'],
      createdByUserId: fx.ownerUserId,
    });

    const links = await content.listPackagesForOpportunities(fx, { opportunityIds: [twice, never] });
    expect(links.map((link) => link.packageId).sort()).toEqual([older.package.id, newer.package.id].sort());
    expect(links[0]).toMatchObject({ opportunityId: twice, title: 'Made twice', status: 'draft' });
    expect(links[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(links[1]!.createdAt.getTime());

    const all = await content.listPackagesForOpportunities(fx, { opportunityIds: [twice, once, never] });
    expect(all.filter((link) => link.opportunityId === once).map((link) => link.packageId)).toEqual([single.package.id]);
    expect(await content.listPackagesForOpportunities(fx, { opportunityIds: [] })).toEqual([]);
  });

  it('finds nothing of another tenant, and answers not found for a brand outside the tenant', async () => {
    const stranger = await createTenantFixture(handle.db, 'Stranger Links Co');
    const theirs = await insertContentOpportunity(handle.db, stranger, { title: 'Theirs' });
    await content.createPackageFromOpportunity(stranger, { opportunityId: theirs, channels: ['x'], createdByUserId: stranger.ownerUserId });
    expect(await content.listPackagesForOpportunities(fx, { opportunityIds: [theirs] })).toEqual([]);
    await expect(
      content.listPackagesForOpportunities({ tenantId: fx.tenantId, brandId: stranger.brandId }, { opportunityIds: [theirs] }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses more than 200 ids or one that is not a uuid, naming the field', async () => {
    await expect(content.listPackagesForOpportunities(fx, { opportunityIds: ['not-a-uuid'] })).rejects.toThrow(/opportunityIds/);
  });
});
