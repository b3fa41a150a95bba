import { z } from 'zod';
import { PackageChannels, type PackageWorkspaceView } from '../../../engines/content/dto';
import { Channel } from '../../../engines/enums';
import type { SystemContext } from '../context';
import { buildPackageGraph, buildRegenerateGraph } from '../graphs/package-graph';
import { type ReplayOptions, workspaceOnceBuilt } from './package-replay';
import { PackageRunAudit } from './package-run-audit';

export interface PackageBuildOptions {
  /** Per LLM call; defaults to each node's own timeout. */
  llmTimeoutMs?: number;
  /** How a repeated idempotency key waits for the first request's build. */
  replay?: ReplayOptions;
}

const Scope = z.object({ tenantId: z.uuid(), brandId: z.uuid() });
const CreateRequest = z.object({
  opportunityId: z.uuid(),
  channels: PackageChannels,
  createdByUserId: z.uuid(),
  idempotencyKey: z.string().trim().min(1).max(200).optional(),
});

/**
 * F2: one opportunity becomes a content package with a thesis and 1–3 drafts per channel. With an
 * idempotency key, a retry (or a concurrent duplicate) returns the package the first call made, once
 * that call's drafting is done: a key already used is answered without any model call, and a
 * duplicate that raced the first one to the insert waits for it. The same key for another
 * opportunity or channel set is refused (CONFLICT). A channel whose model fails is reported in
 * `warnings` while the others land; any hard error leaves no package behind.
 */
async function createPackageFromOpportunity(
  ctx: SystemContext,
  tenantId: string,
  brandId: string,
  opportunityId: string,
  channels: Channel[],
  createdByUserId: string,
  idempotencyKey?: string,
  options: PackageBuildOptions = {},
): Promise<PackageWorkspaceView> {
  const scope = Scope.parse({ tenantId, brandId });
  const request = CreateRequest.parse({ opportunityId, channels, createdByUserId, idempotencyKey });
  if (request.idempotencyKey) {
    const earlier = await ctx.engines.content.findPackageForKey(scope.tenantId, scope.brandId, request);
    if (earlier) return workspaceOnceBuilt(ctx, scope.tenantId, scope.brandId, earlier.id, request.idempotencyKey, options.replay);
  }
  const audit = await PackageRunAudit.start(
    ctx.engines.runs,
    scope,
    'f2_package_build',
    { opportunityId: request.opportunityId, channels: request.channels, idempotencyKey: request.idempotencyKey ?? null },
    request.createdByUserId,
  );
  const built = await runAudited(ctx, scope, audit, async () => {
    const graph = buildPackageGraph({ ctx, audit, llmTimeoutMs: options.llmTimeoutMs });
    const state = await graph.invoke({ ...scope, request });
    return { view: state.view, warnings: state.warnings, created: state.created };
  });
  if (built.created || !request.idempotencyKey) return built.view;
  // A concurrent duplicate won the insert (the unique index decided); its run drafts the package.
  return workspaceOnceBuilt(ctx, scope.tenantId, scope.brandId, built.view.package.id, request.idempotencyKey, options.replay);
}

/**
 * F2 regeneration: new drafts for one channel of a package, written in the style of a person's edited
 * variant of that channel if there is one. Edited work is kept; untouched older drafts are replaced
 * once the new ones are stored. Recorded as its own run (`f2_regenerate`).
 */
async function regenerateVariants(
  ctx: SystemContext,
  tenantId: string,
  brandId: string,
  packageId: string,
  channel: Channel,
  requestedByUserId: string,
  options: PackageBuildOptions = {},
): Promise<PackageWorkspaceView> {
  const scope = Scope.parse({ tenantId, brandId });
  const request = z.object({ packageId: z.uuid(), channel: Channel }).parse({ packageId, channel });
  // Refuse a package of another brand before a run is recorded for it.
  await ctx.engines.content.getPackage(scope.tenantId, scope.brandId, request.packageId);
  const audit = await PackageRunAudit.start(ctx.engines.runs, scope, 'f2_regenerate', request, requestedByUserId);
  await audit.linkPackage(request.packageId);
  const regenerated = await runAudited(ctx, scope, audit, async () => {
    const graph = buildRegenerateGraph({ ctx, audit, llmTimeoutMs: options.llmTimeoutMs });
    const state = await graph.invoke({ ...scope, request });
    return { view: state.view, warnings: state.warnings };
  });
  return regenerated.view;
}

/** Runs the graph inside its audit; on a hard error the package this run created is taken back. */
async function runAudited<T extends { view: PackageWorkspaceView; warnings: PackageWorkspaceView['warnings'] }>(
  ctx: SystemContext,
  scope: z.infer<typeof Scope>,
  audit: PackageRunAudit,
  work: () => Promise<T>,
): Promise<T> {
  try {
    const result = await work();
    await audit.succeed({ packageId: result.view.package.id, warnings: result.warnings });
    return result;
  } catch (error) {
    const undo = audit.createdPackageId
      ? await ctx.engines.content.discardUntouchedPackage(scope.tenantId, scope.brandId, audit.createdPackageId).then(
          () => null,
          (undoError: unknown) => undoError,
        )
      : null;
    await audit.fail(error, undo);
    throw error;
  }
}

export const PackageBuildOrchestrator = { createPackageFromOpportunity, regenerateVariants };
