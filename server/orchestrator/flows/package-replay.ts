import type { PackageWorkspaceView } from '../../../engines/content/dto';
import { ConflictError, errorCode } from '../../../engines/errors';
import type { SystemContext } from '../context';
import { getPackageWorkspace } from './package-workspace';

export interface ReplayOptions {
  /** How long a duplicate waits for the first request's build to finish. */
  waitMs?: number;
  pollMs?: number;
}

/** Longer than a whole F2 run takes with every node's timeout and retry. */
const DEFAULT_WAIT_MS = 150_000;
const DEFAULT_POLL_MS = 250;
/** The first request links its run to the package right after inserting it; this covers the gap. */
const LINK_GRACE_MS = 3_000;

/**
 * The answer to a request whose idempotency key already made a package: that package's workspace
 * once the run that created it has finished drafting, so a retry or a concurrent duplicate lands on
 * the complete workspace and never on a half-built one. No model is called. If that run fails (and
 * takes its package back) the duplicate fails too, with the reason; retrying the key builds afresh.
 */
export async function workspaceOnceBuilt(
  ctx: SystemContext,
  tenantId: string,
  brandId: string,
  packageId: string,
  idempotencyKey: string,
  options: ReplayOptions = {},
): Promise<PackageWorkspaceView> {
  const { runs, content } = ctx.engines;
  const started = Date.now();
  const deadline = started + (options.waitMs ?? DEFAULT_WAIT_MS);
  for (;;) {
    const build = await runs.latestRunForPackage(tenantId, brandId, packageId, { flow: 'f2_package_build' });
    if (build && build.status !== 'running') break;
    if (!build) {
      const exists = await content.getPackage(tenantId, brandId, packageId).then(
        () => true,
        (error: unknown) => {
          if (errorCode(error) === 'not_found') return false;
          throw error;
        },
      );
      if (!exists) {
        const [failed] = await runs.buildRunsForKey(tenantId, brandId, idempotencyKey);
        throw new ConflictError(
          `The first request with this idempotency key failed${failed?.error ? ` (${failed.error})` : ''}; send it again to build the package afresh`,
        );
      }
      // A package made with a key outside F2 has no build run to wait for.
      if (Date.now() - started > LINK_GRACE_MS) break;
    }
    if (Date.now() > deadline) throw new ConflictError(`Package ${packageId} is still being built; try again in a moment`);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? DEFAULT_POLL_MS));
  }
  return getPackageWorkspace(ctx, tenantId, brandId, packageId);
}
