import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { MembershipRole } from '../../engines/enums';
import { errorViolations } from '../../engines/errors';
import { accessTokenFromHeaders } from '../auth/token-transport';
import { resolveViewer, type Viewer } from '../auth/viewer';
import { logger, requestIdFrom, withRequestId } from '../logging/logger';
import { getSystemContext, type SystemContext } from '../orchestrator/context';
import { toTRPCError, zodFieldErrors } from './errors';
import { transformer } from './transformer';

// 1. Context ------------------------------------------------------------------------------------

export interface InnerContext {
  system: SystemContext;
  /** Null when the request carries no valid access token. */
  viewer: Viewer | null;
  /** On every log line the request writes (server/logging/logger.ts). */
  requestId: string;
}

/** The context without HTTP: tests build it from their own system and viewer. */
export function createInnerContext(opts: Omit<InnerContext, 'requestId'> & { requestId?: string }): InnerContext {
  return { system: opts.system, viewer: opts.viewer, requestId: opts.requestId ?? requestIdFrom(new Headers()) };
}

/**
 * The context of one HTTP request (or one server render): the token from its headers, verified.
 * `system` defaults to the process's context.
 */
export async function createTRPCContext(opts: { headers: Pick<Headers, 'get'>; system?: SystemContext }): Promise<InnerContext> {
  const requestId = requestIdFrom(opts.headers);
  return withRequestId(requestId, async () => {
    try {
      const system = opts.system ?? (await getSystemContext());
      const viewer = await resolveViewer(system, accessTokenFromHeaders(opts.headers));
      return createInnerContext({ system, viewer, requestId });
    } catch (error) {
      // tRPC answers a context failure with its message, outside the procedures' middleware: map it
      // here, or a database that is down shows the caller its SQL and the user id it was bound to.
      throw logged('context', toTRPCError(error));
    }
  });
}

// 2. Initialisation -------------------------------------------------------------------------------

const t = initTRPC.context<InnerContext>().create({
  transformer,
  errorFormatter({ shape, error }) {
    return {
      ...shape,
      data: {
        ...shape.data,
        zodError: error.cause instanceof z.core.$ZodError ? zodFieldErrors(error.cause) : null,
        // A refusal a person may override: the hard rules it would break, for the override dialog.
        violations: errorViolations(error.cause),
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

// 3. Procedures ----------------------------------------------------------------------------------

/**
 * Outermost, so it also sees input-validation failures and the scope checks below; everything the
 * procedure logs, down to its SQL, carries the request's id.
 */
const mapErrors = t.middleware(({ ctx, next, path, type }) =>
  withRequestId(ctx.requestId, async () => {
    const startedAt = performance.now();
    const result = await next();
    // Failed or not, a mutation may have written: no read started before it is shared with a later caller.
    if (type === 'mutation') ctx.system.sharedReads.noteWrite();
    logger.info({ procedure: path, type, ok: result.ok, ms: Math.round(performance.now() - startedAt) }, 'trpc');
    if (result.ok) return result;
    throw logged(path, toTRPCError(result.error));
  }),
);

/** Failures the server, not the caller, must look into are logged with their cause; the rest are answers. */
function logged(procedure: string, error: TRPCError): TRPCError {
  if (error.code === 'INTERNAL_SERVER_ERROR' || error.code === 'SERVICE_UNAVAILABLE') {
    logger.error({ procedure, code: error.code, err: error.cause ?? error }, 'procedure failed');
  }
  return error;
}

export const publicProcedure = t.procedure.use(mapErrors);

/** A verified access token is required. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.viewer) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first' });
  return next({ ctx: { viewer: ctx.viewer } });
});

/**
 * The input names a brand; the brand must belong to one of the viewer's tenants. Any other brand is
 * NOT_FOUND exactly like a missing one. Procedures read the resolved `scope` and the viewer's `role`.
 */
export const brandProcedure = authedProcedure.input(z.object({ brandId: z.uuid() })).use(async ({ ctx, input, next }) => {
  const tenantId = await ctx.system.engines.tenancy.findBrandTenant({
    brandId: input.brandId,
    tenantIds: ctx.viewer.memberships.map((m) => m.tenantId),
  });
  const membership = ctx.viewer.memberships.find((m) => m.tenantId === tenantId);
  if (!membership) throw new TRPCError({ code: 'NOT_FOUND', message: `Brand ${input.brandId} not found` });
  return next({ ctx: { scope: { tenantId, brandId: input.brandId }, role: membership.role } });
});

/** Owners and admins only; the role is the viewer's in the tenant the procedure resolved. */
const requireAdmin = t.middleware(({ ctx, next }) => {
  const { role } = ctx as typeof ctx & { role: MembershipRole };
  if (role !== 'owner' && role !== 'admin') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Only owners and admins may do this' });
  }
  return next();
});

/** A brand procedure for owners and admins of the brand's tenant. */
export const adminProcedure = brandProcedure.use(requireAdmin);

/**
 * The input names a workspace (a tenant) the viewer belongs to. Any other workspace is NOT_FOUND exactly
 * like a missing one. Procedures read the resolved `tenantId` and the viewer's `role` there.
 */
export const workspaceProcedure = authedProcedure.input(z.object({ workspaceId: z.uuid() })).use(({ ctx, input, next }) => {
  const membership = ctx.viewer.memberships.find((m) => m.tenantId === input.workspaceId);
  if (!membership) throw new TRPCError({ code: 'NOT_FOUND', message: `Workspace ${input.workspaceId} not found` });
  return next({ ctx: { tenantId: membership.tenantId, role: membership.role } });
});

/** A workspace procedure for its owners and admins. */
export const workspaceAdminProcedure = workspaceProcedure.use(requireAdmin);
