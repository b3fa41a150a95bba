import { CreateWorkspaceInput, RenameWorkspaceInput } from '../../../engines/tenancy/dto';
import { authedProcedure, createTRPCRouter, workspaceAdminProcedure } from '../init';
import { perUserLimit } from '../rate-limit';

export const workspacesRouter = createTRPCRouter({
  /** The viewer's workspaces with their role in each. */
  list: authedProcedure.query(({ ctx }) => ctx.system.engines.workspaces.listWorkspaces(ctx.viewer.userId)),

  /** A new workspace with the viewer as its owner; limited per user, as each one is a new tenant. */
  create: authedProcedure
    .input(CreateWorkspaceInput)
    .concat(perUserLimit('workspaceCreations'))
    .mutation(({ ctx, input }) => ctx.system.engines.workspaces.createWorkspace(ctx.viewer.userId, input)),

  rename: workspaceAdminProcedure
    .input(RenameWorkspaceInput)
    .mutation(({ ctx, input }) => ctx.system.engines.workspaces.renameWorkspace(ctx.tenantId, input)),
});
