import type { WorkspaceWarning } from '../../../engines/content/dto';
import type { FlowName } from '../../../engines/enums';
import type { FlowRunsEngine } from '../../../engines/runs/engine';
import type { LlmNodeResult } from '../llm/llm-node';
import { describeFailure } from './failure-description';

/**
 * The audit trail of one F2 run (flow_runs + flow_run_events): input, every engine mutation, every LLM
 * node output with its model and token usage, every soft error and the outcome. It also remembers the
 * package the run created, so a run that fails afterwards can take it back.
 */
export class PackageRunAudit {
  createdPackageId: string | null = null;

  private constructor(
    private readonly runs: FlowRunsEngine,
    readonly runId: string,
  ) {}

  static async start(
    runs: FlowRunsEngine,
    scope: { tenantId: string; brandId: string },
    flow: Extract<FlowName, 'f2_package_build' | 'f2_regenerate'>,
    input: Record<string, unknown>,
    userId: string,
    budgetMs: number,
  ): Promise<PackageRunAudit> {
    // The budget is recorded with the run: past it (plus the sweep's margin) a run still running is dead.
    const runId = await runs.startRun(scope.tenantId, scope.brandId, flow, input, userId, { budgetMs });
    const audit = new PackageRunAudit(runs, runId);
    await audit.event('input', 'input', input);
    return audit;
  }

  /** The package this run builds or regenerates; its workspace and progress find the run by it. */
  linkPackage(packageId: string): Promise<void> {
    return this.runs.linkPackage(this.runId, packageId);
  }

  mutation(node: string, payload: unknown): Promise<void> {
    return this.event(node, 'engine_mutation', payload);
  }

  /** The node's object (hashed by the runs engine when large), model and usage; or its failure. */
  async llm(node: string, result: LlmNodeResult<unknown>): Promise<void> {
    if (result.ok) {
      await this.event(node, 'llm_output', { model: result.model, usage: result.usage, attempts: result.attempts, output: result.output });
    } else {
      await this.event(node, 'llm_output', { model: result.model, attempts: result.attempts, error: result.error });
    }
  }

  softError(warning: WorkspaceWarning): Promise<void> {
    return this.event(warning.node, 'soft_error', warning);
  }

  /** Records the hard error and whether the package this run created was taken back (`undoError` null). */
  async fail(error: unknown, undoError: unknown = null): Promise<void> {
    const message = describeFailure(error, `run ${this.runId}`);
    await this.event('flow', 'hard_error', {
      message: message.slice(0, 2_000),
      createdPackageId: this.createdPackageId,
      undone: this.createdPackageId ? undoError === null : null,
      undoError: undoError === null ? null : describeFailure(undoError, `run ${this.runId} clean-up`).slice(0, 500),
    });
    await this.runs.finishRun(this.runId, 'failed', message.slice(0, 4_000));
  }

  async succeed(output: { packageId: string; warnings: WorkspaceWarning[] }): Promise<void> {
    await this.event('flow', 'output', output);
    await this.runs.finishRun(this.runId, output.warnings.length ? 'succeeded_with_warnings' : 'succeeded');
  }

  private async event(node: string, kind: Parameters<FlowRunsEngine['recordEvent']>[2], payload: unknown): Promise<void> {
    await this.runs.recordEvent(this.runId, node, kind, payload);
  }
}
