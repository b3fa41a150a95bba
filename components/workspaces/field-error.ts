/** What a failed mutation carries: its message and, for bad input, the fields zod named (in `data`). */
interface MutationError {
  message: string;
  data?: unknown;
}

/** zod's first message for `field`, when the server refused the input there. */
export function zodFieldMessage(error: MutationError | null, field: string): string | null {
  const fieldErrors = (error?.data as { zodError?: { fieldErrors?: Record<string, string[] | undefined> } | null } | null | undefined)
    ?.zodError?.fieldErrors;
  return fieldErrors?.[field]?.[0] ?? null;
}

/**
 * The message to show next to the control for `field`: zod's own message for that field when the
 * input was refused there, otherwise the server's message as it is (a conflict, a refusal).
 */
export function fieldError(error: MutationError | null, field: string): string | null {
  if (!error) return null;
  return zodFieldMessage(error, field) ?? error.message;
}
