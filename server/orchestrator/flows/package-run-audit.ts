import type { WorkspaceWarning } from '../../../engines/content/dto';
import { describeFailure } from './failure-description';
import { FlowRunAudit } from './run-audit';

/**
 * The audit trail of one F2 run: besides what every run records, each soft error, and the package the
 * run created, so a run that fails afterwards can take it back.
 */
export class PackageRunAudit extends FlowRunAudit {
  createdPackageId: string | null = null;

  /** The package this run builds or regenerates; its workspace and progress find the run by it. */
  linkPackage(packageId: string): Promise<void> {
    return this.runs.linkPackage({ runId: this.runId, packageId });
  }

  /** Records the hard error and whether the package this run created was taken back (`undoError` null). */
  override async fail(error: unknown, undoError: unknown = null): Promise<void> {
    await this.recordFailure(describeFailure(error, `run ${this.runId}`), {
      createdPackageId: this.createdPackageId,
      undone: this.createdPackageId ? undoError === null : null,
      undoError: undoError === null ? null : describeFailure(undoError, `run ${this.runId} clean-up`).slice(0, 500),
    });
  }

  succeed(output: { packageId: string; warnings: WorkspaceWarning[] }): Promise<void> {
    return this.finish(output, output.warnings.length > 0);
  }
}
