import { type Environment, wholeNumberFromEnv } from '../../../lib/env';

/**
 * The `maxDuration` (seconds) of the routes that run flows in a request (app/api/trpc/[trpc]/route.ts):
 * 300 s is what every Vercel plan allows with Fluid compute (Hobby's maximum, Pro's default). The
 * route files spell the number themselves, since Next reads segment config statically.
 */
export const FLOW_ROUTE_MAX_DURATION_MS = 300_000;
/** Kept free below the route's limit for what follows a flow's end: its last writes and the answer. */
const ROUTE_HEADROOM_MS = 20_000;

/** Time budgets of the flows that may call a model, and the sweep's margin past them. */
export interface FlowBudgets {
  packageBuildMs: number;
  regenerateMs: number;
  /** Past its budget plus this, a run still `running` is taken to be dead and marked interrupted. */
  sweepMarginMs: number;
}

export const DEFAULT_FLOW_BUDGETS: FlowBudgets = {
  // A thesis, parallel drafts and their repairs against a slow model: two and a half minutes covers a
  // slow day; past it the drafts still missing become warnings and the package lands partly done.
  packageBuildMs: 150_000,
  regenerateMs: 120_000,
  // Long enough that a live run's closing writes are never taken for a dead run; short enough that a
  // killed build's key is free again within a few minutes.
  sweepMarginMs: 60_000,
};

/**
 * Budgets from KAIRO_F2_BUILD_BUDGET_MS, KAIRO_F2_REGENERATE_BUDGET_MS and KAIRO_RUN_SWEEP_MARGIN_MS
 * (milliseconds). A budget is held below the route's `maxDuration` minus headroom, so a flow always
 * ends by itself before the platform would kill it; a value that is not a positive whole number throws.
 */
export function flowBudgetsFromEnv(env: Environment = process.env): FlowBudgets {
  const ceiling = FLOW_ROUTE_MAX_DURATION_MS - ROUTE_HEADROOM_MS;
  return {
    packageBuildMs: Math.min(ceiling, positiveMs(env, 'KAIRO_F2_BUILD_BUDGET_MS') ?? DEFAULT_FLOW_BUDGETS.packageBuildMs),
    regenerateMs: Math.min(ceiling, positiveMs(env, 'KAIRO_F2_REGENERATE_BUDGET_MS') ?? DEFAULT_FLOW_BUDGETS.regenerateMs),
    sweepMarginMs: Math.min(FLOW_ROUTE_MAX_DURATION_MS, positiveMs(env, 'KAIRO_RUN_SWEEP_MARGIN_MS') ?? DEFAULT_FLOW_BUDGETS.sweepMarginMs),
  };
}

function positiveMs(env: Environment, name: string): number | undefined {
  return wholeNumberFromEnv(env, name, { unit: 'milliseconds', min: 1 });
}
