'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Errors in place, for every page: a refused action shows its real reason next to the control that
 * caused it, and focus goes to that reason, instead of a generic banner at the top of the page.
 *
 *   const errors = useErrorsInPlace();
 *   mutation.mutate(input, { onError: (error) => errors.report(`pin:${id}`, error) });
 *   <button … aria-describedby={errors.idFor(`pin:${id}`)}>Pin</button>
 *   <ErrorInPlace message={errors.messageFor(`pin:${id}`)} id={errors.idFor(`pin:${id}`)} onDismiss={() => errors.clear(`pin:${id}`)} />
 *
 * A key names the control (action and item), so two cards' refusals never show in each other's place.
 */

/** What a failed tRPC call (or any thrown error) carries. */
interface FailureLike {
  message?: unknown;
  data?: unknown;
}

const GENERIC_SERVER_MESSAGES = new Set(['Internal server error', 'INTERNAL_SERVER_ERROR', 'Failed to fetch', 'fetch failed']);

/** Said instead of a message that explains nothing (a crash hidden by the server, a dropped connection). */
export const UNEXPLAINED_FAILURE = 'That did not go through, and nothing was changed. Check your connection and try again.';

/**
 * The sentence a person reads for a failure: the server's own reason (a refusal names its rule, bad
 * input names its field), or a plain "nothing was changed, try again" when the message explains nothing.
 */
export function readableError(error: unknown): string {
  const failure = (error ?? {}) as FailureLike;
  const fieldErrors = (failure.data as { zodError?: { fieldErrors?: Record<string, string[] | undefined> } | null } | undefined)?.zodError
    ?.fieldErrors;
  const firstField = fieldErrors && Object.values(fieldErrors).find((messages) => messages && messages.length > 0)?.[0];
  if (firstField) return firstField;
  const message = typeof failure.message === 'string' ? failure.message.trim() : '';
  if (!message || GENERIC_SERVER_MESSAGES.has(message)) return UNEXPLAINED_FAILURE;
  return message;
}

const domId = (key: string) => `error-in-place-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** The page's refusals, each kept under the key of the control that caused it. */
export function useErrorsInPlace() {
  const [messages, setMessages] = useState<Record<string, string>>({});
  const report = useCallback((key: string, error: unknown) => setMessages((current) => ({ ...current, [key]: readableError(error) })), []);
  const clear = useCallback(
    (key?: string) =>
      setMessages((current) => {
        if (key === undefined) return {};
        if (!(key in current)) return current;
        const { [key]: _cleared, ...rest } = current;
        return rest;
      }),
    [],
  );
  return {
    report,
    clear,
    messageFor: (key: string): string | null => messages[key] ?? null,
    /** For the control's aria-describedby: set only while it has an error, so a reader hears the reason with it. */
    idFor: (key: string): string | undefined => (key in messages ? domId(key) : undefined),
    domIdFor: domId,
    hasAny: Object.keys(messages).length > 0,
  };
}

export type ErrorsInPlace = ReturnType<typeof useErrorsInPlace>;

interface ErrorInPlaceProps {
  /** Null renders nothing. */
  message: string | null;
  /** The id the control points at with aria-describedby. */
  id?: string;
  onDismiss?: () => void;
  className?: string;
}

/**
 * The reason, right where it is rendered (next to its control). When a message appears it is scrolled
 * into view and takes focus, so a keyboard or screen-reader user lands on it; Escape or "Dismiss" clears it.
 */
export function ErrorInPlace({ message, id, onDismiss, className }: ErrorInPlaceProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!message || !ref.current) return;
    ref.current.scrollIntoView({ block: 'nearest' });
    ref.current.focus({ preventScroll: true });
  }, [message]);
  if (!message) return null;
  return (
    <div
      ref={ref}
      id={id}
      className={`error-in-place${className ? ` ${className}` : ''}`}
      role="alert"
      tabIndex={-1}
      data-testid="error-in-place"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && onDismiss) onDismiss();
      }}
    >
      <span className="form-error">{message}</span>
      {onDismiss && (
        <button type="button" className="button button--quiet" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
