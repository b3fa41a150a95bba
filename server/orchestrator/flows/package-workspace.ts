import { PackageBuildProgressInput, PackageRef, type PackageWorkspaceView, WorkspaceWarning } from '../../../engines/content/dto';
import type { Channel } from '../../../engines/enums';
import type { FlowRunDTO } from '../../../engines/runs/dto';
import { BrandScope } from '../../../engines/scope';
import type { SystemContext } from '../context';
import { notStartedProgress, type PackageBuildProgress, packageBuildProgress } from '../views/package-build-progress';
import { sweepInterruptedRuns } from './interrupted-runs';

/**
 * The workspace view of a package with the soft errors of the run that built or last regenerated it,
 * so a channel that failed stays visible after a reload, however many runs the brand has had since;
 * and, when its latest run was interrupted (swept here first), a warning saying to try again.
 */
export async function getPackageWorkspace(ctx: SystemContext, brand: BrandScope, input: PackageRef): Promise<PackageWorkspaceView> {
  const scope = BrandScope.parse(brand);
  const { packageId } = PackageRef.parse(input);
  await sweepInterruptedRuns(ctx, { scope });
  const view = await ctx.engines.content.getPackageWorkspaceView(scope, { packageId });
  const [last, latest] = await Promise.all([
    ctx.engines.runs.latestRunForPackage(scope, { packageId, succeededOnly: true }),
    ctx.engines.runs.latestRunForPackage(scope, { packageId }),
  ]);
  const warnings = (last?.events ?? [])
    .filter((event) => event.kind === 'soft_error')
    .flatMap((event) => {
      const parsed = WorkspaceWarning.safeParse(event.payload);
      return parsed.success ? [parsed.data] : [];
    });
  return { ...view, warnings: latest?.status === 'interrupted' ? [interruptedWarning(latest), ...warnings] : warnings };
}

function interruptedWarning(run: FlowRunDTO): WorkspaceWarning {
  const channel = (run.input as { channel?: Channel } | null)?.channel;
  // The workspace names the channel before the message.
  const what = run.flow === 'f2_regenerate' ? 'Regenerating the drafts' : 'Building this package';
  return { channel, node: 'flow', message: `${what} was interrupted — try again` };
}

/** Progress of the F2 run started with `idempotencyKey` (the "Create package" button polls it). */
export async function getPackageBuildProgress(
  ctx: SystemContext,
  brand: BrandScope,
  input: PackageBuildProgressInput,
): Promise<PackageBuildProgress> {
  const scope = BrandScope.parse(brand);
  const { idempotencyKey, channels } = PackageBuildProgressInput.parse(input);
  await sweepInterruptedRuns(ctx, { scope });
  const runs = await ctx.engines.runs.buildRunsForKey(scope, { idempotencyKey });
  // Retries of the same attempt each record a run (newest first): a build still running is the news,
  // then the one linked to the package (it carries the drafting), then the latest outcome.
  const run =
    runs.find((r) => r.status === 'running' && r.packageId !== null) ??
    runs.find((r) => r.status === 'running') ??
    runs.find((r) => r.packageId !== null) ??
    runs[0];
  return run ? packageBuildProgress(run, channels) : notStartedProgress(channels);
}
