import type { FlowName, FlowRunEventKind } from '../../../engines/enums';
import type { FinishRunInput } from '../../../engines/runs/dto';
import type { FlowRunsEngine } from '../../../engines/runs/engine';
import { logger } from '../../logging/logger';
import type { LlmNodeResult } from '../llm/llm-node';
import { retryWhileDatabaseUnavailable } from './cleanup-retry';
import { describeFailure } from './failure-description';

/**
 * The audit trail of one flow run (flow_runs + flow_run_events): its input, engine mutations, LLM node
 * outputs with their model and token usage, and its outcome.
 */
export class FlowRunAudit {
  /** The run's last append: each waits for it, so parallel nodes' events queue here instead of contending for the run row. */
  private lastAppend: Promise<unknown> = Promise.resolve();

  constructor(
    protected readonly runs: FlowRunsEngine,
    readonly runId: string,
  ) {}

  /** Opens the run and records its input; with a budget, a run still running past it is swept as dead. */
  static async start<Audit extends FlowRunAudit>(
    this: new (
      runs: FlowRunsEngine,
      runId: string,
    ) => Audit,
    runs: FlowRunsEngine,
    /** Null for a run that spans tenants (the learning cron's walk). */
    scope: { tenantId: string; brandId: string } | null,
    flow: FlowName,
    input: Record<string, unknown>,
    userId: string | null,
    budgetMs?: number,
  ): Promise<Audit> {
    const events = [{ node: 'input', kind: 'input' as const, payload: input }];
    const runId = await runs.startRun(scope, { flow, input, createdByUserId: userId, budgetMs, events });
    // The run's id on the request's log line ties the log (and its SQL) to the Runs page.
    // The two ids only: a graph hands its whole state as the scope, and the log line must not carry a board.
    logger.info({ flow, runId, tenantId: scope?.tenantId, brandId: scope?.brandId }, 'run started');
    return new this(runs, runId);
  }

  /** One step's result, for a flow made of many (the cron walk's brands). */
  step(node: string, payload: unknown): Promise<void> {
    return this.event(node, 'output', payload);
  }

  /** A failure the flow recorded and went on past. */
  softError(node: string, payload: unknown): Promise<void> {
    return this.event(node, 'soft_error', payload);
  }

  mutation(node: string, payload: unknown): Promise<void> {
    return this.event(node, 'engine_mutation', payload);
  }

  /** Several engine mutations recorded in one write, in this order (a batch of drafts stored together). */
  async mutations(entries: { node: string; payload: unknown }[]): Promise<void> {
    if (entries.length === 0) return;
    await this.append(entries.map((entry) => ({ ...entry, kind: 'engine_mutation' })));
  }

  /** The node's object (hashed by the runs engine when large), model and usage; or its failure. */
  async llm(node: string, result: LlmNodeResult<unknown>): Promise<void> {
    if (result.ok) {
      await this.event(node, 'llm_output', { model: result.model, usage: result.usage, attempts: result.attempts, output: result.output });
    } else {
      await this.event(node, 'llm_output', { model: result.model, attempts: result.attempts, error: result.error });
    }
  }

  /** Records the output; a run that degraded (a soft error on the way) ends with warnings. */
  async finish(output: unknown, withWarnings: boolean): Promise<void> {
    const status = withWarnings ? 'succeeded_with_warnings' : 'succeeded';
    await this.end({ status, events: [{ node: 'flow', kind: 'output', payload: output }] });
    logger.info({ runId: this.runId, status }, 'run finished');
  }

  /** Runs the flow's work; a failure is recorded on the run (past a dropped connection too) and rethrown. */
  async failOnError<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      await retryWhileDatabaseUnavailable(() => this.fail(error));
      throw error;
    }
  }

  async fail(error: unknown): Promise<void> {
    await this.recordFailure(describeFailure(error, `run ${this.runId}`), {});
  }

  protected async recordFailure(message: string, details: Record<string, unknown>): Promise<void> {
    await this.end({
      status: 'failed',
      error: message.slice(0, 4_000),
      events: [{ node: 'flow', kind: 'hard_error', payload: { message: message.slice(0, 2_000), ...details } }],
    });
    logger.info({ runId: this.runId, status: 'failed' }, 'run finished');
  }

  protected async event(node: string, kind: FlowRunEventKind, payload: unknown): Promise<void> {
    await this.append([{ node, kind, payload }]);
  }

  /** Ends the run with its last events, in one write after the appends still queued. */
  private async end(finish: Omit<FinishRunInput, 'runId'>): Promise<void> {
    await this.lastAppend;
    await this.runs.finishRun({ runId: this.runId, ...finish });
  }

  private append(events: { node: string; kind: FlowRunEventKind; payload: unknown }[]): Promise<unknown> {
    const appended = this.lastAppend.then(() => this.runs.recordEvents({ runId: this.runId, events }));
    // A failed append fails its own caller; the next one still runs.
    this.lastAppend = appended.catch(() => undefined);
    return appended;
  }
}
