import { type PackageWorkspaceView, WorkspaceWarning } from '../../../engines/content/dto';
import type { Channel } from '../../../engines/enums';
import type { SystemContext } from '../context';
import { notStartedProgress, type PackageBuildProgress, packageBuildProgress } from '../views/package-build-progress';

/**
 * The workspace view of a package with the soft errors of the run that built or last regenerated it,
 * so a channel that failed stays visible after a reload, however many runs the brand has had since.
 */
export async function getPackageWorkspace(ctx: SystemContext, tenantId: string, brandId: string, packageId: string): Promise<PackageWorkspaceView> {
  const view = await ctx.engines.content.getPackageWorkspaceView(tenantId, brandId, packageId);
  const last = await ctx.engines.runs.latestRunForPackage(tenantId, brandId, packageId, { succeededOnly: true });
  const warnings = (last?.events ?? [])
    .filter((e) => e.kind === 'soft_error')
    .flatMap((e) => {
      const parsed = WorkspaceWarning.safeParse(e.payload);
      return parsed.success ? [parsed.data] : [];
    });
  return { ...view, warnings };
}

/** Progress of the F2 run started with `idempotencyKey` (the "Create package" button polls it). */
export async function getPackageBuildProgress(
  ctx: SystemContext,
  tenantId: string,
  brandId: string,
  idempotencyKey: string,
  channels: Channel[],
): Promise<PackageBuildProgress> {
  const runs = await ctx.engines.runs.buildRunsForKey(tenantId, brandId, idempotencyKey);
  // Retries of the same attempt each record a run; the one linked to the package carries the drafting.
  const run = runs.find((r) => r.packageId !== null) ?? runs[0];
  return run ? packageBuildProgress(run, channels) : notStartedProgress(channels);
}
