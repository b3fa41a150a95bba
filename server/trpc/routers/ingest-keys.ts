import { CreateIngestKeyInput, RevokeIngestKeyInput } from '../../../engines/ingest-keys/dto';
import { adminProcedure, createTRPCRouter } from '../init';

export const ingestKeysRouter = createTRPCRouter({
  /** Names, dates and revocations only; a key is shown once, by `create`. */
  list: adminProcedure.query(({ ctx }) => ctx.system.engines.ingestKeys.listKeys(ctx.scope)),

  create: adminProcedure
    .input(CreateIngestKeyInput)
    .mutation(({ ctx, input }) => ctx.system.engines.ingestKeys.createKey(ctx.scope, input)),

  revoke: adminProcedure
    .input(RevokeIngestKeyInput)
    .mutation(({ ctx, input }) => ctx.system.engines.ingestKeys.revokeKey(ctx.scope, input)),
});
