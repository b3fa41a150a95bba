import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEMBER, DEMO_OWNER, OTHER_TENANT_OWNER } from '../../supabase/seed/demo-users';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { createTenantFixture } from '../../test/fixtures';
import { viewerFor } from '../../test/fixtures/auth';
import { codeOf, rejection } from '../../test/trpc';
import type { Viewer } from '../auth/viewer';
import { createSystemContext, type SystemContext } from '../orchestrator/context';
import { DEFAULT_RATE_LIMITS } from '../rate-limit/config';
import { createRateLimits } from '../rate-limit/limits';
import { createInnerContext } from './init';
import { createCaller } from './root';

let handle: TestDatabase;
let system: SystemContext;
let owner: Viewer;
let member: Viewer;
let stranger: Viewer;
let ledgerline: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  system = createSystemContext(handle);
  owner = await viewerFor(system, DEMO_OWNER.userId);
  member = await viewerFor(system, DEMO_MEMBER.userId);
  stranger = await viewerFor(system, OTHER_TENANT_OWNER.userId);
  ledgerline = (await callerAs(owner).brands.list()).find((b) => b.slug === 'ledgerline')!.id;
});
afterAll(() => handle.close());

const callerAs = (viewer: Viewer, ctx: SystemContext = system) => createCaller(createInnerContext({ system: ctx, viewer }));

describe('opportunities.generate', () => {
  it('lets a member generate on the calibrated demo brand and shows the class on the board', async () => {
    expect(await callerAs(member).opportunities.generationStatus({ brandId: ledgerline })).toBeNull();
    for (const text of ['Auditors ask for close evidence earlier', 'The median close is 6.4 days', 'CFOs move to weekly forecasts']) {
      await callerAs(owner).sources.add({ brandId: ledgerline, kind: 'note', text });
    }
    const result = await callerAs(member).opportunities.generate({ brandId: ledgerline, idempotencyKey: 'procedure-test' });
    expect(result).toMatchObject({ runId: expect.any(String), proposed: expect.any(Number), boardClass: { class: expect.any(String) } });
    expect(result.landed).toBeGreaterThan(0);
    expect(result.landed + result.dropped).toBe(result.proposed);
    // The same key is answered with the same run's result.
    expect(await callerAs(member).opportunities.generate({ brandId: ledgerline, idempotencyKey: 'procedure-test' })).toEqual(result);
    expect(await callerAs(owner).opportunities.generationStatus({ brandId: ledgerline })).toEqual(result);

    const board = await callerAs(member).today.get({ brandId: ledgerline });
    const generated = board.opportunities.filter((o) => o.generationRunId === result.runId);
    expect(generated.length).toBeGreaterThan(0);
    expect(generated[0]).toMatchObject({
      createdVia: 'llm_proposed',
      whyNow: expect.any(String),
      subScores: { clarity: { reason: expect.any(String) } },
    });
  });

  it('asks for a calibrated strategy first, with what is missing', async () => {
    const fx = await createTenantFixture(handle.db, 'Uncalibrated Procedure Co');
    const viewer = await viewerFor(system, fx.ownerUserId);
    const error = await rejection(callerAs(viewer).opportunities.generate({ brandId: fx.brandId }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/^Calibrate the strategy first: /);
  });

  it("answers another tenant's brand as not found and refuses a malformed key by field", async () => {
    expect(await codeOf(callerAs(stranger).opportunities.generate({ brandId: ledgerline }))).toBe('NOT_FOUND');
    expect(await codeOf(callerAs(stranger).opportunities.generationStatus({ brandId: ledgerline }))).toBe('NOT_FOUND');
    const error = await rejection(callerAs(owner).opportunities.generate({ brandId: ledgerline, idempotencyKey: 'x'.repeat(201) }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/idempotencyKey/);
    // A NUL could not be stored with the run's input: refused as bad input, never a 500.
    expect(await codeOf(callerAs(owner).opportunities.generate({ brandId: ledgerline, idempotencyKey: 'a\u0000b' }))).toBe('BAD_REQUEST');
  });

  it('limits generations per user', async () => {
    const limited = createSystemContext(handle, {
      limits: createRateLimits(handle, { ...DEFAULT_RATE_LIMITS, generations: { points: 1, seconds: 600 } }),
    });
    await callerAs(owner, limited).opportunities.generate({ brandId: ledgerline });
    expect(await codeOf(callerAs(owner, limited).opportunities.generate({ brandId: ledgerline }))).toBe('TOO_MANY_REQUESTS');
  });
});
