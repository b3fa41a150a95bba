import type { SystemContext } from '../context';
import { buildLearningSummaryGraph } from '../graphs/learning-summary-graph';
import type { LearningSummaryView } from '../views/learning-summary-view';

const graphs = new WeakMap<SystemContext, ReturnType<typeof buildLearningSummaryGraph>>();

/** F3.1 — "what worked in the last N days, which pillar is over- or under-invested". No writes but its run. */
export const LearningSummaryOrchestrator = {
  async summarize(ctx: SystemContext, tenantId: string, brandId: string, windowDays: number): Promise<LearningSummaryView> {
    const window = ctx.engines.learning.windowFor(windowDays);
    let graph = graphs.get(ctx);
    if (!graph) graphs.set(ctx, (graph = buildLearningSummaryGraph(ctx)));
    const runId = await ctx.engines.runs.startRun(tenantId, brandId, 'f3_summary', { windowDays, ...window });
    try {
      const state = await graph.invoke({ tenantId, brandId, windowDays, runId });
      await ctx.engines.runs.recordEvent(runId, 'summary', 'output', state.view);
      await ctx.engines.runs.finishRun(runId, state.view.source === 'fallback' ? 'succeeded_with_warnings' : 'succeeded');
      return state.view;
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 2_000);
      await ctx.engines.runs.recordEvent(runId, 'summary', 'hard_error', { message });
      await ctx.engines.runs.finishRun(runId, 'failed', message);
      throw error;
    }
  },
};
