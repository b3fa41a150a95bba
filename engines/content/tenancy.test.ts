import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { createTenantFixture, insertBareSiblingBrand, type TenantFixture } from '../../test/fixtures';
import { createContentEngine, FIXED_NOW, insertContentOpportunity } from '../../test/fixtures/content';
import { VALID_DRAFTS, wallTimeDaysAfter } from '../../test/fixtures/lifecycle';
import { NotFoundError } from '../errors';
import type { ContentEngine } from './engine';

let handle: TestDatabase;
let owner: TenantFixture;
let content: ContentEngine;
let opportunityId: string;
let packageId: string;
let variantId: string;
/** Who asks: another tenant's brand, and a sibling brand of the owner's own tenant. */
let strangers: [string, TenantFixture][];

beforeAll(async () => {
  handle = await createTestDatabase();
  owner = await createTenantFixture(handle.db, 'Owner Co');
  content = createContentEngine(handle.db);
  opportunityId = await insertContentOpportunity(handle.db, owner);
  // A package of the opportunity with one linkedin draft, walked to scheduled through the engine.
  packageId = (
    await content.createPackageFromOpportunity(owner, { opportunityId, channels: ['linkedin'], createdByUserId: owner.ownerUserId })
  ).package.id;
  variantId = (await content.createVariant(owner, { packageId, channel: 'linkedin', draftText: VALID_DRAFTS.linkedin })).id;
  await content.updatePackageStatus(owner, { packageId, status: 'in_review' });
  await content.updatePackageStatus(owner, { packageId, status: 'approved' });
  await content.scheduleVariant(owner, { variantId, scheduledFor: wallTimeDaysAfter(FIXED_NOW, 3) });
  const otherTenant = await createTenantFixture(handle.db, 'Stranger Co');
  strangers = [
    ['another tenant', otherTenant],
    ['another brand of the same tenant', await insertBareSiblingBrand(handle.db, owner)],
    ['the right brand under another tenant id', { ...owner, tenantId: otherTenant.tenantId }],
  ];
});
afterAll(() => handle.close());

type Call = (c: ContentEngine, fx: TenantFixture) => Promise<unknown>;

const calls: [string, Call][] = [
  ['getPackage', (c, fx) => c.getPackage(fx, { packageId })],
  [
    'createPackageFromOpportunity',
    (c, fx) => c.createPackageFromOpportunity(fx, { opportunityId, channels: ['x'], createdByUserId: fx.ownerUserId }),
  ],
  [
    'updatePackageThesis',
    (c, fx) => c.updatePackageThesis(fx, { packageId, coreArgument: 'Taken over.', keyPoints: [], risksToAvoid: [] }),
  ],
  ['updatePackageStatus', (c, fx) => c.updatePackageStatus(fx, { packageId, status: 'draft', note: 'Taken over.' })],
  ['archivePackage', (c, fx) => c.archivePackage(fx, { packageId })],
  ['restorePackage', (c, fx) => c.restorePackage(fx, { packageId })],
  ['getPackageHistory', (c, fx) => c.getPackageHistory(fx, { packageId })],
  ['createVariant', (c, fx) => c.createVariant(fx, { packageId, channel: 'linkedin', draftText: 'Injected.' })],
  ['updateVariantText', (c, fx) => c.updateVariantText(fx, { variantId, text: 'Injected.' })],
  ['markVariantPublished', (c, fx) => c.markVariantPublished(fx, { variantId, externalPostId: 'stolen-post' })],
  ['scheduleVariant', (c, fx) => c.scheduleVariant(fx, { variantId, scheduledFor: wallTimeDaysAfter(FIXED_NOW, 4) })],
  ['unscheduleVariant', (c, fx) => c.unscheduleVariant(fx, { variantId })],
  ['approveVariant', (c, fx) => c.approveVariant(fx, { variantId })],
  ['rejectVariant', (c, fx) => c.rejectVariant(fx, { variantId })],
  ['listVariantsForPackage', (c, fx) => c.listVariantsForPackage(fx, { packageId })],
  ['getVariant', (c, fx) => c.getVariant(fx, { variantId })],
  ['getPackageWorkspaceView', (c, fx) => c.getPackageWorkspaceView(fx, { packageId })],
];

describe('ContentEngine tenancy', () => {
  for (const [method, call] of calls) {
    it(`${method} answers not found for a package, variant or opportunity of another tenant or brand`, async () => {
      for (const [, stranger] of strangers) {
        await expect(call(content, stranger)).rejects.toBeInstanceOf(NotFoundError);
      }
    });
  }

  it('listPackagesForBrand answers not found for a brand outside the tenant, and lists only the brand asked for', async () => {
    const mismatched = strangers[2]![1];
    await expect(content.listPackagesForBrand(mismatched)).rejects.toBeInstanceOf(NotFoundError);
    for (const [, stranger] of strangers.slice(0, 2)) {
      expect(await content.listPackagesForBrand(stranger)).toEqual([]);
    }
  });

  it('left the owner rows untouched', async () => {
    expect(await content.getPackage(owner, { packageId })).toMatchObject({ status: 'scheduled', coreArgument: null });
    expect(await content.getVariant(owner, { variantId })).toMatchObject({ status: 'scheduled', editedText: null, externalPostId: null });
    expect(await content.listVariantsForPackage(owner, { packageId })).toHaveLength(1);
    expect(await content.listPackagesForBrand(owner)).toHaveLength(1);
  });
});
