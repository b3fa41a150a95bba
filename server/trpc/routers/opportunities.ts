import { z } from 'zod';
import { PinOpportunityInput, SnoozeOpportunityInput } from '../../../engines/opportunities/dto';
import { brandProcedure, createTRPCRouter } from '../init';

export const opportunitiesRouter = createTRPCRouter({
  /** Pins (to the top of the board) or unpins one opportunity; at most five are pinned per brand. */
  pin: brandProcedure.input(PinOpportunityInput).mutation(({ ctx, input }) => {
    const { opportunities } = ctx.system.engines;
    return input.pinned ? opportunities.pinOpportunity(ctx.scope, input) : opportunities.unpinOpportunity(ctx.scope, input);
  }),

  /** Hides an opportunity from the board until `until` (in the future); null brings it back now. */
  snooze: brandProcedure.input(SnoozeOpportunityInput.extend({ until: z.date().nullable() })).mutation(({ ctx, input }) => {
    const { opportunities } = ctx.system.engines;
    return input.until
      ? opportunities.snoozeOpportunity(ctx.scope, { ...input, until: input.until })
      : opportunities.unsnoozeOpportunity(ctx.scope, input);
  }),
});
