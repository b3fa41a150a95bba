// Typed engine errors. The tRPC boundary maps each class to one error code (server/trpc/errors.ts);
// nothing else in the app decides what a failure means to the caller.

export class EngineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The row does not exist, is deleted, or belongs to another tenant or brand: callers cannot tell which. */
export class NotFoundError extends EngineError {
  constructor(entity: string, id?: string) {
    super(id ? `${entity} ${id} not found` : `${entity} not found`);
  }
}

export class ForbiddenError extends EngineError {}

/**
 * A business rule refused the change. `kind: 'input'` means the request itself is malformed for the
 * rule (BAD_REQUEST); `kind: 'state'` means the current state forbids it (CONFLICT).
 */
export class InvariantViolationError extends EngineError {
  constructor(
    message: string,
    readonly kind: 'input' | 'state' = 'state',
  ) {
    super(message);
  }
}

export class ConflictError extends EngineError {}
