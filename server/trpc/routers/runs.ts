import { z } from 'zod';
import { sweepInterruptedRuns } from '../../orchestrator/flows/interrupted-runs';
import { brandProcedure, createTRPCRouter } from '../init';

export const runsRouter = createTRPCRouter({
  /** The brand's recent flow runs, newest first, each with its recorded events; dead runs are swept first. */
  list: brandProcedure
    .input(z.object({ limit: z.int().min(1).max(100).optional() }))
    .query(async ({ ctx, input }) => {
      await sweepInterruptedRuns(ctx.system, { scope: ctx.scope });
      return ctx.system.engines.runs.listRuns(ctx.scope.tenantId, ctx.scope.brandId, { limit: input.limit });
    }),
});
