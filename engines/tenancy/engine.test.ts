import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OWNER, DEMO_TENANTS, DEMO_USERS } from '../../supabase/seed/demo-users';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { addMember, createTenantFixture, type TenantFixture } from '../../test/fixtures';
import { brands, memberships, tenants } from '../db/schema';
import { NotFoundError } from '../errors';
import { TenancyEngine } from './engine';

let handle: TestDatabase;
let engine: TenancyEngine;
let fx: TenantFixture;
let other: TenantFixture;

beforeAll(async () => {
  handle = await createTestDatabase();
  engine = new TenancyEngine(handle.db);
  fx = await createTenantFixture(handle.db, 'Tenancy Co');
  other = await createTenantFixture(handle.db, 'Other Co');
});
afterAll(() => handle.close());

describe('getViewerMemberships', () => {
  it("lists the demo owner's tenant with their role", async () => {
    expect(await engine.getViewerMemberships(DEMO_OWNER.userId)).toEqual([{ tenantId: DEMO_TENANTS.northwind.id, role: 'owner' }]);
  });

  it('lists every tenant of a user in two tenants, and leaves out a deleted membership or tenant', async () => {
    const userId = await addMember(handle.db, fx.tenantId, 'admin');
    await handle.db.insert(memberships).values({ tenantId: other.tenantId, userId, role: 'member' });
    const both = await engine.getViewerMemberships(userId);
    expect(both).toHaveLength(2);
    expect(both).toEqual(
      expect.arrayContaining([
        { tenantId: fx.tenantId, role: 'admin' },
        { tenantId: other.tenantId, role: 'member' },
      ]),
    );

    const third = await createTenantFixture(handle.db, 'Gone Co');
    await handle.db.insert(memberships).values({ tenantId: third.tenantId, userId, role: 'owner' });
    await handle.db.update(tenants).set({ deletedAt: new Date() }).where(eq(tenants.id, third.tenantId));
    await handle.db.update(memberships).set({ deletedAt: new Date() }).where(eq(memberships.tenantId, other.tenantId));
    expect(await engine.getViewerMemberships(userId)).toEqual([{ tenantId: fx.tenantId, role: 'admin' }]);
  });

  it('is empty for an unknown user and rejects a user id that is not a uuid', async () => {
    expect(await engine.getViewerMemberships(randomUUID())).toEqual([]);
    await expect(engine.getViewerMemberships('olivia')).rejects.toThrow();
  });
});

describe('getViewerProfile', () => {
  it('carries the profile name and email with the memberships', async () => {
    expect(await engine.getViewerProfile(DEMO_OWNER.userId)).toEqual({
      userId: DEMO_OWNER.userId,
      email: DEMO_OWNER.email,
      displayName: DEMO_OWNER.displayName,
      memberships: [{ tenantId: DEMO_TENANTS.northwind.id, role: 'owner' }],
    });
  });

  it('has null name and email for a signed-in user without a profile', async () => {
    const userId = randomUUID();
    expect(await engine.getViewerProfile(userId)).toEqual({ userId, email: null, displayName: null, memberships: [] });
  });
});

describe('listSignInUsers', () => {
  it('lists the seeded demo users with their tenant and role', async () => {
    const users = await engine.listSignInUsers();
    for (const demo of DEMO_USERS) {
      expect(users.find((u) => u.userId === demo.userId)).toEqual({
        userId: demo.userId,
        email: demo.email,
        displayName: demo.displayName,
        memberships: [{ tenantId: demo.tenantId, tenantName: expect.any(String), role: demo.role }],
      });
    }
    const names = users.map((u) => u.displayName.toLowerCase());
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });
});

describe('findBrandTenant', () => {
  it('names the tenant among the given ones that owns the brand', async () => {
    expect(await engine.findBrandTenant({ brandId: fx.brandId, tenantIds: [other.tenantId, fx.tenantId] })).toBe(fx.tenantId);
  });

  it('is NotFound for a brand of a tenant not in the list, a missing brand, or no tenants at all', async () => {
    await expect(engine.findBrandTenant({ brandId: other.brandId, tenantIds: [fx.tenantId] })).rejects.toThrow(NotFoundError);
    await expect(engine.findBrandTenant({ brandId: randomUUID(), tenantIds: [fx.tenantId] })).rejects.toThrow(NotFoundError);
    await expect(engine.findBrandTenant({ brandId: fx.brandId, tenantIds: [] })).rejects.toThrow(NotFoundError);
  });

  it('is NotFound for a deleted brand', async () => {
    const gone = await createTenantFixture(handle.db, 'Deleted Brand Co');
    await handle.db.update(brands).set({ deletedAt: new Date() }).where(eq(brands.id, gone.brandId));
    await expect(engine.findBrandTenant({ brandId: gone.brandId, tenantIds: [gone.tenantId] })).rejects.toThrow(NotFoundError);
  });
});
