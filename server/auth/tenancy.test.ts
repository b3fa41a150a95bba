import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OWNER, DEMO_TENANTS, OTHER_TENANT_OWNER } from '../../supabase/seed/demo-users';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { signTestToken, testAuthSetup } from '../../test/fixtures/auth';
import { codeOf } from '../../test/trpc';
import { createSystemContext, type SystemContext } from '../orchestrator/context';
import { createTRPCContext } from '../trpc/init';
import { createCaller } from '../trpc/root';
import { ACCESS_TOKEN_COOKIE } from './token-transport';

// From a raw request to a procedure answer: token → verifier → viewer → tenant check.

let handle: TestDatabase;
let system: SystemContext;
let key: Uint8Array;
let tenantOneBrandId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  const setup = testAuthSetup();
  key = setup.key;
  system = createSystemContext(handle, { auth: setup.auth });
  const brands = await system.engines.brandBrain.listBrandsForUser(DEMO_OWNER.userId);
  tenantOneBrandId = brands.find((b) => b.tenantId === DEMO_TENANTS.northwind.id)!.id;
});
afterAll(() => handle.close());

async function callerFor(headers: Record<string, string>) {
  return createCaller(await createTRPCContext({ headers: new Headers(headers), system }));
}

describe('a request with a token', () => {
  it("reaches its own tenant's brand through the cookie or a bearer header", async () => {
    const token = await signTestToken(key, { sub: DEMO_OWNER.userId });
    const viaCookie = await callerFor({ cookie: `${ACCESS_TOKEN_COOKIE}=${token}` });
    const viaHeader = await callerFor({ authorization: `Bearer ${token}` });
    expect((await viaCookie.brands.strategy({ brandId: tenantOneBrandId })).brandId).toBe(tenantOneBrandId);
    expect((await viaHeader.brands.strategy({ brandId: tenantOneBrandId })).brandId).toBe(tenantOneBrandId);
  });

  it("of tenant 2's owner gets NOT_FOUND for a tenant 1 brand, as for a brand that does not exist", async () => {
    const token = await signTestToken(key, { sub: OTHER_TENANT_OWNER.userId });
    const caller = await callerFor({ authorization: `Bearer ${token}` });
    expect(await codeOf(caller.brands.strategy({ brandId: tenantOneBrandId }))).toBe('NOT_FOUND');
    expect(await codeOf(caller.brands.strategy({ brandId: randomUUID() }))).toBe('NOT_FOUND');
  });

  it('that expired, is forged, or has no sub is not signed in', async () => {
    const expired = await signTestToken(key, { sub: DEMO_OWNER.userId, exp: Math.floor(Date.now() / 1000) - 5 });
    const forged = await signTestToken(testAuthSetup().key, { sub: DEMO_OWNER.userId });
    const anonymous = await signTestToken(key, { sub: undefined });
    for (const token of [expired, forged, anonymous]) {
      const caller = await callerFor({ cookie: `${ACCESS_TOKEN_COOKIE}=${token}` });
      expect(await codeOf(caller.brands.list())).toBe('UNAUTHORIZED');
    }
  });

  it('of a user with no membership sees no brands and reaches none', async () => {
    const token = await signTestToken(key, { sub: randomUUID() });
    const caller = await callerFor({ authorization: `Bearer ${token}` });
    expect(await caller.brands.list()).toEqual([]);
    expect(await codeOf(caller.brands.strategy({ brandId: tenantOneBrandId }))).toBe('NOT_FOUND');
  });
});

it('a request without a token is UNAUTHORIZED', async () => {
  const caller = await callerFor({});
  expect(await codeOf(caller.brands.list())).toBe('UNAUTHORIZED');
  expect(await codeOf(caller.brands.strategy({ brandId: tenantOneBrandId }))).toBe('UNAUTHORIZED');
});
