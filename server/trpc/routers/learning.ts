import { z } from 'zod';
import { WindowDays } from '../../../engines/learning/window';
import { LearningSummaryOrchestrator } from '../../orchestrator/flows/learning-summary';
import { LearningUpdateOrchestrator } from '../../orchestrator/flows/learning-update';
import { adminProcedure, brandProcedure, createTRPCRouter } from '../init';
import { perUserLimit } from '../rate-limit';

const Window = z.object({ windowDays: WindowDays });

export const learningRouter = createTRPCRouter({
  /** F3 for the brand, now (owners and admins): learns from the window's published posts and rescores its opportunities. */
  run: adminProcedure
    .input(Window)
    .mutation(({ ctx, input }) =>
      LearningUpdateOrchestrator.runForBrand(ctx.system, ctx.scope, { ...input, trigger: 'admin', userId: ctx.viewer.userId }),
    ),

  insights: brandProcedure.input(Window).query(({ ctx, input }) => {
    const { learning } = ctx.system.engines;
    return learning.insights.getInsights(ctx.scope, learning.windowFor(input.windowDays));
  }),

  /** F3.1: what worked in the window and which pillar is over- or under-invested, in a few sentences; recorded as a run. */
  summary: brandProcedure
    .input(Window)
    .concat(perUserLimit('summaries'))
    .query(({ ctx, input }) => LearningSummaryOrchestrator.summarize(ctx.system, ctx.scope, { ...input, userId: ctx.viewer.userId })),
});
