import { MarkVariantPublishedInput, UpdateVariantTextInput } from '../../../engines/content/dto';
import { brandProcedure, createTRPCRouter } from '../init';

export const variantsRouter = createTRPCRouter({
  /** A person's edit of the draft; it becomes the variant's active text. */
  update: brandProcedure
    .input(UpdateVariantTextInput)
    .mutation(({ ctx, input }) => ctx.system.engines.content.updateVariantText(ctx.scope, input)),

  markPublished: brandProcedure
    .input(MarkVariantPublishedInput)
    .mutation(({ ctx, input }) => ctx.system.engines.content.markVariantPublished(ctx.scope, input)),
});
