import { z } from 'zod';
import { BoardFilter, MAX_BOARD_LIMIT } from '../../../engines/opportunities/dto';
import { TodayBoardOrchestrator, TodaySummaryOrchestrator } from '../../orchestrator/flows/today-board';
import { brandProcedure, createTRPCRouter } from '../init';
import { perUserLimit } from '../rate-limit';

export const todayRouter = createTRPCRouter({
  /** F1: the ranked board (optionally narrowed by pillar / persona / channel), its focus and the brand summary. */
  get: brandProcedure.input(BoardFilter.extend({ limit: z.int().min(1).max(MAX_BOARD_LIMIT).optional() })).query(({ ctx, input }) => {
    const { limit, pillarId, personaId, channel } = input;
    return TodayBoardOrchestrator.buildTodayView(ctx.system, ctx.scope, { limit, filter: { pillarId, personaId, channel } });
  }),

  /** F1.1: one sentence on today's focus, recorded as a run; a deterministic sentence (`source: 'fallback'`) when the model fails. */
  summary: brandProcedure
    .concat(perUserLimit('summaries'))
    .query(({ ctx }) => TodaySummaryOrchestrator.summarizeTodayFocus(ctx.system, ctx.scope, { requestedByUserId: ctx.viewer.userId })),
});
