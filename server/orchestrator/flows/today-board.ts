import type { BoardFilter } from '../../../engines/opportunities/dto';
import type { SystemContext } from '../context';
import { buildTodayGraph } from '../graphs/today-graph';
import type { TodayBoardView, TodayFocusSummary } from '../views/today-board-view';

export const DEFAULT_TODAY_LIMIT = 50;

export interface TodayViewOptions {
  limit?: number;
  filter?: BoardFilter;
}

type TodayGraph = ReturnType<typeof buildTodayGraph>;

// Compiled once per system context: a graph holds the context's engines and models.
const graphs = new WeakMap<SystemContext, { core: TodayGraph; withSummary: TodayGraph }>();

function todayGraphs(ctx: SystemContext) {
  let built = graphs.get(ctx);
  if (!built) {
    built = { core: buildTodayGraph(ctx, { summarize: false }), withSummary: buildTodayGraph(ctx, { summarize: true }) };
    graphs.set(ctx, built);
  }
  return built;
}

/** F1 — "what should I work on today?": the ranked board, its focus slice and the brand summary. */
export const TodayBoardOrchestrator = {
  async buildTodayView(ctx: SystemContext, tenantId: string, brandId: string, options: TodayViewOptions = {}): Promise<TodayBoardView> {
    const state = await todayGraphs(ctx).core.invoke({
      tenantId,
      brandId,
      limit: options.limit ?? DEFAULT_TODAY_LIMIT,
      filter: options.filter ?? {},
    });
    return state.view;
  },
};

/** F1.1 — one sentence on today's focus, from the summarizer node over the F1 view. */
export const TodaySummaryOrchestrator = {
  async summarizeTodayFocus(ctx: SystemContext, tenantId: string, brandId: string): Promise<TodayFocusSummary> {
    const state = await todayGraphs(ctx).withSummary.invoke({ tenantId, brandId, limit: DEFAULT_TODAY_LIMIT, filter: {} });
    return state.summary;
  },
};
