import { createCallerFactory, createTRPCRouter } from './init';
import { authRouter } from './routers/auth';
import { brandsRouter } from './routers/brands';

export const appRouter = createTRPCRouter({
  auth: authRouter,
  brands: brandsRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process: `createCaller(createInnerContext({ system, viewer })).brands.list()`. */
export const createCaller = createCallerFactory(appRouter);
