import { errorCode } from '../../../engines/errors';
import type { InterruptedRunDTO } from '../../../engines/runs/dto';
import type { SystemContext } from '../context';
import { describeFailure } from './failure-description';
import { FLOW_ROUTE_MAX_DURATION_MS, type FlowBudgets, flowBudgetsFromEnv } from './flow-budget';

export interface SweepOptions {
  /** One brand's runs (a page or a retry looking at them); omitted, every tenant's (the cron). */
  scope?: { tenantId: string; brandId: string };
  budgets?: FlowBudgets;
}

export interface SweptRun {
  runId: string;
  flow: InterruptedRunDTO['flow'];
  /** The package an interrupted build had created, and whether it was removed. */
  packageId: string | null;
  packageRemoved: boolean | null;
}

/**
 * Recovers runs whose process died (a platform time limit, a deploy, an out-of-memory kill): a run
 * still `running` past its budget plus the sweep margin is marked `interrupted`, and what it had
 * half-written is removed through the engines exactly as a failed run's is — an F2 build's package,
 * if nobody touched it, goes with its drafts, which frees the idempotency key for a retry. Each run is
 * claimed by one sweep only (a conditional update), so overlapping sweeps clean up nothing twice.
 * The marking and the cleanup are recorded as events of the run itself.
 */
export async function sweepInterruptedRuns(ctx: SystemContext, options: SweepOptions = {}): Promise<SweptRun[]> {
  const budgets = options.budgets ?? flowBudgetsFromEnv();
  const claimed = await ctx.engines.runs.claimInterruptedRuns({
    marginMs: budgets.sweepMarginMs,
    defaultBudgetMs: FLOW_ROUTE_MAX_DURATION_MS,
    scope: options.scope,
  });
  const swept: SweptRun[] = [];
  for (const run of claimed) swept.push(await cleanUp(ctx, run));
  return swept;
}

async function cleanUp(ctx: SystemContext, run: InterruptedRunDTO): Promise<SweptRun> {
  // An F2 build links only the package it created; a regeneration's package was there before it.
  const createdPackageId = run.flow === 'f2_package_build' ? run.packageId : null;
  if (!createdPackageId || !run.tenantId || !run.brandId) {
    await ctx.engines.runs.recordInterruptionCleanup(run.id, { removedPackageId: null });
    return { runId: run.id, flow: run.flow, packageId: null, packageRemoved: null };
  }
  const undoError = await ctx.engines.content
    .discardUntouchedPackage({ tenantId: run.tenantId, brandId: run.brandId }, { packageId: createdPackageId })
    .then(
      () => null,
      (error: unknown) => error,
    );
  // Already gone (another cleanup, or a person deleted it) is as good as removed.
  const removed = undoError === null || errorCode(undoError) === 'not_found';
  await ctx.engines.runs.recordInterruptionCleanup(run.id, {
    removedPackageId: removed ? createdPackageId : null,
    keptPackageId: removed ? null : createdPackageId,
    undoError: removed ? null : describeFailure(undoError, `sweep of run ${run.id}`).slice(0, 500),
  });
  return { runId: run.id, flow: run.flow, packageId: createdPackageId, packageRemoved: removed };
}
