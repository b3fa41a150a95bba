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

/**
 * Connection exceptions (08), the server shutting down or cancelling a statement (57P01–57P03, 57014: a
 * statement timeout), too many connections and other resource limits (53): the database, not the
 * request, is at fault, and the same request may succeed in a moment.
 */
const UNAVAILABLE_STATES = /^(08|53|57P0[123]$|57014$)/;
/** Socket errors Node reports when the server cannot be reached or drops the connection. */
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
/** node-postgres reports a lost or never-made connection with a message and no code. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|connection error and is not queryable|Query read timeout|connect ECONNREFUSED/i;

/** True when a query failed because the database could not be reached or answered in time. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const state = sqlState(error);
  if (state !== undefined && (UNAVAILABLE_STATES.test(state) || UNAVAILABLE_SOCKET_CODES.has(state))) return true;
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if (UNAVAILABLE_MESSAGES.test(current.message)) return true;
  }
  return false;
}
