import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { NextResponse } from 'next/server';
import { retryAfterSeconds, toTRPCError } from '../trpc/errors';

/**
 * The route handlers' answer to a failure, from the same map the procedures use: a JSON `{ error }`
 * with the status tRPC gives that code, `Retry-After` when waiting helps, and nothing of SQL,
 * parameters or stacks. `extra` adds fields a route's callers rely on (the ingest route's `issues`).
 */
export function errorResponse(route: string, error: unknown, extra: Record<string, unknown> = {}): Response {
  const mapped = toTRPCError(error);
  const status = getHTTPStatusCodeFromError(mapped);
  if (status >= 500) console.error(`${route} failed (${mapped.code}):`, mapped.cause ?? mapped);
  const retryAfter = retryAfterSeconds(mapped);
  return NextResponse.json(
    { error: mapped.message, ...extra },
    { status, headers: retryAfter === undefined ? undefined : { 'Retry-After': String(retryAfter) } },
  );
}

type RouteHandler = (request: Request) => Promise<Response>;

/** A route handler whose every failure, the database's included, is answered through `errorResponse`. */
export function answeringErrors(route: string, handler: RouteHandler): RouteHandler {
  return async (request) => {
    try {
      return await handler(request);
    } catch (error) {
      return errorResponse(route, error);
    }
  };
}
