import { z } from 'zod';
import { IngestKeyName } from '../../../engines/ingest-keys/dto';
import { adminProcedure, createTRPCRouter } from '../init';

export const ingestKeysRouter = createTRPCRouter({
  /** Names, dates and revocations only; a key is shown once, by `create`. */
  list: adminProcedure.query(({ ctx }) => ctx.system.engines.ingestKeys.listKeys(ctx.scope.tenantId, ctx.scope.brandId)),

  create: adminProcedure
    .input(z.object({ name: IngestKeyName }))
    .mutation(({ ctx, input }) => ctx.system.engines.ingestKeys.createKey(ctx.scope.tenantId, ctx.scope.brandId, input.name)),

  revoke: adminProcedure
    .input(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => ctx.system.engines.ingestKeys.revokeKey(ctx.scope.tenantId, ctx.scope.brandId, input.id)),
});
