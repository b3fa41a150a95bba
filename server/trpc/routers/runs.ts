import { z } from 'zod';
import { brandProcedure, createTRPCRouter } from '../init';

export const runsRouter = createTRPCRouter({
  /** The brand's recent flow runs, newest first, each with its recorded events. */
  list: brandProcedure
    .input(z.object({ limit: z.int().min(1).max(100).optional() }))
    .query(({ ctx, input }) => ctx.system.engines.runs.listRuns(ctx.scope.tenantId, ctx.scope.brandId, { limit: input.limit })),
});
