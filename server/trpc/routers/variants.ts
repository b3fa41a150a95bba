import { MarkVariantPublishedInput, UpdateVariantTextInput } from '../../../engines/content/dto';
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
});
