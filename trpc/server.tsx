import 'server-only';
import { dehydrate, type FetchQueryOptions, HydrationBoundary, matchQuery, type QueryFilters, type QueryKey } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { cache, type ReactNode } from 'react';
import { trpcErrorCode } from '@/server/trpc/errors';
import { createTRPCContext } from '@/server/trpc/init';
import { appRouter, createCaller } from '@/server/trpc/root';
import { makeQueryClient } from './query-client';

// Server components call procedures in-process with the request's own context (the same token,
// the same verifier), prefetch into a per-request query client, and hand the results to client
// components through <HydrateClient>, so a page's first view is rendered on the server.

/** One query client per request. */
export const getQueryClient = cache(makeQueryClient);

const createContext = cache(async () => createTRPCContext({ headers: await headers() }));

/** Query options for server components: `await getQueryClient().fetchQuery(trpc.brands.list.queryOptions())`. */
export const trpc = createTRPCOptionsProxy({ ctx: createContext, router: appRouter, queryClient: getQueryClient });

/** The signed-in viewer of this request (null when signed out): the same context the procedures get. */
export const getServerViewer = cache(async () => (await createContext()).viewer);

/** Calls a procedure directly when nothing on the client needs the result. */
export const getServerCaller = cache(async () => createCaller(await createContext()));

/**
 * Starts a query on the server without waiting (`prefetch(trpc.today.get.queryOptions({ brandId }))`);
 * the client component below <HydrateClient> then suspends on it with useSuspenseQuery.
 */
export function prefetch<TData, TError, TKey extends QueryKey>(options: FetchQueryOptions<TData, TError, TData, TKey>): void {
  void getQueryClient().prefetchQuery(options);
}

/**
 * Waits for what a page renders first (`fetchOrNotFound(getQueryClient().fetchQuery(…))`). A refusal
 * saying the row is not the viewer's or its id is malformed (NOT_FOUND, BAD_REQUEST) renders the 404
 * page, the same as a row that does not exist; anything else is the error page's.
 */
export async function fetchOrNotFound(fetching: Promise<unknown>): Promise<void> {
  try {
    await fetching;
  } catch (error) {
    const code = trpcErrorCode(error);
    if (code === 'NOT_FOUND' || code === 'BAD_REQUEST') notFound();
    throw error;
  }
}

/**
 * Ships everything prefetched for this request to the client components below it, or only the queries
 * `only` names. A layout names its own: its page renders at the same time, so the page's queries are
 * still running when the layout's boundary is written and would ship twice, once with each boundary.
 */
export function HydrateClient({ children, only }: { children: ReactNode; only?: QueryFilters[] }) {
  const state = dehydrate(
    getQueryClient(),
    only ? { shouldDehydrateQuery: (query) => only.some((filter) => matchQuery(filter, query)) } : undefined,
  );
  return <HydrationBoundary state={state}>{children}</HydrationBoundary>;
}
