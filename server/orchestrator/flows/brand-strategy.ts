import { type ProposedStrategyDraft, ProposeStrategyDraftInput } from '../../../engines/brand-brain/strategy-dto';
import { BrandScope } from '../../../engines/scope';
import type { SystemContext } from '../context';
import { strategyGraph } from '../graphs/strategy-graph';
import { Deadline } from './deadline';
import { FlowRunAudit } from './run-audit';

/**
 * F0's time budget: one model call and its retry against a slow model. Past it (plus the sweep's
 * margin) a run still `running` is taken for a dead process.
 */
export const STRATEGY_DRAFT_BUDGET_MS = 120_000;

export interface StrategyDraftOptions {
  /** Per model call; defaults to the node's own timeout, cut to what is left of the budget. */
  llmTimeoutMs?: number;
}

/**
 * F0 — the brand-strategy flow: the person's five answers and example posts become a proposed strategy
 * (positioning, pillars, personas, tone, taboos). Recorded as an `f0_strategy` run with its input, the
 * model's output, model and tokens. It stores nothing else: the draft goes back for review, and only
 * `StrategyEngine.acceptDraft` writes it. A model that gives no usable draft fails the run
 * (ModelUnavailableError).
 */
export const BrandStrategyOrchestrator = {
  async proposeDraft(
    ctx: SystemContext,
    brand: BrandScope,
    input: ProposeStrategyDraftInput & { userId?: string | null },
    options: StrategyDraftOptions = {},
  ): Promise<ProposedStrategyDraft> {
    const scope = BrandScope.parse(brand);
    const request = ProposeStrategyDraftInput.parse(input);
    // A brand of another tenant is refused before a run is recorded for it.
    await ctx.engines.brandBrain.getBrandSummary(scope);
    const audit = await FlowRunAudit.start(ctx.engines.runs, scope, 'f0_strategy', request, input.userId ?? null, STRATEGY_DRAFT_BUDGET_MS);
    const deadline = new Deadline(STRATEGY_DRAFT_BUDGET_MS);
    const state = await audit.failOnError(() =>
      strategyGraph.invoke({ ...scope, request }, { configurable: { ctx, audit, deadline, llmTimeoutMs: options.llmTimeoutMs } }),
    );
    const proposed: ProposedStrategyDraft = { ...state.draft, model: state.model, offline: ctx.models.offline };
    await audit.finish({ model: proposed.model, pillars: proposed.pillars.length, personas: proposed.personas.length }, false);
    return proposed;
  },
};
