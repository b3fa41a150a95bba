/**
 * What no answer may carry: SQL or its parameters, a stack, a source path, or a JavaScript engine
 * error passed through as if it were a message for the caller.
 */
const LEAKS: [string, RegExp][] = [
  ['SQL', /\bselect\b[\s\S]*\bfrom\b|\binsert\s+into\b|\bupdate\s+"?\w+"?\s+set\b|\bdelete\s+from\b/i],
  ['a failed query', /Failed query/i],
  ['query parameters', /\bparams:/i],
  ['a stack frame', /\n\s+at\s|\bat\s+\S+\s+\(.*:\d+:\d+\)/],
  ['a source path', /node_modules|\.next-http|\/work\/|\.m?js:\d+/],
  ['a stack field', /"stack"\s*:/],
  // JSON.parse's own messages ("Unexpected token … is not valid JSON") do tell a client what it sent wrong.
  ['an engine error', /Maximum call stack|Cannot read properties|is not a function|is not iterable|\bTypeError\b|\bRangeError\b/],
  ['a PostgreSQL error', /\bSQLSTATE\b|\bviolates\b.*\bconstraint\b|\brelation\b.*\bdoes not exist\b|invalid input syntax/i],
];

/** The reasons an error message is not one a client should get (empty when it is clear). */
export function unclearMessage(message: string | undefined, wholeBody: string): string[] {
  const problems: string[] = [];
  if (!message?.trim()) problems.push('no message');
  for (const [what, pattern] of LEAKS) if (pattern.test(wholeBody)) problems.push(`carries ${what}`);
  return problems;
}

/** The message of a route handler's JSON error (`{ error }`) or of a tRPC error shape. */
export function jsonErrorMessage(json: unknown): string | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const body = json as { error?: unknown };
  if (typeof body.error === 'string') return body.error;
  const shape = (body.error as { json?: { message?: unknown } } | undefined)?.json;
  return typeof shape?.message === 'string' ? shape.message : undefined;
}

/** A failing answer, compact enough for a report: status and the start of the body. */
export function excerpt(status: number, text: string): string {
  return `${status} ${text.length > 300 ? `${text.slice(0, 300)}…` : text}`;
}
