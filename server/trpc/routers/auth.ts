import { TRPCError } from '@trpc/server';
import { authedProcedure, createTRPCRouter, publicProcedure } from '../init';

export const authRouter = createTRPCRouter({
  /** Who is signed in: name, email and tenant memberships. */
  me: authedProcedure.query(({ ctx }) => ctx.system.engines.tenancy.getViewerProfile(ctx.viewer.userId)),

  /** How this deployment signs people in, for the sign-in page; the demo signing key itself stays here. */
  mode: publicProcedure.query(({ ctx }) => {
    const { mode, supabaseClient, demoSigningKey } = ctx.system.auth;
    return { mode, supabaseClient, demoSignIn: demoSigningKey !== null };
  }),

  /** The users the demo sign-in offers; only while the demo sign-in is allowed. */
  demoUsers: publicProcedure.query(({ ctx }) => {
    if (!ctx.system.auth.demoSigningKey) throw new TRPCError({ code: 'FORBIDDEN', message: 'The demo sign-in is disabled here' });
    return ctx.system.engines.tenancy.listSignInUsers();
  }),
});
