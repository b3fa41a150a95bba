import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentPackages } from '../../../engines/db/schema';
import { CHANNEL_LIMITS } from '../../../engines/enums';
import { NotFoundError } from '../../../engines/errors';
import { isOfflineModelLabel } from '../../../lib/labels';
import { createTestDatabase, type TestDatabase } from '../../../test/database';
import { createTenantFixture, type TenantFixture } from '../../../test/fixtures';
import { insertContentOpportunity, insertContentPattern } from '../../../test/fixtures/content';
import { createSystemContext, type SystemContext } from '../context';
import { PackageBuildOrchestrator } from './package-build';

let handle: TestDatabase;
let ctx: SystemContext;
let fx: TenantFixture;

beforeAll(async () => {
  handle = await createTestDatabase();
  ctx = createSystemContext(handle);
  fx = await createTenantFixture(handle.db, 'Package Build Co');
  await insertContentPattern(handle.db, fx, { supportedChannels: ['linkedin', 'x', 'newsletter'], avgEngagementScore: 60 });
  await insertContentPattern(handle.db, fx, { supportedChannels: ['linkedin', 'x', 'newsletter'], avgEngagementScore: 40 });
});
afterAll(() => handle.close());

const packageRows = (opportunityId: string) =>
  handle.db
    .select()
    .from(contentPackages)
    .where(and(eq(contentPackages.brandId, fx.brandId), eq(contentPackages.originOpportunityId, opportunityId)));

describe('PackageBuildOrchestrator with the offline model', () => {
  it('builds a thesis and 1–3 labelled, in-limit drafts per channel, and records the run', async () => {
    const opportunityId = await insertContentOpportunity(handle.db, fx);
    const view = await PackageBuildOrchestrator.createPackageFromOpportunity(ctx, fx, {
      opportunityId,
      channels: ['linkedin', 'x', 'newsletter'],
      createdByUserId: fx.ownerUserId,
    });
    expect(view.package.status).toBe('draft');
    expect(view.package.coreArgument).toBeTruthy();
    expect(view.package.keyPoints.length).toBeGreaterThanOrEqual(3);
    expect(view.warnings).toEqual([]);
    for (const channel of ['linkedin', 'x', 'newsletter'] as const) {
      const drafts = view.variantsByChannel[channel] ?? [];
      expect(drafts.length).toBeGreaterThanOrEqual(1);
      expect(drafts.length).toBeLessThanOrEqual(3);
      for (const v of drafts) {
        expect(v.status).toBe('draft');
        expect(v.text.length).toBeLessThanOrEqual(CHANNEL_LIMITS[channel]);
        expect(isOfflineModelLabel(v.generatedByModel)).toBe(true);
        expect(v.rationale).toMatch(/^Offline draft/);
      }
    }
    const [run] = await ctx.engines.runs.listRuns(fx, { limit: 1 });
    expect(run).toMatchObject({ flow: 'f2_package_build', status: 'succeeded' });
    const kinds = new Set(run!.events.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(['engine_mutation', 'input', 'llm_output', 'output']);
    const thesis = run!.events.find((e) => e.node === 'thesis')!;
    expect(thesis.payload).toMatchObject({ model: expect.stringMatching(/^kairo-offline\//), usage: { inputTokens: expect.any(Number) } });
  });

  it('refuses a missing opportunity before anything is written, not even a run', async () => {
    const missing = randomUUID();
    const runsBefore = await ctx.engines.runs.listRuns(fx, { limit: 100 });
    await expect(
      PackageBuildOrchestrator.createPackageFromOpportunity(ctx, fx, {
        opportunityId: missing,
        channels: ['linkedin'],
        createdByUserId: fx.ownerUserId,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await packageRows(missing)).toEqual([]);
    expect(await ctx.engines.runs.listRuns(fx, { limit: 100 })).toEqual(runsBefore);
  });
});
