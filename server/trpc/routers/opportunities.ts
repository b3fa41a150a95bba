import { z } from 'zod';
import { brandProcedure, createTRPCRouter } from '../init';

export const opportunitiesRouter = createTRPCRouter({
  /** Pins (to the top of the board) or unpins one opportunity; at most five are pinned per brand. */
  pin: brandProcedure.input(z.object({ opportunityId: z.uuid(), pinned: z.boolean() })).mutation(({ ctx, input }) => {
    const { tenantId, brandId } = ctx.scope;
    const { opportunities } = ctx.system.engines;
    return input.pinned
      ? opportunities.pinOpportunity(tenantId, brandId, input.opportunityId)
      : opportunities.unpinOpportunity(tenantId, brandId, input.opportunityId);
  }),

  /** Hides an opportunity from the board until `until` (in the future); null brings it back now. */
  snooze: brandProcedure.input(z.object({ opportunityId: z.uuid(), until: z.date().nullable() })).mutation(({ ctx, input }) => {
    const { tenantId, brandId } = ctx.scope;
    const { opportunities } = ctx.system.engines;
    return input.until
      ? opportunities.snoozeOpportunity(tenantId, brandId, input.opportunityId, input.until)
      : opportunities.unsnoozeOpportunity(tenantId, brandId, input.opportunityId);
  }),
});
