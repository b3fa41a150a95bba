import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { z } from 'zod';
import { errorCode, isDatabaseUnavailable, isRefusedValue, type KairoErrorCode } from '../../engines/errors';

// The one place that decides what a failure means to a caller. Procedures never catch: the base
// procedure's middleware passes every failure through `toTRPCError`, and the route handlers answer
// through the same map (server/http/errors.ts). Failures are recognised by their `errorCode` field,
// never by class: the production bundle compiles each module once for pages and once for routes.

/** `brandId: Invalid UUID; limit: Too big` — the field paths a person needs to fix the request. */
export function describeZodError(error: z.core.$ZodError): string {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'input'}: ${issue.message}`).join('; ');
}

/** Field errors keyed by dotted path, for forms; errors about the input as a whole go to formErrors. */
export function zodFieldErrors(error: z.core.$ZodError): { formErrors: string[]; fieldErrors: Record<string, string[]> } {
  const formErrors: string[] = [];
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.');
    if (issue.path.length === 0) formErrors.push(issue.message);
    else fieldErrors[path] = [...(fieldErrors[path] ?? []), issue.message];
  }
  return { formErrors, fieldErrors };
}

export const REFUSED_VALUE_MESSAGE = 'Invalid input: a value cannot be stored (text with a NUL character, or a date or id out of range)';

export const DATABASE_UNAVAILABLE_MESSAGE = 'The database is not answering right now; try again in a few seconds';

const TRPC_CODE: Record<KairoErrorCode, TRPC_ERROR_CODE_KEY> = {
  not_found: 'NOT_FOUND',
  forbidden: 'FORBIDDEN',
  bad_input: 'BAD_REQUEST',
  conflict: 'CONFLICT',
  invalid_token: 'UNAUTHORIZED',
  rate_limited: 'TOO_MANY_REQUESTS',
  model_unavailable: 'BAD_GATEWAY',
  prompt_unbuildable: 'UNPROCESSABLE_CONTENT',
  database_unavailable: 'SERVICE_UNAVAILABLE',
};

/** The code of a TRPCError from any copy of @trpc/server, read by field (as tRPC itself does). */
export function trpcErrorCode(error: unknown): TRPC_ERROR_CODE_KEY | undefined {
  if (!(error instanceof Error) || error.name !== 'TRPCError') return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? (code as TRPC_ERROR_CODE_KEY) : undefined;
}

function fromKnownCause(cause: unknown): TRPCError | null {
  const code = errorCode(cause);
  if (code) return new TRPCError({ code: TRPC_CODE[code], message: (cause as Error).message, cause });
  // zod 4's classes check `instanceof` by trait, so this holds across bundles too.
  if (cause instanceof z.core.$ZodError) {
    return new TRPCError({ code: 'BAD_REQUEST', message: `Invalid input: ${describeZodError(cause)}`, cause });
  }
  // The backstop behind input validation: a value the database cannot store is still bad input.
  if (isRefusedValue(cause)) return new TRPCError({ code: 'BAD_REQUEST', message: REFUSED_VALUE_MESSAGE, cause });
  if (isDatabaseUnavailable(cause)) return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: DATABASE_UNAVAILABLE_MESSAGE, cause });
  return null;
}

/**
 * Kairo errors and zod failures (tRPC wraps input-validation failures as BAD_REQUEST with the
 * ZodError as cause) become their code; a TRPCError thrown on purpose keeps its code; anything else
 * is INTERNAL_SERVER_ERROR with a message that reveals nothing.
 */
export function toTRPCError(error: unknown): TRPCError {
  const ownCode = trpcErrorCode(error);
  const cause = ownCode && (error as Error).cause ? (error as Error).cause : error;
  const known = fromKnownCause(cause);
  if (known) return known;
  if (ownCode && ownCode !== 'INTERNAL_SERVER_ERROR') return error as TRPCError;
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error', cause });
}

/** Seconds a client should wait before trying again, when the failure says so. */
export function retryAfterSeconds(error: TRPCError): number | undefined {
  if (error.code === 'SERVICE_UNAVAILABLE') return 5;
  const seconds = (error.cause as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return error.code === 'TOO_MANY_REQUESTS' && typeof seconds === 'number' ? Math.max(1, Math.ceil(seconds)) : undefined;
}
