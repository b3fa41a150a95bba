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
    createContext: async () => {
      try {
        return await createTRPCContext({ headers: req.headers });
      } catch (error) {
        // Procedures log their own failures; a context that cannot be built (database down) would
        // otherwise vanish into a bare 500.
        console.error('tRPC context failed:', error);
        throw error;
      }
    },
    responseMeta: ({ errors }) => {
      // A batch can hold several refusals: the client may retry the batch once the longest wait is over.
      const waits = errors.map(retryAfterSeconds).filter((seconds) => seconds !== undefined);
      return waits.length > 0 ? { headers: { 'Retry-After': String(Math.max(...waits)) } } : {};
    },
  });
}

export { handler as GET, handler as POST };
