import { defaultShouldDehydrateQuery, QueryClient } from '@tanstack/react-query';
import superjson from 'superjson';

/**
 * One factory for the server (a client per request) and the browser (one per tab). Dates and other
 * non-JSON values cross the server→browser hydration boundary through superjson, as they cross the
 * tRPC wire; pending queries are dehydrated too, so a server component may start a prefetch without
 * awaiting it and the browser picks up the result when it streams in.
 */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Data rendered on the server stays fresh long enough not to be refetched during hydration.
      queries: { staleTime: 30_000 },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === 'pending',
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
