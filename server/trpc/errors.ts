import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { isRefusedValue } from '../../engines/db/sql-state';
import { ConflictError, ForbiddenError, InvariantViolationError, NotFoundError } from '../../engines/errors';
import { ModelUnavailableError, PromptBuildError } from '../orchestrator/llm/errors';

// The one place that decides what a failure means to a caller. Procedures never catch: the base
// procedure's middleware passes every failure through `toTRPCError`.

/** `brandId: Invalid UUID; limit: Too big` — the field paths a person needs to fix the request. */
export function describeZodError(error: z.core.$ZodError): string {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'input'}: ${issue.message}`).join('; ');
}

/** Field errors keyed by dotted path, for forms; errors about the input as a whole go to formErrors. */
export function zodFieldErrors(error: z.core.$ZodError): { formErrors: string[]; fieldErrors: Record<string, string[]> } {
  const formErrors: string[] = [];
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    if (issue.path.length === 0) formErrors.push(issue.message);
    else (fieldErrors[issue.path.join('.')] ??= []).push(issue.message);
  }
  return { formErrors, fieldErrors };
}

export const REFUSED_VALUE_MESSAGE =
  'Invalid input: a value cannot be stored (text with a NUL character, or a date or id out of range)';

function fromKnownCause(cause: unknown): TRPCError | null {
  if (cause instanceof NotFoundError) return new TRPCError({ code: 'NOT_FOUND', message: cause.message, cause });
  if (cause instanceof ForbiddenError) return new TRPCError({ code: 'FORBIDDEN', message: cause.message, cause });
  if (cause instanceof InvariantViolationError) {
    return new TRPCError({ code: cause.kind === 'input' ? 'BAD_REQUEST' : 'CONFLICT', message: cause.message, cause });
  }
  if (cause instanceof ConflictError) return new TRPCError({ code: 'CONFLICT', message: cause.message, cause });
  if (cause instanceof ModelUnavailableError) return new TRPCError({ code: 'BAD_GATEWAY', message: cause.message, cause });
  if (cause instanceof PromptBuildError) return new TRPCError({ code: 'UNPROCESSABLE_CONTENT', message: cause.message, cause });
  if (cause instanceof z.core.$ZodError) {
    return new TRPCError({ code: 'BAD_REQUEST', message: `Invalid input: ${describeZodError(cause)}`, cause });
  }
  // The backstop behind input validation: a value the database cannot store is still bad input.
  if (isRefusedValue(cause)) return new TRPCError({ code: 'BAD_REQUEST', message: REFUSED_VALUE_MESSAGE, cause });
  return null;
}

/**
 * Engine errors and zod failures (tRPC wraps input-validation failures as BAD_REQUEST with the
 * ZodError as cause) become their code; a TRPCError thrown on purpose keeps its code; anything else
 * is INTERNAL_SERVER_ERROR with a message that reveals nothing.
 */
export function toTRPCError(error: unknown): TRPCError {
  const cause = error instanceof TRPCError && error.cause ? error.cause : error;
  const known = fromKnownCause(cause);
  if (known) return known;
  if (error instanceof TRPCError && error.code !== 'INTERNAL_SERVER_ERROR') return error;
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error', cause });
}
