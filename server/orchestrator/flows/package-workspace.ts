import { type PackageWorkspaceView, WorkspaceWarning } from '../../../engines/content/dto';
import type { Channel } from '../../../engines/enums';
import type { FlowRunDTO } from '../../../engines/runs/dto';
import type { SystemContext } from '../context';
import { notStartedProgress, type PackageBuildProgress, packageBuildProgress } from '../views/package-build-progress';

/** How many recent runs are searched for a package's last build or a pending build's key. */
const RECENT_RUNS = 50;

const BUILD_FLOWS = new Set(['f2_package_build', 'f2_regenerate']);

/**
 * The workspace view of a package with the soft errors of the run that built or last regenerated it,
 * so a channel that failed stays visible after a reload.
 */
export async function getPackageWorkspace(ctx: SystemContext, tenantId: string, brandId: string, packageId: string): Promise<PackageWorkspaceView> {
  const view = await ctx.engines.content.getPackageWorkspaceView(tenantId, brandId, packageId);
  const runs = await ctx.engines.runs.listRuns(tenantId, brandId, { limit: RECENT_RUNS });
  const last = runs.find((run) => BUILD_FLOWS.has(run.flow) && run.status !== 'failed' && outputPackageId(run) === packageId);
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
  const runs = await ctx.engines.runs.listRuns(tenantId, brandId, { limit: RECENT_RUNS });
  const withKey = runs.filter(
    (r) => r.flow === 'f2_package_build' && (r.input as { idempotencyKey?: unknown } | null)?.idempotencyKey === idempotencyKey,
  );
  // Retries of the same attempt each record a run; the one that created the package carries the drafting.
  const run = withKey.find((r) => r.events.some((e) => e.node === 'createPackage' && (e.payload as { created?: unknown }).created === true)) ?? withKey[0];
  return run ? packageBuildProgress(run, channels) : notStartedProgress(channels);
}

function outputPackageId(run: FlowRunDTO): string | null {
  const output = run.events.find((e) => e.kind === 'output');
  return (output?.payload as { packageId?: string } | undefined)?.packageId ?? null;
}
