import type { BrandScope } from '../../../engines/scope';
import type { SystemContext } from '../context';
import { buildLearningSummaryGraph } from '../graphs/learning-summary-graph';
import type { LearningSummaryView } from '../views/learning-summary-view';

const graphs = new WeakMap<SystemContext, ReturnType<typeof buildLearningSummaryGraph>>();

/**
 * F3.1 — "what worked in the last N days, which pillar is over- or under-invested". Like F1.1 it writes
 * nothing: it is read on every visit to the insights page, and a run per page view would bury the
 * learning runs on the Runs page.
 */
export const LearningSummaryOrchestrator = {
  async summarize(ctx: SystemContext, { tenantId, brandId }: BrandScope, { windowDays }: { windowDays: number }): Promise<LearningSummaryView> {
    let graph = graphs.get(ctx);
    if (!graph) graphs.set(ctx, (graph = buildLearningSummaryGraph(ctx)));
    const state = await graph.invoke({ tenantId, brandId, windowDays });
    return state.view;
  },
};
