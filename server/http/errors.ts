import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { NextResponse } from 'next/server';
import { logger, requestIdFrom, withRequestId } from '../logging/logger';
import { retryAfterSeconds, toTRPCError } from '../trpc/errors';

/**
 * The route handlers' answer to a failure, from the same map the procedures use: a JSON `{ error }`
 * with the status tRPC gives that code, `Retry-After` when waiting helps, and nothing of SQL,
 * parameters or stacks. `extra` adds fields a route's callers rely on (the ingest route's `issues`).
 */
export function errorResponse(route: string, error: unknown, extra: Record<string, unknown> = {}): Response {
  const mapped = toTRPCError(error);
  const status = getHTTPStatusCodeFromError(mapped);
  if (status >= 500) logger.error({ route, code: mapped.code, err: mapped.cause ?? mapped }, 'route failed');
  const retryAfter = retryAfterSeconds(mapped);
  return NextResponse.json(
    { error: mapped.message, ...extra },
    { status, headers: retryAfter === undefined ? undefined : { 'Retry-After': String(retryAfter) } },
  );
}

type RouteHandler = (request: Request) => Promise<Response>;

/**
 * A route handler whose every failure, the database's included, is answered through `errorResponse`,
 * and whose every log line carries the request's id.
 */
export function answeringErrors(route: string, handler: RouteHandler): RouteHandler {
  return (request) =>
    withRequestId(requestIdFrom(request.headers), async () => {
      const startedAt = performance.now();
      const response = await handler(request).catch((error: unknown) => errorResponse(route, error));
      logger.info({ route, status: response.status, ms: Math.round(performance.now() - startedAt) }, 'route');
      return response;
    });
}
