import { MarkVariantPublishedInput, UpdateVariantTextInput, VariantRef } from '../../../engines/content/dto';
import { VariantEvaluationOrchestrator } from '../../orchestrator/flows/variant-evaluation';
import { brandProcedure, createTRPCRouter } from '../init';

export const variantsRouter = createTRPCRouter({
  /** A person's edit of the draft; it becomes the variant's active text. */
  update: brandProcedure
    .input(UpdateVariantTextInput.omit({ decidedByUserId: true }))
    .mutation(({ ctx, input }) =>
      ctx.system.engines.content.updateVariantText(ctx.scope, { ...input, decidedByUserId: ctx.viewer.userId }),
    ),

  markPublished: brandProcedure
    .input(MarkVariantPublishedInput.omit({ decidedByUserId: true }))
    .mutation(({ ctx, input }) =>
      ctx.system.engines.content.markVariantPublished(ctx.scope, { ...input, decidedByUserId: ctx.viewer.userId }),
    ),

  /** The draft rubric on the variant (checks, then the judge node), stored as eval_score and notes; recorded as a run. */
  evaluate: brandProcedure
    .input(VariantRef)
    .mutation(({ ctx, input }) => VariantEvaluationOrchestrator.evaluate(ctx.system, ctx.scope, input, { userId: ctx.viewer.userId })),
});
