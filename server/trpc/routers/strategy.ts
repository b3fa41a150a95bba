import { UpsertPersonaInput, UpsertPillarInput } from '../../../engines/brand-brain/dto';
import {
  AcceptStrategyDraftInput,
  ProposeStrategyDraftInput,
  ReorderPillarsInput,
  UpdateStrategyInput,
} from '../../../engines/brand-brain/strategy-dto';
import { BrandStrategyOrchestrator } from '../../orchestrator/flows/brand-strategy';
import { adminProcedure, brandProcedure, createTRPCRouter } from '../init';
import { perUserLimit } from '../rate-limit';

export const strategyRouter = createTRPCRouter({
  /** F0: the five answers and example posts → a proposed strategy for review; stores nothing but the run. */
  proposeDraft: adminProcedure
    .input(ProposeStrategyDraftInput)
    .concat(perUserLimit('strategyDrafts'))
    .mutation(({ ctx, input }) => BrandStrategyOrchestrator.proposeDraft(ctx.system, ctx.scope, { ...input, userId: ctx.viewer.userId })),

  /** Stores a reviewed draft in one transaction; pillars and personas are matched by name. */
  acceptDraft: adminProcedure
    .input(AcceptStrategyDraftInput)
    .mutation(({ ctx, input }) => ctx.system.engines.strategy.acceptDraft(ctx.scope, input)),

  update: adminProcedure
    .input(UpdateStrategyInput)
    .mutation(({ ctx, input }) => ctx.system.engines.strategy.updateStrategy(ctx.scope, input)),

  upsertPillar: adminProcedure
    .input(UpsertPillarInput)
    .mutation(({ ctx, input }) => ctx.system.engines.brandBrain.upsertPillar(ctx.scope, input)),

  upsertPersona: adminProcedure
    .input(UpsertPersonaInput)
    .mutation(({ ctx, input }) => ctx.system.engines.strategy.upsertPersona(ctx.scope, input)),

  reorderPillars: adminProcedure
    .input(ReorderPillarsInput)
    .mutation(({ ctx, input }) => ctx.system.engines.strategy.reorderPillars(ctx.scope, input)),

  /** Every pillar of the brand, inactive ones included, by rank: the editor's list. */
  pillars: brandProcedure.query(({ ctx }) => ctx.system.engines.brandBrain.listBrandPillars(ctx.scope, { includeInactive: true })),

  calibration: brandProcedure.query(({ ctx }) => ctx.system.engines.strategy.calibration(ctx.scope)),
});
