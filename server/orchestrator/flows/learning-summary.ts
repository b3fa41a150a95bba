import type { BrandScope } from '../../../engines/scope';
import type { SystemContext } from '../context';
import { learningSummaryGraph } from '../graphs/learning-summary-graph';
import type { LearningSummaryView } from '../views/learning-summary-view';
import { FlowRunAudit } from './run-audit';

export interface LearningSummaryRequest {
  windowDays: number;
  /** Who asked, recorded on the run. */
  userId?: string | null;
}

/**
 * F3.1 — "what worked in the last N days, which pillar is over- or under-invested": the window's
 * figures, then one summarizer node. Recorded as an `f3_summary` run with the model's output, model
 * and tokens; a model failure falls back to a deterministic summary and ends the run with warnings.
 */
export const LearningSummaryOrchestrator = {
  async summarize(ctx: SystemContext, scope: BrandScope, input: LearningSummaryRequest): Promise<LearningSummaryView> {
    const { windowDays } = input;
    const audit = await FlowRunAudit.start(ctx.engines.runs, scope, 'f3_summary', { windowDays }, input.userId ?? null);
    const state = await audit.failOnError(() =>
      learningSummaryGraph.invoke({ tenantId: scope.tenantId, brandId: scope.brandId, windowDays }, { configurable: { ctx, audit } }),
    );
    await audit.finish(state.view, state.view.source === 'fallback');
    return state.view;
  },
};
