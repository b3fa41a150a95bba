// Typed Kairo errors. Each carries a stable `errorCode`: the production bundler compiles these classes
// once for route handlers and once for pages, so an error made in one layer fails `instanceof` in the
// other. Callers read `errorCode(error)`, never the class. Each class also names itself with a literal,
// since minification renames classes and the audit trail records `name: message`.
// The tRPC boundary (server/trpc/errors.ts) and the route handlers' map (server/http/errors.ts) turn
// codes into answers; nothing else decides what a failure means to the caller.

export const KAIRO_ERROR_CODES = [
  'not_found',
  'forbidden',
  'bad_input',
  'conflict',
  'invalid_token',
  'rate_limited',
  'model_unavailable',
  'prompt_unbuildable',
  'database_unavailable',
] as const;
export type KairoErrorCode = (typeof KAIRO_ERROR_CODES)[number];

const CODES: ReadonlySet<string> = new Set(KAIRO_ERROR_CODES);

// A failure the database itself reported (a value it refused, a connection it lost) is not a Kairo error:
// no engine rule decided it. Callers above the engines recognise those two kinds through these helpers,
// so they never reach into engines/db.
export { isDatabaseUnavailable, isRefusedValue } from './db/sql-state';

export abstract class KairoError extends Error {
  abstract readonly errorCode: KairoErrorCode;
}

/** The Kairo error code of `error`, whichever bundle made it; undefined for any other value. */
export function errorCode(error: unknown): KairoErrorCode | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { errorCode?: unknown }).errorCode;
  return typeof code === 'string' && CODES.has(code) ? (code as KairoErrorCode) : undefined;
}

/** The row does not exist, is deleted, or belongs to another tenant or brand: callers cannot tell which. */
export class NotFoundError extends KairoError {
  override readonly name = 'NotFoundError';
  readonly errorCode = 'not_found';
  constructor(entity: string, id?: string) {
    super(id ? `${entity} ${id} not found` : `${entity} not found`);
  }
}

export class ForbiddenError extends KairoError {
  override readonly name = 'ForbiddenError';
  readonly errorCode = 'forbidden';
}

/**
 * A business rule refused the change. `kind: 'input'` means the request itself is malformed for the
 * rule (BAD_REQUEST); `kind: 'state'` means the current state forbids it (CONFLICT).
 */
export class InvariantViolationError extends KairoError {
  override readonly name: string = 'InvariantViolationError';
  readonly errorCode: 'bad_input' | 'conflict';
  constructor(
    message: string,
    readonly kind: 'input' | 'state' = 'state',
  ) {
    super(message);
    this.errorCode = kind === 'input' ? 'bad_input' : 'conflict';
  }
}

export class ConflictError extends KairoError {
  override readonly name = 'ConflictError';
  readonly errorCode = 'conflict';
}

/**
 * A lifecycle move the hard rules block (a taboo, the channel limit, an empty or invalid draft, a
 * draft never approved) that a person may still make with `override: {reason}`. CONFLICT, with the
 * list in `violations` so the client can show it in the override dialog.
 */
export class OverrideRequiredError extends InvariantViolationError {
  override readonly name = 'OverrideRequiredError';
  constructor(
    message: string,
    readonly violations: readonly string[],
  ) {
    super(message, 'state');
  }
}

/** The violations an OverrideRequiredError carries, whichever bundle made it; null for any other value. */
export function errorViolations(error: unknown): string[] | null {
  if (typeof error !== 'object' || error === null) return null;
  const violations = (error as { violations?: unknown }).violations;
  return Array.isArray(violations) && violations.every((v) => typeof v === 'string') ? [...violations] : null;
}
