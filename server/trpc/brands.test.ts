import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { brands as brandRows } from '../../engines/db/schema';
import { DEMO_BRANDS } from '../../supabase/seed/brands';
import { DEMO_MEMBER, DEMO_OWNER, DEMO_TENANTS, OTHER_TENANT_OWNER } from '../../supabase/seed/demo-users';
import { createTenantFixture } from '../../test/fixtures';
import { viewerFor } from '../../test/fixtures/auth';
import { procedureBed } from '../../test/fixtures/procedures';
import { rejection } from '../../test/trpc';

const bed = procedureBed();

const demoBrandNames = (tenantId: string) =>
  DEMO_BRANDS.filter((b) => b.tenantId === tenantId)
    .map((b) => b.name)
    .sort();

describe('brands.list', () => {
  it("gives the demo owner exactly the first tenant's brands", async () => {
    const brands = await bed.as(await viewerFor(bed.system, DEMO_OWNER.userId)).brands.list();
    expect(brands.map((b) => b.name).sort()).toEqual(demoBrandNames(DEMO_TENANTS.northwind.id));
    expect(brands.length).toBeGreaterThanOrEqual(2);
    expect(new Set(brands.map((b) => b.tenantId))).toEqual(new Set([DEMO_TENANTS.northwind.id]));
    expect(brands.every((b) => b.role === 'owner')).toBe(true);
  });

  it("gives the second tenant's owner only their own brands", async () => {
    const brands = await bed.as(await viewerFor(bed.system, OTHER_TENANT_OWNER.userId)).brands.list();
    expect(brands.map((b) => b.name).sort()).toEqual(demoBrandNames(DEMO_TENANTS.globex.id));
    expect(brands.every((b) => b.tenantId === DEMO_TENANTS.globex.id)).toBe(true);
  });

  it('gives a member the same brands with their member role', async () => {
    const brands = await bed.as(await viewerFor(bed.system, DEMO_MEMBER.userId)).brands.list();
    expect(brands.map((b) => b.name).sort()).toEqual(demoBrandNames(DEMO_TENANTS.northwind.id));
    expect(brands.every((b) => b.role === 'member')).toBe(true);
  });

  it("gives the owner of a fresh tenant just that tenant's brand", async () => {
    const fx = await createTenantFixture(bed.handle.db, 'List Co');
    const brands = await bed.as(await viewerFor(bed.system, fx.ownerUserId)).brands.list();
    expect(brands.map((b) => b.id)).toEqual([fx.brandId]);
  });

  it('is UNAUTHORIZED without a viewer', async () => {
    expect((await rejection(bed.as(null).brands.list())).code).toBe('UNAUTHORIZED');
  });
});

describe('brands.strategy', () => {
  let ownBrandId: string;
  let foreignBrandId: string;

  beforeAll(async () => {
    [ownBrandId] = (await bed.system.engines.brandBrain.listBrandsForUser(DEMO_OWNER.userId)).map((b) => b.id) as [string];
    [foreignBrandId] = (await bed.system.engines.brandBrain.listBrandsForUser(OTHER_TENANT_OWNER.userId)).map((b) => b.id) as [string];
  });

  it("returns the strategy of one of the viewer's brands", async () => {
    const view = await bed.as(await viewerFor(bed.system, DEMO_OWNER.userId)).brands.strategy({ brandId: ownBrandId });
    expect(view.brandId).toBe(ownBrandId);
    expect(view.personas.length).toBeGreaterThan(0);
    expect(view.pillars.length).toBeGreaterThan(0);
  });

  it("is NOT_FOUND for another tenant's brand, worded like a brand that does not exist", async () => {
    const caller = bed.as(await viewerFor(bed.system, DEMO_OWNER.userId));
    const missingId = randomUUID();
    const foreign = await rejection(caller.brands.strategy({ brandId: foreignBrandId }));
    const missing = await rejection(caller.brands.strategy({ brandId: missingId }));
    expect(foreign.code).toBe('NOT_FOUND');
    expect(missing.code).toBe('NOT_FOUND');
    expect(foreign.message.replace(foreignBrandId, '<id>')).toBe(missing.message.replace(missingId, '<id>'));
  });

  it('is NOT_FOUND for a brand that was deleted', async () => {
    const fx = await createTenantFixture(bed.handle.db, 'Deleted Co');
    const caller = bed.as(await viewerFor(bed.system, fx.ownerUserId));
    await caller.brands.strategy({ brandId: fx.brandId });
    await bed.handle.db.update(brandRows).set({ deletedAt: new Date() }).where(eq(brandRows.id, fx.brandId));
    expect((await rejection(caller.brands.strategy({ brandId: fx.brandId }))).code).toBe('NOT_FOUND');
  });

  it('is BAD_REQUEST naming the field for a brandId that is not a uuid', async () => {
    const error = await rejection(bed.as(await viewerFor(bed.system, DEMO_OWNER.userId)).brands.strategy({ brandId: 'ledgerline' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/^Invalid input: brandId: /);
  });

  it('is UNAUTHORIZED without a viewer, before the brand is looked at', async () => {
    expect((await rejection(bed.as(null).brands.strategy({ brandId: ownBrandId }))).code).toBe('UNAUTHORIZED');
    expect((await rejection(bed.as(null).brands.strategy({ brandId: 'not-a-uuid' }))).code).toBe('UNAUTHORIZED');
  });
});
