import { AddChannelRequest } from '../../../engines/content/add-channel';
import { CreatePackageFromOpportunityInput, type PackageWorkspaceView, RegenerateVariantsInput } from '../../../engines/content/dto';
import { BrandScope } from '../../../engines/scope';
import type { SystemContext } from '../context';
import { packageGraph } from '../graphs/package-graph';
import { regenerateGraph } from '../graphs/regenerate-graph';
import { retryWhileDatabaseUnavailable } from './cleanup-retry';
import { Deadline } from './deadline';
import { type FlowBudgets, flowBudgetsFromEnv } from './flow-budget';
import { sweepInterruptedRuns } from './interrupted-runs';
import { type PackageBuildAnswer, type ReplayOptions, replayEarlierBuild } from './package-replay';
import { PackageRunAudit } from './package-run-audit';
import { getPackageBuildProgress } from './package-workspace';

export interface PackageBuildOptions {
  /** Per LLM call; defaults to each node's own timeout (cut to what is left of the budget). */
  llmTimeoutMs?: number;
  /** How a repeated idempotency key waits for a build in progress. */
  replay?: ReplayOptions;
  /** Default: from the environment (flow-budget.ts). */
  budgets?: FlowBudgets;
}

/**
 * F2: one opportunity becomes a content package with a thesis and 1–3 drafts per channel, within the
 * build's time budget (a channel still waiting on the model when it runs out becomes a warning). With
 * an idempotency key, a retry (or a concurrent duplicate) is answered from the first call's build: a
 * finished one's workspace without any model call, one still running with its progress after a few
 * seconds at most, and after a build that failed or was interrupted (its process died; swept here
 * first) a new build starts at once. The same key for another opportunity or channel set is refused
 * (CONFLICT). A channel whose model fails is reported in `warnings` while the others land; any hard
 * error leaves no package behind. Without a key there is nothing to replay: the answer is the workspace.
 */
async function createPackageFromOpportunity(
  ctx: SystemContext,
  brand: BrandScope,
  input: CreatePackageFromOpportunityInput & { idempotencyKey?: undefined },
  options?: PackageBuildOptions,
): Promise<PackageWorkspaceView>;
async function createPackageFromOpportunity(
  ctx: SystemContext,
  brand: BrandScope,
  input: CreatePackageFromOpportunityInput,
  options?: PackageBuildOptions,
): Promise<PackageBuildAnswer>;
async function createPackageFromOpportunity(
  ctx: SystemContext,
  brand: BrandScope,
  input: CreatePackageFromOpportunityInput,
  options: PackageBuildOptions = {},
): Promise<PackageBuildAnswer> {
  const scope = BrandScope.parse(brand);
  const request = CreatePackageFromOpportunityInput.parse(input);
  // Refuse an opportunity of another brand before anything (a swept run, a recorded one) is written.
  const opportunity = await ctx.engines.opportunities.getOpportunity(scope, { opportunityId: request.opportunityId });
  const budgets = options.budgets ?? flowBudgetsFromEnv();
  const key = request.idempotencyKey;
  if (key) {
    await sweepInterruptedRuns(ctx, { scope, budgets });
    const earlier = await replayEarlierBuild(ctx, scope, { ...request, idempotencyKey: key }, options.replay);
    if (earlier) return earlier;
  }
  const budgetMs = budgets.packageBuildMs;
  const audit = await PackageRunAudit.start(
    ctx.engines.runs,
    scope,
    'f2_package_build',
    { opportunityId: request.opportunityId, channels: request.channels, idempotencyKey: key ?? null },
    request.createdByUserId,
    budgetMs,
  );
  const deadline = new Deadline(budgetMs);
  const built = await runAudited(ctx, scope, audit, async () => {
    const state = await packageGraph.invoke(
      { ...scope, request, opportunity },
      { configurable: { ctx, audit, llmTimeoutMs: options.llmTimeoutMs, deadline } },
    );
    return { view: state.view, warnings: state.warnings, created: state.created };
  });
  if (built.created || !key) return built.view;
  // A concurrent duplicate won the insert (the unique index decided); its run drafts the package.
  const answer = await replayEarlierBuild(ctx, scope, { ...request, idempotencyKey: key }, options.replay);
  return answer ?? { building: await getPackageBuildProgress(ctx, scope, { idempotencyKey: key, channels: request.channels }) };
}

/**
 * F2 regeneration: new drafts for one channel of a package, written in the style of a person's edited
 * variant of that channel if there is one. Edited work is kept; untouched older drafts are replaced
 * once the new ones are stored, within the regeneration's time budget. Recorded as its own run
 * (`f2_regenerate`).
 */
async function regenerateVariants(
  ctx: SystemContext,
  brand: BrandScope,
  input: RegenerateVariantsInput,
  options: PackageBuildOptions = {},
): Promise<PackageWorkspaceView> {
  const scope = BrandScope.parse(brand);
  const { requestedByUserId, ...request } = RegenerateVariantsInput.parse(input);
  // Refuse a package of another brand before a run is recorded for it.
  await ctx.engines.content.getPackage(scope, { packageId: request.packageId });
  const budgetMs = (options.budgets ?? flowBudgetsFromEnv()).regenerateMs;
  const audit = await PackageRunAudit.start(ctx.engines.runs, scope, 'f2_regenerate', request, requestedByUserId, budgetMs);
  const deadline = new Deadline(budgetMs);
  await audit.linkPackage(request.packageId);
  const regenerated = await runAudited(ctx, scope, audit, async () => {
    const state = await regenerateGraph.invoke(
      { ...scope, request },
      { configurable: { ctx, audit, llmTimeoutMs: options.llmTimeoutMs, deadline } },
    );
    return { view: state.view, warnings: state.warnings };
  });
  return regenerated.view;
}

/**
 * A channel added to an existing package, with drafts for it written in the package's thesis by the
 * regeneration graph (the channel has no drafts yet, so nothing is retired). The engine refuses a
 * channel the package has and an archived package before any run is recorded; the run
 * (`f2_regenerate`, its input marked `addedChannel`) records the addition and the drafting. Should the
 * drafting fail, the channel stays, empty, for its Regenerate button.
 */
async function addChannel(
  ctx: SystemContext,
  brand: BrandScope,
  input: AddChannelRequest,
  options: PackageBuildOptions = {},
): Promise<PackageWorkspaceView> {
  const scope = BrandScope.parse(brand);
  const { requestedByUserId, ...request } = AddChannelRequest.parse(input);
  const added = await ctx.engines.content.addPackageChannel(scope, request);
  const budgetMs = (options.budgets ?? flowBudgetsFromEnv()).regenerateMs;
  const audit = await PackageRunAudit.start(
    ctx.engines.runs,
    scope,
    'f2_regenerate',
    { ...request, addedChannel: true },
    requestedByUserId,
    budgetMs,
  );
  const deadline = new Deadline(budgetMs);
  await audit.linkPackage(request.packageId);
  await audit.mutation('addPackageChannel', { packageId: request.packageId, channel: request.channel, channels: added.channels });
  const drafted = await runAudited(ctx, scope, audit, async () => {
    const state = await regenerateGraph.invoke(
      { ...scope, request },
      { configurable: { ctx, audit, llmTimeoutMs: options.llmTimeoutMs, deadline } },
    );
    return { view: state.view, warnings: state.warnings };
  });
  return drafted.view;
}

/** Runs the graph inside its audit; on a hard error the package this run created is taken back. */
async function runAudited<T extends { view: PackageWorkspaceView; warnings: PackageWorkspaceView['warnings'] }>(
  ctx: SystemContext,
  scope: BrandScope,
  audit: PackageRunAudit,
  work: () => Promise<T>,
): Promise<T> {
  try {
    const result = await work();
    await audit.succeed({ packageId: result.view.package.id, warnings: result.warnings });
    return result;
  } catch (error) {
    const packageId = audit.createdPackageId;
    const undo = packageId
      ? await retryWhileDatabaseUnavailable(() => ctx.engines.content.discardUntouchedPackage(scope, { packageId })).then(
          () => null,
          (undoError: unknown) => undoError,
        )
      : null;
    await retryWhileDatabaseUnavailable(() => audit.fail(error, undo));
    throw error;
  }
}

export const PackageBuildOrchestrator = { createPackageFromOpportunity, regenerateVariants, addChannel };
