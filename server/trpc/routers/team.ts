import { InviteInput, RemoveMemberInput, RevokeInviteInput, SetRoleInput } from '../../../engines/tenancy/dto';
import { createTRPCRouter, workspaceAdminProcedure, workspaceProcedure } from '../init';

export const teamRouter = createTRPCRouter({
  /** Members and pending invites; every member may look. */
  list: workspaceProcedure.query(({ ctx }) => ctx.system.engines.team.listTeam(ctx.tenantId)),

  invite: workspaceAdminProcedure
    .input(InviteInput)
    .mutation(({ ctx, input }) => ctx.system.engines.team.invite(ctx.tenantId, ctx.viewer.userId, input)),

  revokeInvite: workspaceAdminProcedure
    .input(RevokeInviteInput)
    .mutation(({ ctx, input }) => ctx.system.engines.team.revokeInvite(ctx.tenantId, input)),

  /** Owners only: the engine refuses anyone else with FORBIDDEN, and keeps the last owner. */
  setRole: workspaceProcedure
    .input(SetRoleInput)
    .mutation(({ ctx, input }) => ctx.system.engines.team.setRole(ctx.tenantId, ctx.role, input)),

  remove: workspaceProcedure
    .input(RemoveMemberInput)
    .mutation(({ ctx, input }) => ctx.system.engines.team.removeMember(ctx.tenantId, ctx.role, input)),
});
