import { initTRPC } from '@trpc/server';
import type { Viewer } from '../auth/viewer';
import type { SystemContext } from '../orchestrator/context';
import type { LimitName } from '../rate-limit/config';

// A procedure fragment to `.concat()` onto a procedure that calls a model. Concatenated after the
// procedure's `.input()`, it runs after input validation and the brand's scope check: a malformed
// request is still BAD_REQUEST, a foreign brand still NOT_FOUND, and neither spends an attempt. Built
// from its own tRPC instance (tRPC 11's way to share middleware across routers): `concat` keeps the
// host procedure's configuration and only appends this middleware.

const t = initTRPC.context<{ system: SystemContext; viewer: Viewer }>().create();

/** Counts one call against the viewer's `limit`; over it, RateLimitedError (TOO_MANY_REQUESTS) before the call runs. */
export function perUserLimit(limit: LimitName) {
  return t.procedure.use(async ({ ctx, next }) => {
    await ctx.system.limits.consume(limit, ctx.viewer.userId);
    return next();
  });
}
