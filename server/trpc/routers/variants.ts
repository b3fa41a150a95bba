import { z } from 'zod';
import { VariantText } from '../../../engines/content/dto';
import { Text } from '../../../engines/text';
import { brandProcedure, createTRPCRouter } from '../init';

export const variantsRouter = createTRPCRouter({
  /** A person's edit of the draft; it becomes the variant's active text. */
  update: brandProcedure
    .input(z.object({ variantId: z.uuid(), text: VariantText }))
    .mutation(({ ctx, input }) =>
      ctx.system.engines.content.updateVariantText(ctx.scope.tenantId, ctx.scope.brandId, input.variantId, input.text),
    ),

  markPublished: brandProcedure
    .input(z.object({ variantId: z.uuid(), externalPostId: Text(200), publishedAt: z.date().optional() }))
    .mutation(({ ctx, input }) =>
      ctx.system.engines.content.markVariantPublished(
        ctx.scope.tenantId, ctx.scope.brandId, input.variantId, input.externalPostId, input.publishedAt,
      ),
    ),
});
