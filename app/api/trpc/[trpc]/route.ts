import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { retryAfterSeconds } from '@/server/trpc/errors';
import { createTRPCContext } from '@/server/trpc/init';
import { appRouter } from '@/server/trpc/root';

/** F2 runs inside its request: every flow's budget (flow-budget.ts) ends it well before this. */
export const maxDuration = 300;

function handler(req: Request): Promise<Response> {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    // A context that cannot be built (database down) is mapped and logged inside createTRPCContext.
    createContext: () => createTRPCContext({ headers: req.headers }),
    responseMeta: ({ errors }) => {
      // A batch can hold several refusals: the client may retry the batch once the longest wait is over.
      const waits = errors.map(retryAfterSeconds).filter((seconds) => seconds !== undefined);
      return waits.length > 0 ? { headers: { 'Retry-After': String(Math.max(...waits)) } } : {};
    },
  });
}

export { handler as GET, handler as POST };
