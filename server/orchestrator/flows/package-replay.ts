import type { PackageWorkspaceView } from '../../../engines/content/dto';
import type { Channel } from '../../../engines/enums';
import { errorCode } from '../../../engines/errors';
import type { BrandScope } from '../../../engines/scope';
import type { SystemContext } from '../context';
import { buildProgress, type PackageBuildProgress } from '../views/package-build-progress';
import { workspaceWithRunWarnings } from './package-workspace';

export interface ReplayOptions {
  /** How long a duplicate waits for a build in progress before answering with its progress. */
  waitMs?: number;
  pollMs?: number;
}

/** A duplicate's answer while the key's build is still running: its progress, to keep polling. */
export interface StillBuilding {
  building: PackageBuildProgress;
}

/** What "Create package" answers: the built package's workspace, or the progress of its build. */
export type PackageBuildAnswer = PackageWorkspaceView | StillBuilding;

export function isStillBuilding(answer: PackageBuildAnswer): answer is StillBuilding {
  return 'building' in answer;
}

/** A few seconds: a duplicate never holds a request (and a function) open for the whole build. */
const DEFAULT_WAIT_MS = 5_000;
const DEFAULT_POLL_MS = 250;

interface ReplayRequest {
  opportunityId: string;
  channels: Channel[];
  createdByUserId: string;
  idempotencyKey: string;
}

/**
 * The answer to a request whose idempotency key was used before, or null when nothing of that use is
 * left and the caller should build afresh. No model is called. A finished build's package is answered
 * with its complete workspace; a build still running is waited for at most `waitMs`, then answered
 * with its progress (the page keeps polling it); a build that failed or was interrupted left nothing
 * behind (its package is taken back), so the key builds again at once. Interrupted runs must have
 * been swept before this is asked.
 */
export async function replayEarlierBuild(
  ctx: SystemContext,
  scope: BrandScope,
  request: ReplayRequest,
  options: ReplayOptions = {},
): Promise<PackageBuildAnswer | null> {
  const deadline = Date.now() + (options.waitMs ?? DEFAULT_WAIT_MS);
  for (;;) {
    // Refuses (CONFLICT) the key reused for another opportunity or channel set.
    const pkg = await ctx.engines.content.findPackageForKey(scope, request);
    const runs = await ctx.engines.runs.buildRunsForKey(scope, request);
    const live = runs.find((r) => r.status === 'running');
    if (pkg) {
      const build = runs.find((r) => r.packageId === pkg.id);
      // No build of it is running: it finished, or the package was made outside F2.
      if (!build && !live) return workspaceWithRunWarnings(ctx, scope, pkg.id);
      if (build && build.status !== 'running') {
        if (build.status !== 'failed' && build.status !== 'interrupted') return workspaceWithRunWarnings(ctx, scope, pkg.id);
        // Its cleanup could not take the package back: try once more, or keep what a person touched.
        if (!(await discarded(ctx, scope, pkg.id))) return workspaceWithRunWarnings(ctx, scope, pkg.id);
        return null;
      }
    } else if (!live) {
      return null;
    }
    if (Date.now() >= deadline) return { building: buildProgress(runs, request.channels) };
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? DEFAULT_POLL_MS));
  }
}

async function discarded(ctx: SystemContext, scope: BrandScope, packageId: string): Promise<boolean> {
  return ctx.engines.content.discardUntouchedPackage(scope, { packageId }).then(
    () => true,
    (error: unknown) => {
      // A package a person has edited since is theirs now: it stays (conflict), anything else is a fault.
      if (errorCode(error) === 'conflict') return false;
      if (errorCode(error) === 'not_found') return true;
      throw error;
    },
  );
}
