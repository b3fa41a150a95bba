import { PackageBuildProgressInput, PackageRef, type PackageWorkspaceView, WorkspaceWarning } from '../../../engines/content/dto';
import type { Channel } from '../../../engines/enums';
import type { FlowRunDTO } from '../../../engines/runs/dto';
import { BrandScope } from '../../../engines/scope';
import type { SystemContext } from '../context';
import { buildProgress, type PackageBuildProgress } from '../views/package-build-progress';
import { sweepInterruptedRuns } from './interrupted-runs';

/**
 * Why these reads sweep: a run whose process died is found dead only by someone looking after its
 * budget ran out, and opening a package's workspace or polling a build's progress is that look. What
 * they answer (the "interrupted — try again" warning; a build's `interrupted` status, on which the
 * button builds afresh) holds only once the run is marked, so each first sweeps the brand's overdue
 * runs: one conditional UPDATE that claims nothing when none is overdue.
 */

/**
 * The workspace view of a package with the soft errors of the run that built or last regenerated it,
 * so a channel that failed stays visible after a reload, however many runs the brand has had since;
 * and, when its latest run was interrupted (swept here first), a warning saying to try again.
 */
export async function getPackageWorkspace(ctx: SystemContext, brand: BrandScope, input: PackageRef): Promise<PackageWorkspaceView> {
  const scope = BrandScope.parse(brand);
  const { packageId } = PackageRef.parse(input);
  await sweepInterruptedRuns(ctx, { scope });
  return workspaceWithRunWarnings(ctx, scope, packageId);
}

/** `getPackageWorkspace` for a caller that has just swept the brand's runs (a build answering a retry). */
export async function workspaceWithRunWarnings(ctx: SystemContext, scope: BrandScope, packageId: string): Promise<PackageWorkspaceView> {
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

/** Progress of the F2 runs started with `idempotencyKey` (the "Create package" button polls it), swept first. */
export async function getPackageBuildProgress(
  ctx: SystemContext,
  brand: BrandScope,
  input: PackageBuildProgressInput,
): Promise<PackageBuildProgress> {
  const scope = BrandScope.parse(brand);
  const { idempotencyKey, channels } = PackageBuildProgressInput.parse(input);
  await sweepInterruptedRuns(ctx, { scope });
  return buildProgress(await ctx.engines.runs.buildRunsForKey(scope, { idempotencyKey }), channels);
}
