import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_OWNER } from '../../supabase/seed/demo-users';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { signTestToken, testAuthSetup } from '../../test/fixtures/auth';

// The production bundler compiles server modules once for route handlers and once for pages; the
// process's system context is built by whichever layer runs first, so the other layer meets errors
// whose classes it never loaded. Here the two layers are two module graphs: the system (engines,
// auth, their errors) from one, the router and its error map from a fresh copy.

type ContextModule = typeof import('../orchestrator/context');
type RootModule = typeof import('./root');
type InitModule = typeof import('./init');

let handle: TestDatabase;
let systemLayer: { context: ContextModule; errors: typeof import('../../engines/errors') };
let routeLayer: { root: RootModule; init: InitModule; errors: typeof import('../../engines/errors') };
let system: Awaited<ReturnType<ContextModule['createSystemContext']>>;
const { key, auth } = testAuthSetup();

beforeAll(async () => {
  handle = await createTestDatabase();
  vi.resetModules();
  systemLayer = { context: await import('../orchestrator/context'), errors: await import('../../engines/errors') };
  vi.resetModules();
  routeLayer = { root: await import('./root'), init: await import('./init'), errors: await import('../../engines/errors') };
  system = systemLayer.context.createSystemContext(handle, { auth });
});
afterAll(() => handle.close());

async function callAs(token: string | null) {
  const headers = new Headers(token ? { authorization: `Bearer ${token}` } : {});
  return routeLayer.root.createCaller(await routeLayer.init.createTRPCContext({ headers, system }));
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  return (error as { code?: string } | null)?.code;
}

describe('errors made by one bundle and answered by another', () => {
  it('runs with two copies of the error classes', () => {
    expect(routeLayer.errors.NotFoundError).not.toBe(systemLayer.errors.NotFoundError);
  });

  it('answers NOT_FOUND for a missing or foreign brand and package, not 500', async () => {
    const caller = await callAs(await signTestToken(key, { sub: DEMO_OWNER.userId }));
    expect(await codeOf(caller.today.get({ brandId: randomUUID() }))).toBe('NOT_FOUND');
    const [brand] = await caller.brands.list();
    expect(await codeOf(caller.packages.workspace({ brandId: brand!.id, packageId: randomUUID() }))).toBe('NOT_FOUND');
  });

  it('answers BAD_REQUEST for a snooze into the past', async () => {
    const caller = await callAs(await signTestToken(key, { sub: DEMO_OWNER.userId }));
    const [brand] = await caller.brands.list();
    const board = await caller.today.get({ brandId: brand!.id });
    const opportunityId = board.opportunities[0]!.id;
    expect(await codeOf(caller.opportunities.snooze({ brandId: brand!.id, opportunityId, until: new Date(Date.now() - 60_000) }))).toBe(
      'BAD_REQUEST',
    );
  });

  it('treats an expired or forged token as signed out (401), never as a server error', async () => {
    const expired = await signTestToken(key, { sub: DEMO_OWNER.userId, exp: Math.floor(Date.now() / 1000) - 60 });
    const forged = await signTestToken(testAuthSetup().key, { sub: DEMO_OWNER.userId });
    for (const token of [expired, forged]) {
      expect(await codeOf((await callAs(token)).brands.list())).toBe('UNAUTHORIZED');
    }
  });
});
