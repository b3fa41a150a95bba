import { z } from 'zod';
import { BoardFilter, MAX_BOARD_LIMIT } from '../../../engines/opportunities/dto';
import { TodayBoardOrchestrator, TodaySummaryOrchestrator } from '../../orchestrator/flows/today-board';
import { brandProcedure, createTRPCRouter } from '../init';

export const todayRouter = createTRPCRouter({
  /** F1: the ranked board (optionally narrowed by pillar / persona / channel), its focus and the brand summary. */
  get: brandProcedure.input(BoardFilter.extend({ limit: z.int().min(1).max(MAX_BOARD_LIMIT).optional() })).query(({ ctx, input }) => {
    const { limit, pillarId, personaId, channel } = input;
    return TodayBoardOrchestrator.buildTodayView(
      ctx.system,
      ctx.scope,
      { limit, filter: { pillarId, personaId, channel } },
      { requestedByUserId: ctx.viewer.userId },
    );
  }),

  /**
   * F1.1: one sentence on today's focus, recorded as a run; a deterministic sentence (`source: 'fallback'`)
   * when the model fails. The viewer's summary allowance is spent inside the flow, only when the model is
   * called: a page view that recalls this morning's sentence costs none.
   */
  summary: brandProcedure.query(({ ctx }) =>
    TodaySummaryOrchestrator.summarizeTodayFocus(ctx.system, ctx.scope, { requestedByUserId: ctx.viewer.userId }),
  ),
});
