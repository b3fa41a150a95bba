import { authedProcedure, brandProcedure, createTRPCRouter } from '../init';

export const brandsRouter = createTRPCRouter({
  /** The brands of every tenant the viewer belongs to. */
  list: authedProcedure.query(({ ctx }) => ctx.system.engines.brandBrain.listBrandsForUser(ctx.viewer.userId)),

  strategy: brandProcedure.query(({ ctx }) => ctx.system.engines.brandBrain.getBrandStrategyView(ctx.scope)),
});
