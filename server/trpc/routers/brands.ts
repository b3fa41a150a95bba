import { CreateBrandInput, UpdateBrandInput } from '../../../engines/brand-brain/dto';
import { adminProcedure, authedProcedure, brandProcedure, createTRPCRouter, workspaceAdminProcedure } from '../init';

export const brandsRouter = createTRPCRouter({
  /** The live brands of every tenant the viewer belongs to (archived ones are left out). */
  list: authedProcedure.query(({ ctx }) => ctx.system.engines.brandBrain.listBrandsForUser(ctx.viewer.userId)),

  strategy: brandProcedure.query(({ ctx }) => ctx.system.engines.brandBrain.getBrandStrategyView(ctx.scope)),

  /** A new brand of a workspace the viewer owns or administers. */
  create: workspaceAdminProcedure
    .input(CreateBrandInput)
    .mutation(({ ctx, input }) => ctx.system.engines.brandBrain.createBrand(ctx.tenantId, input)),

  update: adminProcedure.input(UpdateBrandInput).mutation(({ ctx, input }) => ctx.system.engines.brandBrain.updateBrand(ctx.scope, input)),

  /** Its data stays; the brand leaves every list and answers NOT_FOUND from then on. */
  archive: adminProcedure.mutation(({ ctx }) => ctx.system.engines.brandBrain.archiveBrand(ctx.scope)),
});
