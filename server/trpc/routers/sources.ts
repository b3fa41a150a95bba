import { AddSourceInput, SourceIdInput } from '../../../engines/sources/dto';
import { addSource, fetchSourceNow } from '../../sources/source-fetching';
import { adminProcedure, brandProcedure, createTRPCRouter } from '../init';
import { perUserLimit } from '../rate-limit';

export const sourcesRouter = createTRPCRouter({
  /** The brand's feeds and notes, newest first, with each feed's last fetch, item count and last error. */
  list: brandProcedure.query(({ ctx }) => ctx.system.engines.sources.list(ctx.scope)),

  /** A note becomes one signal at once; a feed is fetched right away and comes back with the outcome. */
  add: adminProcedure
    .input(AddSourceInput)
    .mutation(({ ctx, input }) => addSource(ctx.system, ctx.scope, { ...input, userId: ctx.viewer.userId })),

  /** Soft removal: the source's unused signals leave with it. */
  remove: adminProcedure.input(SourceIdInput).mutation(({ ctx, input }) => ctx.system.engines.sources.remove(ctx.scope, input)),

  /** Each call reaches out to another server, so it is rate limited like a model call. */
  fetchNow: adminProcedure
    .input(SourceIdInput)
    .concat(perUserLimit('sourceFetches'))
    .mutation(({ ctx, input }) => fetchSourceNow(ctx.system, ctx.scope, input)),
});
