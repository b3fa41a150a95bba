// The server refuses a model call over the person's allowance with TOO_MANY_REQUESTS and a message
// that already says how long to wait ("Too many package builds: try again in 42 s"); the components
// that run those calls show it as it is instead of a generic failure.

/** The refusal's message when the server answered TOO_MANY_REQUESTS, else null. */
export function rateLimitMessage(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const data = (error as { data?: { code?: unknown } | null }).data;
  return data?.code === 'TOO_MANY_REQUESTS' ? error.message : null;
}

/**
 * TanStack Query's `retry` for a limited query: a refusal is not retried (every retry would be refused
 * again within the same window); other failures get the library's default three retries.
 */
export function retryUnlessRateLimited(failureCount: number, error: unknown): boolean {
  return rateLimitMessage(error) === null && failureCount < 3;
}
