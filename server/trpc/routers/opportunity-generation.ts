import { GenerateOpportunitiesInput } from '../../../engines/opportunities/generation/dto';
import { OpportunityGenerationOrchestrator } from '../../orchestrator/flows/opportunity-generation';
import { brandProcedure } from '../init';
import { perUserLimit } from '../rate-limit';

/** The opportunities router's generation procedures (kept here, spread into `opportunities`). */
export const generationProcedures = {
  /**
   * Proposes ideas from the brand's strategy and newest signals and lands those the rubric keeps; any
   * member may ask. CONFLICT until the strategy is calibrated.
   */
  generate: brandProcedure
    .input(GenerateOpportunitiesInput)
    .concat(perUserLimit('generations'))
    .mutation(({ ctx, input }) =>
      OpportunityGenerationOrchestrator.generate(ctx.system, ctx.scope, input, { userId: ctx.viewer.userId, trigger: 'person' }),
    ),

  /** The latest generation run's result and board class; null before the first run. */
  generationStatus: brandProcedure.query(({ ctx }) => OpportunityGenerationOrchestrator.latestResult(ctx.system, ctx.scope)),
};
