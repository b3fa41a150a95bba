import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { contentPackages, flowRuns } from '../../../engines/db/schema';
import { insertContentOpportunity } from '../../../test/fixtures/content';
import { fakeModelSystemPerFile } from '../../../test/fixtures/fake-model-system';
import type { ModelCall } from '../../../test/http/fake-model-server';
import { DEFAULT_FLOW_BUDGETS, FLOW_ROUTE_MAX_DURATION_MS, flowBudgetsFromEnv } from './flow-budget';
import { PackageBuildOrchestrator } from './package-build';

// F2 against a model that never answers (the tests' OpenAI-compatible server, over loopback), with a
// budget of a second and a half: the flow must end by itself, recorded, with nothing half-written.

const BUDGETS = { packageBuildMs: 1_500, regenerateMs: 1_500, sweepMarginMs: 1_000 };
// Room for the channel that does answer to land even on a loaded machine: the stalled one waits it out.
const ROOMY_BUDGETS = { ...BUDGETS, packageBuildMs: 6_000 };

const system = fakeModelSystemPerFile('Budget Co');

const drafts = (channel: string) => (call: ModelCall) => call.schemaName === 'VariantDrafts' && call.context.channel === channel;

async function runsOf(opportunityId: string) {
  const rows = await system.db.db
    .select()
    .from(flowRuns)
    .where(and(eq(flowRuns.brandId, system.fx.brandId), eq(flowRuns.flow, 'f2_package_build')));
  return rows.filter((r) => (r.input as { opportunityId?: string }).opportunityId === opportunityId);
}

describe('F2 within its time budget, against a model that stalls', () => {
  it('a stalled thesis: the build fails by itself when its budget runs out, recorded, and no package is left', async () => {
    system.model.script((call) => (call.schemaName === 'PackageThesis' ? { kind: 'stall' } : { kind: 'answer' }));
    const opportunityId = await insertContentOpportunity(system.db.db, system.fx);
    const outcome = await PackageBuildOrchestrator.createPackageFromOpportunity(
      system.ctx,
      system.fx,
      { opportunityId, channels: ['linkedin'], createdByUserId: system.fx.ownerUserId },
      { budgets: BUDGETS },
    ).catch((error: unknown) => error);
    expect(outcome).toMatchObject({ errorCode: 'model_unavailable', message: expect.stringMatching(/time budget ran out/) });
    const [run] = await runsOf(opportunityId);
    expect(run).toMatchObject({ status: 'failed', budgetMs: 1_500, packageId: null });
    expect(await system.db.db.select().from(contentPackages).where(eq(contentPackages.originOpportunityId, opportunityId))).toEqual([]);
  });

  it('a stalled channel: the package lands partly done by itself, the stalled channel a warning that the budget ran out', async () => {
    system.model.script((call) => (drafts('x')(call) ? { kind: 'stall' } : { kind: 'answer' }));
    const opportunityId = await insertContentOpportunity(system.db.db, system.fx);
    const view = await PackageBuildOrchestrator.createPackageFromOpportunity(
      system.ctx,
      system.fx,
      { opportunityId, channels: ['linkedin', 'x'], createdByUserId: system.fx.ownerUserId },
      { budgets: ROOMY_BUDGETS },
    );
    expect(view.variantsByChannel.linkedin!.length).toBeGreaterThan(0);
    expect(view.variantsByChannel.x).toEqual([]);
    expect(view.warnings).toEqual([expect.objectContaining({ channel: 'x', message: expect.stringMatching(/time budget ran out/) })]);
    const [run] = await runsOf(opportunityId);
    expect(run).toMatchObject({ status: 'succeeded_with_warnings', budgetMs: 6_000, packageId: view.package.id });
  });
});

describe('flow budgets from the environment', () => {
  it('reads each budget and the sweep margin, and keeps a budget below the route limit', () => {
    expect(flowBudgetsFromEnv({})).toEqual(DEFAULT_FLOW_BUDGETS);
    expect(
      flowBudgetsFromEnv({ KAIRO_F2_BUILD_BUDGET_MS: '4000', KAIRO_F2_REGENERATE_BUDGET_MS: '3000', KAIRO_RUN_SWEEP_MARGIN_MS: '500' }),
    ).toEqual({
      packageBuildMs: 4_000,
      regenerateMs: 3_000,
      sweepMarginMs: 500,
    });
    const tooLong = flowBudgetsFromEnv({ KAIRO_F2_BUILD_BUDGET_MS: '900000' });
    expect(tooLong.packageBuildMs).toBeLessThan(FLOW_ROUTE_MAX_DURATION_MS);
    // A typo is an error naming the variable, never silently the default.
    expect(() => flowBudgetsFromEnv({ KAIRO_F2_BUILD_BUDGET_MS: 'soon' })).toThrow(
      'KAIRO_F2_BUILD_BUDGET_MS must be a whole number of milliseconds of at least 1, got "soon"',
    );
    expect(() => flowBudgetsFromEnv({ KAIRO_RUN_SWEEP_MARGIN_MS: '0' })).toThrow('KAIRO_RUN_SWEEP_MARGIN_MS');
    expect(flowBudgetsFromEnv({ KAIRO_RUN_SWEEP_MARGIN_MS: ' ' })).toEqual(DEFAULT_FLOW_BUDGETS);
  });
});
