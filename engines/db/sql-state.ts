// PostgreSQL reports a value it cannot store or read with an SQLSTATE of class 22 (data exception).
// When such a value slips past input validation it is still the caller's mistake, not the server's.

/**
 * Values the database refused: a NUL in text (22021) or jsonb (22P05), text that is not the column's
 * type (22P02), a date it cannot represent (22007 format, 22008 out of range, 22009 zone offset).
 */
const REFUSED_VALUE_STATES = new Set(['22021', '22P05', '22P02', '22007', '22008', '22009']);

/** The SQLSTATE of a driver error; Drizzle wraps the driver's error (PGlite and postgres.js alike) as `cause`. */
export function sqlState(error: unknown): string | undefined {
  let current: unknown = error;
  while (current instanceof Error) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

/** True when the database refused a value the request carried. */
export function isRefusedValue(error: unknown): boolean {
  const state = sqlState(error);
  return state !== undefined && REFUSED_VALUE_STATES.has(state);
}
