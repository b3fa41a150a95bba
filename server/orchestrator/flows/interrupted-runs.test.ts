import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentPackages, flowRunEvents, flowRuns, variants } from '../../../engines/db/schema';
import { createTestDatabase, type TestDatabase } from '../../../test/database';
import { createTenantFixture, type TenantFixture } from '../../../test/fixtures';
import { insertContentOpportunity, insertContentPattern } from '../../../test/fixtures/content';
import { hangUntilAborted, scriptedRegistry } from '../../../test/fixtures/package-models';
import { createSystemContext, type SystemContext } from '../context';
import { DEFAULT_FLOW_BUDGETS, type FlowBudgets } from './flow-budget';
import { sweepInterruptedRuns } from './interrupted-runs';
import { PackageBuildOrchestrator } from './package-build';
import { isStillBuilding } from './package-replay';
import { getPackageBuildProgress, getPackageWorkspace } from './package-workspace';

// A build whose process dies leaves a run `running` and a package without drafts. Here the process
// "dies" by its model never answering while the clock the runs are judged by moves past the build's
// budget plus the sweep margin: from the database's point of view, exactly a killed build.

const BUDGETS: FlowBudgets = { packageBuildMs: 60_000, regenerateMs: 60_000, sweepMarginMs: 30_000 };

let handle: TestDatabase;
let fx: TenantFixture;
let now = Date.UTC(2026, 10, 2, 9, 0);
const clock = () => new Date(now);

beforeAll(async () => {
  handle = await createTestDatabase();
  fx = await createTenantFixture(handle.db, 'Sweep Co');
  await insertContentPattern(handle.db, fx, { supportedChannels: ['linkedin', 'x'] });
});
afterAll(() => handle.close());

/** A context whose variant writer hangs until `release` (the build stalls after storing its package). */
function stallingDrafts(): { ctx: SystemContext; release: () => void; drafting: Promise<void> } {
  const stop = new AbortController();
  let started!: () => void;
  const drafting = new Promise<void>((resolve) => (started = resolve));
  const { registry } = scriptedRegistry((options, call) => {
    if (call.name !== 'VariantDrafts') return undefined;
    started();
    return hangUntilAborted({ ...options, abortSignal: AbortSignal.any([options.abortSignal!, stop.signal].filter(Boolean)) });
  });
  return { ctx: createSystemContext(handle, { models: registry, clock }), release: () => stop.abort(), drafting };
}

async function packageForKey(key: string) {
  for (;;) {
    const [row] = await handle.db.select().from(contentPackages).where(eq(contentPackages.idempotencyKey, key));
    if (row) return row;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Starts a build that stores its package and then stalls on its drafts; returns its key and package. */
async function stalledBuild(channels: ('linkedin' | 'x')[] = ['linkedin', 'x']) {
  const { ctx, release, drafting } = stallingDrafts();
  const opportunityId = await insertContentOpportunity(handle.db, fx);
  const key = randomUUID();
  const building = PackageBuildOrchestrator.createPackageFromOpportunity(
    ctx,
    fx,
    { opportunityId, channels, createdByUserId: fx.ownerUserId, idempotencyKey: key },
    { budgets: BUDGETS },
  ).catch((error: unknown) => error);
  const pkg = await packageForKey(key);
  await drafting;
  const [run] = await handle.db.select().from(flowRuns).where(eq(flowRuns.packageId, pkg.id));
  return { ctx, release, opportunityId, key, pkg, runId: run!.id, building, channels };
}

const eventsOf = (runId: string) => handle.db.select().from(flowRunEvents).where(eq(flowRunEvents.runId, runId));

describe('the sweep of interrupted runs', () => {
  it('leaves a run alone until its budget plus the margin has passed', async () => {
    const build = await stalledBuild();
    now += BUDGETS.packageBuildMs + BUDGETS.sweepMarginMs - 1_000;
    expect(await sweepInterruptedRuns(build.ctx, { budgets: BUDGETS })).toEqual([]);
    const progress = await getPackageBuildProgress(build.ctx, fx, { idempotencyKey: build.key, channels: build.channels });
    expect(progress).toMatchObject({ status: 'running', packageId: build.pkg.id });
    build.release();
    await build.building;
  });

  it('two sweeps at once: the run is marked interrupted once, recorded once, and its package removed once', async () => {
    const build = await stalledBuild();
    now += BUDGETS.packageBuildMs + BUDGETS.sweepMarginMs + 1_000;
    const [a, b] = await Promise.all([
      sweepInterruptedRuns(build.ctx, { budgets: BUDGETS }),
      sweepInterruptedRuns(build.ctx, { budgets: BUDGETS, scope: { tenantId: fx.tenantId, brandId: fx.brandId } }),
    ]);
    const swept = [...a, ...b].filter((s) => s.runId === build.runId);
    expect(swept).toEqual([{ runId: build.runId, flow: 'f2_package_build', packageId: build.pkg.id, packageRemoved: true }]);
    const [run] = await handle.db.select().from(flowRuns).where(eq(flowRuns.id, build.runId));
    expect(run).toMatchObject({ status: 'interrupted', packageId: null, budgetMs: BUDGETS.packageBuildMs });
    const sweepEvents = (await eventsOf(build.runId)).filter((e) => e.node === 'sweep');
    expect(sweepEvents.map((e) => e.kind).sort()).toEqual(['engine_mutation', 'hard_error']);
    expect(sweepEvents.find((e) => e.kind === 'hard_error')!.payload).toMatchObject({
      reason: 'interrupted',
      budgetMs: BUDGETS.packageBuildMs,
      lastEvent: { node: 'updatePackageThesis' },
    });
    expect(sweepEvents.find((e) => e.kind === 'engine_mutation')!.payload).toMatchObject({ removedPackageId: build.pkg.id });
    expect(await handle.db.select().from(contentPackages).where(eq(contentPackages.id, build.pkg.id))).toEqual([]);
    expect(await handle.db.select().from(variants).where(eq(variants.packageId, build.pkg.id))).toEqual([]);

    // A third sweep finds nothing more to do; the progress says interrupted.
    expect(await sweepInterruptedRuns(build.ctx, { budgets: BUDGETS })).toEqual([]);
    expect(await getPackageBuildProgress(build.ctx, fx, { idempotencyKey: build.key, channels: build.channels })).toMatchObject({
      status: 'interrupted',
      packageId: null,
    });
    build.release();
    await build.building;
    expect(await handle.db.select().from(contentPackages).where(eq(contentPackages.idempotencyKey, build.key))).toEqual([]);
  });

  it('a retry with the same key after the build died: sweeps it and builds the package at once', async () => {
    const build = await stalledBuild(['linkedin']);
    now += BUDGETS.packageBuildMs + BUDGETS.sweepMarginMs + 1_000;
    const retry = await PackageBuildOrchestrator.createPackageFromOpportunity(
      createSystemContext(handle, { clock }),
      fx,
      { opportunityId: build.opportunityId, channels: ['linkedin'], createdByUserId: fx.ownerUserId, idempotencyKey: build.key },
      { budgets: BUDGETS },
    );
    if (isStillBuilding(retry)) throw new Error('the retry should have built the package');
    expect(retry.package.id).not.toBe(build.pkg.id);
    expect(retry.variantsByChannel.linkedin!.length).toBeGreaterThan(0);
    const [old] = await handle.db.select().from(flowRuns).where(eq(flowRuns.id, build.runId));
    expect(old!.status).toBe('interrupted');
    expect((await handle.db.select().from(contentPackages).where(eq(contentPackages.idempotencyKey, build.key))).map((p) => p.id)).toEqual([
      retry.package.id,
    ]);
    expect(await getPackageBuildProgress(build.ctx, fx, { idempotencyKey: build.key, channels: ['linkedin'] })).toMatchObject({
      status: 'succeeded',
      packageId: retry.package.id,
    });
    build.release();
    await build.building;
  });

  it('an interrupted regeneration keeps the package and its drafts, and the workspace says to try again', async () => {
    const offline = createSystemContext(handle, { clock });
    const opportunityId = await insertContentOpportunity(handle.db, fx);
    const view = await PackageBuildOrchestrator.createPackageFromOpportunity(
      offline,
      fx,
      { opportunityId, channels: ['linkedin'], createdByUserId: fx.ownerUserId },
      { budgets: BUDGETS },
    );
    const { ctx, release, drafting } = stallingDrafts();
    const regenerating = PackageBuildOrchestrator.regenerateVariants(
      ctx,
      fx,
      { packageId: view.package.id, channel: 'linkedin', requestedByUserId: fx.ownerUserId },
      { budgets: BUDGETS },
    ).catch((error: unknown) => error);
    await drafting;
    // A page's sweep takes its margin from the environment (the default here).
    now += BUDGETS.regenerateMs + DEFAULT_FLOW_BUDGETS.sweepMarginMs + 1_000;

    const workspace = await getPackageWorkspace(offline, fx, { packageId: view.package.id });
    expect(workspace.warnings).toEqual([
      { channel: 'linkedin', node: 'flow', message: 'Regenerating the drafts was interrupted — try again' },
    ]);
    expect(workspace.variantsByChannel.linkedin!.map((v) => v.id)).toEqual(view.variantsByChannel.linkedin!.map((v) => v.id));
    const [run] = await offline.engines.runs.listRuns(fx, { limit: 1 });
    expect(run).toMatchObject({ flow: 'f2_regenerate', status: 'interrupted', packageId: view.package.id });
    release();
    await regenerating;
  });
});
