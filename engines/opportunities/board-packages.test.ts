import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { createTenantFixture, type TenantFixture } from '../../test/fixtures';
import { createContentEngine, insertContentOpportunity, insertContentPackage } from '../../test/fixtures/content';
import { contentPackages } from '../db/schema';
import { OpportunitiesEngine } from './engine';

// The board's read brings the packages made from its cards, so the Today page asks nothing more
// before a card can say "Package made" (or offer "Create package").

let handle: TestDatabase;
let fx: TenantFixture;
let stranger: TenantFixture;
let board: OpportunitiesEngine;

beforeAll(async () => {
  handle = await createTestDatabase();
  fx = await createTenantFixture(handle.db, 'Board Packages Co');
  stranger = await createTenantFixture(handle.db, 'Stranger Packages Co');
  board = new OpportunitiesEngine(handle.db);
});
afterAll(() => handle.close());

const packagesOn = async (scope: TenantFixture, filter = {}) => (await board.getTodayBoard(scope, { filter })).packages;

describe('OpportunitiesEngine.getTodayBoard: the packages of its cards', () => {
  it("lists each card's packages newest first, archived ones too, and none for a card without", async () => {
    const twice = await insertContentOpportunity(handle.db, fx, { title: 'Made twice' });
    const once = await insertContentOpportunity(handle.db, fx, { title: 'Made once' });
    const never = await insertContentOpportunity(handle.db, fx, { title: 'Never made' });
    const content = createContentEngine(handle.db);
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
    const archived = await insertContentPackage(handle.db, fx, { originOpportunityId: once, status: 'archived', title: 'Shelved' });
    // Not made from a card: on no card.
    await insertContentPackage(handle.db, fx, { originOpportunityId: null });

    const packages = await packagesOn(fx);
    expect(packages.filter((link) => link.opportunityId === twice)).toEqual([
      { opportunityId: twice, packageId: newer.package.id, title: 'Made twice', status: 'draft' },
      { opportunityId: twice, packageId: older.package.id, title: 'Made twice', status: 'draft' },
    ]);
    expect(packages.filter((link) => link.opportunityId === once)).toEqual([
      { opportunityId: once, packageId: archived, title: 'Shelved', status: 'archived' },
    ]);
    expect(packages.some((link) => link.opportunityId === never)).toBe(false);
    expect(packages).toHaveLength(3);
  });

  it('leaves out deleted packages and those of another tenant, and narrows with a filtered page', async () => {
    const mine = await insertContentOpportunity(handle.db, fx, { title: 'Mine', pillarId: fx.pillarIds[1] });
    const deleted = await insertContentPackage(handle.db, fx, { originOpportunityId: mine });
    await handle.db.update(contentPackages).set({ deletedAt: sql`now()` }).where(eq(contentPackages.id, deleted));
    // A row of another tenant naming this card's idea (no foreign key stops it) is not this brand's.
    await insertContentPackage(handle.db, stranger, { originOpportunityId: mine });
    const kept = await insertContentPackage(handle.db, fx, { originOpportunityId: mine, title: 'Kept' });

    expect((await packagesOn(fx)).filter((link) => link.opportunityId === mine).map((link) => link.packageId)).toEqual([kept]);
    expect((await packagesOn(fx, { pillarId: fx.pillarIds[1] })).map((link) => link.packageId)).toEqual([kept]);
    expect(await packagesOn(stranger)).toEqual([]);
  });
});
