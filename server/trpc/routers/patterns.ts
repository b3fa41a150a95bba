import {
  CopySharedPatternInput,
  CreatePatternInput,
  ListLibraryInput,
  RetirePatternInput,
  UpdatePatternInput,
} from '../../../engines/patterns/dto';
import { adminProcedure, brandProcedure, createTRPCRouter } from '../init';

/** The pattern library: every member reads it; owners and admins write the brand's own patterns. */
export const patternsRouter = createTRPCRouter({
  list: brandProcedure.input(ListLibraryInput).query(({ ctx, input }) => ctx.system.engines.patterns.listLibrary(ctx.scope, input)),

  create: adminProcedure
    .input(CreatePatternInput)
    .mutation(({ ctx, input }) => ctx.system.engines.patterns.createPattern(ctx.scope, input)),

  update: adminProcedure
    .input(UpdatePatternInput)
    .mutation(({ ctx, input }) => ctx.system.engines.patterns.updatePattern(ctx.scope, input)),

  retire: adminProcedure
    .input(RetirePatternInput)
    .mutation(({ ctx, input }) => ctx.system.engines.patterns.retirePattern(ctx.scope, input)),

  copyShared: adminProcedure
    .input(CopySharedPatternInput)
    .mutation(({ ctx, input }) => ctx.system.engines.patterns.copySharedPattern(ctx.scope, input)),
});
