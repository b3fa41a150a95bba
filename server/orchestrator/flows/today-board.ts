import type { TodayBoardInput } from '../../../engines/opportunities/dto';
import type { BrandScope } from '../../../engines/scope';
import { logger } from '../../logging/logger';
import type { SystemContext } from '../context';
import { todayGraph, todaySummaryGraph } from '../graphs/today-graph';
import type { TodayBoardView, TodayFocusSummary } from '../views/today-board-view';

export const DEFAULT_TODAY_LIMIT = 50;

/**
 * F1 — "what should I work on today?": the ranked board, its focus slice and the brand summary. It
 * writes nothing and runs on every page view, so its audit is a log line (inputs and timing), not a run.
 * The same view asked for again while it is being built, by the same person for the same brand and
 * filter, shares that build (`ctx.sharedReads`): a burst of identical page views costs one.
 */
export const TodayBoardOrchestrator = {
  async buildTodayView(
    ctx: SystemContext,
    { tenantId, brandId }: BrandScope,
    options: TodayBoardInput = {},
    { requestedByUserId = null }: { requestedByUserId?: string | null } = {},
  ): Promise<TodayBoardView> {
    const input = { tenantId, brandId, limit: options.limit ?? DEFAULT_TODAY_LIMIT, filter: options.filter ?? {} };
    const { pillarId = null, personaId = null, channel = null } = input.filter;
    const key = JSON.stringify(['f1_today', tenantId, brandId, requestedByUserId, input.limit, pillarId, personaId, channel]);
    return ctx.sharedReads.run(key, async () => {
      const startedAt = performance.now();
      const state = await todayGraph.invoke(input, { configurable: { ctx } });
      logger.info(
        { flow: 'f1_today', ...input, opportunities: state.view.opportunities.length, ms: Math.round(performance.now() - startedAt) },
        'flow',
      );
      return state.view;
    });
  },
};

/**
 * F1.1 — one sentence on today's focus from the summarizer node over the F1 view; recorded as an
 * `f1_summary` run, or reused from this morning's run when the board's focus has not changed.
 */
export const TodaySummaryOrchestrator = {
  async summarizeTodayFocus(
    ctx: SystemContext,
    { tenantId, brandId }: BrandScope,
    { requestedByUserId = null }: { requestedByUserId?: string | null } = {},
  ): Promise<TodayFocusSummary> {
    const input = { tenantId, brandId, limit: DEFAULT_TODAY_LIMIT, filter: {} };
    const state = await todaySummaryGraph.invoke(input, { configurable: { ctx, requestedByUserId } });
    return state.summary;
  },
};
