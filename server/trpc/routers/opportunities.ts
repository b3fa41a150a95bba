import { z } from 'zod';
import {
  DismissOpportunityInput,
  ListSnoozedOpportunitiesInput,
  PinOpportunityInput,
  SnoozeOpportunityInput,
} from '../../../engines/opportunities/dto';
import { CreateOpportunityInput, ImportOpportunitiesCsvInput } from '../../../engines/opportunities/manual-dto';
import { brandProcedure, createTRPCRouter } from '../init';
import { generationProcedures } from './opportunity-generation';

// Who decided is always the signed-in viewer: the engines log it with each decision.
const byViewer = { decidedByUserId: true } as const;

export const opportunitiesRouter = createTRPCRouter({
  /** Pins (to the top of the board) or unpins one opportunity; at most five are pinned per brand. */
  pin: brandProcedure.input(PinOpportunityInput.omit(byViewer)).mutation(({ ctx, input }) => {
    const { opportunities } = ctx.system.engines;
    const triage = { ...input, decidedByUserId: ctx.viewer.userId };
    return input.pinned ? opportunities.pinOpportunity(ctx.scope, triage) : opportunities.unpinOpportunity(ctx.scope, triage);
  }),

  /** Hides an opportunity from the board until `until` (in the future); null brings it back now. */
  snooze: brandProcedure.input(SnoozeOpportunityInput.omit(byViewer).extend({ until: z.date().nullable() })).mutation(({ ctx, input }) => {
    const { opportunities } = ctx.system.engines;
    return input.until
      ? opportunities.snoozeOpportunity(ctx.scope, { ...input, until: input.until, decidedByUserId: ctx.viewer.userId })
      : opportunities.unsnoozeOpportunity(ctx.scope, input);
  }),

  /** The snoozed ideas, the soonest to return first: the board's "Snoozed" view, where "Bring back" is snooze until null. */
  snoozed: brandProcedure
    .input(ListSnoozedOpportunitiesInput)
    .query(({ ctx, input }) => ctx.system.engines.opportunities.listSnoozedOpportunities(ctx.scope, input)),

  /** "Not relevant": the idea leaves the board for good; any member may dismiss. */
  dismiss: brandProcedure
    .input(DismissOpportunityInput.omit(byViewer))
    .mutation(({ ctx, input }) =>
      ctx.system.engines.opportunities.dismissOpportunity(ctx.scope, { ...input, decidedByUserId: ctx.viewer.userId }),
    ),

  /** An idea typed in by any member; a title the brand already has is CONFLICT naming that idea. */
  create: brandProcedure
    .input(CreateOpportunityInput.omit({ createdByUserId: true }))
    .mutation(({ ctx, input }) =>
      ctx.system.engines.opportunities.createOpportunity(ctx.scope, { ...input, createdByUserId: ctx.viewer.userId }),
    ),

  /** A CSV file of ideas, stored whole or refused with every bad line (nothing stored). */
  importCsv: brandProcedure
    .input(ImportOpportunitiesCsvInput.omit({ createdByUserId: true }))
    .mutation(({ ctx, input }) =>
      ctx.system.engines.opportunities.importOpportunitiesCsv(ctx.scope, { ...input, createdByUserId: ctx.viewer.userId }),
    ),

  ...generationProcedures,
});
