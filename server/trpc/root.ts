import { createCallerFactory, createTRPCRouter } from './init';
import { authRouter } from './routers/auth';
import { brandsRouter } from './routers/brands';
import { ingestKeysRouter } from './routers/ingest-keys';
import { learningRouter } from './routers/learning';
import { opportunitiesRouter } from './routers/opportunities';
import { packagesRouter } from './routers/packages';
import { patternsRouter } from './routers/patterns';
import { runsRouter } from './routers/runs';
import { sourcesRouter } from './routers/sources';
import { strategyRouter } from './routers/strategy';
import { teamRouter } from './routers/team';
import { todayRouter } from './routers/today';
import { variantsRouter } from './routers/variants';
import { workspacesRouter } from './routers/workspaces';

export const appRouter = createTRPCRouter({
  auth: authRouter,
  brands: brandsRouter,
  ingestKeys: ingestKeysRouter,
  learning: learningRouter,
  runs: runsRouter,
  strategy: strategyRouter,
  today: todayRouter,
  opportunities: opportunitiesRouter,
  packages: packagesRouter,
  patterns: patternsRouter,
  variants: variantsRouter,
  workspaces: workspacesRouter,
  team: teamRouter,
  sources: sourcesRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process: `createCaller(createInnerContext({ system, viewer })).brands.list()`. */
export const createCaller = createCallerFactory(appRouter);
