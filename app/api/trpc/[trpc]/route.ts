import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createTRPCContext } from '@/server/trpc/init';
import { appRouter } from '@/server/trpc/root';

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
  });
}

export { handler as GET, handler as POST };
